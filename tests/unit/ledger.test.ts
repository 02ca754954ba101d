import { DEFAULT_CONFIG, mergeConfig, type LoyaltyConfig } from '../../cloudfunctions/core/config';
import { AppError } from '../../cloudfunctions/core/errors';
import {
  chainPlans, emptyPointsState, planAdjust, planEarn, planExpire, planRestore, planReverse, planSpend, releasePending, spendablePoints,
  type LedgerEntry, type LedgerPlan, type PointsState,
} from '../../cloudfunctions/core/ledger';
import { lotAvailableAt, lotExpiresAt } from '../../cloudfunctions/core/lotRules';
import { checkPointsState, spentByFormat, summarizePoints } from '../../cloudfunctions/core/pointsSummary';

const at = (iso: string) => new Date(iso);
const meta = (key: string, when: string, ref = key) => ({ key, reason: '测试', ref, issuer: 'test', at: at(when) });

/** Runs plans in sequence, keeping the whole ledger for invariant checks. */
function run(config: LoyaltyConfig = DEFAULT_CONFIG) {
  let state: PointsState = emptyPointsState();
  const ledger: LedgerEntry[] = [];
  const apply = (plan: LedgerPlan) => {
    ledger.push(...plan.entries);
    state = plan.state;
    return plan;
  };
  return {
    get state() { return state; },
    ledger,
    earn: (amount: number, key: string, when: string, extra: object = {}) => apply(planEarn(state, { ...meta(key, when), amount, ...extra }, config)),
    spend: (amount: number, key: string, when: string) => apply(planSpend(state, { ...meta(key, when), amount })),
    reverse: (amount: number, key: string, when: string, ref: string) => apply(planReverse(state, { ...meta(key, when, ref), amount }, config)),
    expire: (when: string) => apply(planExpire(state, at(when))),
  };
}

const errorOf = (fn: () => unknown): AppError => {
  try { fn(); } catch (e) { return e as AppError; }
  throw new Error('expected an error');
};

