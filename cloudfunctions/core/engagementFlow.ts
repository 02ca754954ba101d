// One member write for an engagement reward (check-in, 补签, task, referral): optional spend, optional earning,
// growth entries, an immediate upgrade with its gifts. Pure: the handler runs it on the member inside writeMember.
import type { ActivityEvent, LoyaltyConfig } from './config';
import type { CheckinPlan } from './checkin';
import { creditGrowth, type TierChange } from './flows';
import { planActivityGrowth, weightedGrowth, type GrowthEntry } from './growth';
import { chainPlans, planEarn, planReverse, planSpend, unchangedPlan, type EntryMeta, type LedgerPlan } from './ledger';
import { pointsStateOf, type MemberDoc } from './member';
import type { Lot } from './ledger';

export interface EngagementCredit {
  spend?: EntryMeta & { amount: number };
  earn?: EntryMeta & { amount: number };
  reverse?: EntryMeta & { amount: number };
  growth?: GrowthEntry[];
}

export function engagementFlow(member: MemberDoc, lots: Lot[], credit: EngagementCredit, now: Date, config: LoyaltyConfig) {
  const state = pointsStateOf(member, lots);
  let ledger: LedgerPlan = unchangedPlan(state, now);
  if (credit.spend && credit.spend.amount > 0) ledger = chainPlans(ledger, planSpend(ledger.state, credit.spend));
  if (credit.earn && credit.earn.amount > 0) ledger = chainPlans(ledger, planEarn(ledger.state, credit.earn, config));
  if (credit.reverse && credit.reverse.amount > 0) ledger = chainPlans(ledger, planReverse(ledger.state, credit.reverse, config));
  const growth = credit.growth ?? [];
  const { write, decision } = creditGrowth(member, lots, ledger, growth, now, config);
  const tier: TierChange = { change: decision.change, fromLevel: decision.fromLevel, toLevel: decision.toLevel, message: decision.message };
  return {
    write,
    tier,
    balance: write.ledger.points.balance,
    pointsEarned: credit.earn?.amount ?? 0,
    growthEarned: growth.reduce((s, g) => s + g.amount, 0),
  };
}

/**
 * The growth entry of an activity whose uniqueness its key already guarantees (no read of today's entries), times
 * `multiplier` (a double-points day); null when the action earns no growth.
 */
export function keyedActivityGrowth(type: ActivityEvent, key: string, at: Date, config: LoyaltyConfig, multiplier = 1, ref?: string): GrowthEntry | null {
  const outcome = planActivityGrowth({ type, at, key, ...(ref !== undefined ? { ref } : {}) }, [], config);
  if (!outcome.entry) return null;
  if (multiplier === 1) return outcome.entry;
  const raw = Math.floor(outcome.entry.raw * multiplier);
  return { ...outcome.entry, raw, amount: weightedGrowth(raw, outcome.entry.dimension, config) };
}

/**
 * A check-in's (or 补签's) one member write: the day's points under the unique key `checkin:<day>` in both ledgers,
 * the activity growth (times the double-points day), and for 补签 the spend of its cost. The caller stores `plan.state`.
 */
export function checkinFlow(member: MemberDoc, plan: CheckinPlan, now: Date, config: LoyaltyConfig, spend?: { amount: number }) {
  const key = `checkin:${plan.day}`;
  const growth = keyedActivityGrowth('checkin', key, now, config, plan.multiplier, plan.day);
  return engagementFlow(member, member.points.lots, {
    ...(spend ? { spend: { amount: spend.amount, key: `checkinMakeUp:${plan.day}`, reason: `补签 ${plan.day}`, ref: key, issuer: 'member', at: now } } : {}),
    earn: { amount: plan.basePoints + plan.bonusPoints, key, reason: plan.reason, ref: key, issuer: 'member', at: now },
    growth: growth ? [growth] : [],
  }, now, config);
}

export type { TierChange };
