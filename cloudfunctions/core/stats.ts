// The nightly statistics snapshot, its pure parts: the breakage estimator, the points liability, the 12-month
// schedule of points due to expire, ARPU and rates, and how per-chunk totals add up. The job (cloudfunctions/stats)
// feeds them with grouped database aggregations; docs/loyalty-rules.md "The nightly snapshot" explains each figure.
import type { Lot } from './ledger';
import { shanghaiDayStart, shanghaiParts } from './time';

/** Share `part / whole` rounded to 4 decimals; 0 when the whole is 0. */
export const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/** Average revenue per member in whole fen (rounded); 0 for no members. */
export const arpuFen = (gmvFen: number, members: number) => (members > 0 ? Math.round(gmvFen / members) : 0);

/**
 * Expected breakage: of the points that left members' balances by spending or by expiring in the history window,
 * the share that expired. A simple estimator of the share of today's outstanding points that will never be redeemed;
 * 0 when the programme has no history yet (the liability is then the full value).
 */
export const breakageRate = (expired: number, spent: number) => rate(Math.max(0, expired), Math.max(0, expired) + Math.max(0, spent));

export interface Liability {
  outstandingPoints: number;
  fenPerPoint: number;
  /** Outstanding points at the value per point. */
  grossFen: number;
  breakageRate: number;
  /** Points expected to expire unredeemed: outstanding × breakage rate (rounded). */
  expectedBreakagePoints: number;
  /** (outstanding − expected breakage) at the value per point: what the programme expects to honour. */
  netFen: number;
}

/** The points liability; a negative total balance (debt exceeding points) counts as no liability. */
export function pointsLiability(outstandingPoints: number, fenPerPoint: number, breakage: number): Liability {
  const base = Math.max(0, outstandingPoints);
  const expectedBreakagePoints = Math.round(base * breakage);
  return {
    outstandingPoints,
    fenPerPoint,
    grossFen: Math.round(base * fenPerPoint),
    breakageRate: breakage,
    expectedBreakagePoints,
    netFen: Math.round((base - expectedBreakagePoints) * fenPerPoint),
  };
}

export const SCHEDULE_MONTHS = 12;

/**
 * The bucket boundaries of the expiry schedule as of `asOf`: `asOf`, then the starts of the next 12 Shanghai months.
 * Bucket i holds points expiring in [boundaries[i], boundaries[i+1]): the rest of this month, then each month.
 */
export function expiryBoundaries(asOf: Date): Date[] {
  const { year, month } = shanghaiParts(asOf);
  const out = [asOf];
  for (let i = 1; i <= SCHEDULE_MONTHS; i++) {
    const m = month - 1 + i;
    out.push(shanghaiDayStart(`${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`));
  }
  return out;
}

export interface ExpirySchedule {
  /** 12 rows: 'YYYY-MM' (Shanghai) and the points due to expire in it (the first month from `asOf` on). */
  months: Array<{ month: string; points: number }>;
  /** Points expiring after the 12 months. */
  later: number;
}

const monthOf = (start: Date) => { const p = shanghaiParts(start); return `${p.year}-${String(p.month).padStart(2, '0')}`; };

/** An empty schedule as of `asOf`. */
export const emptySchedule = (asOf: Date): ExpirySchedule =>
  ({ months: expiryBoundaries(asOf).slice(0, SCHEDULE_MONTHS).map((b) => ({ month: monthOf(b), points: 0 })), later: 0 });

/** Adds `points` expiring at `expiresAt` (after `asOf`) to the schedule. */
function addToSchedule(schedule: ExpirySchedule, boundaries: Date[], expiresAt: Date, points: number) {
  const t = expiresAt.getTime();
  if (t < boundaries[0].getTime() || points <= 0) return;
  const i = boundaries.findIndex((b, k) => k < SCHEDULE_MONTHS && t >= b.getTime() && t < boundaries[k + 1].getTime());
  if (i >= 0) schedule.months[i].points += points;
  else schedule.later += points;
}

/** The schedule from lots (or rows of remaining points grouped by expiry instant): points due per Shanghai month. */
export function scheduleFromLots(lots: Array<Pick<Lot, 'remaining' | 'expiresAt'>>, asOf: Date): ExpirySchedule {
  const schedule = emptySchedule(asOf);
  const boundaries = expiryBoundaries(asOf);
  for (const lot of lots) addToSchedule(schedule, boundaries, new Date(lot.expiresAt), lot.remaining);
  return schedule;
}

/** Adds two schedules of the same `asOf`. */
export const addSchedules = (a: ExpirySchedule, b: ExpirySchedule): ExpirySchedule =>
  ({ months: a.months.map((m, i) => ({ month: m.month, points: m.points + (b.months[i]?.points ?? 0) })), later: a.later + b.later });

/** Adds counters key by key (a missing key is 0). */
export function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

// --- the figures added to the first snapshot: detail by source, format and store, engagement, the mall, referrals,
// NPS, cohorts. Each chunk's part is a MoreTotals; the parts add up with addDeep (numbers add, labels are kept). ---

/** A key of a totals map from free-form parts (formats, store ids, item ids): never empty, no '.' or '$' (field names). */
export const totalsKey = (...parts: string[]) => `k:${parts.map((p) => p.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)).join('|')}`;

export interface CohortCounts { members: number; buyers: Record<string, number>; redeemers: Record<string, number> }

