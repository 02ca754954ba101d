// Which payment times an order delivery may carry [`orders`]: see docs/loyalty-rules.md section 7.4.
import type { LoyaltyConfig } from './config';
import { AppError } from './errors';

/**
 * A payment time is accepted from `orders.lateDeliveryDays` days before now (a late delivery, a staff backfill) up to
 * `orders.clockSkewMinutes` minutes after it (the sender's clock running fast); anything else is INVALID_INPUT.
 */
export function checkPaidAt(paidAt: Date, now: Date, config: LoyaltyConfig): void {
  const { lateDeliveryDays, clockSkewMinutes } = config.orders;
  if (paidAt.getTime() > now.getTime() + clockSkewMinutes * 60_000) throw new AppError('INVALID_INPUT', '支付时间不能晚于当前时间');
  if (paidAt.getTime() < now.getTime() - lateDeliveryDays * 86_400_000) throw new AppError('INVALID_INPUT', `支付时间早于可补录期限（${lateDeliveryDays} 天）`);
}
