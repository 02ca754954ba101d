// Growth value: how orders and member actions turn into weighted growth entries, and the total that counts for tiers.
import { floorYuanProduct } from './arithmetic';
import type { ActivityEvent, GrowthDimension, LoyaltyConfig } from './config';
import { addMonths } from './months';
import { addDays, daysBetween, shanghaiDay, shanghaiDayStart, shanghaiParts } from './time';

export type GrowthEvent = 'order' | 'orderRefund' | ActivityEvent | 'tenure' | 'highTier' | 'dormancy' | 'task' | 'inviteOrderedReversed' | 'import';

export interface GrowthEntry {
  dimension: GrowthDimension;
  event: GrowthEvent;
  /** Before the dimension weight. */
  raw: number;
  /** Credited: what counts. Negative for refunds and dormancy decay. */
  amount: number;
  at: Date;
  /** Shown to the member. */
  reason: string;
  /** Idempotency key, unique per member. */
  key: string;
  ref?: string;
  /** Raw growth per rule, for orders. */
  parts?: Record<string, number>;
}

export type GrowthSummary = { total: number } & Record<GrowthDimension, number>;

export const ACTIVITY_DIMENSION: Record<ActivityEvent, 'interaction' | 'social'> = {
  checkin: 'interaction', visit: 'interaction', favorite: 'interaction', addToCart: 'interaction', activity: 'interaction',
  contentLike: 'interaction', contentComment: 'interaction', contentShare: 'interaction', contentPost: 'interaction',
  shareApp: 'social', inviteRegistered: 'social', inviteOrdered: 'social', photoReview: 'social',
};

export const ACTIVITY_REASON: Record<ActivityEvent, string> = {
  checkin: '每日签到', visit: '访问小程序', favorite: '收藏商品', addToCart: '加入购物车', activity: '参与活动',
  contentLike: '点赞内容', contentComment: '评论内容', contentShare: '分享内容', contentPost: '发布内容',
  shareApp: '分享小程序', inviteRegistered: '邀请好友注册', inviteOrdered: '邀请好友下单', photoReview: '晒图评价',
};

// An equal split over the four dimensions is neutral: weight 0.25 credits raw growth as is, 0.45 credits ×1.8.
const NEUTRAL_WEIGHT = 0.25;

