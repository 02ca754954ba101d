// The nightly statistics snapshot (function `stats`): the console reads the finished snapshots of a date range.
// The job that writes them is the function's timer (cloudfunctions/stats/snapshot.ts; docs/loyalty-rules.md).
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, day, integer, iso, nullable, number, object, opt, text } from './fields';

const DAY_MS = 86_400_000;
const MAX_STATS_DAYS = 366;
const span = (p: { from: string; to: string }) => (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / DAY_MS;

const mismatch = object({ openid: text(), balance: integer(), ledger: integer() });
const salesRow = <S extends Record<string, z.ZodMiniType>>(key: S) => object({ ...key, orders: integer(), gmvFen: integer(), points: integer() });
const npsFields = { responses: integer(), promoters: integer(), passives: integer(), detractors: integer(), score: nullable(number()) };
const npsView = object(npsFields);

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
  // The figures below are null in a snapshot written before they existed.
  /** Tier changes of the day (from the tier-change messages every change records). */
  tiers: nullable(object({ promotions: integer(), demotions: integer() })),
  /** The day's paid orders per format, per store (with its format) and per pair; `points` = what they earned. */
  sales: nullable(object({
    refunds: integer(), refundFen: integer(),
    byFormat: array(salesRow({ format: text() })),
    byStore: array(salesRow({ storeId: text(), format: text() })),
  })),
  /** The day's points by source (the ledger key's prefix: order, checkin, task, registration, mall...), by format and by store (of the lots drawn). */
  pointsDetail: nullable(object({
    bySource: array(object({ type: text(), source: text(), points: integer(), entries: integer() })),
    byFormat: array(object({ type: text(), format: text(), points: integer() })),
    byStore: array(object({ type: text(), storeId: text(), points: integer() })),
    /** Outstanding points in lots per issuing format and store ('' = none); Σ lots − debt = outstandingPoints. */
    outstanding: object({ lots: integer(), debt: integer(), byFormat: array(object({ format: text(), points: integer() })), byStore: array(object({ storeId: text(), points: integer() })) }),
  })),
  engagement: nullable(object({
    /** Members who checked in for the day, and their share of all members. */
    checkins: object({ members: integer(), rate: number() }),
    /** Task rewards claimed during the day, per task. */
    tasks: object({ claims: integer(), members: integer(), byTask: array(object({ taskId: text(), claims: integer() })) }),
  })),
  /** Invitees bound during the day and invitees' first orders; the window: invitees bound in the activity window, of whom ordered. */
  referrals: nullable(object({ registered: integer(), firstOrders: integer(), window: object({ days: integer(), invited: integer(), ordered: integer(), rate: number() }) })),
  mall: nullable(object({
    redemptions: integer(), units: integer(), points: integer(), cancelled: integer(),
    byItem: array(object({ itemId: text(), itemName: text(), redemptions: integer(), units: integer(), points: integer() })),
    /** Vouchers written off during the day: mall redemptions and tier-benefit vouchers, per store. */
    writeOffs: object({ mall: integer(), benefit: integer(), total: integer(), byStore: array(object({ storeId: text(), count: integer() })) }),
  })),
  /** Net promoter score (promoters 9-10 minus detractors 0-6, as a percentage of answers) of the day and of its month to date. */
  nps: nullable(object({ day: npsView, month: object({ month: text(), ...npsFields }) })),
});

const cohortRow = object({
  /** Month of joining (Shanghai), 'YYYY-MM'. */
  month: text(), members: integer(),
  /** Index = months since joining (0 = the month of joining): members who purchased (an order not fully refunded) in that month, and their share of the cohort. */
  buyers: array(integer()), buyerShare: array(number()),
  /** The same for members who redeemed in the points mall (a redemption not cancelled). */
  redeemers: array(integer()), redeemerShare: array(number()),
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
  /**
   * The retention tables by month of joining as of a day's snapshot (`day`; without it the latest finished one):
   * purchases and mall redemptions per month since joining. `day` null: no finished snapshot (with cohorts) yet.
   */
  cohorts: action({
    input: z.strictObject({ day: opt(day()) }),
    output: object({ day: nullable(day()), asOfMonth: nullable(text()), rows: array(cohortRow) }),
  }),
};
