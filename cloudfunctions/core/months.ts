// Calendar-month arithmetic on Shanghai days ('YYYY-MM-DD'), for expiry, tier periods and monthly credits.
import { shanghaiDay, shanghaiDayStart, shanghaiParts } from './time';

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The same day `n` months later (earlier when negative), clamped to the month's last day: 03-31 + 1 month = 04-30. */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const date = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** 'YYYY-MM' of the Shanghai month containing `at`. */
export function shanghaiMonth(at: Date): string {
  return shanghaiDay(at).slice(0, 7);
}

/** The instant `n` calendar months after `at`, aligned to the start of that Shanghai day. */
export function monthsLaterDayStart(at: Date, n: number): Date {
  return shanghaiDayStart(addMonths(shanghaiDay(at), n));
}

/**
 * Whole calendar months from the month of `from` to the month of `to` (Shanghai), less one (never below 0): `from`'s
 * date that many months later, or fewer, still falls before the month of `to` (a loop over monthly dates may start there).
 */
export function monthsSafelyBefore(from: Date, to: Date): number {
  const a = shanghaiParts(from);
  const b = shanghaiParts(to);
  return Math.max(0, (b.year - a.year) * 12 + (b.month - a.month) - 1);
}
