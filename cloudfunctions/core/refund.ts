// Order refunds, full or partial, possibly several per order: points and growth are taken back in proportion to
// the refunded share, computed on the cumulative refund so the reversals always add up to exactly what was earned.
import { floorRatio } from './arithmetic';
import type { LoyaltyConfig } from './config';
import { AppError } from './errors';
import type { GrowthEntry } from './growth';
import { planReverse, type LedgerPlan, type PointsState } from './ledger';

/** What the order earned and what earlier refunds already took back (kept on the order document). */
export interface OrderRewards {
  orderId: string;
  paidFen: number;
  pointsEarned: number;
  growthEarned: number;
  refundedFen: number;
  pointsReversed: number;
  growthReversed: number;
}

export interface RefundShare {
  pointsToReverse: number;
  growthToReverse: number;
  full: boolean;
  /** The order's refund totals after this refund. */
  order: Pick<OrderRewards, 'refundedFen' | 'pointsReversed' | 'growthReversed'>;
}

/** reversedSoFar = floor(earned × refundedFen / paidFen) over all refunds so far; this refund takes the difference. */
export function refundShare(order: OrderRewards, refundFen: number): RefundShare {
  if (!Number.isSafeInteger(refundFen) || refundFen <= 0) throw new AppError('INVALID_INPUT', '退款金额必须是正整数（分）');
  const refundedFen = order.refundedFen + refundFen;
  if (refundedFen > order.paidFen) throw new AppError('INVALID_INPUT', '退款金额超过订单实付金额');
  const full = refundedFen === order.paidFen;
  const pointsReversed = full ? order.pointsEarned : floorRatio(order.pointsEarned, refundedFen, order.paidFen);
  const growthReversed = full ? order.growthEarned : floorRatio(order.growthEarned, refundedFen, order.paidFen);
  return {
    pointsToReverse: Math.max(0, pointsReversed - order.pointsReversed),
    growthToReverse: Math.max(0, growthReversed - order.growthReversed),
    full,
    order: { refundedFen, pointsReversed: Math.max(pointsReversed, order.pointsReversed), growthReversed: Math.max(growthReversed, order.growthReversed) },
  };
}

export interface OrderRefundPlan {
  share: RefundShare;
  /** The 'reverse' entry (key `refund:<refundId>:points`, ref = orderId) and lot changes. */
  ledger: LedgerPlan;
  /** Negative consumption growth (key `refund:<refundId>:growth`), or null when nothing to take back. */
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
  const ledger = planReverse(state, {
    amount: share.pointsToReverse, key: `refund:${refund.refundId}:points`, reason: '订单退款扣回积分', ref: order.orderId, issuer: refund.issuer, at: refund.at,
  }, config);
  const growth: GrowthEntry | null = share.growthToReverse > 0
    ? { dimension: 'consumption', event: 'orderRefund', raw: -share.growthToReverse, amount: -share.growthToReverse, at: refund.at, reason: '订单退款扣减成长值', key: `refund:${refund.refundId}:growth`, ref: order.orderId }
    : null;
  return { share, ledger, growth };
}
