// The points mall: browse, redeem with points, see and cancel one's redemptions.
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, cursor, int, integer, iso, noInput, nullable, object, oneOf, opt, pageSize, requestId, slug, str, text } from './fields';
import { itemKind, voucher } from './shared';

export const shippingAddress = z.strictObject({
  name: str(1, 20),
  phone: str(5, 20, /^[0-9+\- ]+$/),
  address: str(5, 120),
});

const itemView = {
  id: text(),
  name: text(),
  kind: itemKind,
  kindName: text(),
  category: text(),
  description: text(),
  /** A URL the member can display (https, or a temporary URL of a cloud:// file, valid at least an hour), or null. */
  image: nullable(text()),
  pointsPrice: integer(),
  stock: integer(),
  faceValueFen: nullable(integer()),
  minTier: nullable(object({ level: integer(), name: text() })),
  canRedeem: bool(),
  /** Why the caller cannot redeem it now (已兑完, 积分不足…). */
  reason: nullable(object({ code: oneOf(['inactive', 'notStarted', 'ended', 'soldOut', 'tier', 'limit', 'points']), message: text() })),
  maxQuantity: integer(),
};

export const redemptionView = object({
  id: text(),
  itemId: text(),
  itemName: text(),
  kind: itemKind,
  kindName: text(),
  quantity: integer(),
  points: integer(),
  status: oneOf(['issued', 'used', 'cancelled', 'expired']),
  createdAt: iso(),
  voucher,
  giftCard: nullable(object({ cardNo: text(), faceValueFen: integer() })),
  membership: nullable(object({ validFrom: iso(), validUntil: iso() })),
  shipping: nullable(object({ name: text(), phone: text(), address: text() })),
  /** Mailed items (kind shipping, not cancelled): 待发货 (pending), 已发货 with carrier and tracking number, 已签收. */
  shipment: nullable(object({
    status: oneOf(['pending', 'shipped', 'delivered']),
    carrier: nullable(text()),
    trackingNo: nullable(text()),
    shippedAt: nullable(iso()),
    deliveredAt: nullable(iso()),
  })),
  faceValueFen: nullable(integer()),
  used: nullable(object({ at: iso(), storeName: text() })),
  cancelled: nullable(object({ at: iso(), pointsReturned: integer() })),
});

/** A voucher in the 卡券包: a tier benefit's (source benefit) or a mall redemption's (source mall). */
export const coupon = object({
  id: text(),
  source: oneOf(['benefit', 'mall']),
  title: text(),
  kindName: text(),
  description: text(),
  faceValueFen: nullable(integer()),
  status: oneOf(['issued', 'used', 'expired']),
  voucher: object({ code: text(), expiresAt: iso() }),
  /** Where it can be written off, e.g. 限酒店使用; null: everywhere. */
  where: nullable(text()),
  /** Unused and expiring within 3 days (the reminder). */
  expiringSoon: bool(),
  createdAt: iso(),
  used: nullable(object({ at: iso(), storeName: text() })),
});

export const cancellation = {
  redemptionId: text(),
  status: z.literal('cancelled'),
  pointsReturned: integer(),
  /** Points of the redemption whose lots expired meanwhile: not returned. */
  forfeited: integer(),
  balance: integer(),
  itemName: text(),
  memberNo: text(),
};

export const mall = {
  list: action({
    input: z.strictObject({ category: opt(str(1, 20)) }),
    output: object({ member: object({ tierLevel: integer(), spendable: integer() }), categories: array(text()), items: array(object(itemView)) }),
    errors: ['NOT_FOUND'],
  }),
  detail: action({
    input: z.strictObject({ itemId: slug() }),
    output: object({
      ...itemView,
      member: object({ tierLevel: integer(), spendable: integer(), redeemed: integer() }),
      perOrderLimit: integer(),
      perMemberLimit: integer(),
      saleStart: nullable(iso()),
      saleEnd: nullable(iso()),
      voucherValidDays: integer(),
      membershipMonths: nullable(integer()),
      memberCancelMinutes: integer(),
    }),
    errors: ['NOT_FOUND'],
  }),
  redeem: action({
    input: z.strictObject({
      itemId: slug(),
      quantity: opt(int(1, 99)),
      requestId: requestId(),
      /** Shipped items only. */
      shipping: opt(shippingAddress),
    }),
    output: object({
      redemptionId: text(),
      itemId: text(),
      itemName: text(),
      kind: itemKind,
      quantity: integer(),
      points: integer(),
      balance: integer(),
      voucher,
      giftCard: nullable(object({ cardNo: text() })),
      replayed: bool(),
    }),
    errors: ['NOT_FOUND', 'INSUFFICIENT_POINTS', 'SOLD_OUT', 'LIMIT_REACHED', 'NOT_ELIGIBLE', 'ALREADY_EXISTS', 'CONFLICT'],
  }),
  myRedemptions: action({
    /**
     * `cursor`: createdAt (ms) of the last item of the previous page. `status` (none: all): `toUse` 待使用 (issued, not
     * expired, not signed for), `used` 已使用 (written off, or a mailed item signed for), `closed` 已取消 (cancelled, or a
     * voucher that expired unused).
     */
    input: z.strictObject({ status: opt(oneOf(['toUse', 'used', 'closed'])), cursor: opt(cursor()), pageSize: opt(pageSize()) }),
    output: object({
      /** `cancellableUntil`: until when the member may still cancel it (mall.cancel); null (or absent) when they cannot. */
      items: array(object({ ...redemptionView.shape, cancellableUntil: z.optional(nullable(iso())) })),
      nextCursor: nullable(text()),
    }),
  }),
  /**
   * 我的券包 on the card: the member's vouchers not yet used, cancelled or expired (mall vouchers and tier benefit
   * vouchers); `expiringSoon`: how many of them expire within 3 days.
   */
  wallet: action({ input: noInput, output: object({ vouchers: integer(), expiringSoon: integer() }) }),
  /**
   * 卡券包: the caller's vouchers of a tab (`toUse` 待使用, `used` 已使用, `expired` 已过期), benefit vouchers and the
   * mall's together, soonest-expiring first on 待使用, newest first otherwise (at most 50 of each); on 待使用 also
   * the tier benefits the member can claim now.
   */
  coupons: action({
    input: z.strictObject({ tab: oneOf(['toUse', 'used', 'expired']) }),
    output: object({
      items: array(coupon),
      claimable: array(object({ benefitKey: text(), title: text(), description: text(), terms: nullable(text()), units: integer(), points: integer() })),
    }),
    errors: ['NOT_FOUND'],
  }),
  /** Claims a tier benefit due now (issue mode claim): once per period; a second claim answers NOT_ELIGIBLE. */
  claimBenefit: action({
    input: z.strictObject({ benefitKey: slug() }),
    output: object({
      issued: array(object({ key: text(), title: text(), period: text(), vouchers: integer(), points: integer() })),
      vouchers: integer(),
      points: integer(),
    }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE'],
  }),
  cancel: action({
    input: z.strictObject({ redemptionId: str(4, 64, /^[A-Za-z0-9_-]+$/), reason: opt(str(1, 100)) }),
    output: object(cancellation),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'],
  }),
};
