// How far back staff may date a purchase they record (`staff.backdateDays` per role, in Shanghai days): 0 = today
// only. A purchase dated before today is a backfill, and the store's activity log says so.
import type { LoyaltyConfig } from '../core/config';
import { AppError } from '../core/errors';
import { ROLE_NAMES, type TillRole } from '../core/roles';
import { addDays, shanghaiDay, shanghaiDayStart } from '../core/time';

/** The earliest payment time `role` may give at `now`: 00:00 Shanghai time, `backdateDays` days before today. */
export function earliestPaidAt(role: TillRole, now: Date, config: LoyaltyConfig): Date {
  return shanghaiDayStart(addDays(shanghaiDay(now), -config.staff.backdateDays[role]));
}

/** INVALID_INPUT when `paidAt` is earlier than `role` may book; whether it is a backfill (before today) otherwise. */
export function checkBackdate(paidAt: Date, role: TillRole, now: Date, config: LoyaltyConfig): { backdated: boolean } {
  const days = config.staff.backdateDays[role];
  if (paidAt.getTime() < earliestPaidAt(role, now, config).getTime()) {
    throw new AppError('INVALID_INPUT', days === 0 ? `${ROLE_NAMES[role]}只能补录当天的消费` : `${ROLE_NAMES[role]}只能补录 ${days} 天内的消费`);
  }
  return { backdated: shanghaiDay(paidAt) < shanghaiDay(now) };
}
