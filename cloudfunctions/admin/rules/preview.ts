// A rule change before it is saved: whether setConfig would take it, each effective rule it changes, and for a new
// tier ladder how many members (by their growth today) would qualify higher or lower: one bucket aggregation over
// the members, whatever their number.
import type { Output, ParsedInput } from '../../../contract';
import { checkOverrides, describeProblems, type LoyaltyConfig } from '../../core/config';
import { diffRules } from '../../core/configDiff';
import { growthBands, tierImpact } from '../../core/tierImpact';
import { loadConfig } from '../../runtime/configStore';
import type { Database } from '../../runtime/dbTypes';
import type { StaffContext } from '../../runtime/handler';

async function membersPerBand(db: Database, bands: number[]): Promise<number[]> {
  const $ = db.command.aggregate;
  const { list } = await db.collection('members').aggregate()
    .bucket({ groupBy: '$growth.total', boundaries: [...bands, Number.MAX_SAFE_INTEGER], default: 'other', output: { count: $.sum(1) } })
    // One row per band and the default: without a limit the service answers at most 20 rows.
    .limit(bands.length + 1)
    .end();
  const counts = bands.map(() => 0);
  for (const row of list as Array<{ _id: number | string; count: number }>) {
    const i = bands.indexOf(Number(row._id));
    if (i >= 0) counts[i] = row.count;
  }
  return counts;
}

export async function previewConfig({ db, input }: StaffContext<ParsedInput<'admin', 'previewConfig'>>): Promise<Output<'admin', 'previewConfig'>> {
  const current: LoyaltyConfig = await loadConfig(db);
  const checked = checkOverrides(input.rules);
  if (!checked.ok) return { valid: false, problems: describeProblems(checked.problems).split('；'), changes: [], tierImpact: null };
  const next = checked.config;
  const changes = diffRules(current, next);
  const tiersChanged = changes.some((c) => c.path.startsWith('tiers'));
  const bands = growthBands(current.tiers, next.tiers);
  return {
    valid: true, problems: [], changes,
    tierImpact: tiersChanged ? tierImpact(bands, await membersPerBand(db, bands), current.tiers, next.tiers) : null,
  };
}
