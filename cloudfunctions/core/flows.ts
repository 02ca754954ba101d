// The loyalty flows a handler runs against one member's snapshot: each composes the planners into one write.
// Pure: the handler loads the snapshot, calls a flow, and persists what it returns in one transaction.
import type { LoyaltyConfig } from './config';
import { growthInWindow, growthWindowStart, type GrowthEntry, type GrowthSummary, type PriorOrder } from './growth';
import { chainPlans, emptyPointsState, planExpire, releasePending, type LedgerPlan, type Lot } from './ledger';
import { lastActivityAt, planDormancyDecay, planHighTierCredits, planTenureCredits } from './lifecycle';
import { pointsStateOf, tierStateOf, type MemberDoc } from './member';
import { nextReviewAt } from './reviewSchedule';
import { planOrderRefund, type OrderRewards } from './refund';
import { planOrderPaid, planRegistrationBonus, planUpgradeGifts, type PaidOrderInput } from './rewardPlans';
import { evaluateTier, onGrowthChange, tierGrowth, type TierDecision, type TierState } from './tierEvaluation';

export interface FlowWrite {
  ledger: LedgerPlan;
  growth: GrowthEntry[];
  growthSummary: GrowthSummary;
  tier: TierState;
  fields: { lastActiveAt: Date; reviewAt: Date };
}

export function addGrowth(summary: GrowthSummary, entries: GrowthEntry[]): GrowthSummary {
  const next = { ...summary };
  for (const e of entries) next[e.dimension] += e.amount;
  next.total = Math.max(0, next.consumption + next.interaction + next.social + next.lifecycle);
  return next;
}

/** Growth entries credited now: add them, upgrade at once if a threshold is crossed, and pay the upgrade gifts. */
function creditGrowth(member: MemberDoc, lots: Lot[], ledger: LedgerPlan, growth: GrowthEntry[], now: Date, config: LoyaltyConfig) {
  const growthSummary = addGrowth(member.growth, growth);
  const decision = onGrowthChange(tierStateOf(member), growthSummary.total, now, config);
  const withGifts = decision.gifts.length > 0 ? chainPlans(ledger, planUpgradeGifts(ledger.state, decision.gifts, now, config)) : ledger;
  const active = growth.some((g) => g.amount > 0 && g.dimension !== 'lifecycle');
  const lastActiveAt = active && now > member.lastActiveAt ? now : member.lastActiveAt;
  const reviewAt = nextReviewAt({ lots: [...lots, ...withGifts.newLots], tier: decision.state, previous: member.reviewAt, now });
  const write: FlowWrite = { ledger: withGifts, growth, growthSummary, tier: decision.state, fields: { lastActiveAt, reviewAt } };
  return { write, decision };
}

export interface TierChange { change: TierDecision['change']; fromLevel: number; toLevel: number; message: string }
const tierChange = (d: TierDecision): TierChange => ({ change: d.change, fromLevel: d.fromLevel, toLevel: d.toLevel, message: d.message });

/**
 * A paid order: points (tier and campaign multipliers), consumption growth, an upgrade with its gifts, judged as of
 * its payment time (multipliers, the growth window it was paid in); an order paid before the start of the current
 * growth window (a late delivery) earns its points but no growth.
 */
export function paidOrderFlow(member: MemberDoc, lots: Lot[], order: PaidOrderInput, priorOrders: PriorOrder[], now: Date, config: LoyaltyConfig) {
  const paid = planOrderPaid(pointsStateOf(member, lots), member.tierLevel, order, priorOrders, config);
  const counts = order.paidAt.getTime() >= growthWindowStart(now, config).getTime();
  const growth = counts ? paid.growth : { ...paid.growth, amount: 0 };
  const { write, decision } = creditGrowth(member, lots, paid.ledger, counts ? [growth] : [], now, config);
  return { write, rewards: { ...paid.rewards, growthEarned: growth.amount }, points: paid.points, growth, tier: tierChange(decision) };
}

/** A refund: points and growth back in proportion; the tier waits for the next evaluation. */
export function refundFlow(member: MemberDoc, lots: Lot[], order: OrderRewards, refund: { refundId: string; refundFen: number; at: Date; issuer: string }, now: Date, config: LoyaltyConfig) {
  const plan = planOrderRefund(pointsStateOf(member, lots), order, refund, config);
  const growth = plan.growth ? [plan.growth] : [];
  const write: FlowWrite = {
    ledger: plan.ledger,
    growth,
    growthSummary: addGrowth(member.growth, growth),
    tier: tierStateOf(member),
    fields: { lastActiveAt: member.lastActiveAt, reviewAt: member.reviewAt },
  };
  return { write, share: plan.share, deduction: plan.deduction };
}

/** order.refunded's answer for a refund `refundFlow` planned (`pointsReturned` for an order partly paid with points). */
export function refundAnswer(refund: { refundId: string; orderId: string }, flow: ReturnType<typeof refundFlow>, withDeduction: boolean) {
  return {
    refundId: refund.refundId, orderId: refund.orderId, pointsReversed: flow.share.pointsToReverse, growthReversed: flow.share.growthToReverse,
    fullyRefunded: flow.share.full, balance: flow.write.ledger.points.balance, debt: flow.write.ledger.points.debt, replayed: false as const,
    ...(withDeduction ? { pointsReturned: flow.deduction.returned } : {}),
  };
}

/** Registration: the welcome bonus as the member's first ledger entry. */
export function registrationFlow(now: Date, config: LoyaltyConfig): LedgerPlan {
  return planRegistrationBonus(emptyPointsState(), now, config);
}

export { creditGrowth };

/**
 * The daily review of one member: release pending points, expire lots, lifecycle credits (tenure, high tier),
 * dormancy decay, the growth window, and the tier evaluation (retention, downgrade, upgrade with gifts).
 * `entries` are the member's growth entries since the start of the window that ends at min(now, tier period end).
 */
export function dailyReviewFlow(member: MemberDoc, lots: Lot[], entries: GrowthEntry[], now: Date, config: LoyaltyConfig) {
  const released = releasePending(pointsStateOf(member, lots), now);
  const expired = planExpire(released.state, now);
  const credited = new Set(entries.map((e) => e.key));
  const credits = [
    ...planTenureCredits(member.createdAt, now, credited, config),
    ...planHighTierCredits(member.highTierSince, now, credited, config),
  ];
  const lastActiveAt = lastActivityAt(entries, member.lastActiveAt);
  const decay = planDormancyDecay({ lastActiveAt, entries: [...entries, ...credits], credited }, now, config);
  const growth = decay ? [...credits, decay] : credits;
  const all = [...entries, ...growth];
  const growthSummary = growthInWindow(all, now, config);
  const tierBefore = tierStateOf(member);
  const decision = evaluateTier(tierBefore, tierGrowth(all, tierBefore, now, config), now, config);
  const ledger = decision.gifts.length > 0 ? chainPlans(expired, planUpgradeGifts(expired.state, decision.gifts, now, config)) : expired;
  const reviewAt = nextReviewAt({ lots: ledger.state.lots, tier: decision.state, growth: all, joinedAt: member.createdAt, lastActiveAt, now, config });
  const write: FlowWrite = { ledger, growth, growthSummary, tier: decision.state, fields: { lastActiveAt, reviewAt } };
  const expiredPoints = -expired.entries.reduce((s, e) => s + e.amount, 0);
  return { write, summary: { expiredPoints, releasedPoints: released.released, credits: growth.length, tier: tierChange(decision) } };
}
