// Statistics (function `stats`): the nightly snapshot job on its own timer (config.json) and the console's reading of
// the snapshots and their cohort tables (operator, analyst, admin; core/roles.ts). Kept apart from `jobs` and `admin` for their bundle sizes.
import type { Output, ParsedInput } from '../../contract';
import { stats as contract } from '../../contract/stats';
import type { DailyStatsDoc } from '../core/documents';
import { defineFunction, staffAction, type StaffContext } from '../runtime/handler';
import { runDailySnapshot } from './snapshot';

const LATER_FIGURES = { tiers: null, sales: null, pointsDetail: null, engagement: null, referrals: null, mall: null, nps: null };

// Leaves headroom inside the function timeout (config.json: 60 s) to record the run and return.
const BUDGET_MS = 45_000;

export const main = defineFunction({
  name: 'stats',
  contract,
  actions: {
    snapshots: staffAction(async ({ db, input }: StaffContext<ParsedInput<'stats', 'snapshots'>>): Promise<Output<'stats', 'snapshots'>> => {
      const _ = db.command;
      const { data } = await db.collection('daily_stats')
        .where({ day: _.gte(input.from).and(_.lte(input.to)), status: 'done' })
        .orderBy('day', 'asc').limit(400).field({ day: true, asOf: true, snapshot: true }).get();
      // A snapshot written before a figure existed answers it as null.
      const snapshots = (data as unknown as DailyStatsDoc[]).flatMap((d) => (d.snapshot ? [{ day: d.day, asOf: new Date(d.asOf).toISOString(), ...LATER_FIGURES, ...d.snapshot }] : []));
      return { from: input.from, to: input.to, snapshots };
    }),
    cohorts: staffAction(async ({ db, input }: StaffContext<ParsedInput<'stats', 'cohorts'>>): Promise<Output<'stats', 'cohorts'>> => {
      const where = input.day ? { _id: input.day, status: 'done' } : { status: 'done' };
      const { data } = await db.collection('daily_stats').where(where).orderBy('day', 'desc').limit(1).field({ day: true, cohorts: true }).get();
      const doc = data[0] as unknown as Pick<DailyStatsDoc, 'day' | 'cohorts'> | undefined;
      if (!doc?.cohorts) return { day: null, asOfMonth: null, rows: [] };
      return { day: doc.day, asOfMonth: doc.cohorts.asOfMonth, rows: doc.cohorts.rows };
    }),
  },
  onTimer: async ({ db, now }) => runDailySnapshot(db, now, BUDGET_MS),
});
