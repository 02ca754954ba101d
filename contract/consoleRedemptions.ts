// The operator console's actions on a member's redemptions (function `admin`): cancel an unused one (points and
// stock come back, as at the till), replace a voucher's code when the old one has leaked (the old code stops working
// at once), and ship mailed items (发货: carrier and tracking number, then 已签收), which the member sees in 我的兑换.
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, int, integer, iso, nullable, object, oneOf, opt, pageSize, requestId, str, text } from './fields';
import { cancellation } from './mall';

const redemptionId = () => str(4, 64, /^[A-Za-z0-9_-]+$/);

export const shipmentView = object({ carrier: text(), trackingNo: text(), shippedAt: iso(), deliveredAt: nullable(iso()) });

/** A mailed item to ship or on its way: what was redeemed, by whom, where it goes, and its parcel. */
export const shippingOrder = object({
  redemptionId: text(), memberNo: text(), itemName: text(), quantity: integer(), createdAt: iso(),
  shipping: nullable(object({ name: text(), phone: text(), address: text() })),
  shipment: nullable(shipmentView),
  version: integer(),
});

export const consoleRedemptions = {
  cancelMemberRedemption: action({
    input: z.strictObject({ redemptionId: redemptionId(), reason: str(2, 100) }),
    output: object(cancellation),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'],
  }),
  /** A new code for an unused, unexpired voucher; the same request again answers it. */
  reissueVoucher: action({
    input: z.strictObject({ redemptionId: redemptionId(), reason: str(2, 100), requestId: requestId() }),
    output: object({ redemptionId: text(), voucherCode: text(), expiresAt: iso(), replayed: z.boolean() }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'],
  }),
  /** Mailed items 待发货 (oldest first: ship in order) or 已发货 (newest first), a page at a time. */
  shipments: action({
    input: z.strictObject({ status: oneOf(['pending', 'shipped']), cursor: opt(str(3, 90, /^\d+:[A-Za-z0-9_-]+$/)), pageSize: opt(pageSize()) }),
    output: object({ items: array(shippingOrder), nextCursor: nullable(text()) }),
  }),
  /**
   * 发货 (carrier and tracking number; a correction while it is on its way keeps the time it shipped) or, with
   * `delivered`, 已签收. Only an unused, uncancelled mailed item; the same request again answers it.
   */
  updateShipment: action({
    input: z.strictObject({
      redemptionId: redemptionId(),
      carrier: str(2, 20),
      trackingNo: str(6, 40, /^[A-Za-z0-9-]+$/),
      delivered: opt(bool()),
      /** The order's `version` as listed: a concurrent change by someone else is refused, not overwritten. */
      expectedVersion: int(0),
      requestId: requestId(),
    }),
    output: object({ order: shippingOrder, replayed: bool() }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'STALE_VERSION'],
  }),
};
