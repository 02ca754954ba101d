// Input schemas of orders and refunds, shared by the order function (signed channel requests) and staff (a purchase's
// items), until the contract (contract/) takes them over.
import { v } from '../core/validate';

const id = (max = 64) => v.string({ min: 1, max, pattern: /^[A-Za-z0-9_.:-]+$/ });
const isoTime = () => v.string({ min: 10, max: 40, pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/ });
const fen = () => v.int({ min: 1, max: 100_000_000_00 });

export const orderItem = v.object({
  sku: v.string({ min: 1, max: 64 }),
  name: v.string({ min: 1, max: 100 }),
  category: v.string({ min: 1, max: 32 }),
  quantity: v.int({ min: 1, max: 100000 }),
  amountFen: v.int({ min: 0, max: 100_000_000_00 }),
});

export const paidOrder = v.object({
  orderId: id(),
  memberNo: v.string({ min: 6, max: 20, pattern: /^\d+$/ }),
  amountFen: fen(),
  items: v.array(orderItem, { max: 200 }).optional(),
  storeId: id(32).optional(),
  format: id(32).optional(),
  paidAt: isoTime(),
});

export const refund = v.object({
  refundId: id(),
  orderId: id(),
  amountFen: fen(),
  refundedAt: isoTime(),
  reason: v.string({ min: 1, max: 100 }).optional(),
});

export const signed = {
  channel: id(32),
  timestamp: v.int({ min: 0 }),
  nonce: v.string({ min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/ }),
  signature: v.string({ min: 64, max: 64, pattern: /^[0-9a-f]+$/ }),
};

export const signedPaid = v.object({ ...signed, order: paidOrder });
export const signedRefund = v.object({ ...signed, refund });

export type PaidOrderInput = ReturnType<typeof paidOrder.parse>;
export type RefundInput = ReturnType<typeof refund.parse>;
