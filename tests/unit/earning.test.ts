import { DEFAULT_CONFIG, mergeConfig, type LoyaltyConfig } from '../../cloudfunctions/core/config';
import { campaignApplies, isDoublePointsDay, orderPoints } from '../../cloudfunctions/core/earning';

const [normal, silver, gold, diamond] = DEFAULT_CONFIG.tiers;
const ordinaryDay = new Date('2026-11-10T04:00:00Z');
const withPoints = (points: object): LoyaltyConfig => mergeConfig(DEFAULT_CONFIG, { points });

describe('points for a paid order', () => {
  test('1 point per yuan at the entry tier, floored', () => {
    expect(orderPoints({ amountFen: 12345, paidAt: ordinaryDay }, normal, DEFAULT_CONFIG)).toEqual({
      base: 123, tierMultiplier: 1, doubleDay: false, campaigns: [], promotionMultiplier: 1, multiplier: 1, bonusPoints: 0, points: 123,
    });
    expect(orderPoints({ amountFen: 99, paidAt: ordinaryDay }, normal, DEFAULT_CONFIG).points).toBe(0);
    expect(orderPoints({ amountFen: 0, paidAt: ordinaryDay }, normal, DEFAULT_CONFIG).points).toBe(0);
  });

  test('the tier multiplier applies to the amount and the product is floored once', () => {
    // 19.99 yuan × 1.5 = 29.985 → 29 (flooring the base first would give 28).
    expect(orderPoints({ amountFen: 1999, paidAt: ordinaryDay }, gold, DEFAULT_CONFIG)).toMatchObject({ base: 19, multiplier: 1.5, points: 29 });
    expect(orderPoints({ amountFen: 10000, paidAt: ordinaryDay }, silver, DEFAULT_CONFIG).points).toBe(120);
    expect(orderPoints({ amountFen: 10000, paidAt: ordinaryDay }, diamond, DEFAULT_CONFIG).points).toBe(200);
  });

  test('no floating-point loss: 1.2 × 29 yuan is 34 and 0.29 yuan × 100 points/yuan is 29', () => {
    expect(orderPoints({ amountFen: 2900, paidAt: ordinaryDay }, silver, DEFAULT_CONFIG).points).toBe(34);
    expect(orderPoints({ amountFen: 29, paidAt: ordinaryDay }, normal, withPoints({ pointsPerYuan: 100 })).points).toBe(29);
  });

  test('huge amounts stay exact', () => {
    expect(orderPoints({ amountFen: 9_000_000_000_00, paidAt: ordinaryDay }, diamond, DEFAULT_CONFIG).points).toBe(18_000_000_000);
  });

  test('a negative or fractional amount is a programming error', () => {
    expect(() => orderPoints({ amountFen: -1, paidAt: ordinaryDay }, normal, DEFAULT_CONFIG)).toThrow(RangeError);
    expect(() => orderPoints({ amountFen: 1.5, paidAt: ordinaryDay }, normal, DEFAULT_CONFIG)).toThrow(RangeError);
  });
});

describe('double-points day: the 18th, by the Asia/Shanghai day', () => {
  test.each([
    ['2026-03-17T15:59:59Z', false, '17th 23:59:59 Shanghai'],
    ['2026-03-17T16:00:00Z', true, '18th 00:00 Shanghai (still the 17th in UTC)'],
    ['2026-03-18T15:59:59Z', true, '18th 23:59:59 Shanghai'],
    ['2026-03-18T16:00:00Z', false, '19th 00:00 Shanghai (still the 18th in UTC)'],
  ])('%s is double: %s (%s)', (iso, expected) => {
    expect(isDoublePointsDay(new Date(iso), DEFAULT_CONFIG)).toBe(expected);
  });

  test('doubles the points, times the tier multiplier', () => {
    const p = orderPoints({ amountFen: 10000, paidAt: new Date('2026-03-18T15:59:59+08:00') }, silver, DEFAULT_CONFIG);
    expect(p).toMatchObject({ doubleDay: true, promotionMultiplier: 2, multiplier: 2.4, points: 240 });
    expect(orderPoints({ amountFen: 10000, paidAt: new Date('2026-03-19T00:00:00+08:00') }, silver, DEFAULT_CONFIG).points).toBe(120);
  });

  test('the days and multiplier are configuration', () => {
    const config = withPoints({ doublePointsDays: { daysOfMonth: [8, 28], multiplier: 3 } });
    expect(orderPoints({ amountFen: 10000, paidAt: new Date('2026-03-08T12:00:00+08:00') }, normal, config).points).toBe(300);
    expect(orderPoints({ amountFen: 10000, paidAt: new Date('2026-03-18T12:00:00+08:00') }, normal, config).points).toBe(100);
  });
});

