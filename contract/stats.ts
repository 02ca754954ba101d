// The nightly statistics snapshot (function `stats`): the console reads the finished snapshots of a date range.
// The job that writes them is the function's timer (cloudfunctions/stats/snapshot.ts; docs/loyalty-rules.md).
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, day, integer, iso, nullable, number, object, text } from './fields';

const DAY_MS = 86_400_000;
const MAX_STATS_DAYS = 366;
const span = (p: { from: string; to: string }) => (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / DAY_MS;

const mismatch = object({ openid: text(), balance: integer(), ledger: integer() });

export const snapshotView = object({
  day: day(),
  asOf: iso(),
  members: object({ total: integer(), new: integer(), byTier: array(object({ level: integer(), members: integer() })), byStage: array(object({ stage: text(), members: integer() })), byChannel: nullable(array(object({ channel: text(), members: integer() }))) }),
  active: object({ days: integer(), members: integer(), rate: number() }),
  orders: object({ count: integer(), gmvFen: integer() }),
  arpu: object({ windowGmvFen: integer(), perMemberFen: integer(), perActiveMemberFen: integer() }),
  repurchase: object({ buyers: integer(), repeaters: integer(), rate: number() }),
  points: object({ issued: integer(), spent: integer(), expired: integer(), byType: array(object({ type: text(), points: integer(), entries: integer() })) }),
  outstandingPoints: integer(),
  liability: object({
    outstandingPoints: integer(), fenPerPoint: number(), grossFen: integer(), breakageRate: number(), expectedBreakagePoints: integer(), netFen: integer(),
    historyMonths: integer(), historyExpired: integer(), historySpent: integer(),
  }),
  expirySchedule: object({ months: array(object({ month: text(), points: integer() })), later: integer() }),
  reconciliation: object({ balances: integer(), ledger: integer(), ok: bool(), mismatchCount: integer(), mismatches: array(mismatch) }),
});

export const stats = {
  /**
   * The finished daily snapshots from `from` to `to` (Shanghai days, at most 366), oldest first; a day the job has not
   * finished (or never ran) is absent. Balances, the liability and the expiry schedule are as of `asOf` (the job's
   * first chunk, shortly after the day ended); the day's flows (orders, points by type, new members) are the day's.
   */
  snapshots: action({
    input: z.strictObject({ from: day(), to: day() }).check(
      z.refine((p) => span(p) >= 0, { message: '开始日期不能晚于结束日期' }),
      z.refine((p) => span(p) < MAX_STATS_DAYS, { message: `统计区间最长 ${MAX_STATS_DAYS} 天` }),
    ),
    output: object({ from: day(), to: day(), snapshots: array(snapshotView) }),
  }),
};
