// Lifecycle growth, run by the daily job: tenure and high-tier holding credits per full month, and dormancy decay.
import type { LoyaltyConfig } from './config';
import { growthInWindow, growthWindowStart, weightedGrowth, type GrowthEntry } from './growth';
import { monthsLaterDayStart, monthsSafelyBefore, shanghaiMonth } from './months';
import { daysBetween, shanghaiDay } from './time';

const has = (keys: ReadonlySet<string> | string[], key: string) => (Array.isArray(keys) ? keys.includes(key) : keys.has(key));

/**
 * Full months since `anchor` whose completion falls in the current growth window and is not yet credited.
 * A month counts Shanghai days with the anchor's day as day one: joined 15 Jan → first full month at 00:00 on 15 Feb.
 * Credits are dated at the completion instant and keyed by its month (`<prefix>:YYYY-MM`), so reruns are no-ops.
 */
function monthlyCredits(anchor: Date, now: Date, credited: ReadonlySet<string> | string[], prefix: 'tenure' | 'highTier', raw: number, reason: string, config: LoyaltyConfig): GrowthEntry[] {
  if (raw <= 0) return [];
  const start = growthWindowStart(now, config).getTime();
  const out: GrowthEntry[] = [];
  // Months that certainly fall before the window are skipped, not walked one by one.
  for (let m = Math.max(1, monthsSafelyBefore(anchor, new Date(start))); ; m++) {
    const at = monthsLaterDayStart(anchor, m);
    if (at.getTime() > now.getTime()) break;
    const key = `${prefix}:${shanghaiMonth(at)}`;
    if (at.getTime() < start || has(credited, key)) continue;
    out.push({ dimension: 'lifecycle', event: prefix, raw, amount: weightedGrowth(raw, 'lifecycle', config), at, reason, key });
  }
  return out;
}

export function planTenureCredits(joinedAt: Date, now: Date, credited: ReadonlySet<string> | string[], config: LoyaltyConfig): GrowthEntry[] {
  return monthlyCredits(joinedAt, now, credited, 'tenure', config.growth.lifecycle.tenurePerMonth, '会员时长奖励', config);
}

/** `highTierSince`: when the member last reached highTierMinLevel from below (TierState), null when below it. */
export function planHighTierCredits(highTierSince: Date | null, now: Date, credited: ReadonlySet<string> | string[], config: LoyaltyConfig): GrowthEntry[] {
  if (!highTierSince) return [];
  return monthlyCredits(highTierSince, now, credited, 'highTier', config.growth.lifecycle.highTierPerMonth, '高等级保持奖励', config);
}

/** The last consumption, interaction or social growth (lifecycle credits and refunds are not activity), or `fallback`. */
export function lastActivityAt(entries: GrowthEntry[], fallback: Date): Date {
  let last = fallback.getTime();
  for (const e of entries) if (e.dimension !== 'lifecycle' && e.amount > 0) last = Math.max(last, e.at.getTime());
  return new Date(last);
}

/**
 * Dormancy decay: once the member has been inactive for `inactiveDays` Shanghai days, and again every `everyDays`,
 * lose `percent`% (floored) of the base growth in the window. Keyed `dormancy:<last active day>:<step>`; the base
 * never goes below 0.
 */
export function planDormancyDecay(
  input: { lastActiveAt: Date; entries: GrowthEntry[]; credited: ReadonlySet<string> | string[] },
  now: Date,
  config: LoyaltyConfig,
): GrowthEntry | null {
  const rule = config.growth.lifecycle.dormancy;
  const idle = daysBetween(shanghaiDay(input.lastActiveAt), shanghaiDay(now));
  if (rule.percent <= 0 || idle < rule.inactiveDays) return null;
  const step = rule.everyDays > 0 ? Math.floor((idle - rule.inactiveDays) / rule.everyDays) : 0;
  const key = `dormancy:${shanghaiDay(input.lastActiveAt)}:${step}`;
  if (has(input.credited, key)) return null;
  const summary = growthInWindow(input.entries, now, config);
  const base = Math.max(0, rule.base === 'lifecycle' ? summary.lifecycle : summary.total);
  const loss = Math.floor((base * rule.percent) / 100);
  if (loss <= 0) return null;
  return { dimension: 'lifecycle', event: 'dormancy', raw: -loss, amount: -loss, at: now, reason: '长期未活跃，成长值衰减', key };
}
