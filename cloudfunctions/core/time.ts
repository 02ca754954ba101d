// Business days are Asia/Shanghai days (UTC+8, no DST); cloud functions run in UTC.
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** 'YYYY-MM-DD' of the Asia/Shanghai calendar day containing `at`. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai day ('YYYY-MM-DD') starts. */
export function shanghaiDayStart(day: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a day: ${day}`);
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS);
}

export function addDays(day: string, n: number): string {
  return shanghaiDay(new Date(shanghaiDayStart(day).getTime() + n * DAY_MS));
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((shanghaiDayStart(to).getTime() - shanghaiDayStart(from).getTime()) / DAY_MS);
}

export interface ShanghaiParts { year: number; month: number; day: number; weekday: number }

/** Calendar parts in Asia/Shanghai; weekday 0 = Sunday. */
export function shanghaiParts(at: Date): ShanghaiParts {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** The first instant of the Shanghai year after the one containing `at`. */
export function endOfShanghaiYear(at: Date, yearsAfter = 0): Date {
  const { year } = shanghaiParts(at);
  return shanghaiDayStart(`${year + 1 + yearsAfter}-01-01`);
}

/** 'HH:mm' in Shanghai. */
export function shanghaiTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}
