// Loyalty rules as configuration. Defaults live here and only here; an operator overrides any part of
// them through the `config` collection (document `loyalty`), merged over these defaults.
export interface Benefit { key: string; title: string; description: string }

export interface TierRule {
  level: number;
  name: string;
  /** Lowest growth value of the tier (inclusive). */
  minGrowth: number;
  pointsMultiplier: number;
  benefits: Benefit[];
}

export type GrowthDimension = 'consumption' | 'interaction' | 'social' | 'lifecycle';

export type PointsExpiry = { mode: 'yearEnd'; yearsAfter: number } | { mode: 'rolling'; months: number };

export interface LoyaltyConfig {
  tiers: TierRule[];
  growth: { weights: Record<GrowthDimension, number> };
  points: {
    expiry: PointsExpiry;
    /** Points expiring within this many days are shown as "expiring soon". */
    expiringSoonDays: number;
  };
}

const benefit = (key: string, title: string, description: string): Benefit => ({ key, title, description });

export const DEFAULT_CONFIG: LoyaltyConfig = {
  tiers: [
    {
      level: 0, name: '普通会员', minGrowth: 0, pointsMultiplier: 1,
      benefits: [benefit('points', '消费积分', '每消费 1 元累计 1 积分'), benefit('checkin', '每日签到', '签到领积分与成长值')],
    },
    {
      level: 1, name: '银牌会员', minGrowth: 501, pointsMultiplier: 1.2,
      benefits: [
        benefit('points_multiplier', '1.2 倍积分', '消费积分按 1.2 倍累计'),
        benefit('birthday_gift', '生日礼', '生日当月领取生日礼包'),
        benefit('upgrade_gift', '升级礼', '升级即得 200 积分'),
      ],
    },
    {
      level: 2, name: '金牌会员', minGrowth: 1501, pointsMultiplier: 1.5,
      benefits: [
        benefit('points_multiplier', '1.5 倍积分', '消费积分按 1.5 倍累计'),
        benefit('birthday_gift', '生日礼', '生日当月领取生日礼包'),
        benefit('exclusive_items', '专属商品', '积分商城金牌专区'),
        benefit('priority_service', '优先服务', '门店与客服优先接待'),
      ],
    },
    {
      level: 3, name: '钻石会员', minGrowth: 3001, pointsMultiplier: 2,
      benefits: [
        benefit('points_multiplier', '2 倍积分', '消费积分按 2 倍累计'),
        benefit('birthday_gift', '尊享生日礼', '生日当月领取尊享礼包'),
        benefit('exclusive_items', '专属商品', '积分商城钻石专区'),
        benefit('priority_service', '专属客服', '一对一专属服务'),
        benefit('free_returns', '免费退换', '购物享免费退换货'),
      ],
    },
  ],
  growth: { weights: { consumption: 0.45, interaction: 0.25, social: 0.15, lifecycle: 0.15 } },
  points: { expiry: { mode: 'yearEnd', yearsAfter: 1 }, expiringSoonDays: 30 },
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
