import { DEFAULT_CONFIG, mergeConfig } from '../../cloudfunctions/core/config';
import { growthInWindow, growthWindowStart, planActivityGrowth, planOrderGrowth, weightedGrowth, type GrowthEntry } from '../../cloudfunctions/core/growth';

const at = (iso: string) => new Date(iso);
const naturalYear = mergeConfig(DEFAULT_CONFIG, { growth: { window: { mode: 'naturalYear' } } });
const entry = (amount: number, when: string, dimension: GrowthEntry['dimension'] = 'consumption'): GrowthEntry =>
  ({ dimension, event: 'order', raw: amount, amount, at: at(when), reason: '消费订单', key: `k:${when}:${amount}` });

describe('dimension weights', () => {
  test('credited = round(raw × weight / 0.25): consumption ×1.8, interaction ×1, social and lifecycle ×0.6', () => {
    expect(weightedGrowth(100, 'consumption', DEFAULT_CONFIG)).toBe(180);
    expect(weightedGrowth(100, 'interaction', DEFAULT_CONFIG)).toBe(100);
    expect(weightedGrowth(100, 'social', DEFAULT_CONFIG)).toBe(60);
    expect(weightedGrowth(5, 'lifecycle', DEFAULT_CONFIG)).toBe(3);
    expect(weightedGrowth(1, 'social', DEFAULT_CONFIG)).toBe(1); // 0.6 rounds up
    expect(weightedGrowth(-5, 'social', DEFAULT_CONFIG)).toBe(-3);
  });

  test('equal weights are neutral', () => {
    const equal = mergeConfig(DEFAULT_CONFIG, { growth: { weights: { consumption: 0.25, interaction: 0.25, social: 0.25, lifecycle: 0.25 } } });
    for (const d of ['consumption', 'interaction', 'social', 'lifecycle'] as const) expect(weightedGrowth(137, d, equal)).toBe(137);
  });
});

describe('the growth window', () => {
  test('rolling 12 months: from 00:00 Shanghai on the day after the same date a year ago', () => {
    expect(growthWindowStart(at('2026-11-22T10:00:00+08:00'), DEFAULT_CONFIG)).toEqual(at('2025-11-23T00:00:00+08:00'));
    expect(growthWindowStart(at('2028-02-29T10:00:00+08:00'), DEFAULT_CONFIG)).toEqual(at('2027-03-01T00:00:00+08:00'));
  });

  test('natural year: from 1 January, Shanghai (reset at 00:00 Shanghai, 16:00 UTC the day before)', () => {
    expect(growthWindowStart(at('2026-12-31T15:59:59Z'), naturalYear)).toEqual(at('2026-01-01T00:00:00+08:00'));
    expect(growthWindowStart(at('2026-12-31T16:00:00Z'), naturalYear)).toEqual(at('2027-01-01T00:00:00+08:00'));
  });

  test('sums the entries in the window per dimension', () => {
    const entries = [entry(100, '2025-11-22T23:59:59+08:00'), entry(200, '2025-11-23T00:00:00+08:00'), entry(30, '2026-11-01T00:00:00+08:00', 'social'), entry(-20, '2026-11-02T00:00:00+08:00', 'lifecycle'), entry(999, '2026-11-23T00:00:00+08:00')];
    expect(growthInWindow(entries, at('2026-11-22T23:00:00+08:00'), DEFAULT_CONFIG)).toEqual({ total: 210, consumption: 200, interaction: 0, social: 30, lifecycle: -20 });
    expect(growthInWindow(entries, at('2026-12-31T23:00:00+08:00'), naturalYear).total).toBe(1009);
    expect(growthInWindow(entries, at('2027-01-01T00:00:00+08:00'), naturalYear).total).toBe(0);
  });

  test('the total never shows below 0', () => {
    expect(growthInWindow([entry(-50, '2026-11-02T00:00:00+08:00', 'lifecycle')], at('2026-11-22T00:00:00+08:00'), DEFAULT_CONFIG).total).toBe(0);
  });
});

