// The rewards of a paid order, of registration and of upgrades, composed from the rules: one plan each.
import type { LoyaltyConfig } from './config';
import { orderPoints, type OrderPoints } from './earning';
import { planOrderGrowth, type GrowthEntry, type OrderForGrowth, type PriorOrder } from './growth';
import { chainPlans, planEarn, unchangedPlan, type LedgerPlan, type PointsState } from './ledger';
import type { OrderRewards } from './refund';
import type { UpgradeGift } from './tierEvaluation';
import { tierByLevel } from './tiers';

export interface PaidOrderInput extends OrderForGrowth {
  storeFormat?: string;
  /** The store of the sale: its points' lot remembers it (settlement between stores). */
  storeId?: string;
  issuer: string;
}

export interface OrderPaidPlan {
  points: OrderPoints;
  /** Earning keyed `order:<orderId>`, locked for pendingDays. */
  ledger: LedgerPlan;
  growth: GrowthEntry;
  /** To store on the order for later refunds. */
  rewards: OrderRewards;
}

/** After this plan, pass the member's new growth total to onGrowthChange for an upgrade. */
export function planOrderPaid(state: PointsState, tierLevel: number, order: PaidOrderInput, priorOrders: PriorOrder[], config: LoyaltyConfig): OrderPaidPlan {
  const points = orderPoints({ amountFen: order.paidFen, paidAt: order.paidAt, storeFormat: order.storeFormat }, tierByLevel(tierLevel, config.tiers), config);
  const ledger = planEarn(state, {
    amount: points.points, key: `order:${order.orderId}`, reason: points.doubleDay || points.campaigns.length > 0 ? '消费奖励（活动加倍）' : '消费奖励',
    ref: order.orderId, issuer: order.issuer, at: order.paidAt, format: order.storeFormat, storeId: order.storeId, locked: true,
  }, config);
  const growth = planOrderGrowth(order, priorOrders, config);
  const rewards: OrderRewards = { orderId: order.orderId, paidFen: order.paidFen, pointsEarned: points.points, growthEarned: growth.amount, refundedFen: 0, pointsReversed: 0, growthReversed: 0 };
  return { points, ledger, growth, rewards };
}

export function planRegistrationBonus(state: PointsState, at: Date, config: LoyaltyConfig): LedgerPlan {
  return planEarn(state, { amount: config.points.registrationBonus, key: 'registration', reason: '注册礼', ref: 'registration', issuer: 'system', at }, config);
}

/** The upgrade gifts of a tier decision as one chained plan (entries and lots of every gift). */
export function planUpgradeGifts(state: PointsState, gifts: UpgradeGift[], at: Date, config: LoyaltyConfig): LedgerPlan {
  let plan = unchangedPlan(state, at);
  for (const g of gifts) {
    const next = planEarn(plan.state, { amount: g.points, key: g.key, reason: g.reason, ref: `tier:${g.level}`, issuer: 'system', at }, config);
    plan = chainPlans(plan, next);
  }
  return plan;
}
