// Rewarding a member for an activity (a photo review reported by a channel, an in-store activity recorded by staff):
// points through the ledger and growth through the growth rules, with an immediate upgrade when a threshold is
// crossed. One transaction; the activity's key makes it once per member.
import type { LoyaltyConfig } from '../core/config';
import { creditGrowth, type TierChange } from '../core/flows';
import { planActivityGrowth, type ActivityInput, type GrowthEntry } from '../core/growth';
import { planEarn, unchangedPlan } from '../core/ledger';
import { pointsStateOf } from '../core/member';
import { shanghaiDay, shanghaiDayStart } from '../core/time';
import type { Database } from '../runtime/dbTypes';
import { writeOnce } from '../runtime/idempotent';
import { growthSince, writeMember, type MemberWrite } from '../runtime/memberRepo';

export interface RewardInput {
  /** Points to earn (a new lot); the key makes the credit idempotent per member. */
  points?: { amount: number; key: string; reason: string; ref: string; format?: string };
  /** A growth event; its daily cap is checked against today's entries unless `uncapped`. */
  activity?: ActivityInput;
  /** The activity's uniqueness is already enforced by its key (e.g. one check-in a day): skip reading today's entries. */
  uncapped?: boolean;
  issuer: string;
  /** Other documents written in the same transaction (their _id decides replays). */
  inserts?: MemberWrite['inserts'];
  updates?: MemberWrite['updates'];
}

export interface RewardResult {
  pointsEarned: number;
  growthEarned: number;
  balance: number;
  tier: TierChange;
  growthSkipped: 'duplicate' | 'dailyCap' | 'disabled' | null;
  replayed: boolean;
}

export async function rewardMember(db: Database, openid: string, input: RewardInput, now: Date, config: LoyaltyConfig): Promise<RewardResult> {
  const needToday = input.activity && !input.uncapped;
  const rewarded = await writeOnce(() => writeMember(db, openid, {
    now,
    load: needToday ? () => growthSince(db, openid, shanghaiDayStart(shanghaiDay(now))) : undefined,
  }, ({ member, lots, extra }) => {
    const today = (extra ?? []) as GrowthEntry[];
    const outcome = input.activity ? planActivityGrowth(input.activity, today, config) : null;
    const growth = outcome?.entry ? [outcome.entry] : [];
    const state = pointsStateOf(member, lots);
    const ledger = input.points && input.points.amount > 0
      ? planEarn(state, { ...input.points, issuer: input.issuer, at: now }, config)
      : unchangedPlan(state, now);
    const { write, decision } = creditGrowth(member, lots, ledger, growth, now, config);
    const result: RewardResult = {
      pointsEarned: input.points?.amount ?? 0,
      growthEarned: growth.reduce((s, g) => s + g.amount, 0),
      balance: write.ledger.points.balance,
      tier: { change: decision.change, fromLevel: decision.fromLevel, toLevel: decision.toLevel, message: decision.message },
      growthSkipped: outcome && !outcome.entry ? outcome.skipped : null,
      replayed: false,
    };
    return { write: { ...write, inserts: input.inserts, updates: input.updates }, result };
  }));
  // The activity's key was already credited (a replay): nothing more is earned.
  return rewarded ?? { pointsEarned: 0, growthEarned: 0, balance: NaN, tier: { change: 'none', fromLevel: -1, toLevel: -1, message: '' }, growthSkipped: null, replayed: true };
}