describe('consumption growth of a paid order', () => {
  const paidAt = at('2026-06-10T12:00:00+08:00');
  const order = (paidFen: number, categories: string[], when = paidAt) => ({ orderId: 'o1', paidFen, paidAt: when, categories });

  test('a first order: per yuan, first purchase day, new categories, weighted ×1.8', () => {
    const g = planOrderGrowth(order(20050, ['shoes', 'bags', 'shoes']), [], DEFAULT_CONFIG);
    expect(g.parts).toEqual({ spend: 200, purchaseDay: 5, highValue: 0, repurchase: 0, newCategory: 20 });
    expect(g).toMatchObject({ dimension: 'consumption', event: 'order', raw: 225, amount: 405, key: 'order:o1', ref: 'o1', reason: '消费订单' });
  });

  test('high-value bonus: the highest threshold reached, inclusive', () => {
    expect(planOrderGrowth(order(29999, []), [], DEFAULT_CONFIG).parts?.highValue).toBe(0);
    expect(planOrderGrowth(order(30000, []), [], DEFAULT_CONFIG).parts?.highValue).toBe(10);
    expect(planOrderGrowth(order(100000, []), [], DEFAULT_CONFIG).parts?.highValue).toBe(30);
  });

  test('a second order the same Shanghai day earns no frequency or repurchase bonus', () => {
    const prior = [{ paidAt: at('2026-06-10T00:00:00+08:00'), categories: ['shoes'] }, { paidAt: at('2026-06-01T10:00:00+08:00'), categories: [] }];
    expect(planOrderGrowth(order(1000, ['shoes']), prior, DEFAULT_CONFIG).parts).toEqual({ spend: 10, purchaseDay: 0, highValue: 0, repurchase: 0, newCategory: 0 });
  });

  test('repurchase bonus when the previous purchase day is at most 30 days before', () => {
    const within = [{ paidAt: at('2026-05-11T23:59:00+08:00'), categories: [] }];
    const beyond = [{ paidAt: at('2026-05-10T23:59:00+08:00'), categories: [] }];
    expect(planOrderGrowth(order(1000, []), within, DEFAULT_CONFIG).parts).toMatchObject({ purchaseDay: 5, repurchase: 5 });
    expect(planOrderGrowth(order(1000, []), beyond, DEFAULT_CONFIG).parts).toMatchObject({ purchaseDay: 5, repurchase: 0 });
  });

  test('frequency and category bonuses are capped per window; orders outside the window do not count', () => {
    const days = Array.from({ length: 60 }, (_, i) => ({ paidAt: at(`2026-0${i < 30 ? 4 : 5}-${String((i % 30) + 1).padStart(2, '0')}T10:00:00+08:00`), categories: [] }));
    expect(planOrderGrowth(order(1000, []), days, DEFAULT_CONFIG).parts?.purchaseDay).toBe(0);
    expect(planOrderGrowth(order(1000, []), days.slice(1), DEFAULT_CONFIG).parts?.purchaseDay).toBe(5);
    const nineCategories = [{ paidAt: at('2026-01-10T10:00:00+08:00'), categories: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] }];
    expect(planOrderGrowth(order(1000, ['x', 'y', 'a']), nineCategories, DEFAULT_CONFIG).parts?.newCategory).toBe(10);
    const lastYear = [{ paidAt: at('2025-06-10T12:00:00+08:00'), categories: ['shoes'] }];
    expect(planOrderGrowth(order(1000, ['shoes']), lastYear, DEFAULT_CONFIG).parts).toMatchObject({ newCategory: 10, repurchase: 0 });
  });
});

describe('growth of member actions', () => {
  const day = '2026-06-10';
  const checkin = (when: string, key = `checkin:${when.slice(0, 10)}`) => ({ type: 'checkin' as const, at: at(when), key });

  test('credited with the dimension weight and a Chinese reason', () => {
    expect(planActivityGrowth(checkin(`${day}T08:00:00+08:00`), [], DEFAULT_CONFIG)).toEqual({
      entry: { dimension: 'interaction', event: 'checkin', raw: 2, amount: 2, at: at(`${day}T08:00:00+08:00`), reason: '每日签到', key: 'checkin:2026-06-10' },
    });
    const invite = planActivityGrowth({ type: 'inviteRegistered', at: at(`${day}T08:00:00+08:00`), key: 'invite:o-friend', ref: 'o-friend' }, [], DEFAULT_CONFIG);
    expect(invite.entry).toMatchObject({ dimension: 'social', raw: 20, amount: 12, reason: '邀请好友注册', ref: 'o-friend' });
  });

  test('a key already credited is a duplicate', () => {
    const first = planActivityGrowth(checkin(`${day}T08:00:00+08:00`), [], DEFAULT_CONFIG).entry!;
    expect(planActivityGrowth(checkin(`${day}T09:00:00+08:00`), [first], DEFAULT_CONFIG)).toEqual({ entry: null, skipped: 'duplicate' });
  });

  test('daily caps count per Shanghai day', () => {
    const likes: GrowthEntry[] = [];
    for (let i = 0; i < 10; i++) likes.push(planActivityGrowth({ type: 'contentLike', at: at(`${day}T10:00:00+08:00`), key: `like:${i}` }, likes, DEFAULT_CONFIG).entry!);
    expect(likes.every(Boolean)).toBe(true);
    expect(planActivityGrowth({ type: 'contentLike', at: at(`${day}T23:59:59+08:00`), key: 'like:10' }, likes, DEFAULT_CONFIG)).toEqual({ entry: null, skipped: 'dailyCap' });
    // 16:00 UTC is already the next Shanghai day.
    expect(planActivityGrowth({ type: 'contentLike', at: at('2026-06-10T16:00:00Z'), key: 'like:11' }, likes, DEFAULT_CONFIG).entry).not.toBeNull();
  });

  test('an action set to 0 growth earns nothing', () => {
    const off = mergeConfig(DEFAULT_CONFIG, { growth: { events: { visit: { growth: 0, dailyCap: 1 } } } });
    expect(planActivityGrowth({ type: 'visit', at: at(`${day}T10:00:00+08:00`), key: 'visit:1' }, [], off)).toEqual({ entry: null, skipped: 'disabled' });
  });
});
