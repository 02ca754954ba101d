import { DEFAULT_CONFIG, mergeConfig } from '../../cloudfunctions/core/config';
import { ACTIVITY_DIMENSION, ACTIVITY_REASON } from '../../cloudfunctions/core/growth';
import { emptyPointsState, planEarn } from '../../cloudfunctions/core/ledger';
import { addMonths } from '../../cloudfunctions/core/months';
import { planOrderPaid, planRegistrationBonus } from '../../cloudfunctions/core/rewardPlans';

const chinese = /[\u4e00-\u9fa5]/;

describe('loyalty defaults', () => {
  test('the documented default numbers', () => {
    const c = DEFAULT_CONFIG;
    expect(c.tiers.map((t) => [t.name, t.minGrowth, t.retainGrowth, t.upgradeGiftPoints, t.pointsMultiplier])).toEqual([
      ['普通会员', 0, 0, 0, 1], ['银牌会员', 501, 400, 200, 1.2], ['金牌会员', 1501, 1200, 500, 1.5], ['钻石会员', 3001, 2400, 1000, 2],
    ]);
    expect(c.tierPolicy).toEqual({ downgradeMaxSteps: 1, validityMonths: 12, defaultRetainRatio: 0.8 });
    expect(c.growth.window).toEqual({ mode: 'rolling', months: 12 });
    expect(c.points).toMatchObject({ pointsPerYuan: 1, doublePointsDays: { daysOfMonth: [18], multiplier: 2 }, campaigns: [], multiplierCombination: 'highest', registrationBonus: 100, pendingDays: 0, negativeBalancePolicy: 'carry', expiry: { mode: 'yearEnd', yearsAfter: 1 }, expiringSoonDays: 30 });
    expect(c.growth.lifecycle.dormancy).toEqual({ inactiveDays: 90, everyDays: 30, percent: 10, base: 'total' });
  });

  test('every action has a dimension, a daily cap and a Chinese reason', () => {
    for (const [event, rule] of Object.entries(DEFAULT_CONFIG.growth.events)) {
      expect(ACTIVITY_DIMENSION[event as keyof typeof ACTIVITY_DIMENSION]).toMatch(/^(interaction|social)$/);
      expect(ACTIVITY_REASON[event as keyof typeof ACTIVITY_REASON]).toMatch(chinese);
      expect(rule.dailyCap).toBeGreaterThan(0);
    }
  });

  test('nested sections merge key by key; campaign lists replace', () => {
    const c = mergeConfig(DEFAULT_CONFIG, { points: { pendingDays: 7, campaigns: [{ name: '店庆', from: '2026-09-01', to: '2026-09-07', multiplier: 3 }] }, growth: { events: { checkin: { growth: 5 } } } });
    expect(c.points.pendingDays).toBe(7);
    expect(c.points.registrationBonus).toBe(100);
    expect(c.points.campaigns).toHaveLength(1);
    expect(c.growth.events.checkin).toEqual({ growth: 5, dailyCap: 1 });
    expect(c.growth.events.visit).toEqual(DEFAULT_CONFIG.growth.events.visit);
  });
});

describe('registration and order rewards', () => {
  const now = new Date('2026-11-22T10:00:00+08:00');

  test('registration bonus: 100 points once (key registration)', () => {
    const plan = planRegistrationBonus(emptyPointsState(), now, DEFAULT_CONFIG);
    expect(plan.entries).toEqual([expect.objectContaining({ type: 'earn', amount: 100, key: 'registration', reason: '注册礼' })]);
    expect(() => planRegistrationBonus(plan.state, now, DEFAULT_CONFIG)).toThrow('该积分已发放');
  });

  test('a paid order: points locked for the return window, growth entry, rewards to keep on the order', () => {
    const c = mergeConfig(DEFAULT_CONFIG, { points: { pendingDays: 7 } });
    const start = planEarn(emptyPointsState(), { amount: 10, key: 'x', reason: '测试', ref: 'x', issuer: 't', at: new Date('2026-11-01T10:00:00+08:00') }, c).state;
    const paid = planOrderPaid(start, 1, { orderId: 'o1', paidFen: 15000, paidAt: new Date('2026-11-18T10:00:00+08:00'), categories: ['tea'], storeFormat: 'mall', issuer: 'pay' }, [], c);
    expect(paid.points).toMatchObject({ doubleDay: true, multiplier: 2.4, points: 360 });
    expect(paid.ledger.entries[0]).toMatchObject({ key: 'order:o1', ref: 'o1', amount: 360, reason: '消费奖励（活动加倍）', format: 'mall' });
    expect(paid.ledger.newLots[0].availableAt).toEqual(new Date('2026-11-26T00:00:00+08:00'));
    expect(paid.ledger.points).toEqual({ balance: 370, debt: 0, pending: 360 });
    expect(paid.rewards).toEqual({ orderId: 'o1', paidFen: 15000, pointsEarned: 360, growthEarned: paid.growth.amount, refundedFen: 0, pointsReversed: 0, growthReversed: 0 });
  });
});

describe('month arithmetic', () => {
  test.each([
    ['2026-01-31', 1, '2026-02-28'], ['2028-01-31', 1, '2028-02-29'], ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-22', -12, '2025-11-22'], ['2026-12-15', 1, '2027-01-15'], ['2026-01-15', -1, '2025-12-15'],
  ])('%s %+d months is %s', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected);
  });
});

describe('checking the engagement and mall sections of the rules', () => {
  const { configProblems: checkConfig } = require('../../cloudfunctions/core/config') as typeof import('../../cloudfunctions/core/config');
  const { DEFAULT_CONFIG: defaults, mergeConfig: merge } = require('../../cloudfunctions/core/config') as typeof import('../../cloudfunctions/core/config');

  test('the defaults pass', () => {
    expect(checkConfig(defaults)).toEqual([]);
  });

  test.each([
    [{ checkin: { points: -5 } }, '签到积分必须是非负整数'],
    [{ referral: { inviterMultiplier: 0 } }, '邀请人奖励倍率必须在 1-10 之间'],
    [{ memberCode: { slotSeconds: 1 } }, '会员码刷新间隔须为 10-300 秒，有效时段 1-10 个'],
    [{ mall: { memberCancelMinutes: 1.5 } }, '兑换取消时限必须是非负整数（分钟）'],
  ])('%j is refused', (override, problem) => {
    expect(checkConfig(merge(defaults, override))).toContain(problem);
  });
});
