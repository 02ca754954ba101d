// Growth value [`growth`]: dimension weights, the window, paid orders and the lifecycle. Member actions are in
// growthEvents.ts. See docs/loyalty-rules.md section 1.
import * as z from 'zod/mini';
import { int, num } from './fields';
import { DEFAULT_GROWTH_EVENTS, growthEventsSchema } from './growthEvents';

export const GROWTH_DIMENSIONS = ['consumption', 'interaction', 'social', 'lifecycle'] as const;
export type GrowthDimension = (typeof GROWTH_DIMENSIONS)[number];

const weight = num('成长值权重必须包含消费、互动、社交、忠诚四项非负数', 0);

export const growthWeightsSchema = z.strictObject({ consumption: weight, interaction: weight, social: weight, lifecycle: weight }, '成长值权重必须包含消费、互动、社交、忠诚四项非负数')
  .check(z.refine((w) => Math.abs(w.consumption + w.interaction + w.social + w.lifecycle - 1) <= 0.001, '成长值四项权重之和必须等于 1'));

const windowMessage = '成长值周期必须是自然年或 1-36 个月滚动';

/** Growth counted for tiers: the last `months` months up to now, or the current natural (Shanghai) year. */
export const growthWindowSchema = z.union([
  z.strictObject({ mode: z.literal('rolling'), months: int(windowMessage, 1, 36) }),
  z.strictObject({ mode: z.literal('naturalYear') }),
], windowMessage);

export type GrowthWindow = z.infer<typeof growthWindowSchema>;

export const consumptionSchema = z.strictObject({
  /** Raw growth per whole yuan paid. */
  perYuan: num('每元成长值必须在 0-100 之间', 0, 100),
  /** Purchase frequency: bonus for the first order of each distinct Shanghai day, at most `maxDaysPerWindow` days. */
  purchaseDayBonus: z.strictObject({ growth: int('购买日奖励必须是非负整数'), maxDaysPerWindow: int('购买日奖励必须是非负整数') }),
  /** Order value: the highest bonus whose threshold the paid amount reaches. */
  highValueBonus: z.array(z.strictObject({
    minFen: int('大额订单奖励的门槛必须是正整数（分）', 1),
    growth: int('大额订单奖励的成长值必须是非负整数'),
  }), '大额订单奖励必须是列表'),
  /** Purchase cycle: bonus when the previous purchase day is at most `withinDays` days before this one. */
  repurchaseBonus: z.strictObject({ withinDays: int('复购奖励的间隔天数必须是正整数', 1), growth: int('复购奖励必须是非负整数') }),
  /** Category diversity: bonus per product category first bought in the window, at most `maxPerWindow` categories. */
  newCategoryBonus: z.strictObject({ growth: int('新品类奖励必须是非负整数'), maxPerWindow: int('新品类奖励必须是非负整数') }),
});

const monthly = int('会员时长与高等级持有的月度成长值必须是非负整数');

export const lifecycleSchema = z.strictObject({
  /** Raw growth per full month of membership, credited by the daily job. */
  tenurePerMonth: monthly,
  /** Raw growth per full month held at `highTierMinLevel` or above. */
  highTierPerMonth: monthly,
  highTierMinLevel: int('高等级持有奖励的起始等级必须是已配置的等级 level'),
  /**
   * Dormancy: after `inactiveDays` days without consumption, interaction or social growth, lose `percent`% of the
   * base (growth in the window: all of it, or the lifecycle dimension only), then again every `everyDays` days.
   */
  dormancy: z.strictObject({
    inactiveDays: int('休眠判定天数必须是正整数', 1),
    /** 0: decay once only. */
    everyDays: int('休眠衰减间隔天数必须是非负整数'),
    percent: num('休眠衰减比例必须在 0-100 之间', 0, 100),
    base: z.literal(['total', 'lifecycle'], '休眠衰减基数必须是 total 或 lifecycle'),
  }),
});

export const growthSchema = z.strictObject({
  weights: growthWeightsSchema,
  window: growthWindowSchema,
  consumption: consumptionSchema,
  events: growthEventsSchema,
  lifecycle: lifecycleSchema,
});

export type GrowthRules = z.infer<typeof growthSchema>;

export const DEFAULT_GROWTH: GrowthRules = {
  weights: { consumption: 0.45, interaction: 0.25, social: 0.15, lifecycle: 0.15 },
  window: { mode: 'rolling', months: 12 },
  consumption: {
    perYuan: 1,
    purchaseDayBonus: { growth: 5, maxDaysPerWindow: 60 },
    highValueBonus: [{ minFen: 30000, growth: 10 }, { minFen: 100000, growth: 30 }],
    repurchaseBonus: { withinDays: 30, growth: 5 },
    newCategoryBonus: { growth: 10, maxPerWindow: 10 },
  },
  events: DEFAULT_GROWTH_EVENTS,
  lifecycle: {
    tenurePerMonth: 10,
    highTierPerMonth: 20,
    highTierMinLevel: 2,
    dormancy: { inactiveDays: 90, everyDays: 30, percent: 10, base: 'total' },
  },
};
