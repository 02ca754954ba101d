import fc from 'fast-check';
import { DEFAULT_CONFIG, mergeConfig } from '../../cloudfunctions/core/config';
import type { GrowthEntry } from '../../cloudfunctions/core/growth';
import { emptyPointsState } from '../../cloudfunctions/core/ledger';
import { planUpgradeGifts } from '../../cloudfunctions/core/rewardPlans';
import { evaluateTier, initialTierState, onGrowthChange, retainGrowthOf, tierGrowth, tierPeriodEnd, type TierState } from '../../cloudfunctions/core/tierEvaluation';

const at = (iso: string) => new Date(iso);
const joined = at('2026-01-10T10:00:00+08:00');
const now = at('2026-03-15T10:00:00+08:00');
const start = initialTierState(joined);
const naturalYear = mergeConfig(DEFAULT_CONFIG, { growth: { window: { mode: 'naturalYear' } } });

const stateAt = (level: number, validUntil: string | null, extra: Partial<TierState> = {}): TierState =>
  ({ tierLevel: level, tierSince: joined, tierValidUntil: validUntil ? at(validUntil) : null, highTierSince: level >= 2 ? joined : null, giftedLevels: [0, 1, 2, 3].filter((l) => l <= level), ...extra });

describe('upgrades on growth change', () => {
  test('growth 500 stays 普通会员; 501 upgrades to 银牌会员 with its gift, valid 12 months', () => {
    expect(onGrowthChange(start, 500, now, DEFAULT_CONFIG).change).toBe('none');
    const up = onGrowthChange(start, 501, now, DEFAULT_CONFIG);
    expect(up).toMatchObject({ change: 'upgrade', fromLevel: 0, toLevel: 1, message: '恭喜升级为银牌会员' });
    expect(up.gifts).toEqual([{ level: 1, points: 200, key: 'upgradeGift:1', reason: '升级礼：银牌会员' }]);
    expect(up.state).toEqual({ tierLevel: 1, tierSince: now, tierValidUntil: at('2027-03-15T00:00:00+08:00'), highTierSince: null, giftedLevels: [0, 1] });
  });

  test('several levels at once: a gift for each level reached for the first time', () => {
    const up = onGrowthChange(start, 3001, now, DEFAULT_CONFIG);
    expect(up.toLevel).toBe(3);
    expect(up.gifts.map((g) => [g.level, g.points])).toEqual([[1, 200], [2, 500], [3, 1000]]);
    expect(up.state.highTierSince).toEqual(now);
    const plan = planUpgradeGifts(emptyPointsState(), up.gifts, now, DEFAULT_CONFIG);
    expect(plan.entries.map((e) => [e.key, e.amount, e.reason])).toEqual([['upgradeGift:1', 200, '升级礼：银牌会员'], ['upgradeGift:2', 500, '升级礼：金牌会员'], ['upgradeGift:3', 1000, '升级礼：钻石会员']]);
    expect(plan.newLots).toHaveLength(3);
    expect(plan.points.balance).toBe(1700);
  });

  test('the upgrade gift is given once per level ever, even after a downgrade and a new upgrade', () => {
    const again = onGrowthChange(stateAt(0, null, { giftedLevels: [0, 1, 2] }), 3100, now, DEFAULT_CONFIG);
    expect(again.gifts.map((g) => g.level)).toEqual([3]);
    expect(again.state.giftedLevels).toEqual([0, 1, 2, 3]);
  });

  test('growth never lowers the tier outside evaluation', () => {
    expect(onGrowthChange(stateAt(2, '2027-01-01T00:00:00+08:00'), 0, now, DEFAULT_CONFIG).change).toBe('none');
  });

  test('keeps highTierSince when moving between high tiers', () => {
    const up = onGrowthChange(stateAt(2, '2027-01-01T00:00:00+08:00'), 3500, now, DEFAULT_CONFIG);
    expect(up.state.highTierSince).toEqual(joined);
  });
});

describe('the daily evaluation', () => {
  const due = '2026-03-15T00:00:00+08:00';

  test('before the period ends nothing is lowered', () => {
    expect(evaluateTier(stateAt(2, '2026-03-16T00:00:00+08:00'), { current: 0, retention: 0 }, now, DEFAULT_CONFIG).change).toBe('none');
  });

  test('retention met (exactly 1200 for 金牌会员): the tier is kept for another period', () => {
    const kept = evaluateTier(stateAt(2, due), { current: 1200, retention: 1200 }, now, DEFAULT_CONFIG);
    expect(kept).toMatchObject({ change: 'retain', toLevel: 2, message: '保级成功，继续享受金牌会员权益' });
    expect(kept.state.tierValidUntil).toEqual(at('2027-03-15T00:00:00+08:00'));
    expect(kept.state.tierSince).toEqual(joined);
  });

  test('retention missed by one: down one level only, even with no growth at all', () => {
    const down = evaluateTier(stateAt(2, due), { current: 1199, retention: 1199 }, now, DEFAULT_CONFIG);
    expect(down).toMatchObject({ change: 'downgrade', fromLevel: 2, toLevel: 1, gifts: [], message: '会员等级调整为银牌会员' });
    expect(down.state).toMatchObject({ tierSince: now, tierValidUntil: at('2027-03-15T00:00:00+08:00'), highTierSince: null });
    expect(evaluateTier(stateAt(3, due), { current: 0, retention: 0 }, now, DEFAULT_CONFIG).toLevel).toBe(2);
  });

  test('with downgradeMaxSteps 3, stops at the first level whose retention is met', () => {
    const c = mergeConfig(DEFAULT_CONFIG, { tierPolicy: { downgradeMaxSteps: 3 } });
    expect(evaluateTier(stateAt(3, due), { current: 1300, retention: 1300 }, now, c).toLevel).toBe(2);
    const bottom = evaluateTier(stateAt(3, due), { current: 0, retention: 0 }, now, c);
    expect(bottom.toLevel).toBe(0);
    expect(bottom.state.tierValidUntil).toBeNull();
  });

  test('an evaluation can also upgrade', () => {
    expect(evaluateTier(stateAt(1, due), { current: 1501, retention: 100 }, now, DEFAULT_CONFIG)).toMatchObject({ change: 'upgrade', toLevel: 2 });
  });

  test('retainGrowth falls back to 80% of minGrowth when a tier does not set it', () => {
    expect(retainGrowthOf({ level: 1, name: '银牌会员', minGrowth: 501, pointsMultiplier: 1, benefits: [] }, DEFAULT_CONFIG)).toBe(400);
    expect(retainGrowthOf(DEFAULT_CONFIG.tiers[3], DEFAULT_CONFIG)).toBe(2400);
  });
});

