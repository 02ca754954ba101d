// When the daily job must next look at a member: the earliest instant anything about them changes by itself.
// The job only reads members whose reviewAt has passed, so a quiet member costs nothing on most days.
import type { LoyaltyConfig } from './config';
import type { GrowthEntry } from './growth';
import type { Lot } from './ledger';
import { addMonths, monthsLaterDayStart, monthsSafelyBefore } from './months';
import type { TierState } from './tierEvaluation';
import { addDays, shanghaiDay, shanghaiDayStart, shanghaiParts } from './time';

// Even a member with nothing due is looked at monthly (tenure credits come monthly anyway).
const MAX_DAYS_AHEAD = 31;

export interface ReviewInput {
  lots: Lot[];
  tier: TierState;
  now: Date;
  /** At event time: the reviewAt already set; the result is never later than it. */
  previous?: Date;
  /** For a full review (the daily job): growth entries, tenure anniversaries and dormancy also count. */
  growth?: GrowthEntry[];
  joinedAt?: Date;
  lastActiveAt?: Date;
  config?: LoyaltyConfig;
}

/** The instant an entry dated `at` leaves the growth window. */
export function growthDropOut(at: Date, config: LoyaltyConfig): Date {
  const w = config.growth.window;
  if (w.mode === 'naturalYear') return shanghaiDayStart(`${shanghaiParts(at).year + 1}-01-01`);
  return shanghaiDayStart(addMonths(shanghaiDay(at), w.months));
}

function nextAnniversary(anchor: Date, now: Date): Date {
  // Months that certainly end before now are skipped (a member of ten years is not walked month by month).
  for (let m = Math.max(1, monthsSafelyBefore(anchor, now)); m < 1200; m++) {
    const at = monthsLaterDayStart(anchor, m);
    if (at.getTime() > now.getTime()) return at;
  }
  return shanghaiDayStart(addDays(shanghaiDay(now), MAX_DAYS_AHEAD));
}

export function nextReviewAt(input: ReviewInput): Date {
  const { now } = input;
  const later = (d: Date | null | undefined): d is Date => !!d && d.getTime() > now.getTime();
  const candidates: Date[] = [shanghaiDayStart(addDays(shanghaiDay(now), MAX_DAYS_AHEAD))];
  for (const lot of input.lots) {
    if (lot.remaining <= 0) continue;
    if (later(lot.expiresAt)) candidates.push(lot.expiresAt);
    if (later(lot.availableAt)) candidates.push(lot.availableAt);
  }
  if (later(input.tier.tierValidUntil)) candidates.push(input.tier.tierValidUntil);
  if (input.previous) candidates.push(input.previous);
  if (input.config && input.growth) {
    // The points-expiring message (core/notify.ts) goes out at the review that first sees a lot within its window.
    const warnMs = input.config.notify.pointsExpiringDays * 24 * 3600_000;
    for (const lot of input.lots) if (lot.remaining > 0) {
      const warnAt = new Date(lot.expiresAt.getTime() - warnMs);
      if (later(warnAt)) candidates.push(warnAt);
    }
    for (const e of input.growth) if (e.amount !== 0) {
      const out = growthDropOut(e.at, input.config);
      if (later(out)) candidates.push(out);
    }
    if (input.joinedAt) candidates.push(nextAnniversary(input.joinedAt, now));
    if (input.tier.highTierSince) candidates.push(nextAnniversary(input.tier.highTierSince, now));
    if (input.lastActiveAt) {
      const dormant = shanghaiDayStart(addDays(shanghaiDay(input.lastActiveAt), input.config.growth.lifecycle.dormancy.inactiveDays));
      if (later(dormant)) candidates.push(dormant);
    }
  }
  const earliest = new Date(Math.min(...candidates.map((d) => d.getTime())));
  if (input.growth) {
    // A full review has just handled everything due now: nothing is due again before the next Shanghai day.
    const tomorrow = shanghaiDayStart(addDays(shanghaiDay(now), 1));
    return earliest.getTime() < tomorrow.getTime() ? tomorrow : earliest;
  }
  return earliest;
}
