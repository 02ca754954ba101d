// Order refunds, full or partial, possibly several per order: points and growth are taken back in proportion to
// the refunded share, computed on the cumulative refund so the reversals always add up to exactly what was earned.
import { floorRatio } from './arithmetic';
import type { LoyaltyConfig } from './config';
import { AppError } from './errors';
import type { GrowthEntry } from './growth';
import { returnDraws, type DeductionDraw } from './deduction';
import { chainPlans, planRestore, planReverse, unchangedPlan, type LedgerPlan, type PointsState } from './ledger';

/** What the order earned and what earlier refunds already took back (kept on the order document). */
export interface OrderRewards {
  orderId: string;
  paidFen: number;
  pointsEarned: number;
  growthEarned: number;
  refundedFen: number;
  pointsReversed: number;
  growthReversed: number;
  /** Points that paid part of the order (积分抵扣, core/deduction.ts): refunds return them in the refunded share. */
  deduction?: OrderDeduction;
}

export interface OrderDeduction {
  holdId: string;
  points: number;
  fen: number;
  /** Points of the deduction refunds returned so far (including any forfeited because their lot had expired). */
  returned: number;
  draws: DeductionDraw[];
  redeemFormat: string;
  redeemStoreId: string | null;
}

/**
 * Refund ids are unique per order (an order keeps its refunds, `OrderDoc.refunds`), so the keys of a refund's entries
 * name the order too. Refunds recorded before that have keys `refund:<refundId>:...` and stay as they are.
 */
export const refundKey = (orderId: string, refundId: string) => `refund:${orderId}:${refundId}`;

/** Partial refunds an order takes: its document keeps every refund, so their number is bounded. */
export const MAX_REFUNDS_PER_ORDER = 100;

/** A refund of `refundFen` as the `n`-th refund of an order (1-based): refused when past the limit. */
export function checkRefundCount(n: number): void {
  if (n > MAX_REFUNDS_PER_ORDER) throw new AppError('INVALID_INPUT', `该订单已退款 ${MAX_REFUNDS_PER_ORDER} 次，无法再次退款`);
}

/**
 * Whether some of an order's refunds were recorded before refunds were kept on the order (in `refunds`, by refund
 * id): its refunded total is then more than the refunds it keeps.
 */
export function hasOlderRefunds(order: { rewards: Pick<OrderRewards, 'refundedFen'>; refunds?: Array<{ refundFen: number }> }): boolean {
  return order.rewards.refundedFen > (order.refunds ?? []).reduce((s, r) => s + r.refundFen, 0);
}

export interface RefundShare {
  pointsToReverse: number;
  growthToReverse: number;
  full: boolean;
  /** Deducted points this refund returns (0 without a deduction). */
  deductionToReturn: number;
  /** The order's refund totals after this refund. */
  order: Pick<OrderRewards, 'refundedFen' | 'pointsReversed' | 'growthReversed' | 'deduction'>;
}

/** reversedSoFar = floor(earned × refundedFen / paidFen) over all refunds so far; this refund takes the difference. */
export function refundShare(order: OrderRewards, refundFen: number): RefundShare {
  if (!Number.isSafeInteger(refundFen) || refundFen <= 0) throw new AppError('INVALID_INPUT', '退款金额必须是正整数（分）');
  const refundedFen = order.refundedFen + refundFen;
  if (refundedFen > order.paidFen) throw new AppError('INVALID_INPUT', '退款金额超过订单实付金额');
  const full = refundedFen === order.paidFen;
  const pointsReversed = full ? order.pointsEarned : floorRatio(order.pointsEarned, refundedFen, order.paidFen);
  const growthReversed = full ? order.growthEarned : floorRatio(order.growthEarned, refundedFen, order.paidFen);
  // Deducted points come back in the same share of the cash refunded: floor(points × refunded / paid), all at the end.
  const d = order.deduction;
  const returned = d ? Math.max(d.returned, full ? d.points : floorRatio(d.points, refundedFen, order.paidFen)) : 0;
  return {
    pointsToReverse: Math.max(0, pointsReversed - order.pointsReversed),
    growthToReverse: Math.max(0, growthReversed - order.growthReversed),
    full,
    deductionToReturn: d ? returned - d.returned : 0,
    order: {
      refundedFen, pointsReversed: Math.max(pointsReversed, order.pointsReversed), growthReversed: Math.max(growthReversed, order.growthReversed),
      ...(d ? { deduction: { ...d, returned } } : {}),
    },
  };
}

export interface OrderRefundPlan {
  share: RefundShare;
  /** The 'refund' entry of deducted points (key `refund:<orderId>:<refundId>:deduction`), then the 'reverse' entry
   * (key `refund:<orderId>:<refundId>:points`, ref = orderId) and lot changes. */
  ledger: LedgerPlan;
  /** Deducted points given back to their lots, and those lost because their lot expired meanwhile. */
  deduction: { returned: number; forfeited: number };
  /** Negative consumption growth (key `refund:<orderId>:<refundId>:growth`), or null when nothing to take back. */
  growth: GrowthEntry | null;
}

/** A refund never lowers the tier at once: the lower growth counts at the next evaluation. */
export function planOrderRefund(
  state: PointsState,
  order: OrderRewards,
  refund: { refundId: string; refundFen: number; at: Date; issuer: string },
  config: LoyaltyConfig,
): OrderRefundPlan {
  const share = refundShare(order, refund.refundFen);
  let restored = unchangedPlan(state, refund.at);
  let deduction = { returned: 0, forfeited: 0 };
  if (order.deduction && share.deductionToReturn > 0) {
    const d = order.deduction;
    const back = planRestore(state, {
      key: `${refundKey(order.orderId, refund.refundId)}:deduction`, reason: '订单退款退回抵扣积分', ref: order.orderId, issuer: refund.issuer, at: refund.at,
      spend: { lots: returnDraws(d.draws, d.returned, share.deductionToReturn, state.lots) },
    });
    // Returned where they were spent, as a mall cancellation is: settlement between formats nets it off.
    restored = { ...back, entries: back.entries.map((e) => ({ ...e, redeemFormat: d.redeemFormat, redeemStoreId: d.redeemStoreId })) };
    deduction = { returned: share.deductionToReturn - back.forfeited, forfeited: back.forfeited };
  }
  const reversed = planReverse(restored.state, {
    amount: share.pointsToReverse, key: `${refundKey(order.orderId, refund.refundId)}:points`, reason: '订单退款扣回积分', ref: order.orderId, issuer: refund.issuer, at: refund.at,
  }, config);
  const ledger = chainPlans(restored, reversed);
  const growth: GrowthEntry | null = share.growthToReverse > 0
    ? { dimension: 'consumption', event: 'orderRefund', raw: -share.growthToReverse, amount: -share.growthToReverse, at: refund.at, reason: '订单退款扣减成长值', key: `${refundKey(order.orderId, refund.refundId)}:growth`, ref: order.orderId }
    : null;
  return { share, ledger, growth, deduction };
}
