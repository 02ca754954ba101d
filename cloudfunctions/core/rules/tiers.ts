// The tier ladder [`tiers`]: a list that replaces the default list wholesale. See docs/loyalty-rules.md section 2.
import * as z from 'zod/mini';
import { int, num, text } from './fields';

const benefitText = text('等级 {name} 的权益必须包含 key、title、description 三项文字');
const benefitKey = z.string('权益编码必须是 1-40 位字母、数字或下划线').check(z.regex(/^[A-Za-z0-9_]{1,40}$/, '权益编码必须是 1-40 位字母、数字或下划线'));
const places = (message: string) => z.optional(z.array(text(message, 1, 40), message).check(z.maxLength(50, message)));

/**
 * A benefit of a tier (权益通, docs/loyalty-rules.md section 2.4). `kind` (absent: `rule`):
 * - `rule`: describes a rule configured elsewhere (the points multiplier, the upgrade gift...); nothing is issued.
 * - `voucher`: `quota` vouchers per `period` land in the member's 卡券包, written off by staff in `formats`/`stores`.
 * - `points`: `points` credited per `period` (quota times).
 * - `flag`: a standing right (免费退换, 专属客服) staff and channels can query; nothing is issued.
 */
export const benefitSchema = z.strictObject({
  key: benefitKey,
  title: benefitText,
  description: benefitText,
  kind: z.optional(z.enum(['rule', 'voucher', 'points', 'flag'], '权益类型必须是 rule、voucher、points 或 flag')),
  /** Vouchers (or points credits) per period. Absent: 1. */
  quota: z.optional(int('权益 {title} 的每期数量必须是 1-50 的整数', 1, 50)),
  /** month, quarter, tierPeriod (the tier's validity), birthday (the birthday month, once a year). */
  period: z.optional(z.enum(['month', 'quarter', 'tierPeriod', 'birthday'], '权益发放周期必须是 month、quarter、tierPeriod 或 birthday')),
  /** auto: the daily job issues it when due; claim: the member claims it in 卡券包. Absent: auto. */
  issue: z.optional(z.enum(['auto', 'claim'], '权益发放方式必须是 auto 或 claim')),
  /** Reaching the tier after a month or quarter began: prorata (quota × days left ÷ days, rounded) or whole. Absent: prorata. */
  upgrade: z.optional(z.enum(['prorata', 'whole'], '升级当期发放方式必须是 prorata 或 whole')),
  /** Points credited per issue (kind points; a voucher may carry points too, e.g. a birthday gift). */
  points: z.optional(int('权益 {title} 的积分必须是 0-100000 的整数', 0, 100_000)),
  /** A voucher's face value in fen (a discount coupon's amount); absent for a service such as parking. */
  faceValueFen: z.optional(int('权益 {title} 的面值必须是非负整数（分）', 0, 10_000_000)),
  /** Days a voucher is valid from its issue. Absent: until its period ends. */
  validDays: z.optional(int('权益 {title} 的有效天数必须是 1-366 的整数', 1, 366)),
  /** Where a voucher may be written off: formats and/or store ids; both absent or empty: everywhere. */
  formats: places('权益 {title} 的可用业态必须是业态编码列表'),
  stores: places('权益 {title} 的可用门店必须是门店编号列表'),
  /** The format bearing the cost of a voucher (settlement between formats). Absent: the first of `formats`. */
  issuerFormat: z.optional(text('权益 {title} 的出资业态必须是 1-40 个字符', 1, 40)),
}).check(
  z.refine((b) => !['voucher', 'points'].includes(b.kind ?? 'rule') || b.period !== undefined, { error: '权益 {title} 需要设置发放周期', path: ['period'] }),
  z.refine((b) => b.kind !== 'points' || (b.points ?? 0) > 0, { error: '积分权益 {title} 的积分必须大于 0', path: ['points'] }),
);

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

const benefit = (key: string, title: string, description: string, extra: Partial<Benefit> = {}): Benefit => ({ key, title, description, ...extra });

const parking = (quota: number) => benefit('parking', '免费停车', `每月 ${quota} 张 2 小时免费停车券`, { kind: 'voucher', quota, period: 'month', formats: ['mall'], issuerFormat: 'mall' });

export const DEFAULT_TIERS: TierRule[] = [
  {
    level: 0, name: '普通会员', minGrowth: 0, pointsMultiplier: 1, retainGrowth: 0, upgradeGiftPoints: 0,
    benefits: [benefit('points', '消费积分', '每消费 1 元累计 1 积分'), benefit('checkin', '每日签到', '签到领积分与成长值')],
  },
  {
    level: 1, name: '银牌会员', minGrowth: 501, pointsMultiplier: 1.2, retainGrowth: 400, upgradeGiftPoints: 200,
    benefits: [
      benefit('points_multiplier', '1.2 倍积分', '消费积分按 1.2 倍累计'),
      benefit('birthday_gift', '生日礼', '生日当月赠送 200 积分', { kind: 'points', period: 'birthday', points: 200 }),
      parking(1),
      benefit('upgrade_gift', '升级礼', '升级即得 200 积分'),
    ],
  },
  {
    level: 2, name: '金牌会员', minGrowth: 1501, pointsMultiplier: 1.5, retainGrowth: 1200, upgradeGiftPoints: 500,
    benefits: [
      benefit('points_multiplier', '1.5 倍积分', '消费积分按 1.5 倍累计'),
      benefit('birthday_gift', '生日礼', '生日当月赠送 500 积分与生日蛋糕券', {
        kind: 'voucher', period: 'birthday', points: 500, faceValueFen: 16800, formats: ['hotel'], issuerFormat: 'hotel',
      }),
      parking(2),
      benefit('shopping_coupon', '满 200 减 20 购物券', '每月领取 1 张，购物中心门店可用', {
        kind: 'voucher', period: 'month', issue: 'claim', faceValueFen: 2000, formats: ['mall'], issuerFormat: 'mall',
      }),
      benefit('exclusive_items', '专属商品', '积分商城金牌专区'),
      benefit('priority_service', '优先服务', '门店与客服优先接待', { kind: 'flag' }),
    ],
  },
  {
    level: 3, name: '钻石会员', minGrowth: 3001, pointsMultiplier: 2, retainGrowth: 2400, upgradeGiftPoints: 1000,
    benefits: [
      benefit('points_multiplier', '2 倍积分', '消费积分按 2 倍累计'),
      benefit('birthday_gift', '尊享生日礼', '生日当月赠送 1000 积分与生日蛋糕券', {
        kind: 'voucher', period: 'birthday', points: 1000, faceValueFen: 16800, formats: ['hotel'], issuerFormat: 'hotel',
      }),
      parking(4),
      benefit('breakfast', '酒店双人早餐', '每季度 1 张双人早餐券', { kind: 'voucher', period: 'quarter', faceValueFen: 27600, formats: ['hotel'], issuerFormat: 'hotel' }),
      benefit('late_checkout', '酒店延迟退房', '等级有效期内 2 次延迟退房至 14:00', {
        kind: 'voucher', quota: 2, period: 'tierPeriod', issue: 'claim', upgrade: 'whole', formats: ['hotel'], issuerFormat: 'hotel',
      }),
      benefit('monthly_points', '每月赠积分', '每月 1 日赠送 100 积分', { kind: 'points', period: 'month', points: 100 }),
      benefit('exclusive_items', '专属商品', '积分商城钻石专区'),
      benefit('priority_service', '专属客服', '一对一专属服务', { kind: 'flag' }),
      benefit('free_returns', '免费退换', '购物享免费退换货', { kind: 'flag' }),
    ],
  },
];
