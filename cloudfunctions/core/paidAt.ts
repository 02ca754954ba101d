// Which payment times an order delivery may carry [`orders`]: see docs/loyalty-rules.md section 7.4. The same window
// bounds the time of a channel's behaviour event (channelEvents.ts) and how long an unclaimed order can be claimed.
import type { LoyaltyConfig } from './config';
import { AppError } from './errors';

/** Why a time is outside the late-delivery window: older than `lateDeliveryDays`, or ahead by more than the skew. */
export function lateDeliveryProblem(at: Date, now: Date, config: LoyaltyConfig): 'tooLate' | 'future' | null {
  const { lateDeliveryDays, clockSkewMinutes } = config.orders;
  if (at.getTime() > now.getTime() + clockSkewMinutes * 60_000) return 'future';
  if (at.getTime() < now.getTime() - lateDeliveryDays * 86_400_000) return 'tooLate';
  return null;
}

/**
 * A payment time is accepted from `orders.lateDeliveryDays` days before now (a late delivery, a staff backfill) up to
 * `orders.clockSkewMinutes` minutes after it (the sender's clock running fast); anything else is INVALID_INPUT.
 */
export function checkPaidAt(paidAt: Date, now: Date, config: LoyaltyConfig): void {
  const problem = lateDeliveryProblem(paidAt, now, config);
  if (problem === 'future') throw new AppError('INVALID_INPUT', '支付时间不能晚于当前时间');
  if (problem === 'tooLate') throw new AppError('INVALID_INPUT', `支付时间早于可补录期限（${config.orders.lateDeliveryDays} 天）`);
}
