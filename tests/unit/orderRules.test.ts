// The `orders` rules section (late-delivery window, clock skew), the payment-time check, and how a late order that
// was paid before the current growth window is judged (points as of its payment time, no growth).
import * as z from 'zod/mini';
import { checkOverrides, DEFAULT_CONFIG, describeProblems, loyaltyConfigSchema, type LoyaltyConfig, type OrderRules } from '../../cloudfunctions/core/config';
import { orderPoints } from '../../cloudfunctions/core/earning';
import { AppError } from '../../cloudfunctions/core/errors';
import { paidOrderFlow } from '../../cloudfunctions/core/flows';
import { newMember } from '../../cloudfunctions/core/member';
import { checkPaidAt } from '../../cloudfunctions/core/paidAt';

const DAY = 86_400_000;
const now = new Date('2026-12-01T10:00:00+08:00');

const problemsOf = (overrides: unknown): string => {
  const r = checkOverrides(overrides);
  if (r.ok) throw new Error(`expected ${JSON.stringify(overrides)} to be refused`);
  return describeProblems(r.problems);
};

const refusal = (paidAt: Date, config: LoyaltyConfig = DEFAULT_CONFIG) => {
  try {
    checkPaidAt(paidAt, now, config);
    return null;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, message: e.message };
  }
};

describe('the orders rules section', () => {
  test('defaults: 30 days late delivery, 5 minutes clock skew; they parse back unchanged', () => {
    const rules: OrderRules = DEFAULT_CONFIG.orders;
    expect(rules).toEqual({ lateDeliveryDays: 30, clockSkewMinutes: 5 });
    expect(z.parse(loyaltyConfigSchema, DEFAULT_CONFIG).orders).toEqual(rules);
  });

  test('an override merges over the defaults', () => {
    const r = checkOverrides({ orders: { lateDeliveryDays: 7 } });
    if (!r.ok) throw new Error(describeProblems(r.problems));
    expect(r.config.orders).toEqual({ lateDeliveryDays: 7, clockSkewMinutes: 5 });
  });

  test.each([
    [{ orders: { lateDeliveryDays: -1 } }, '订单可补录天数必须是 0-365 之间的整数'],
    [{ orders: { lateDeliveryDays: 1.5 } }, '订单可补录天数必须是 0-365 之间的整数'],
    [{ orders: { lateDeliveryDays: 366 } }, '订单可补录天数必须是 0-365 之间的整数'],
    [{ orders: { clockSkewMinutes: 61 } }, '支付时间允许的时钟偏差必须是 0-60 之间的整数（分钟）'],
    [{ orders: { clockSkewMinutes: '5' } }, '支付时间允许的时钟偏差必须是 0-60 之间的整数（分钟）'],
  ])('%j is refused with %s', (overrides, message) => {
    expect(problemsOf(overrides)).toContain(message);
  });

  test('unknown keys are refused', () => {
    expect(problemsOf({ orders: { lateDeliveryHours: 3 } })).toBe('配置项 orders.lateDeliveryHours 不被支持');
  });
});

describe('checkPaidAt', () => {
  test('accepts from the late-delivery window up to the clock skew, bounds included', () => {
    expect(refusal(new Date(now.getTime() - 30 * DAY))).toBeNull();
    expect(refusal(new Date(now.getTime() - 29 * DAY))).toBeNull();
    expect(refusal(now)).toBeNull();
    expect(refusal(new Date(now.getTime() + 5 * 60_000))).toBeNull();
  });

  test('refuses older or newer payment times with a clear message', () => {
    expect(refusal(new Date(now.getTime() - 30 * DAY - 1))).toEqual({ code: 'INVALID_INPUT', message: '支付时间早于可补录期限（30 天）' });
    expect(refusal(new Date('2000-01-01T00:00:00Z'))).toEqual({ code: 'INVALID_INPUT', message: '支付时间早于可补录期限（30 天）' });
    expect(refusal(new Date(now.getTime() + 5 * 60_000 + 1))).toEqual({ code: 'INVALID_INPUT', message: '支付时间不能晚于当前时间' });
  });

  test('follows the configuration', () => {
    const config = { ...DEFAULT_CONFIG, orders: { lateDeliveryDays: 7, clockSkewMinutes: 0 } };
    expect(refusal(new Date(now.getTime() - 8 * DAY), config)).toEqual({ code: 'INVALID_INPUT', message: '支付时间早于可补录期限（7 天）' });
    expect(refusal(new Date(now.getTime() + 1), config)).toEqual({ code: 'INVALID_INPUT', message: '支付时间不能晚于当前时间' });
    expect(refusal(new Date(now.getTime() - 6 * DAY), config)).toBeNull();
  });
});

describe('a late order in paidOrderFlow', () => {
  const member = newMember('o-late', new Date('2025-01-01T10:00:00+08:00'));
  const flow = (paidAt: Date, config: LoyaltyConfig) =>
    paidOrderFlow(member, [], { orderId: 'L-1', paidFen: 1_000_000_00, paidAt, categories: ['服饰'], storeFormat: 'mall', issuer: 'test' }, [], now, config);

  test('inside the growth window: points and growth as of its payment time (a past 18th pays double)', () => {
    const paidAt = new Date('2026-11-18T12:00:00+08:00');
    const f = flow(paidAt, DEFAULT_CONFIG);
    expect(f.points).toEqual(orderPoints({ amountFen: 1_000_000_00, paidAt, storeFormat: 'mall' }, DEFAULT_CONFIG.tiers[0], DEFAULT_CONFIG));
    expect(f.points.doubleDay).toBe(true);
    expect(f.growth.amount).toBeGreaterThan(0);
    expect(f.write.growth).toEqual([f.growth]);
    expect(f.rewards.growthEarned).toBe(f.growth.amount);
  });

  test('paid before the current growth window starts: its points, but no growth, no upgrade, no gift', () => {
    const config: LoyaltyConfig = { ...DEFAULT_CONFIG, growth: { ...DEFAULT_CONFIG.growth, window: { mode: 'naturalYear' } } };
    const f = flow(new Date('2025-12-31T20:00:00+08:00'), { ...config, orders: { lateDeliveryDays: 60, clockSkewMinutes: 5 } });
    expect(f.points.points).toBeGreaterThan(0);
    expect(f.growth.amount).toBe(0);
    expect(f.rewards.growthEarned).toBe(0);
    expect(f.write.growth).toEqual([]);
    expect(f.write.growthSummary.total).toBe(0);
    expect(f.tier.change).toBe('none');
    expect(f.write.ledger.entries.map((e) => e.key)).toEqual(['order:L-1']);
  });
});
