import fc from 'fast-check';
import { DEFAULT_CONFIG, mergeConfig, type LoyaltyConfig } from '../../cloudfunctions/core/config';
import { AppError } from '../../cloudfunctions/core/errors';
import {
  emptyPointsState, planAdjust, planEarn, planExpire, planRestore, planReverse, planSpend, releasePending, spendablePoints,
  type LedgerEntry, type LedgerPlan, type PointsState,
} from '../../cloudfunctions/core/ledger';
import { isExpired, isPending } from '../../cloudfunctions/core/lotRules';
import { checkPointsState } from '../../cloudfunctions/core/pointsSummary';

const HOUR = 3600_000;

type Op =
  | { kind: 'earn'; amount: number; locked: boolean }
  | { kind: 'spend'; amount: number }
  | { kind: 'reverse'; amount: number; pick: number }
  | { kind: 'restore'; pick: number }
  | { kind: 'adjust'; amount: number }
  | { kind: 'expire' }
  | { kind: 'release' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('earn' as const), amount: fc.integer({ min: 0, max: 500 }), locked: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('spend' as const), amount: fc.integer({ min: 1, max: 600 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), amount: fc.integer({ min: 0, max: 400 }), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adjust' as const), amount: fc.integer({ min: -200, max: 200 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'expire' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'release' as const }) },
);

const configArb: fc.Arbitrary<LoyaltyConfig> = fc
  .record({
    pendingDays: fc.integer({ min: 0, max: 10 }),
    negativeBalancePolicy: fc.constantFrom('carry' as const, 'forgive' as const),
    expiry: fc.oneof(fc.constant({ mode: 'yearEnd' as const, yearsAfter: 0 }), fc.constant({ mode: 'yearEnd' as const, yearsAfter: 1 }), fc.integer({ min: 1, max: 4 }).map((months) => ({ mode: 'rolling' as const, months }))),
  })
  .map((points) => mergeConfig(DEFAULT_CONFIG, { points }));

// Steps are 0..40 days apart (in hours) so lots expire and release during a run.
const scenario = fc.record({
  config: configArb,
  steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 * 24 }), op), { minLength: 1, maxLength: 60 }),
});

function simulate(config: LoyaltyConfig, steps: [number, Op][]) {
  let now = new Date('2025-11-20T02:00:00Z').getTime();
  let state: PointsState = emptyPointsState();
  const ledger: LedgerEntry[] = [];
  const earnRefs: string[] = [];
  const spends: LedgerEntry[] = [];
  let n = 0;
  const meta = (prefix: string, ref?: string) => ({ key: `${prefix}:${++n}`, reason: '测试', ref: ref ?? `${prefix}:${n}`, issuer: 'prop', at: new Date(now) });

  const apply = (plan: LedgerPlan) => {
    ledger.push(...plan.entries);
    state = plan.state;
    const problems = checkPointsState(state, ledger, new Date(now));
    if (problems.length > 0) throw new Error(problems.join('; '));
  };

  for (const [hours, o] of steps) {
    now += hours * HOUR;
    const at = new Date(now);
    switch (o.kind) {
      case 'earn': {
        const m = meta('earn');
        earnRefs.push(m.ref);
        apply(planEarn(state, { ...m, amount: o.amount, locked: o.locked, format: n % 2 ? 'mall' : 'hotel' }, config));
        break;
      }
      case 'spend': {
        const spendable = spendablePoints(state, at);
        let plan: LedgerPlan;
        try {
          plan = planSpend(state, { ...meta('spend'), amount: o.amount });
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('INSUFFICIENT_POINTS');
          expect(spendable).toBeLessThan(o.amount);
          break;
        }
        expect(o.amount).toBeLessThanOrEqual(spendable);
        const before = new Map(state.lots.map((l) => [l.lotId, l]));
        for (const d of plan.entries[0].lots ?? []) {
          const lot = before.get(d.lotId)!;
          expect(isExpired(lot, at)).toBe(false);
          expect(isPending(lot, at)).toBe(false);
          expect(d.amount).toBeLessThanOrEqual(lot.remaining);
        }
        expect((plan.entries[0].lots ?? []).reduce((s, d) => s + d.amount, 0)).toBe(o.amount);
        spends.push(plan.entries[0]);
        apply(plan);
        break;
      }
      case 'reverse': {
        const ref = earnRefs.length > 0 ? earnRefs[o.pick % earnRefs.length] : 'none';
        apply(planReverse(state, { ...meta('reverse', ref), amount: o.amount }, config));
        break;
      }
      case 'restore': {
        if (spends.length === 0) break;
        const [spend] = spends.splice(o.pick % spends.length, 1);
        apply(planRestore(state, { ...meta('restore'), spend }));
        break;
      }
      case 'adjust': {
        try {
          apply(planAdjust(state, { ...meta('adjust'), amount: o.amount }, config));
        } catch (err) {
          expect((err as AppError).code).toBe('INSUFFICIENT_POINTS');
        }
        break;
      }
      case 'expire':
        apply(planExpire(state, at));
        for (const l of state.lots) if (isExpired(l, at)) expect(l.remaining).toBe(0);
        break;
      case 'release': {
        const r = releasePending(state, at);
        expect(r.released).toBeGreaterThanOrEqual(0);
        state = r.state;
        break;
      }
    }
  }
  return { state, ledger };
}

describe('ledger properties over random sequences', () => {
  test('balance == ledger sum == lots − debt, lots within bounds, spends only spendable lots, keys never reused', () => {
    fc.assert(
      fc.property(scenario, ({ config, steps }) => {
        const { state, ledger } = simulate(config, steps);
        expect(new Set(ledger.map((e) => e.key)).size).toBe(ledger.length);
        expect(state.balance).toBe(ledger.reduce((s, e) => s + e.amount, 0));
        for (const l of state.lots) {
          expect(l.remaining).toBeGreaterThanOrEqual(0);
          expect(l.remaining).toBeLessThanOrEqual(l.amount);
        }
        if (config.points.negativeBalancePolicy === 'forgive') expect(state.debt).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  test('every expired lot is emptied by planExpire and a second run writes nothing', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 800 }), ({ config, steps }, laterDays) => {
        const { state } = simulate(config, steps);
        const later = new Date(Math.max(...state.lots.map((l) => l.earnedAt.getTime()), 0) + laterDays * 24 * HOUR);
        const first = planExpire(state, later);
        expect(first.state.lots.filter((l) => isExpired(l, later) && l.remaining > 0)).toEqual([]);
        expect(planExpire(first.state, later).entries).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
