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
