// Lifecycle stages [`stages`]: 新会员 / 活跃 / 低频 / 沉睡 / 流失 and the churn-risk score (core/lifecycleStage.ts).
// Defaults are seed 003's table. See docs/loyalty-rules.md "Lifecycle stages".
import * as z from 'zod/mini';
import { int, num } from './fields';

export const stagesSchema = z.strictObject({
  /** A member is 新会员 while fewer than this many Shanghai days have passed since joining. */
  newDays: int('新会员天数必须是 1-365 之间的整数', 1, 365),
  /** 活跃 counts the paid orders of the last this many days (today included)... */
  activeWindowDays: int('活跃统计天数必须是 1-365 之间的整数', 1, 365),
  /** ...and needs at least this many per 30 days on average (default 2: 4 orders in 60 days). */
  activeOrdersPerMonth: num('活跃消费频次必须在 0.1-100 之间', 0.1, 100),
  /** 沉睡 after this many days without a purchase (or, never purchased, since joining). */
  dormantDays: int('沉睡天数必须是 1-730 之间的整数', 1, 730),
  /** 流失 after this many days without a purchase; must be more than the dormant days. */
  churnedDays: int('流失天数必须是 1-1095 之间的整数', 1, 1095),
  /** The churn-risk model's prior: as if every member had made `priorOrders` purchases over `priorDays` more days. */
  risk: z.strictObject({
    priorOrders: num('流失风险先验订单数必须在 0.1-10 之间', 0.1, 10),
    priorDays: int('流失风险先验天数必须是 1-365 之间的整数', 1, 365),
  }),
}).check(z.refine((s) => s.churnedDays > s.dormantDays, { error: '流失天数必须大于沉睡天数', path: ['churnedDays'] }));

export type StageRules = z.infer<typeof stagesSchema>;

export const DEFAULT_STAGES: StageRules = {
  newDays: 30,
  activeWindowDays: 60,
  activeOrdersPerMonth: 2,
  dormantDays: 60,
  churnedDays: 90,
  risk: { priorOrders: 1, priorDays: 30 },
};
