// Orders and point adjustments: the shapes the order channel, the till and the admin share.
import * as z from 'zod/mini';
import { array, bool, externalId, fen, int, integer, iso, isoTime, memberNo, nullable, object, oneOf, opt, requestId, str, text } from './fields';

export const orderItem = z.strictObject({
  sku: str(1, 64),
  name: str(1, 100),
  category: str(1, 32),
  quantity: int(1, 100000),
  amountFen: fen(0),
});

export const adjustment = z.strictObject({
  memberNo: memberNo(),
  /** Signed: positive credits a new lot, negative takes from the soonest-expiring lots. */
  amount: int(-1_000_000, 1_000_000).check(z.refine((n) => n !== 0, { message: '参数 amount 不能为 0' })),
  reason: str(2, 100),
  /** Idempotency key of this adjustment. */
  requestId: requestId(),
});

/** An adjustment applied to the ledger. */
export const appliedAdjustment = object({ status: oneOf(['applied']), memberNo: text(), amount: integer(), balance: integer(), replayed: bool() });

/** An adjustment above `staff.adjustApprovalPoints`, waiting for (or decided by) a second admin. */
export const adjustmentApproval = object({
  id: text(), memberNo: text(), amount: integer(), reason: text(), limitPoints: integer(),
  status: oneOf(['pending', 'approving', 'approved', 'rejected']),
  requestedBy: text(), requestedAt: iso(), decidedBy: nullable(text()), decidedAt: nullable(iso()), rejectReason: nullable(text()),
  /** 超过 10,000 积分的调整需另一位管理员审批 …, for the screen. */
  message: text(),
});

export const adjustmentResult = z.discriminatedUnion('status', [appliedAdjustment, object({ status: oneOf(['held']), approval: adjustmentApproval })]);

export const paidOrder = z.strictObject({
  orderId: externalId(),
  /** The member: by member number, or by the phone the member bound (exactly one). An order for a phone nobody has
   * bound yet is kept unclaimed and credited when a member binds it (docs/loyalty-rules.md 7.4). */
  memberNo: opt(memberNo()),
  phone: opt(str(11, 11, /^1\d{10}$/)),
  amountFen: fen(),
  /** When given, the items' amounts add up to `amountFen`; categories feed the category-diversity growth. */
  items: opt(array(orderItem).check(z.maxLength(200))),
  storeId: opt(externalId(32)),
  format: opt(externalId(32)),
  paidAt: isoTime(),
}).check(z.refine((o) => (o.memberNo === undefined) !== (o.phone === undefined), { message: '会员号与手机号须且只能填写一项' }));

/** When items are given, their amounts add up to the order's. */
export const itemsMatchAmount = z.refine<{ amountFen: number; items?: { amountFen: number }[] | undefined }>((o) =>
  !o.items?.length || o.items.reduce((s, i) => s + i.amountFen, 0) === o.amountFen, { message: '商品金额合计与订单金额不一致' });

/** A paid order with its cross-field rules; channels' orders are checked so only after their signature. */
export const consistentPaidOrder = paidOrder.check(itemsMatchAmount);

export const refund = z.strictObject({
  refundId: externalId(),
  orderId: externalId(),
  amountFen: fen(),
  refundedAt: isoTime(),
  reason: opt(str(1, 100)),
});

export const review = z.strictObject({
  reviewId: externalId(),
  orderId: externalId(),
  withPhoto: z.boolean(),
  reviewedAt: isoTime(),
});

/** A paid order as a channel sends it: by member number or by bound phone. */
export type ChannelPaidOrder = z.output<typeof paidOrder>;
/** A paid order as it is recorded (services/orders.ts): the member by number. */
export type PaidOrder = Omit<ChannelPaidOrder, 'memberNo' | 'phone'> & { memberNo: string };
export type Refund = z.output<typeof refund>;
export type Review = z.output<typeof review>;
export type OrderItem = z.output<typeof orderItem>;
