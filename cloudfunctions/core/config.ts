// Loyalty rules as configuration. Defaults live here and only here; an operator overrides any part of
// them through the `config` collection (document `loyalty`), merged over these defaults.
import { DEFAULT_MALL_RULES, DEFAULT_MEMBER_CODE_RULES, DEFAULT_SETTLEMENT_RULES, type MallRules, type MemberCodeRules, type SettlementRules } from './mallConfig';
import { DEFAULT_CHECKIN, DEFAULT_REFERRAL, DEFAULT_TASKS, type CheckinRules, type ReferralRules, type TaskRules } from './engagementConfig';
export interface Benefit { key: string; title: string; description: string }

export interface TierRule {
  level: number;
  name: string;
  /** Lowest growth value of the tier (inclusive). */
  minGrowth: number;
  pointsMultiplier: number;
  benefits: Benefit[];
  /** 保级: growth needed over the tier's period to keep it. Absent: floor(minGrowth × tierPolicy.defaultRetainRatio). */
  retainGrowth?: number;
  /** Points granted the first time a member ever reaches this level. Absent: 0. */
  upgradeGiftPoints?: number;
}

export type GrowthDimension = 'consumption' | 'interaction' | 'social' | 'lifecycle';

/** Growth counted for tiers: the last `months` months up to now, or the current natural (Shanghai) year. */
export type GrowthWindow = { mode: 'rolling'; months: number } | { mode: 'naturalYear' };

export type InteractionEvent =
  | 'checkin' | 'visit' | 'favorite' | 'addToCart' | 'activity'
  | 'contentLike' | 'contentComment' | 'contentShare' | 'contentPost';
export type SocialEvent = 'shareApp' | 'inviteRegistered' | 'inviteOrdered' | 'photoReview';
/** Member actions other than orders that earn growth; each is capped per Shanghai day. */
export type ActivityEvent = InteractionEvent | SocialEvent;

export interface ActivityRule {
  /** Raw growth per event (before the dimension weight). */
  growth: number;
  /** Events of this type credited per member per Shanghai day; later ones earn nothing. */
  dailyCap: number;
}

export interface GrowthRules {
  weights: Record<GrowthDimension, number>;
  window: GrowthWindow;
  consumption: {
    /** Raw growth per whole yuan paid. */
    perYuan: number;
    /** Purchase frequency: bonus for the first order of each distinct Shanghai day, at most `maxDaysPerWindow` days. */
    purchaseDayBonus: { growth: number; maxDaysPerWindow: number };
    /** Order value: the highest bonus whose threshold the paid amount reaches. */
    highValueBonus: { minFen: number; growth: number }[];
    /** Purchase cycle: bonus when the previous purchase day is at most `withinDays` days before this one. */
    repurchaseBonus: { withinDays: number; growth: number };
    /** Category diversity: bonus per product category first bought in the window, at most `maxPerWindow` categories. */
    newCategoryBonus: { growth: number; maxPerWindow: number };
  };
  events: Record<ActivityEvent, ActivityRule>;
  lifecycle: {
    /** Raw growth per full month of membership, credited by the daily job. */
    tenurePerMonth: number;
    /** Raw growth per full month held at `highTierMinLevel` or above. */
    highTierPerMonth: number;
    highTierMinLevel: number;
    /**
     * Dormancy: after `inactiveDays` days without consumption, interaction or social growth, lose `percent`% of the
     * base (growth in the window: all of it, or the lifecycle dimension only), then again every `everyDays` days.
     */
    dormancy: { inactiveDays: number; everyDays: number; percent: number; base: 'total' | 'lifecycle' };
  };
}

export interface TierPolicy {
  /** Tiers lost per evaluation at most. */
  downgradeMaxSteps: number;
  /** A granted tier lasts this many months (rolling window) before retention is checked. */
  validityMonths: number;
  /** retainGrowth of a tier that does not set it, as a share of its minGrowth. */
  defaultRetainRatio: number;
}

export interface PointsCampaign {
  name: string;
  /** First and last Shanghai day ('YYYY-MM-DD'), inclusive. */
  from: string;
  to: string;
  /** Shanghai weekdays, 0 = Sunday; absent: every day. */
  weekdays?: number[];
  /** Store formats (e.g. 'mall', 'hotel'); absent: every format. */
  storeFormats?: string[];
  multiplier: number;
}

export type PointsExpiry = { mode: 'yearEnd'; yearsAfter: number } | { mode: 'rolling'; months: number };

/** What happens when a refund takes back more points than the member still has. */
export type NegativeBalancePolicy = 'carry' | 'forgive';

export interface PointsRules {
  expiry: PointsExpiry;
  /** Points expiring within this many days are shown as "expiring soon". */
  expiringSoonDays: number;
  /** Points per yuan paid, before multipliers. */
  pointsPerYuan: number;
  /** Shanghai days of the month with a points multiplier (default: the 18th, ×2). */
  doublePointsDays: { daysOfMonth: number[]; multiplier: number };
  campaigns: PointsCampaign[];
  /** How the double-day and campaign multipliers combine (the tier multiplier always multiplies the result). */
  multiplierCombination: 'highest' | 'product';
  registrationBonus: number;
  /** Order points become spendable at 00:00 Shanghai after this many full days (the return window); 0 = at once. */
  pendingDays: number;
  negativeBalancePolicy: NegativeBalancePolicy;
}

