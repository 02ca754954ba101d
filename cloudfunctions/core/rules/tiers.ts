// The tier ladder [`tiers`]: a list that replaces the default list wholesale. See docs/loyalty-rules.md section 2.
import * as z from 'zod/mini';
import { int, num, text } from './fields';

const benefitText = text('等级 {name} 的权益必须包含 key、title、description 三项文字');

export const benefitSchema = z.strictObject({ key: benefitText, title: benefitText, description: benefitText });

export const tierRuleSchema = z.strictObject({
  level: int('等级 {name} 的 level 必须是非负整数'),
  name: text('等级名称必须是 1-20 个字符', 1, 20),
  /** Lowest growth value of the tier (inclusive). */
  minGrowth: int('等级 {name} 的成长值门槛必须是非负整数'),
  pointsMultiplier: num('等级 {name} 的积分倍率必须在 0-10 之间', 0, 10, true),
  benefits: z.array(benefitSchema, '等级 {name} 的权益必须是列表'),
  /** 保级: growth needed over the tier's period to keep it. Absent: floor(minGrowth × tierPolicy.defaultRetainRatio). */
  retainGrowth: z.optional(int('等级 {name} 的保级成长值必须是不超过门槛的非负整数')),
  /** Points granted the first time a member ever reaches this level. Absent: 0. */
  upgradeGiftPoints: z.optional(int('等级 {name} 的升级礼积分必须是非负整数')),
}).check(z.refine((t) => t.retainGrowth === undefined || t.retainGrowth <= t.minGrowth, { error: '等级 {name} 的保级成长值必须是不超过门槛的非负整数', path: ['retainGrowth'] }));

const byMinGrowth = (tiers: TierRule[]) => [...tiers].sort((a, b) => a.minGrowth - b.minGrowth);

export const tiersSchema = z.array(tierRuleSchema, '会员等级必须是列表').check(
  z.minLength(1, '至少需要一个会员等级'),
  z.refine((tiers) => new Set(tiers.map((t) => t.level)).size === tiers.length, '会员等级 level 不能重复'),
  z.refine((tiers) => tiers.length === 0 || byMinGrowth(tiers)[0].minGrowth === 0, '最低等级的成长值门槛必须为 0'),
  z.refine((tiers) => byMinGrowth(tiers).every((t, i, all) => i === 0 || t.level > all[i - 1].level), '等级 level 必须随成长值门槛递增'),
);

export type Benefit = z.infer<typeof benefitSchema>;
export type TierRule = z.infer<typeof tierRuleSchema>;

const benefit = (key: string, title: string, description: string): Benefit => ({ key, title, description });

export const DEFAULT_TIERS: TierRule[] = [
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
];
