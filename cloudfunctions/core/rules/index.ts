// The loyalty rules as one schema: every section's types, defaults and checks (one file per section). An operator
// overrides any part through the `config` collection (document `loyalty`), deep-merged over DEFAULT_CONFIG and
// checked as a whole (overrides.ts); a key the schema does not know is refused, never silently ignored.
import * as z from 'zod/mini';
import { checkinSchema, DEFAULT_CHECKIN } from './checkin';
import { deductionSchema, DEFAULT_DEDUCTION_RULES } from './deduction';
import { DEFAULT_GROWTH, growthSchema } from './growth';
import { DEFAULT_MALL_RULES, mallSchema } from './mall';
import { DEFAULT_MEMBER_CODE_RULES, memberCodeSchema } from './memberCode';
import { DEFAULT_NOTIFY, notifySchema } from './notify';
import { DEFAULT_ORDER_RULES, ordersSchema } from './orders';
import { DEFAULT_POINTS, pointsSchema } from './points';
import { DEFAULT_REFERRAL, referralSchema } from './referral';
import { DEFAULT_SETTLEMENT_RULES, settlementSchema } from './settlement';
import { DEFAULT_STAFF_RULES, staffRulesSchema } from './staff';
import { DEFAULT_STATS_RULES, statsSchema } from './stats';
import { DEFAULT_STAGES, stagesSchema } from './stages';
import { DEFAULT_TASKS, tasksSchema } from './tasks';
import { DEFAULT_TIER_POLICY, tierPolicySchema } from './tierPolicy';
import { DEFAULT_TIERS, tiersSchema } from './tiers';

export const loyaltyConfigSchema = z.strictObject({
  tiers: tiersSchema,
  tierPolicy: tierPolicySchema,
  growth: growthSchema,
  points: pointsSchema,
  /** Engagement: daily check-in, the task center, referrals. */
  checkin: checkinSchema,
  tasks: tasksSchema,
  referral: referralSchema,
  /** Points mall, member code, settlement between formats. */
  mall: mallSchema,
  memberCode: memberCodeSchema,
  settlement: settlementSchema,
  /** What store staff may do at the till (how far back a purchase may be dated). */
  staff: staffRulesSchema,
  /** Which payment times an order delivery may carry. */
  orders: ordersSchema,
  /** Points as part of a payment (积分抵扣): rate, caps, where, hold lifetime. */
  deduction: deductionSchema,
  /** WeChat subscription messages: the template registry, quiet hours, the check-in reminder. */
  notify: notifySchema,
  /** Lifecycle stages (新会员/活跃/低频/沉睡/流失) and the churn-risk score. */
  stages: stagesSchema,
  /** The nightly statistics snapshot: the activity window, the breakage history, the job's chunk size. */
  stats: statsSchema,
}).check(z.refine((c) => c.tiers.some((t) => t.level === c.growth.lifecycle.highTierMinLevel), {
  error: '高等级持有奖励的起始等级必须是已配置的等级 level',
  path: ['growth', 'lifecycle', 'highTierMinLevel'],
}));

export type LoyaltyConfig = z.infer<typeof loyaltyConfigSchema>;

export const DEFAULT_CONFIG: LoyaltyConfig = {
  tiers: DEFAULT_TIERS,
  tierPolicy: DEFAULT_TIER_POLICY,
  growth: DEFAULT_GROWTH,
  points: DEFAULT_POINTS,
  checkin: DEFAULT_CHECKIN,
  tasks: DEFAULT_TASKS,
  referral: DEFAULT_REFERRAL,
  mall: DEFAULT_MALL_RULES,
  memberCode: DEFAULT_MEMBER_CODE_RULES,
  settlement: DEFAULT_SETTLEMENT_RULES,
  staff: DEFAULT_STAFF_RULES,
  orders: DEFAULT_ORDER_RULES,
  deduction: DEFAULT_DEDUCTION_RULES,
  notify: DEFAULT_NOTIFY,
  stages: DEFAULT_STAGES,
  stats: DEFAULT_STATS_RULES,
};

export type { CheckinMilestone, CheckinRules } from './checkin';
export type { DeductionRules } from './deduction';
export type { GrowthDimension, GrowthRules, GrowthWindow } from './growth';
export type { ActivityEvent, ActivityRule, InteractionEvent, SocialEvent } from './growthEvents';
export type { MallRules } from './mall';
export type { MemberCodeRules } from './memberCode';
export type { NegativeBalancePolicy, PointsCampaign, PointsExpiry, PointsRules } from './points';
export type { OrderRules } from './orders';
export type { FieldKind, MessageKey, NotifyRules, TemplateRule } from './notify';
export type { ReferralRules } from './referral';
export type { SettlementRules } from './settlement';
export type { StatsRules } from './stats';
export type { StaffRules } from './staff';
export type { StageRules } from './stages';
export type { TaskAudience, TaskPeriod, TaskRule, TaskRules, TaskSource } from './tasks';
export type { TierPolicy } from './tierPolicy';
export type { Benefit, TierRule } from './tiers';
