// Experiments' pure parts (core/experiments.ts): stable, balanced assignment by hash of salt + openid; overlays on the
// rules checked by the rules schema; the rules and first exposure for a member on the hot paths.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { applyOverlay, assignArm, experimentRules, hash32, overlayProblems, reviveLive, type LiveExperiment } from '../../cloudfunctions/core/experiments';
import { sampleRatioMismatch } from '../../cloudfunctions/core/experimentStats';

const arms = [{ id: 'a', share: 50 }, { id: 'holdout', share: 50 }];

test('assignment is stable: the same salt and openid give the same arm, another salt reshuffles', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => `openid-${i}`);
  const first = ids.map((id) => assignArm('salt-1', id, arms));
  expect(ids.map((id) => assignArm('salt-1', id, arms))).toEqual(first);
  const other = ids.map((id) => assignArm('salt-2', id, arms));
  const same = other.filter((a, i) => a === first[i]).length;
  // Independent salts agree about half the time.
  expect(same / ids.length).toBeGreaterThan(0.45);
  expect(same / ids.length).toBeLessThan(0.55);
  expect(hash32('abc')).toBe(hash32('abc'));
  expect(hash32('abc')).not.toBe(hash32('abd'));
});

test('assignment is balanced to the planned shares (SRM passes) for 50/50 and 10/30/60', () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => `o${i.toString(36)}x`);
  const count = (shares: { id: string; share: number }[]) => shares.map((s) => ids.filter((id) => assignArm('exp-7', id, shares) === s.id).length);
  const even = count(arms);
  expect(sampleRatioMismatch(even, [50, 50]).ok).toBe(true);
  expect(Math.abs(even[0] - 10_000)).toBeLessThan(300);
  const three = [{ id: 'a', share: 10 }, { id: 'b', share: 30 }, { id: 'holdout', share: 60 }];
  const c3 = count(three);
  expect(sampleRatioMismatch(c3, [10, 30, 60]).ok).toBe(true);
  expect(Math.abs(c3[0] - 2000)).toBeLessThan(200);
});

test('overlays: only points, check-in and tiers; the merged rules are checked by the rules schema', () => {
  expect(overlayProblems(DEFAULT_CONFIG, { points: { pointsPerYuan: 2 } })).toEqual([]);
  expect(applyOverlay(DEFAULT_CONFIG, { points: { pointsPerYuan: 2 } }).points.pointsPerYuan).toBe(2);
  expect(applyOverlay(DEFAULT_CONFIG, { points: { pointsPerYuan: 2 } }).points.registrationBonus).toBe(DEFAULT_CONFIG.points.registrationBonus);
  expect(overlayProblems(DEFAULT_CONFIG, { points: { pointsPerYuan: 500 } })).toEqual(['每元积分必须在 0-100 之间']);
  expect(overlayProblems(DEFAULT_CONFIG, { points: { pointsPerYaun: 2 } }).length).toBe(1);
  expect(overlayProblems(DEFAULT_CONFIG, { stats: { activeDays: 5 } })[0]).toContain('stats');
  expect(overlayProblems(DEFAULT_CONFIG, [])).toEqual(['规则调整必须是对象']);
});

