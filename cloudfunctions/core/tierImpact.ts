// What a new tier ladder would do to members: by their growth today, how many would qualify for a higher or a lower
// tier than under the current ladder. Computed from member counts per growth band (one database aggregation), where
// the bands' edges are every threshold of both ladders, so each band maps to one level under either.
import type { TierRule } from './config';
import { tierForGrowth } from './tiers';

/** The band edges: every minGrowth of either ladder, ascending, from 0. */
export function growthBands(current: TierRule[], next: TierRule[]): number[] {
  return [...new Set([0, ...current.map((t) => t.minGrowth), ...next.map((t) => t.minGrowth)])].sort((a, b) => a - b);
}

export interface TierImpact {
  members: number;
  up: number;
  down: number;
  /** Members per level under the current and the new ladder. */
  byLevel: Array<{ level: number; name: string; before: number; after: number }>;
}

/** `counts[i]`: members with growth from `bands[i]` up to (not including) `bands[i + 1]` (the last: and above). */
export function tierImpact(bands: number[], counts: number[], current: TierRule[], next: TierRule[]): TierImpact {
  const levels = new Map<number, { level: number; name: string; before: number; after: number }>();
  const at = (t: TierRule) => levels.get(t.level) ?? levels.set(t.level, { level: t.level, name: t.name, before: 0, after: 0 }).get(t.level)!;
  for (const t of [...current, ...next]) at(t).name = t.name;
  let up = 0;
  let down = 0;
  bands.forEach((edge, i) => {
    const n = counts[i] ?? 0;
    const was = tierForGrowth(edge, current);
    const will = tierForGrowth(edge, next);
    at(was).before += n;
    at(will).after += n;
    if (will.level > was.level) up += n;
    if (will.level < was.level) down += n;
  });
  return { members: counts.reduce((s, n) => s + n, 0), up, down, byLevel: [...levels.values()].sort((a, b) => a.level - b.level) };
}