describe('lot expiry', () => {
  test('year end: earned 2025-12-31 23:59 Shanghai expires at 00:00 on 1 Jan 2027; a minute later, 1 Jan 2028', () => {
    expect(lotExpiresAt(at('2025-12-31T23:59:00+08:00'), DEFAULT_CONFIG).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(lotExpiresAt(at('2026-01-01T00:00:00+08:00'), DEFAULT_CONFIG).toISOString()).toBe('2027-12-31T16:00:00.000Z');
  });

  test('rolling months: usable through the same date N months later', () => {
    const c = mergeConfig(DEFAULT_CONFIG, { points: { expiry: { mode: 'rolling', months: 6 } } });
    expect(lotExpiresAt(at('2026-03-15T10:00:00+08:00'), c).toISOString()).toBe(new Date('2026-09-16T00:00:00+08:00').toISOString());
    expect(lotExpiresAt(at('2026-08-31T10:00:00+08:00'), c).toISOString()).toBe(new Date('2027-03-01T00:00:00+08:00').toISOString());
  });

  test('a lot earned just before year end can be spent until 23:59:59 on 31 Dec next year, then expires', () => {
    const l = run();
    l.earn(100, 'e1', '2025-12-31T23:59:00+08:00');
    l.earn(50, 'e2', '2026-01-01T00:00:00+08:00');
    expect(spendablePoints(l.state, at('2026-12-31T23:59:59+08:00'))).toBe(150);
    expect(spendablePoints(l.state, at('2027-01-01T00:00:00+08:00'))).toBe(50);
    const plan = l.expire('2027-01-01T00:00:00+08:00');
    expect(plan.entries).toEqual([expect.objectContaining({ type: 'expire', amount: -100, balanceAfter: 50, key: 'expire:e1', reason: '积分过期' })]);
    expect(plan.state.lots.find((x) => x.lotId === 'e1')?.remaining).toBe(0);
    expect(l.expire('2027-01-02T00:00:00+08:00').entries).toEqual([]);
    expect(checkPointsState(l.state, l.ledger)).toEqual([]);
  });
});

describe('earning', () => {
  test('creates a lot keyed by the entry key and an earn entry', () => {
    const plan = planEarn(emptyPointsState(), { ...meta('order:1', '2026-11-22T12:00:00+08:00', 'o1'), amount: 120, format: 'mall' }, DEFAULT_CONFIG);
    expect(plan.newLots).toEqual([{ lotId: 'order:1', amount: 120, remaining: 120, earnedAt: at('2026-11-22T12:00:00+08:00'), expiresAt: at('2028-01-01T00:00:00+08:00'), availableAt: at('2026-11-22T12:00:00+08:00'), format: 'mall', ref: 'o1' }]);
    expect(plan.entries).toEqual([{ type: 'earn', amount: 120, balanceAfter: 120, reason: '测试', ref: 'o1', key: 'order:1', issuer: 'test', createdAt: at('2026-11-22T12:00:00+08:00'), format: 'mall' }]);
    expect(plan.points).toEqual({ balance: 120, debt: 0, pending: 0 });
  });

  test('zero points plan nothing; the same key twice is a conflict', () => {
    expect(planEarn(emptyPointsState(), { ...meta('k', '2026-01-01T00:00:00Z'), amount: 0 }, DEFAULT_CONFIG).entries).toEqual([]);
    const once = planEarn(emptyPointsState(), { ...meta('k', '2026-01-01T00:00:00Z'), amount: 5 }, DEFAULT_CONFIG).state;
    expect(errorOf(() => planEarn(once, { ...meta('k', '2026-01-02T00:00:00Z'), amount: 5 }, DEFAULT_CONFIG)).code).toBe('ALREADY_DONE');
  });

  test('amounts must be non-negative integers', () => {
    expect(errorOf(() => planEarn(emptyPointsState(), { ...meta('k', '2026-01-01T00:00:00Z'), amount: 1.5 }, DEFAULT_CONFIG)).code).toBe('INVALID_INPUT');
    expect(errorOf(() => planSpend(emptyPointsState(), { ...meta('k', '2026-01-01T00:00:00Z'), amount: 0 })).message).toBe('积分数量必须是正整数');
  });
});

describe('pending order points', () => {
  const config = mergeConfig(DEFAULT_CONFIG, { points: { pendingDays: 7 } });

  test('locked points become spendable at 00:00 Shanghai after the full pending days', () => {
    expect(lotAvailableAt(at('2026-11-22T23:30:00+08:00'), true, config)).toEqual(at('2026-11-30T00:00:00+08:00'));
    expect(lotAvailableAt(at('2026-11-22T23:30:00+08:00'), false, config)).toEqual(at('2026-11-22T23:30:00+08:00'));
    expect(lotAvailableAt(at('2026-11-22T23:30:00+08:00'), true, DEFAULT_CONFIG)).toEqual(at('2026-11-22T23:30:00+08:00'));
  });

  test('pending points count in the balance but cannot be spent until released', () => {
    const l = run(config);
    l.earn(100, 'reg', '2026-11-01T10:00:00+08:00');
    const plan = l.earn(300, 'order:1', '2026-11-22T10:00:00+08:00', { locked: true });
    expect(plan.points).toEqual({ balance: 400, debt: 0, pending: 300 });
    expect(errorOf(() => l.spend(101, 's1', '2026-11-29T23:59:59+08:00')).code).toBe('INSUFFICIENT_POINTS');
    const released = releasePending(l.state, at('2026-11-30T00:00:00+08:00'));
    expect(released).toMatchObject({ pending: 0, released: 300 });
    expect(l.spend(400, 's1', '2026-11-30T00:00:00+08:00').entries[0]).toMatchObject({ type: 'spend', amount: -400, balanceAfter: 0 });
  });
});

describe('spending', () => {
  test('draws soonest-expiring lots first and records the lots and formats that paid', () => {
    const l = run();
    l.earn(100, 'late', '2026-03-01T10:00:00+08:00', { format: 'hotel' });
    l.earn(80, 'early', '2025-06-01T10:00:00+08:00', { format: 'mall' });
    const plan = l.spend(150, 'spend:1', '2026-04-01T10:00:00+08:00');
    expect(plan.entries[0]).toMatchObject({ type: 'spend', amount: -150, balanceAfter: 30, lots: [{ lotId: 'early', amount: 80, format: 'mall' }, { lotId: 'late', amount: 70, format: 'hotel' }] });
    expect(plan.state.lots.map((x) => [x.lotId, x.remaining])).toEqual(expect.arrayContaining([['early', 0], ['late', 30]]));
    expect(spentByFormat(l.ledger)).toEqual({ mall: 80, hotel: 70 });
  });

  test('never draws an expired lot and fails with 积分不足 beyond the spendable points', () => {
    const l = run();
    l.earn(100, 'old', '2024-06-01T10:00:00+08:00');
    l.earn(20, 'new', '2026-02-01T10:00:00+08:00');
    const err = errorOf(() => l.spend(21, 'spend:1', '2026-03-01T10:00:00+08:00'));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'INSUFFICIENT_POINTS', message: '积分不足' });
    expect(l.spend(20, 'spend:1', '2026-03-01T10:00:00+08:00').entries[0].lots).toEqual([{ lotId: 'new', amount: 20, format: '' }]);
  });

  test('a cancelled spend returns its points to the lots that paid, except expired ones', () => {
    const l = run();
    l.earn(100, 'a', '2025-06-01T10:00:00+08:00');
    l.earn(100, 'b', '2026-06-01T10:00:00+08:00');
    const spend = l.spend(150, 'spend:1', '2026-12-20T10:00:00+08:00').entries[0];
    const restore = planRestore(l.state, { ...meta('spend:1:cancel', '2027-01-05T10:00:00+08:00', 'mall-order-9'), spend });
    expect(restore.forfeited).toBe(100); // lot a expired on 1 Jan 2027
    expect(restore.entries).toEqual([expect.objectContaining({ type: 'refund', amount: 50, balanceAfter: 100, lots: [{ lotId: 'b', amount: 50, format: '' }] })]);
    expect(checkPointsState(restore.state, [...l.ledger, ...restore.entries])).toEqual([]);
  });
});