/** round(raw × weight / 0.25), halves away from zero. */
export function weightedGrowth(raw: number, dimension: GrowthDimension, config: LoyaltyConfig): number {
  const exact = Math.round((raw * config.growth.weights[dimension] * 1e6) / NEUTRAL_WEIGHT) / 1e6;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

/**
 * First instant that counts at `now`. rolling N months: from 00:00 on the day after the same date N months ago
 * (12 months on 2026-11-22 count from 2025-11-23). naturalYear: from 00:00 on 1 January of the Shanghai year.
 */
export function growthWindowStart(now: Date, config: LoyaltyConfig): Date {
  const window = config.growth.window;
  if (window.mode === 'naturalYear') return shanghaiDayStart(`${shanghaiParts(now).year}-01-01`);
  return shanghaiDayStart(addDays(addMonths(shanghaiDay(now), -window.months), 1));
}

const inWindow = (at: Date, start: Date, now: Date) => at.getTime() >= start.getTime() && at.getTime() <= now.getTime();

/** Growth in the window at `now`, per dimension; the total never shows below 0 (decay may outlive what it decayed). */
export function growthInWindow(entries: GrowthEntry[], now: Date, config: LoyaltyConfig): GrowthSummary {
  const start = growthWindowStart(now, config);
  const sum: GrowthSummary = { total: 0, consumption: 0, interaction: 0, social: 0, lifecycle: 0 };
  for (const e of entries) if (inWindow(e.at, start, now)) sum[e.dimension] += e.amount;
  sum.total = Math.max(0, sum.consumption + sum.interaction + sum.social + sum.lifecycle);
  return sum;
}

export interface OrderForGrowth {
  orderId: string;
  paidFen: number;
  paidAt: Date;
  /** Product categories in the order. */
  categories: string[];
}

/** An earlier paid order of the member, not fully refunded (the handler passes those of the last window). */
export interface PriorOrder { paidAt: Date; categories: string[] }

/** One consumption entry per paid order (key `order:<orderId>`), with the raw growth of each rule in `parts`. */
export function planOrderGrowth(order: OrderForGrowth, priorOrders: PriorOrder[], config: LoyaltyConfig): GrowthEntry {
  const rules = config.growth.consumption;
  const start = growthWindowStart(order.paidAt, config);
  const prior = priorOrders.filter((p) => p.paidAt.getTime() >= start.getTime() && p.paidAt.getTime() < order.paidAt.getTime());
  const day = shanghaiDay(order.paidAt);
  const priorDays = new Set(prior.map((p) => shanghaiDay(p.paidAt)));
  const firstOfDay = !priorDays.has(day);
  const lastDay = [...priorDays].filter((d) => d < day).sort().pop();
  const priorCategories = new Set(prior.flatMap((p) => p.categories));
  const newCategories = new Set(order.categories.filter((c) => !priorCategories.has(c))).size;

  const parts = {
    spend: floorYuanProduct(order.paidFen, [rules.perYuan]),
    purchaseDay: firstOfDay && priorDays.size < rules.purchaseDayBonus.maxDaysPerWindow ? rules.purchaseDayBonus.growth : 0,
    highValue: Math.max(0, ...rules.highValueBonus.filter((b) => order.paidFen >= b.minFen).map((b) => b.growth)),
    repurchase: firstOfDay && lastDay !== undefined && daysBetween(lastDay, day) <= rules.repurchaseBonus.withinDays ? rules.repurchaseBonus.growth : 0,
    newCategory: Math.min(newCategories, Math.max(0, rules.newCategoryBonus.maxPerWindow - priorCategories.size)) * rules.newCategoryBonus.growth,
  };
  const raw = parts.spend + parts.purchaseDay + parts.highValue + parts.repurchase + parts.newCategory;
  return { dimension: 'consumption', event: 'order', raw, amount: weightedGrowth(raw, 'consumption', config), at: order.paidAt, reason: '消费订单', key: `order:${order.orderId}`, ref: order.orderId, parts };
}

export interface ActivityInput {
  type: ActivityEvent;
  at: Date;
  /** Idempotency key, e.g. `checkin:2026-11-22`, `invite:<inviteeOpenid>`, `review:<orderId>`. */
  key: string;
  ref?: string;
}

export type ActivityOutcome = { entry: GrowthEntry } | { entry: null; skipped: 'duplicate' | 'dailyCap' | 'disabled' };

/**
 * Growth for a member action, or why none: the key was already credited, the day's cap for the action is
 * reached, or the action earns nothing. `recent` must hold the member's entries of the action's Shanghai day.
 */
export function planActivityGrowth(input: ActivityInput, recent: GrowthEntry[], config: LoyaltyConfig): ActivityOutcome {
  if (recent.some((e) => e.key === input.key)) return { entry: null, skipped: 'duplicate' };
  const rule = config.growth.events[input.type];
  if (!rule || rule.growth <= 0 || rule.dailyCap <= 0) return { entry: null, skipped: 'disabled' };
  const day = shanghaiDay(input.at);
  const today = recent.filter((e) => e.event === input.type && shanghaiDay(e.at) === day).length;
  if (today >= rule.dailyCap) return { entry: null, skipped: 'dailyCap' };
  const dimension = ACTIVITY_DIMENSION[input.type];
  return {
    entry: {
      dimension, event: input.type, raw: rule.growth, amount: weightedGrowth(rule.growth, dimension, config), at: input.at,
      reason: ACTIVITY_REASON[input.type], key: input.key, ...(input.ref !== undefined ? { ref: input.ref } : {}),
    },
  };
}