export interface MoreTotals {
  /** Members per registration channel (core/stats.ts registrationChannel). */
  byChannel: Record<string, number>;
  promotions: number; demotions: number;
  refunds: number; refundFen: number;
  /** The day's paid orders per (format, store). */
  sales: Record<string, { format: string; storeId: string; orders: number; gmvFen: number; points: number }>;
  /** The day's ledger per (type, source): signed points and entries. */
  bySource: Record<string, { type: string; source: string; points: number; entries: number }>;
  /** The day's ledger per (type, format): an entry's lot draws where it has them (spend, expire, reverse, refund), else its own format. */
  byFormat: Record<string, { type: string; format: string; points: number }>;
  /** The day's lot draws per (type, store). */
  byStore: Record<string, { type: string; storeId: string; points: number }>;
  /** Points left in lots per issuing format and store, their total, and the members' debt. */
  lotsByFormat: Record<string, { format: string; points: number }>;
  lotsByStore: Record<string, { storeId: string; points: number }>;
  lots: number; debt: number;
  checkins: number;
  taskClaims: Record<string, { taskId: string; claims: number }>; taskMembers: number;
  referralsRegistered: number; referralFirstOrders: number; referralWindowInvited: number; referralWindowOrdered: number;
  redemptions: Record<string, { itemId: string; itemName: string; redemptions: number; units: number; points: number }>;
  cancelled: number;
  writeOffsMall: number; writeOffsBenefit: number;
  writeOffsByStore: Record<string, { storeId: string; count: number }>;
  /** NPS answers per score (`s0`...`s10`) of the day and of its month to date. */
  npsDay: Record<string, number>; npsMonth: Record<string, number>;
  /** Per month of joining: members, and per months since joining (keys `m0`, `m1`...) the members who purchased / redeemed in that month. */
  cohorts: Record<string, CohortCounts>;
}

export const emptyMore = (): MoreTotals => ({
  byChannel: {}, promotions: 0, demotions: 0, refunds: 0, refundFen: 0, sales: {}, bySource: {}, byFormat: {}, byStore: {},
  lotsByFormat: {}, lotsByStore: {}, lots: 0, debt: 0, checkins: 0, taskClaims: {}, taskMembers: 0,
  referralsRegistered: 0, referralFirstOrders: 0, referralWindowInvited: 0, referralWindowOrdered: 0,
  redemptions: {}, cancelled: 0, writeOffsMall: 0, writeOffsBenefit: 0, writeOffsByStore: {}, npsDay: {}, npsMonth: {}, cohorts: {},
});

/** Adds two totals of the same shape: numbers add, nested records add key by key, other values (labels) keep `b`'s. */
export function addDeep<T>(a: T, b: T): T {
  if (typeof a === 'number' && typeof b === 'number') return (a + b) as T;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = k in out ? addDeep(out[k], v) : v;
    return out as T;
  }
  return (b ?? a) as T;
}

/**
 * How a member came: 'import' (claimed a record migrated from a legacy system), 'referral' (registered with an
 * invite code that bound), else 'direct' (opened the mini-program on their own). Members record no channel field;
 * these are the traces registration leaves.
 */
export const REGISTRATION_CHANNELS = ['direct', 'referral', 'import'] as const;

/** What earned or took the points of a ledger entry: its idempotency key up to the first ':' (order, checkin, task, mall...). */
export const entrySource = (key: string) => key.split(':')[0] || 'other';

export const NPS_PROMOTER = 9;
export const NPS_DETRACTOR = 6;

export interface NpsFigure { responses: number; promoters: number; passives: number; detractors: number; score: number | null }

/** NPS from answers per score (keys `s0`...`s10`): (promoters − detractors) / answers × 100, one decimal; null without answers. */
export function npsOf(byScore: Record<string, number>): NpsFigure {
  let promoters = 0; let passives = 0; let detractors = 0;
  for (const [key, n] of Object.entries(byScore)) {
    const score = Number(key.replace(/^s/, ''));
    if (score >= NPS_PROMOTER) promoters += n;
    else if (score <= NPS_DETRACTOR) detractors += n;
    else passives += n;
  }
  const responses = promoters + passives + detractors;
  return { responses, promoters, passives, detractors, score: responses > 0 ? Math.round(((promoters - detractors) / responses) * 1000) / 10 : null };
}

/** Months from `from` to `to` ('YYYY-MM' each). */
export const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

/** The Shanghai month 'YYYY-MM' of an instant. */
export const shanghaiMonth = (at: Date) => monthOf(at);

export interface CohortRow {
  /** Month of joining, 'YYYY-MM' (Shanghai). */
  month: string;
  members: number;
  /** Index = months since joining (0 = the month of joining) up to the table's month: members who purchased in that month, and their share of the cohort. */
  buyers: number[]; buyerShare: number[];
  /** The same for members who redeemed in the points mall (a redemption not cancelled). */
  redeemers: number[]; redeemerShare: number[];
}

export interface CohortTable { asOfMonth: string; rows: CohortRow[] }

/** The retention tables as of `asOfMonth` from the cohort counts (oldest cohort first; months after asOfMonth dropped). */
export function cohortTable(cohorts: Record<string, CohortCounts>, asOfMonth: string): CohortTable {
  const rows = Object.entries(cohorts)
    .filter(([month]) => month <= asOfMonth)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, c]) => {
      const span = monthsBetween(month, asOfMonth) + 1;
      const buyers = Array.from({ length: span }, (_, k) => c.buyers[`m${k}`] ?? 0);
      const redeemers = Array.from({ length: span }, (_, k) => c.redeemers[`m${k}`] ?? 0);
      return { month, members: c.members, buyers, buyerShare: buyers.map((n) => rate(n, c.members)), redeemers, redeemerShare: redeemers.map((n) => rate(n, c.members)) };
    });
  return { asOfMonth, rows };
}
