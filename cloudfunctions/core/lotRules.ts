// When a lot of points expires, when it becomes spendable, and in which order lots are drawn.
import type { LoyaltyConfig } from './config';
import { addMonths } from './months';
import { addDays, endOfShanghaiYear, shanghaiDay, shanghaiDayStart } from './time';

export interface LotTiming {
  lotId: string;
  remaining: number;
  earnedAt: Date;
  expiresAt: Date;
  availableAt: Date;
}

/**
 * yearEnd: points earned in Shanghai year Y expire at 00:00 on 1 January of Y + 1 + yearsAfter (the default
 * yearsAfter 1: usable until 31 December of the next year). rolling: usable until the same date `months` later,
 * expiring at 00:00 of the day after.
 */
export function lotExpiresAt(earnedAt: Date, config: LoyaltyConfig): Date {
  const expiry = config.points.expiry;
  if (expiry.mode === 'yearEnd') return endOfShanghaiYear(earnedAt, expiry.yearsAfter);
  return shanghaiDayStart(addDays(addMonths(shanghaiDay(earnedAt), expiry.months), 1));
}

/** Locked points (order points during the return window) become spendable at 00:00 after `pendingDays` full days. */
export function lotAvailableAt(earnedAt: Date, locked: boolean, config: LoyaltyConfig): Date {
  const days = config.points.pendingDays;
  if (!locked || days <= 0) return earnedAt;
  return shanghaiDayStart(addDays(shanghaiDay(earnedAt), days + 1));
}

export const isExpired = (lot: Pick<LotTiming, 'expiresAt'>, now: Date) => lot.expiresAt.getTime() <= now.getTime();
export const isPending = (lot: Pick<LotTiming, 'availableAt'>, now: Date) => lot.availableAt.getTime() > now.getTime();
export const isSpendable = (lot: LotTiming, now: Date) => lot.remaining > 0 && !isExpired(lot, now) && !isPending(lot, now);

/** Soonest-expiring first; ties by earning time, then id, so every planner draws in the same order. */
export function bySoonestExpiry(a: LotTiming, b: LotTiming): number {
  return a.expiresAt.getTime() - b.expiresAt.getTime() || a.earnedAt.getTime() - b.earnedAt.getTime() || (a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : 0);
}
