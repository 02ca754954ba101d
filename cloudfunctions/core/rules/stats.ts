// The nightly statistics snapshot [`stats`]. See docs/loyalty-rules.md section "The nightly snapshot".
// The value of a point in the liability is settlement.fenPerPoint (one number for what a redeemed point costs).
import * as z from 'zod/mini';
import { int } from './fields';

export const statsSchema = z.strictObject({
  /** A member is active when they purchased within this many days up to the snapshot day's end. */
  activeDays: int('活跃会员统计天数不正确', 1, 366),
  /** Months of the programme's own spend and expiry history the breakage rate is estimated from. */
  breakageMonths: int('过期率估算月数不正确', 1, 60),
  /** Members per resumable chunk of the job (one page of ids, at most the 1000 a query answers, then a few grouped requests). */
  membersPerChunk: int('每批统计会员数不正确', 1, 1000),
});

export type StatsRules = z.infer<typeof statsSchema>;

export const DEFAULT_STATS_RULES: StatsRules = { activeDays: 30, breakageMonths: 12, membersPerChunk: 500 };
