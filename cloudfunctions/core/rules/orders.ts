// Order deliveries from channels and staff [`orders`]. See docs/loyalty-rules.md section 7.4.
import * as z from 'zod/mini';
import { int } from './fields';

export const ordersSchema = z.strictObject({
  /** How many days back a payment time may be when the order arrives (a late delivery or a staff backfill). */
  lateDeliveryDays: int('订单可补录天数必须是 0-365 之间的整数', 0, 365),
  /** How many minutes a payment time may be ahead of the server clock (the sender's clock running fast). */
  clockSkewMinutes: int('支付时间允许的时钟偏差必须是 0-60 之间的整数（分钟）', 0, 60),
});

export type OrderRules = z.infer<typeof ordersSchema>;

export const DEFAULT_ORDER_RULES: OrderRules = { lateDeliveryDays: 30, clockSkewMinutes: 5 };