describe('tier periods and the growth they are judged on', () => {
  const entry = (amount: number, when: string): GrowthEntry => ({ dimension: 'consumption', event: 'order', raw: amount, amount, at: at(when), reason: '消费订单', key: when });

  test('the growth that earned the tier does not also keep it: retention counts only what came after the grant', () => {
    const state = stateAt(2, '2026-03-15T00:00:00+08:00', { tierSince: at('2025-03-15T10:00:00+08:00') });
    const entries = [entry(1600, '2025-03-15T10:00:00+08:00'), entry(100, '2025-09-01T12:00:00+08:00')];
    expect(tierGrowth(entries, state, at('2026-03-15T00:10:00+08:00'), DEFAULT_CONFIG)).toEqual({ current: 100, retention: 100 });
    expect(evaluateTier(state, { current: 100, retention: 100 }, at('2026-03-15T00:10:00+08:00'), DEFAULT_CONFIG)).toMatchObject({ change: 'downgrade', toLevel: 1 });
  });

  test('rolling: retention counts the 12 months ending at the period end, even when the job runs later', () => {
    const state = stateAt(1, '2026-03-15T00:00:00+08:00', { tierSince: at('2025-03-14T23:59:59+08:00') });
    const entries = [entry(300, '2025-03-14T23:59:59+08:00'), entry(420, '2025-03-15T00:00:00+08:00'), entry(50, '2026-03-15T00:00:00+08:00')];
    expect(tierGrowth(entries, state, at('2026-03-16T10:00:00+08:00'), DEFAULT_CONFIG)).toEqual({ current: 50, retention: 420 });
    expect(tierGrowth(entries, stateAt(1, '2026-04-01T00:00:00+08:00'), now, DEFAULT_CONFIG)).toEqual({ current: 50, retention: 50 });
  });

  test('natural year: granted for the rest of the year and the next; judged on the year that ended', () => {
    const up = onGrowthChange(start, 600, at('2026-06-10T10:00:00+08:00'), naturalYear);
    expect(up.state.tierValidUntil).toEqual(at('2028-01-01T00:00:00+08:00'));
    const entries = [entry(450, '2027-05-01T10:00:00+08:00'), entry(10, '2028-01-01T00:00:01+08:00')];
    const growth = tierGrowth(entries, up.state, at('2028-01-01T00:10:00+08:00'), naturalYear);
    expect(growth).toEqual({ current: 10, retention: 450 });
    const kept = evaluateTier(up.state, growth, at('2028-01-01T00:10:00+08:00'), naturalYear);
    expect(kept.change).toBe('retain');
    expect(kept.state.tierValidUntil).toEqual(at('2029-01-01T00:00:00+08:00'));
    expect(tierPeriodEnd(at('2028-01-01T00:10:00+08:00'), 'continue', naturalYear)).toEqual(at('2029-01-01T00:00:00+08:00'));
  });
});

describe('tier properties over random growth histories', () => {
  test('gifts are never given twice, changes never skip more than downgradeMaxSteps down, growth changes never lower', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ days: fc.integer({ min: 0, max: 400 }), growth: fc.integer({ min: 0, max: 5000 }), daily: fc.boolean() }), { maxLength: 40 }),
        (maxSteps, steps) => {
          const config = mergeConfig(DEFAULT_CONFIG, { tierPolicy: { downgradeMaxSteps: maxSteps } });
          let state = initialTierState(joined);
          let t = joined.getTime();
          const giftKeys: string[] = [];
          for (const s of steps) {
            t += s.days * 86400000;
            const d = s.daily ? evaluateTier(state, { current: s.growth, retention: s.growth }, new Date(t), config) : onGrowthChange(state, s.growth, new Date(t), config);
            if (!s.daily) expect(d.toLevel).toBeGreaterThanOrEqual(d.fromLevel);
            if (d.change === 'downgrade') expect(d.fromLevel - d.toLevel).toBeLessThanOrEqual(maxSteps);
            if (d.change === 'none') expect(d.state).toBe(state);
            giftKeys.push(...d.gifts.map((g) => g.key));
            state = d.state;
            expect(state.highTierSince === null).toBe(state.tierLevel < 2);
            expect(state.tierValidUntil === null).toBe(state.tierLevel === 0);
          }
          expect(new Set(giftKeys).size).toBe(giftKeys.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
