import { DEFAULT_CONFIG, type TierRule } from '../../cloudfunctions/core/config';
import { sortedTiers, tierByLevel, tierForGrowth, tierProgress } from '../../cloudfunctions/core/tiers';

const tiers = DEFAULT_CONFIG.tiers;

describe('tiers by growth value', () => {
  test.each([
    [0, '普通会员'], [500, '普通会员'], [501, '银牌会员'], [1500, '银牌会员'],
    [1501, '金牌会员'], [3000, '金牌会员'], [3001, '钻石会员'], [999999, '钻石会员'],
  ])('growth %i is %s', (growth, name) => {
    expect(tierForGrowth(growth, tiers).name).toBe(name);
  });

  test('tier order does not depend on the order in configuration', () => {
    const shuffled = [tiers[2], tiers[0], tiers[3], tiers[1]];
    expect(tierForGrowth(1600, shuffled).level).toBe(2);
  });

  test('a configuration without a tier at 0 is rejected', () => {
    const broken: TierRule[] = tiers.map((t) => ({ ...t, minGrowth: t.minGrowth + 1 }));
    expect(() => sortedTiers(broken)).toThrow(/growth 0/);
  });

  test('unknown level falls back to the entry tier', () => {
    expect(tierByLevel(9, tiers).level).toBe(0);
  });
});

describe('progress to the next tier', () => {
  test('growth needed counts to the next threshold', () => {
    expect(tierProgress(500, tiers[0], tiers).nextTier).toEqual({ level: 1, name: '银牌会员', threshold: 501, growthNeeded: 1 });
    expect(tierProgress(820, tiers[1], tiers)).toEqual({ nextTier: { level: 2, name: '金牌会员', threshold: 1501, growthNeeded: 681 }, progress: 0.319 });
  });

  test('the top tier has no next tier and full progress', () => {
    expect(tierProgress(5000, tiers[3], tiers)).toEqual({ nextTier: null, progress: 1 });
  });

  test('a member kept at a tier above their growth (retention) shows progress 0, not negative', () => {
    const p = tierProgress(1200, tiers[2], tiers);
    expect(p.progress).toBe(0);
    expect(p.nextTier?.growthNeeded).toBe(1801);
  });
});