export interface LoyaltyConfig {
  tiers: TierRule[];
  tierPolicy: TierPolicy;
  growth: GrowthRules;
  points: PointsRules;
  /** Engagement (engagementConfig.ts): daily check-in, the task center, referrals. */
  checkin: CheckinRules;
  tasks: TaskRules;
  referral: ReferralRules;
  /** Points mall, member code, settlement between formats (mallConfig.ts). */
  mall: MallRules;
  memberCode: MemberCodeRules;
  settlement: SettlementRules;
}

const benefit = (key: string, title: string, description: string): Benefit => ({ key, title, description });

export const DEFAULT_CONFIG: LoyaltyConfig = {
  tiers: [
    {
      level: 0, name: '普通会员', minGrowth: 0, pointsMultiplier: 1, retainGrowth: 0, upgradeGiftPoints: 0,
      benefits: [benefit('points', '消费积分', '每消费 1 元累计 1 积分'), benefit('checkin', '每日签到', '签到领积分与成长值')],
    },
    {
      level: 1, name: '银牌会员', minGrowth: 501, pointsMultiplier: 1.2, retainGrowth: 400, upgradeGiftPoints: 200,
      benefits: [
        benefit('points_multiplier', '1.2 倍积分', '消费积分按 1.2 倍累计'),
        benefit('birthday_gift', '生日礼', '生日当月领取生日礼包'),
        benefit('upgrade_gift', '升级礼', '升级即得 200 积分'),
      ],
    },
    {
      level: 2, name: '金牌会员', minGrowth: 1501, pointsMultiplier: 1.5, retainGrowth: 1200, upgradeGiftPoints: 500,
      benefits: [
        benefit('points_multiplier', '1.5 倍积分', '消费积分按 1.5 倍累计'),
        benefit('birthday_gift', '生日礼', '生日当月领取生日礼包'),
        benefit('exclusive_items', '专属商品', '积分商城金牌专区'),
        benefit('priority_service', '优先服务', '门店与客服优先接待'),
      ],
    },
    {
      level: 3, name: '钻石会员', minGrowth: 3001, pointsMultiplier: 2, retainGrowth: 2400, upgradeGiftPoints: 1000,
      benefits: [
        benefit('points_multiplier', '2 倍积分', '消费积分按 2 倍累计'),
        benefit('birthday_gift', '尊享生日礼', '生日当月领取尊享礼包'),
        benefit('exclusive_items', '专属商品', '积分商城钻石专区'),
        benefit('priority_service', '专属客服', '一对一专属服务'),
        benefit('free_returns', '免费退换', '购物享免费退换货'),
      ],
    },
  ],
  tierPolicy: { downgradeMaxSteps: 1, validityMonths: 12, defaultRetainRatio: 0.8 },
  growth: {
    weights: { consumption: 0.45, interaction: 0.25, social: 0.15, lifecycle: 0.15 },
    window: { mode: 'rolling', months: 12 },
    consumption: {
      perYuan: 1,
      purchaseDayBonus: { growth: 5, maxDaysPerWindow: 60 },
      highValueBonus: [{ minFen: 30000, growth: 10 }, { minFen: 100000, growth: 30 }],
      repurchaseBonus: { withinDays: 30, growth: 5 },
      newCategoryBonus: { growth: 10, maxPerWindow: 10 },
    },
    events: {
      checkin: { growth: 2, dailyCap: 1 },
      visit: { growth: 1, dailyCap: 1 },
      favorite: { growth: 1, dailyCap: 5 },
      addToCart: { growth: 1, dailyCap: 5 },
      activity: { growth: 10, dailyCap: 2 },
      contentLike: { growth: 1, dailyCap: 10 },
      contentComment: { growth: 2, dailyCap: 5 },
      contentShare: { growth: 2, dailyCap: 5 },
      contentPost: { growth: 5, dailyCap: 2 },
      shareApp: { growth: 2, dailyCap: 3 },
      inviteRegistered: { growth: 20, dailyCap: 5 },
      inviteOrdered: { growth: 30, dailyCap: 5 },
      photoReview: { growth: 5, dailyCap: 3 },
    },
    lifecycle: {
      tenurePerMonth: 10,
      highTierPerMonth: 20,
      highTierMinLevel: 2,
      dormancy: { inactiveDays: 90, everyDays: 30, percent: 10, base: 'total' },
    },
  },
  points: {
    expiry: { mode: 'yearEnd', yearsAfter: 1 },
    expiringSoonDays: 30,
    pointsPerYuan: 1,
    doublePointsDays: { daysOfMonth: [18], multiplier: 2 },
    campaigns: [],
    multiplierCombination: 'highest',
    registrationBonus: 100,
    pendingDays: 0,
    negativeBalancePolicy: 'carry',
  },
  checkin: DEFAULT_CHECKIN,
  tasks: DEFAULT_TASKS,
  referral: DEFAULT_REFERRAL,
  mall: DEFAULT_MALL_RULES,
  memberCode: DEFAULT_MEMBER_CODE_RULES,
  settlement: DEFAULT_SETTLEMENT_RULES,
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type ConfigOverrides = DeepPartial<LoyaltyConfig>;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Date);
}

/** Objects merge key by key; arrays and scalars from the override replace the default. */
export function mergeConfig<T>(base: T, override: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(override)) return (override === undefined ? base : override) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined && key !== '_id') out[key] = mergeConfig((base as Record<string, unknown>)[key], value);
  }
  return out as T;
}