describe('experimentRules on the hot paths', () => {
  const live: LiveExperiment[] = [{
    id: 'x1', salt: 's1', start: new Date('2027-01-01T00:00:00Z'), end: new Date('2027-02-01T00:00:00Z'),
    arms: [{ id: 'a', share: 50, overlay: { points: { pointsPerYuan: 3 } } }, { id: 'holdout', share: 50, overlay: {} }],
  }];
  const now = new Date('2027-01-10T00:00:00Z');
  const member = (openid: string) => ({ openid, experiments: undefined });

  test('a first exposure assigns the hashed arm and records it; the arm decides the rules', () => {
    for (let i = 0; i < 50; i++) {
      const openid = `m-${i}`;
      const r = experimentRules(DEFAULT_CONFIG, live, member(openid), now);
      const arm = assignArm('s1', openid, live[0].arms);
      expect(r.arms).toEqual({ x1: arm });
      expect(r.fields).toEqual({ experiments: { x1: arm }, experimentsAt: { x1: now } });
      expect(r.config.points.pointsPerYuan).toBe(arm === 'a' ? 3 : DEFAULT_CONFIG.points.pointsPerYuan);
      if (arm === 'holdout') expect(r.config).toBe(DEFAULT_CONFIG);
    }
  });

  test('a recorded arm is kept (nothing to write), even against the hash; outside the dates nothing applies', () => {
    const recorded = { openid: 'm-1', experiments: { x1: 'a' } };
    const r = experimentRules(DEFAULT_CONFIG, live, recorded, now);
    expect(r.fields).toBeNull();
    expect(r.config.points.pointsPerYuan).toBe(3);
    const held = { openid: 'm-1', experiments: { x1: 'holdout' } };
    expect(experimentRules(DEFAULT_CONFIG, live, held, now).config).toBe(DEFAULT_CONFIG);
    const after = experimentRules(DEFAULT_CONFIG, live, member('m-1'), new Date('2027-02-01T00:00:00Z'));
    expect(after).toEqual({ config: DEFAULT_CONFIG, fields: null, arms: {} });
    expect(experimentRules(DEFAULT_CONFIG, live, member('m-1'), new Date('2026-12-31T23:59:59Z')).fields).toBeNull();
  });

  test('a rule-tag segment: a member without its tag is not enrolled (not exposed), one with it is', () => {
    const seg = [{ ...live[0], segmentTag: '高潜会员' }];
    expect(experimentRules(DEFAULT_CONFIG, seg, { openid: 'm-2', tags: ['其他'] }, now)).toEqual({ config: DEFAULT_CONFIG, fields: null, arms: {} });
    expect(experimentRules(DEFAULT_CONFIG, seg, { openid: 'm-2' }, now).fields).toBeNull();
    expect(experimentRules(DEFAULT_CONFIG, seg, { openid: 'm-2', tags: ['高潜会员'] }, now).fields).not.toBeNull();
    // Once exposed, losing the tag does not take the arm away.
    expect(experimentRules(DEFAULT_CONFIG, seg, { openid: 'm-2', tags: [], experiments: { x1: 'a' } }, now).arms).toEqual({ x1: 'a' });
  });

  test('an arm whose overlay no longer fits the rules runs the base rules; stored dates revive', () => {
    const bad: LiveExperiment[] = [{ ...live[0], arms: [{ id: 'a', share: 100, overlay: { points: { pointsPerYuan: 1000 } } }] }];
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(experimentRules(DEFAULT_CONFIG, bad, member('m-3'), now).config).toBe(DEFAULT_CONFIG);
    spy.mockRestore();
    const stored = JSON.parse(JSON.stringify(live));
    expect(reviveLive(stored)[0].start).toEqual(live[0].start);
    expect(reviveLive(null)).toEqual([]);
  });
});

test('after enrolment ends, exposed members keep their arm until the window closes; new members are not enrolled', () => {
  const x: LiveExperiment = {
    id: 'x2', salt: 's2', start: new Date('2027-01-01T00:00:00Z'), end: new Date('2027-01-10T00:00:00Z'), until: new Date('2027-02-09T00:00:00Z'),
    arms: [{ id: 'a', share: 100, overlay: { points: { pointsPerYuan: 3 } } }, { id: 'holdout', share: 0, overlay: {} }],
  };
  const later = new Date('2027-01-20T00:00:00Z');
  expect(experimentRules(DEFAULT_CONFIG, [x], { openid: 'n', experiments: { x2: 'a' } }, later).config.points.pointsPerYuan).toBe(3);
  expect(experimentRules(DEFAULT_CONFIG, [x], { openid: 'n' }, later)).toEqual({ config: DEFAULT_CONFIG, fields: null, arms: {} });
  expect(experimentRules(DEFAULT_CONFIG, [x], { openid: 'n', experiments: { x2: 'a' } }, new Date('2027-02-09T00:00:00Z')).config).toBe(DEFAULT_CONFIG);
});
