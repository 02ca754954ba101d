import type { TierRule } from './config';

/** Tiers sorted by threshold; the lowest must start at 0 so every member has a tier. */
export function sortedTiers(tiers: TierRule[]): TierRule[] {
  const sorted = [...tiers].sort((a, b) => a.minGrowth - b.minGrowth);
  if (sorted.length === 0 || sorted[0].minGrowth !== 0) throw new Error('tier config: the lowest tier must start at growth 0');
  return sorted;
}

export function tierForGrowth(growth: number, tiers: TierRule[]): TierRule {
  const sorted = sortedTiers(tiers);
  let tier = sorted[0];
  for (const t of sorted) if (growth >= t.minGrowth) tier = t;
  return tier;
}

export function tierByLevel(level: number, tiers: TierRule[]): TierRule {
  return tiers.find((t) => t.level === level) ?? sortedTiers(tiers)[0];
}

export interface TierProgress {
  nextTier: { level: number; name: string; threshold: number; growthNeeded: number } | null;
  /** 0..1 of the way from the current tier's threshold to the next one; 1 at the top tier. */
  progress: number;
}

export function tierProgress(growth: number, current: TierRule, tiers: TierRule[]): TierProgress {
  const next = sortedTiers(tiers).find((t) => t.minGrowth > current.minGrowth);
  if (!next) return { nextTier: null, progress: 1 };
  const span = next.minGrowth - current.minGrowth;
  const progress = Math.min(1, Math.max(0, (growth - current.minGrowth) / span));
  return {
    nextTier: { level: next.level, name: next.name, threshold: next.minGrowth, growthNeeded: Math.max(0, next.minGrowth - growth) },
    progress: Math.round(progress * 1000) / 1000,
  };
}
