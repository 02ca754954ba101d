// Tier changes: upgrades as soon as growth allows (with a one-time gift per level); retention (保级) and
// downgrades only when the tier's period ends, at most tierPolicy.downgradeMaxSteps levels at a time.
import type { LoyaltyConfig, TierRule } from './config';
import { growthInWindow, type GrowthEntry } from './growth';
import { monthsLaterDayStart } from './months';
import { endOfShanghaiYear } from './time';
import { sortedTiers, tierByLevel, tierForGrowth } from './tiers';

export interface TierState {
  tierLevel: number;
  /** When the current level was granted. */
  tierSince: Date;
  /** When the current level's period ends and retention is checked; null at the entry tier. */
  tierValidUntil: Date | null;
  /** When the member last reached growth.lifecycle.highTierMinLevel from below; null while below it. */
  highTierSince: Date | null;
  /** Levels ever reached (their upgrade gifts are given). */
  giftedLevels: number[];
}

export interface UpgradeGift {
  level: number;
  points: number;
  /** Idempotency key of the points earning: `upgradeGift:<level>`. */
  key: string;
  reason: string;
}

export interface TierDecision {
  change: 'upgrade' | 'downgrade' | 'retain' | 'none';
  fromLevel: number;
  toLevel: number;
  /** The member's tier fields after the decision (unchanged for 'none'). */
  state: TierState;
  /** Points to earn through planEarn, one per level reached for the first time. */
  gifts: UpgradeGift[];
  /** For the member; empty for 'none'. */
  message: string;
}

/** Growth for tier decisions: `current` in the window now (upgrades), `retention` over the tier period that ends. */
export interface TierGrowth { current: number; retention: number }

export const initialTierState = (joinedAt: Date): TierState => ({ tierLevel: 0, tierSince: joinedAt, tierValidUntil: null, highTierSince: null, giftedLevels: [0] });

export function retainGrowthOf(tier: TierRule, config: LoyaltyConfig): number {
  return tier.retainGrowth ?? Math.floor(tier.minGrowth * config.tierPolicy.defaultRetainRatio);
}

/**
 * The end of a tier period. rolling: `validityMonths` later, at 00:00 Shanghai. naturalYear: a granted tier lasts the
 * rest of this year and all of the next; a retained or lowered tier lasts one more natural year.
 */
export function tierPeriodEnd(from: Date, kind: 'grant' | 'continue', config: LoyaltyConfig): Date {
  if (config.growth.window.mode === 'naturalYear') return endOfShanghaiYear(from, kind === 'grant' ? 1 : 0);
  return monthsLaterDayStart(from, config.tierPolicy.validityMonths);
}

/**
 * Both growth figures from the member's growth entries. Retention counts what was earned during the tier period,
 * after the grant: the growth that earned the tier does not also keep it.
 */
export function tierGrowth(entries: GrowthEntry[], state: TierState, now: Date, config: LoyaltyConfig): TierGrowth {
  const current = growthInWindow(entries, now, config).total;
  if (!state.tierValidUntil || state.tierValidUntil.getTime() > now.getTime()) return { current, retention: current };
  const end = new Date(state.tierValidUntil.getTime() - 1);
  const during = entries.filter((e) => e.at.getTime() > state.tierSince.getTime());
  return { current, retention: growthInWindow(during, end, config).total };
}

function withLevel(state: TierState, level: number, now: Date, validUntil: Date | null, config: LoyaltyConfig): TierState {
  const min = config.growth.lifecycle.highTierMinLevel;
  const high = level >= min;
  return {
    ...state,
    tierLevel: level,
    tierSince: now,
    tierValidUntil: level === sortedTiers(config.tiers)[0].level ? null : validUntil,
    highTierSince: high ? (state.tierLevel >= min && state.highTierSince ? state.highTierSince : now) : null,
  };
}

function upgrade(state: TierState, target: TierRule, now: Date, config: LoyaltyConfig): TierDecision {
  const current = tierByLevel(state.tierLevel, config.tiers);
  const passed = sortedTiers(config.tiers).filter((t) => t.minGrowth > current.minGrowth && t.minGrowth <= target.minGrowth);
  const gifts = passed
    .filter((t) => !state.giftedLevels.includes(t.level) && (t.upgradeGiftPoints ?? 0) > 0)
    .map((t) => ({ level: t.level, points: t.upgradeGiftPoints ?? 0, key: `upgradeGift:${t.level}`, reason: `升级礼：${t.name}` }));
  const giftedLevels = [...new Set([...state.giftedLevels, ...passed.map((t) => t.level)])].sort((a, b) => a - b);
  const next = { ...withLevel(state, target.level, now, tierPeriodEnd(now, 'grant', config), config), giftedLevels };
  return { change: 'upgrade', fromLevel: state.tierLevel, toLevel: target.level, state: next, gifts, message: `恭喜升级为${target.name}` };
}

const unchanged = (state: TierState): TierDecision => ({ change: 'none', fromLevel: state.tierLevel, toLevel: state.tierLevel, state, gifts: [], message: '' });

/** After any growth change: upgrade at once, possibly several levels. Never downgrades. */
export function onGrowthChange(state: TierState, growthInWindowNow: number, now: Date, config: LoyaltyConfig): TierDecision {
  const target = tierForGrowth(growthInWindowNow, config.tiers);
  const current = tierByLevel(state.tierLevel, config.tiers);
  return target.minGrowth > current.minGrowth ? upgrade(state, target, now, config) : unchanged(state);
}

/**
 * The daily evaluation. Upgrades like onGrowthChange. Once the tier period has ended: kept for another period
 * when retention growth reaches the tier's retainGrowth; otherwise lowered one level at a time, at most
 * downgradeMaxSteps levels, stopping at a level whose retainGrowth is met, with a new period at the lower level.
 */
export function evaluateTier(state: TierState, growth: TierGrowth, now: Date, config: LoyaltyConfig): TierDecision {
  const raised = onGrowthChange(state, growth.current, now, config);
  if (raised.change !== 'none') return raised;
  if (!state.tierValidUntil || now.getTime() < state.tierValidUntil.getTime()) return unchanged(state);

  const ladder = sortedTiers(config.tiers);
  let index = ladder.findIndex((t) => t.level === state.tierLevel);
  if (index < 0) return unchanged(state);
  for (let steps = 0; steps < config.tierPolicy.downgradeMaxSteps && index > 0 && growth.retention < retainGrowthOf(ladder[index], config); steps++) index--;
  const tier = ladder[index];

  if (tier.level === state.tierLevel) {
    const next = { ...state, tierValidUntil: tierPeriodEnd(state.tierValidUntil, 'continue', config) };
    return { change: 'retain', fromLevel: state.tierLevel, toLevel: tier.level, state: next, gifts: [], message: `保级成功，继续享受${tier.name}权益` };
  }
  const next = withLevel(state, tier.level, now, tierPeriodEnd(now, 'continue', config), config);
  return { change: 'downgrade', fromLevel: state.tierLevel, toLevel: tier.level, state: next, gifts: [], message: `会员等级调整为${tier.name}` };
}