describe('campaigns', () => {
  const weekendMall = { name: '周末商场三倍积分', from: '2026-05-01', to: '2026-05-31', weekdays: [0, 6], storeFormats: ['mall'], multiplier: 3 };
  const may = { name: '五月酒店', from: '2026-05-01', to: '2026-05-31', storeFormats: ['hotel'], multiplier: 1.5 };
  const config = withPoints({ campaigns: [weekendMall, may] });
  const saturday = new Date('2026-05-16T10:00:00+08:00');

  test('dates are inclusive Shanghai days; weekdays and store formats must match when set', () => {
    expect(campaignApplies(weekendMall, saturday, 'mall')).toBe(true);
    expect(campaignApplies(weekendMall, saturday, 'hotel')).toBe(false);
    expect(campaignApplies(weekendMall, saturday, undefined)).toBe(false);
    expect(campaignApplies(weekendMall, new Date('2026-05-15T10:00:00+08:00'), 'mall')).toBe(false); // Friday
    expect(campaignApplies(may, new Date('2026-05-01T00:00:00+08:00'), 'hotel')).toBe(true);
    expect(campaignApplies(may, new Date('2026-05-31T23:59:59+08:00'), 'hotel')).toBe(true);
    expect(campaignApplies(may, new Date('2026-06-01T00:00:00+08:00'), 'hotel')).toBe(false);
    expect(campaignApplies(may, new Date('2026-04-30T23:59:59+08:00'), 'hotel')).toBe(false);
  });

  test('the highest promotion multiplier wins, times the tier multiplier', () => {
    // Monday 18 May 2026: double day (×2) and the hotel campaign (×1.5) → ×2.
    const p = orderPoints({ amountFen: 10000, paidAt: new Date('2026-05-18T10:00:00+08:00'), storeFormat: 'hotel' }, gold, config);
    expect(p).toMatchObject({ doubleDay: true, campaigns: ['五月酒店'], promotionMultiplier: 2, multiplier: 3, points: 300 });
    const s = orderPoints({ amountFen: 10000, paidAt: saturday, storeFormat: 'mall' }, gold, config);
    expect(s).toMatchObject({ campaigns: ['周末商场三倍积分'], promotionMultiplier: 3, multiplier: 4.5, points: 450 });
  });

  test("combination 'product' multiplies every promotion", () => {
    const product = mergeConfig(config, { points: { multiplierCombination: 'product' } });
    const p = orderPoints({ amountFen: 10000, paidAt: new Date('2026-05-18T10:00:00+08:00'), storeFormat: 'hotel' }, gold, product);
    expect(p).toMatchObject({ promotionMultiplier: 3, multiplier: 4.5, points: 450 });
  });

  test('a campaign below ×1 never lowers points under the highest rule', () => {
    const c = withPoints({ campaigns: [{ name: '测试', from: '2026-01-01', to: '2026-12-31', multiplier: 0.5 }] });
    expect(orderPoints({ amountFen: 10000, paidAt: ordinaryDay }, normal, c).points).toBe(100);
  });
});

describe('spend-threshold campaigns (满 300 元 积分 ×2, 满 500 元 送 100 积分)', () => {
  const double300 = { name: '满300积分翻倍', from: '2026-11-01', to: '2026-11-30', minFen: 30000, multiplier: 2 };
  const gift500 = { name: '满500送100', from: '2026-11-01', to: '2026-11-30', minFen: 50000, bonusPoints: 100 };
  const config = withPoints({ campaigns: [double300, gift500] });
  const at = new Date('2026-11-10T12:00:00+08:00'); // an ordinary Tuesday
  const member18th = new Date('2026-11-18T12:00:00+08:00'); // the double-points day (×2)

  test('the threshold is the paid amount, inclusive', () => {
    expect(campaignApplies(double300, at, undefined, 29999)).toBe(false);
    expect(campaignApplies(double300, at, undefined, 30000)).toBe(true);
    expect(orderPoints({ amountFen: 29999, paidAt: at }, normal, config)).toMatchObject({ campaigns: [], multiplier: 1, bonusPoints: 0, points: 299 });
    expect(orderPoints({ amountFen: 30000, paidAt: at }, normal, config)).toMatchObject({ campaigns: ['满300积分翻倍'], multiplier: 2, bonusPoints: 0, points: 600 });
  });

  test('bonus points are added after the multipliers, never multiplied', () => {
    // 500 yuan by a 金牌 (×1.5): ×2 from 满300 → 500 × 1.5 × 2 = 1,500, + 100 from 满500 = 1,600.
    expect(orderPoints({ amountFen: 50000, paidAt: at }, gold, config)).toMatchObject({
      campaigns: ['满300积分翻倍', '满500送100'], promotionMultiplier: 2, multiplier: 3, bonusPoints: 100, points: 1600,
    });
  });

  test("'highest': the largest multiplier and the largest bonus; 'product': multipliers multiply and bonuses add up", () => {
    const more = [double300, gift500, { name: '满500送50', from: '2026-11-01', to: '2026-11-30', minFen: 50000, bonusPoints: 50, multiplier: 1.5 }];
    const highest = withPoints({ campaigns: more });
    // The 18th (×2) and 满300 ×2 and ×1.5: highest ×2; bonuses 100 and 50: highest 100. 600 yuan → 1,200 + 100.
    expect(orderPoints({ amountFen: 60000, paidAt: member18th }, normal, highest)).toMatchObject({ promotionMultiplier: 2, bonusPoints: 100, points: 1300 });
    const product = withPoints({ campaigns: more, multiplierCombination: 'product' });
    // ×2 × 2 × 1.5 = ×6 → 3,600; bonuses 100 + 50 = 150.
    expect(orderPoints({ amountFen: 60000, paidAt: member18th }, normal, product)).toMatchObject({ promotionMultiplier: 6, bonusPoints: 150, points: 3750 });
  });

  test('the day, weekday and format filters still apply to a threshold campaign', () => {
    const weekendMall = withPoints({ campaigns: [{ ...gift500, weekdays: [0, 6], storeFormats: ['mall'] }] });
    const saturday = new Date('2026-11-14T12:00:00+08:00');
    expect(orderPoints({ amountFen: 50000, paidAt: saturday, storeFormat: 'mall' }, normal, weekendMall).points).toBe(600);
    expect(orderPoints({ amountFen: 50000, paidAt: saturday, storeFormat: 'hotel' }, normal, weekendMall).points).toBe(500);
    expect(orderPoints({ amountFen: 50000, paidAt: at, storeFormat: 'mall' }, normal, weekendMall).points).toBe(500);
    expect(orderPoints({ amountFen: 50000, paidAt: new Date('2026-12-05T12:00:00+08:00'), storeFormat: 'mall' }, normal, weekendMall).points).toBe(500);
  });
});
