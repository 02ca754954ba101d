// staff.settlement: for a period, the points each business format issued that another redeemed, and their value in
// fen, computed from the ledger's spend and refund entries (core/settlement.ts). Managers and admins only.
import type { Output, ParsedInput } from '../../contract';
import { settle, type SettlementEntry } from '../core/settlement';
import { addDays, shanghaiDayStart } from '../core/time';
import { loadConfig } from '../runtime/configStore';
import type { StaffContext } from '../runtime/handler';
import { formatNames } from './stores';

const PAGE = 1000;

export async function settlement({ db, input, now }: StaffContext<ParsedInput<'staff', 'settlement'>>): Promise<Output<'staff', 'settlement'>> {
  const start = shanghaiDayStart(input.from);
  const end = shanghaiDayStart(addDays(input.to, 1));
  const _ = db.command;
  const [config, names] = await Promise.all([loadConfig(db), formatNames(db)]);
  const entries: SettlementEntry[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await db.collection('point_ledger')
      .where({ type: _.in(['spend', 'refund']), createdAt: _.gte(start).and(_.lt(end)) })
      .orderBy('createdAt', 'asc').orderBy('_id', 'asc').skip(skip).limit(PAGE)
      .field({ type: true, amount: true, lots: true, settledDebt: true, redeemFormat: true }).get();
    entries.push(...data);
    if (data.length < PAGE) break;
  }
  const report = settle(entries, config.settlement.fenPerPoint);
  const nameOf = (f: string) => names[f] ?? f;
  return {
    from: input.from,
    to: input.to,
    generatedAt: now.toISOString(),
    fenPerPoint: config.settlement.fenPerPoint,
    rows: report.rows.map((r) => ({ ...r, issuerName: nameOf(r.issuerFormat), redeemerName: nameOf(r.redeemerFormat) })),
    byIssuer: report.byIssuer,
    byRedeemer: report.byRedeemer,
    balanceFen: report.balanceFen,
    formatNames: names,
    totals: report.totals,
    ledger: report.ledger,
    reconciled: report.totals.points === report.ledger.net,
  };
}
