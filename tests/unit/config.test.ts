import { DEFAULT_CONFIG, mergeConfig } from '../../cloudfunctions/core/config';

describe('configuration overrides', () => {
  test('objects merge key by key and leave defaults elsewhere', () => {
    const c = mergeConfig(DEFAULT_CONFIG, { growth: { weights: { consumption: 0.5 } } });
    expect(c.growth.weights).toEqual({ consumption: 0.5, interaction: 0.25, social: 0.15, lifecycle: 0.15 });
    expect(c.tiers).toBe(DEFAULT_CONFIG.tiers);
  });

  test('arrays replace the default wholesale', () => {
    const tiers = [{ level: 0, name: '会员', minGrowth: 0, pointsMultiplier: 1, benefits: [] }];
    expect(mergeConfig(DEFAULT_CONFIG, { tiers }).tiers).toEqual(tiers);
  });

  test('no override gives the defaults; the stored document id is ignored', () => {
    expect(mergeConfig(DEFAULT_CONFIG, undefined)).toBe(DEFAULT_CONFIG);
    expect(mergeConfig(DEFAULT_CONFIG, { _id: 'loyalty' })).not.toHaveProperty('_id');
  });

  test('default growth weights sum to 1 and sit in the recommended ranges', () => {
    const w = DEFAULT_CONFIG.growth.weights;
    expect(w.consumption + w.interaction + w.social + w.lifecycle).toBeCloseTo(1, 10);
    expect(w.consumption).toBeGreaterThanOrEqual(0.4);
    expect(w.consumption).toBeLessThanOrEqual(0.5);
  });
});
