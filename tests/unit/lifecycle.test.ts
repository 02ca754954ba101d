import { DEFAULT_CONFIG, mergeConfig } from '../../cloudfunctions/core/config';
import type { GrowthEntry } from '../../cloudfunctions/core/growth';
import { lastActivityAt, planDormancyDecay, planHighTierCredits, planTenureCredits } from '../../cloudfunctions/core/lifecycle';

const at = (iso: string) => new Date(iso);
const g = (amount: number, when: string, dimension: GrowthEntry['dimension'] = 'consumption'): GrowthEntry =>
  ({ dimension, event: 'order', raw: amount, amount, at: at(when), reason: '消费订单', key: `k:${when}` });

describe('tenure credits', () => {
  const joined = at('2026-01-15T10:00:00+08:00');

  test('one per full month of membership, dated when the month completes, keyed by its month', () => {
    const credits = planTenureCredits(joined, at('2026-04-15T00:00:00+08:00'), [], DEFAULT_CONFIG);
    expect(credits.map((c) => [c.key, c.at.toISOString(), c.raw, c.amount, c.dimension, c.reason])).toEqual([
      ['tenure:2026-02', at('2026-02-15T00:00:00+08:00').toISOString(), 10, 6, 'lifecycle', '会员时长奖励'],
      ['tenure:2026-03', at('2026-03-15T00:00:00+08:00').toISOString(), 10, 6, 'lifecycle', '会员时长奖励'],
      ['tenure:2026-04', at('2026-04-15T00:00:00+08:00').toISOString(), 10, 6, 'lifecycle', '会员时长奖励'],
    ]);
    expect(planTenureCredits(joined, at('2026-04-14T23:59:59+08:00'), [], DEFAULT_CONFIG)).toHaveLength(2);
  });

  test('idempotent: credited months are skipped', () => {
    const credited = new Set(['tenure:2026-02', 'tenure:2026-03']);
    expect(planTenureCredits(joined, at('2026-04-20T00:00:00+08:00'), credited, DEFAULT_CONFIG).map((c) => c.key)).toEqual(['tenure:2026-04']);
  });

  test('month ends clamp: joined 31 Jan, months complete on 28 Feb, 31 Mar, 30 Apr', () => {
    const keys = planTenureCredits(at('2026-01-31T09:00:00+08:00'), at('2026-04-30T00:00:00+08:00'), [], DEFAULT_CONFIG).map((c) => [c.key, c.at.toISOString()]);
    expect(keys).toEqual([
      ['tenure:2026-02', at('2026-02-28T00:00:00+08:00').toISOString()],
      ['tenure:2026-03', at('2026-03-31T00:00:00+08:00').toISOString()],
      ['tenure:2026-04', at('2026-04-30T00:00:00+08:00').toISOString()],
    ]);
  });

  test('backfill covers only months inside the growth window', () => {
    const credits = planTenureCredits(at('2020-03-01T10:00:00+08:00'), at('2026-11-22T10:00:00+08:00'), [], DEFAULT_CONFIG);
    expect(credits).toHaveLength(12);
    expect(credits[0].key).toBe('tenure:2025-12');
  });
});

describe('high-tier holding credits', () => {
  test('per full month at the high tier; none below it', () => {
    expect(planHighTierCredits(null, at('2026-06-01T00:00:00+08:00'), [], DEFAULT_CONFIG)).toEqual([]);
    const credits = planHighTierCredits(at('2026-03-20T12:00:00+08:00'), at('2026-05-25T00:00:00+08:00'), ['highTier:2026-04'], DEFAULT_CONFIG);
    expect(credits.map((c) => [c.key, c.raw, c.amount, c.reason])).toEqual([['highTier:2026-05', 20, 12, '高等级保持奖励']]);
  });
});

describe('dormancy decay', () => {
  const lastActiveAt = at('2026-01-01T20:00:00+08:00');
  const entries = [g(1000, '2025-12-01T10:00:00+08:00'), g(55, '2025-12-10T10:00:00+08:00', 'lifecycle')];

  test('nothing before 90 inactive Shanghai days; then 10% of the window total, floored', () => {
    expect(planDormancyDecay({ lastActiveAt, entries, credited: [] }, at('2026-03-31T23:59:59+08:00'), DEFAULT_CONFIG)).toBeNull();
    expect(planDormancyDecay({ lastActiveAt, entries, credited: [] }, at('2026-04-01T00:00:00+08:00'), DEFAULT_CONFIG)).toEqual({
      dimension: 'lifecycle', event: 'dormancy', raw: -105, amount: -105, at: at('2026-04-01T00:00:00+08:00'), reason: '长期未活跃，成长值衰减', key: 'dormancy:2026-01-01:0',
    });
  });

  test('once per step of 30 days, idempotent by key', () => {
    const credited = ['dormancy:2026-01-01:0'];
    expect(planDormancyDecay({ lastActiveAt, entries, credited }, at('2026-04-30T10:00:00+08:00'), DEFAULT_CONFIG)).toBeNull();
    expect(planDormancyDecay({ lastActiveAt, entries, credited }, at('2026-05-01T10:00:00+08:00'), DEFAULT_CONFIG)?.key).toBe('dormancy:2026-01-01:1');
  });

  test('never below 0: repeated decay shrinks a shrinking base, and nothing is lost from 0', () => {
    const log = [...entries];
    const credited: string[] = [];
    let now = at('2026-04-01T00:00:00+08:00').getTime();
    for (let i = 0; i < 40; i++, now += 30 * 86400000) {
      const d = planDormancyDecay({ lastActiveAt, entries: log, credited }, new Date(now), mergeConfig(DEFAULT_CONFIG, { growth: { window: { mode: 'rolling', months: 120 } } }));
      if (d) { log.push(d); credited.push(d.key); }
    }
    expect(log.reduce((s, e) => s + e.amount, 0)).toBeGreaterThanOrEqual(0);
    expect(planDormancyDecay({ lastActiveAt, entries: [], credited: [] }, at('2026-06-01T00:00:00+08:00'), DEFAULT_CONFIG)).toBeNull();
  });

  test("base 'lifecycle' decays only the lifecycle dimension", () => {
    const c = mergeConfig(DEFAULT_CONFIG, { growth: { lifecycle: { dormancy: { base: 'lifecycle' } } } });
    expect(planDormancyDecay({ lastActiveAt, entries, credited: [] }, at('2026-04-01T00:00:00+08:00'), c)?.amount).toBe(-5);
  });

  test('activity is the last consumption, interaction or social growth', () => {
    const joined = at('2025-01-01T00:00:00Z');
    const log = [g(10, '2026-02-01T10:00:00+08:00', 'interaction'), g(6, '2026-03-01T00:00:00+08:00', 'lifecycle'), g(-30, '2026-03-05T00:00:00+08:00')];
    expect(lastActivityAt(log, joined)).toEqual(at('2026-02-01T10:00:00+08:00'));
    expect(lastActivityAt([], joined)).toEqual(joined);
  });
});