describe('refund after spend: negative balance carried, then settled by the next earning', () => {
  test('carry policy', () => {
    const l = run();
    l.earn(100, 'order:1', '2026-05-01T10:00:00+08:00', { ref: 'o1' });
    l.spend(80, 'spend:1', '2026-05-02T10:00:00+08:00');
    const reverse = l.reverse(100, 'refund:r1:points', '2026-05-03T10:00:00+08:00', 'order:1');
    expect(reverse.entries).toEqual([expect.objectContaining({ type: 'reverse', amount: -100, balanceAfter: -80, lots: [{ lotId: 'order:1', amount: 20, format: '' }] })]);
    expect(reverse.points).toEqual({ balance: -80, debt: 80, pending: 0 });
    expect(summarizePoints(l.state, at('2026-05-03T10:00:00+08:00'), DEFAULT_CONFIG)).toMatchObject({ balance: -80, debt: 80, spendable: 0 });

    const next = l.earn(50, 'checkin:1', '2026-05-04T10:00:00+08:00');
    expect(next.entries[0]).toMatchObject({ type: 'earn', amount: 50, balanceAfter: -30, settledDebt: 50 });
    expect(next.newLots[0]).toMatchObject({ amount: 50, remaining: 0 });
    const settle = l.earn(100, 'checkin:2', '2026-05-05T10:00:00+08:00');
    expect(settle.entries[0]).toMatchObject({ balanceAfter: 70, settledDebt: 30 });
    expect(settle.points).toEqual({ balance: 70, debt: 0, pending: 0 });
    expect(settle.newLots[0]).toMatchObject({ amount: 100, remaining: 70 });
    expect(checkPointsState(l.state, l.ledger, at('2026-05-05T10:00:00+08:00'))).toEqual([]);
  });

  test("forgive policy writes the shortfall off with an adjust entry", () => {
    const config = mergeConfig(DEFAULT_CONFIG, { points: { negativeBalancePolicy: 'forgive' } });
    const l = run(config);
    l.earn(100, 'order:1', '2026-05-01T10:00:00+08:00', { ref: 'o1' });
    l.spend(80, 'spend:1', '2026-05-02T10:00:00+08:00');
    const plan = l.reverse(100, 'refund:r1:points', '2026-05-03T10:00:00+08:00', 'order:1');
    expect(plan.entries.map((e) => [e.type, e.amount, e.balanceAfter, e.key])).toEqual([
      ['reverse', -100, -80, 'refund:r1:points'],
      ['adjust', 80, 0, 'refund:r1:points:forgive'],
    ]);
    expect(plan.entries[1].reason).toBe('退款扣回积分不足部分已豁免');
    expect(plan.points).toEqual({ balance: 0, debt: 0, pending: 0 });
    expect(checkPointsState(l.state, l.ledger)).toEqual([]);
  });

  test("the order's own lot pays first, then the soonest-expiring others; expired lots are never taken", () => {
    const l = run();
    l.earn(30, 'old', '2024-06-01T10:00:00+08:00');
    l.earn(40, 'reg', '2025-06-01T10:00:00+08:00');
    l.earn(50, 'order:1', '2026-05-01T10:00:00+08:00');
    const plan = l.reverse(70, 'refund:r1:points', '2026-05-03T10:00:00+08:00', 'order:1');
    expect(plan.entries[0].lots).toEqual([{ lotId: 'order:1', amount: 50, format: '' }, { lotId: 'reg', amount: 20, format: '' }]);
    expect(plan.points.debt).toBe(0);
  });
});

