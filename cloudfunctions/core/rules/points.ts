// Points [`points`]: earning on orders, promotions, expiry, pending points and debts. See docs/loyalty-rules.md
// section 3.
import * as z from 'zod/mini';
import { day, int, num, text } from './fields';

export const pointsCampaignSchema = z.strictObject({
  name: text('活动名称必须是 1-30 个字符', 1, 30),
  /** First and last Shanghai day ('YYYY-MM-DD'), inclusive. */
  from: day('活动 {name} 的日期范围不正确'),
  to: day('活动 {name} 的日期范围不正确'),
  /** Shanghai weekdays, 0 = Sunday; absent: every day. */
  weekdays: z.optional(z.array(int('活动 {name} 的星期必须是 0-6（0 为周日）', 0, 6), '活动 {name} 的星期必须是 0-6（0 为周日）')),
  /** Store formats (e.g. 'mall', 'hotel'); absent: every format. */
  storeFormats: z.optional(z.array(text('活动 {name} 的门店业态必须是文字列表', 1, 50), '活动 {name} 的门店业态必须是文字列表')),
  /** Spend threshold (满 N 元): the campaign applies only to an order paying at least this many fen; absent: any amount. */
  minFen: z.optional(int('活动 {name} 的消费门槛必须是正整数（分）', 1)),
  /** Points multiplier (积分 ×N); absent: ×1 (a campaign that only gives `bonusPoints`). */
  multiplier: z.optional(num('活动 {name} 的倍率必须在 1-10 之间', 1, 10)),
  /** Fixed points on top of the order's points (送 N 积分), not multiplied; absent: none. */
  bonusPoints: z.optional(int('活动 {name} 的赠送积分必须是 0-100000 之间的整数', 0, 100_000)),
}).check(
  z.refine((c) => c.from <= c.to, { error: '活动 {name} 的日期范围不正确', path: ['to'] }),
  z.refine((c) => c.multiplier !== undefined || c.bonusPoints !== undefined, { error: '活动 {name} 需设置活动倍率或赠送积分', path: ['multiplier'] }),
);

export type PointsCampaign = z.infer<typeof pointsCampaignSchema>;

const expiryMessage = '积分有效期配置不正确';

export const pointsExpirySchema = z.union([
  z.strictObject({ mode: z.literal('yearEnd'), yearsAfter: int(expiryMessage) }),
  z.strictObject({ mode: z.literal('rolling'), months: int(expiryMessage, 1) }),
], expiryMessage);

export type PointsExpiry = z.infer<typeof pointsExpirySchema>;

/** What happens when a refund takes back more points than the member still has. */
export const negativeBalancePolicySchema = z.literal(['carry', 'forgive'], '负积分策略必须是 carry 或 forgive');
export type NegativeBalancePolicy = z.infer<typeof negativeBalancePolicySchema>;

const doubleDayMessage = '积分加倍日配置不正确';

export const pointsSchema = z.strictObject({
  expiry: pointsExpirySchema,
  /** Points expiring within this many days are shown as "expiring soon". */
  expiringSoonDays: int('即将过期提醒天数必须是正整数', 1),
  /** Points per yuan paid, before multipliers. */
  pointsPerYuan: num('每元积分必须在 0-100 之间', 0, 100),
  /** Shanghai days of the month with a points multiplier (default: the 18th, ×2). */
  doublePointsDays: z.strictObject({
    daysOfMonth: z.array(int(doubleDayMessage, 1, 31), doubleDayMessage),
    multiplier: num(doubleDayMessage, 1),
  }, doubleDayMessage),
  campaigns: z.array(pointsCampaignSchema, '积分活动必须是列表'),
  /** How the double-day and campaign multipliers combine (the tier multiplier always multiplies the result). */
  multiplierCombination: z.literal(['highest', 'product'], '活动倍率叠加方式必须是 highest（取最高）或 product（相乘）'),
  registrationBonus: int('注册礼积分必须是非负整数'),
  /** Order points become spendable at 00:00 Shanghai after this many full days (the return window); 0 = at once. */
  pendingDays: int('积分冻结天数必须是非负整数'),
  negativeBalancePolicy: negativeBalancePolicySchema,
});

export type PointsRules = z.infer<typeof pointsSchema>;

export const DEFAULT_POINTS: PointsRules = {
  expiry: { mode: 'yearEnd', yearsAfter: 1 },
  expiringSoonDays: 30,
  pointsPerYuan: 1,
  doublePointsDays: { daysOfMonth: [18], multiplier: 2 },
  campaigns: [],
  multiplierCombination: 'highest',
  registrationBonus: 100,
  pendingDays: 0,
  negativeBalancePolicy: 'carry',
};
