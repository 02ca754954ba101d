import type { Benefit, GrowthDimension } from './member';

export type TierStatus = 'current' | 'reached' | 'locked';

export interface TierInfo {
  level: number;
  name: string;
  minGrowth: number;
  retainGrowth: number;
  pointsMultiplier: number;
  upgradeGiftPoints: number;
  benefits: Benefit[];
  status: TierStatus;
  growthNeeded: number;
}

export type GrowthWindow = { mode: 'rolling'; months: number } | { mode: 'naturalYear' };

export interface TiersView {
  currentLevel: number;
  growth: number;
  tierValidUntil: string | null; // ISO
  window: GrowthWindow;
  tiers: TierInfo[];
}

export type HistoryKind = 'points' | 'growth';

export interface HistoryEntry {
  id: string;
  type: string;
  /** Signed: positive adds, negative takes away. */
  amount: number;
  balanceAfter?: number;
  reason: string;
  createdAt: string; // ISO
  dimension?: GrowthDimension;
}

export interface HistoryPage {
  items: HistoryEntry[];
  nextCursor: string | null;
}