describe('manual adjustments', () => {
  test('a credit is a lot of type adjust; a debit draws unexpired lots and cannot exceed them', () => {
    const l = run();
    const credit = planAdjust(l.state, { ...meta('adj:1', '2026-01-01T10:00:00+08:00'), amount: 60 }, DEFAULT_CONFIG);
    expect(credit.entries[0]).toMatchObject({ type: 'adjust', amount: 60 });
    expect(credit.newLots).toHaveLength(1);
    const debit = planAdjust(credit.state, { ...meta('adj:2', '2026-01-02T10:00:00+08:00'), amount: -25 }, DEFAULT_CONFIG);
    expect(debit.entries[0]).toMatchObject({ type: 'adjust', amount: -25, balanceAfter: 35 });
    expect(errorOf(() => planAdjust(debit.state, { ...meta('adj:3', '2026-01-03T10:00:00+08:00'), amount: -36 }, DEFAULT_CONFIG)).code).toBe('INSUFFICIENT_POINTS');
  });
});

describe('chaining plans and the summary', () => {
  test('two plans chain into one with the final lot values', () => {
    const first = planEarn(emptyPointsState(), { ...meta('a', '2026-01-01T10:00:00+08:00'), amount: 10 }, DEFAULT_CONFIG);
    const second = planSpend(first.state, { ...meta('s', '2026-01-01T11:00:00+08:00'), amount: 4 });
    const both = chainPlans(first, second);
    expect(both.entries.map((e) => e.key)).toEqual(['a', 's']);
    expect(both.newLots).toEqual([expect.objectContaining({ lotId: 'a', remaining: 6 })]);
    expect(both.points.balance).toBe(6);
  });

  test('expiring soon shows only the soonest expiry within expiringSoonDays', () => {
    const l = run();
    l.earn(100, 'a', '2025-06-01T10:00:00+08:00');
    l.earn(40, 'b', '2026-06-01T10:00:00+08:00');
    expect(summarizePoints(l.state, at('2026-12-01T23:59:59+08:00'), DEFAULT_CONFIG).expiringSoon).toEqual({ amount: 100, date: '2026-12-31' });
    expect(summarizePoints(l.state, at('2026-11-30T10:00:00+08:00'), DEFAULT_CONFIG).expiringSoon).toBeNull();
    expect(summarizePoints(l.state, at('2026-12-15T10:00:00+08:00'), DEFAULT_CONFIG)).toEqual({ balance: 140, debt: 0, spendable: 140, pending: 0, expiringSoon: { amount: 100, date: '2026-12-31' } });
  });
});
