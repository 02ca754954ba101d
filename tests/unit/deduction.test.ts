import fc from 'fast-check';
import { DEFAULT_CONFIG, type DeductionRules } from '../../cloudfunctions/core/config';
import {
  deductionUnit, fenForPoints, holdRefusal, holdStatusAt, planCapture, planHold, quoteDeduction, returnDraws, withoutHold,
} from '../../cloudfunctions/core/deduction';
import { AppError } from '../../cloudfunctions/core/errors';
import { emptyPointsState, planEarn, planSpend, spendablePoints, planAdjust, type PointsState } from '../../cloudfunctions/core/ledger';
import { spendableOf } from '../../cloudfunctions/core/mall';
import { checkPointsState, summarizePoints } from '../../cloudfunctions/core/pointsSummary';
import { planOrderRefund, refundShare, type OrderRewards } from '../../cloudfunctions/core/refund';

const RULES = DEFAULT_CONFIG.deduction;
const T0 = new Date('2026-06-01T02:00:00Z');
const MIN = 60_000;
const later = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
const rules = (over: Partial<DeductionRules>): DeductionRules => ({ ...RULES, ...over });
const errorOf = (fn: () => unknown): AppError => {
  try { fn(); } catch (e) { return e as AppError; }
  throw new Error('expected an error');
};

/** A member with `points` spendable points in one lot (format mall). */
function member(points: number, format = 'mall'): PointsState {
  return planEarn(emptyPointsState(), { key: 'seed', reason: '测试', ref: 'seed', issuer: 'test', at: new Date('2026-05-01T02:00:00Z'), amount: points, format }, DEFAULT_CONFIG).state;
}

describe('the exchange unit', () => {
  test('default 100 points a yuan: 1 point = 1 fen; 150: 3 points = 2 fen; 7: 7 points = 1 yuan', () => {
    expect(deductionUnit(100)).toEqual({ points: 1, fen: 1 });
    expect(deductionUnit(150)).toEqual({ points: 3, fen: 2 });
    expect(deductionUnit(7)).toEqual({ points: 7, fen: 100 });
    expect(deductionUnit(1000)).toEqual({ points: 10, fen: 1 });
    expect(fenForPoints(301, 150)).toBe(200);
  });
});

describe('quoteDeduction', () => {
  test('defaults: at most 50 % of the order, 100 points = 1 yuan', () => {
    // 200 yuan order, 30,000 points: 50 % cap = 10,000 fen = 10,000 points.
    expect(quoteDeduction({ orderFen: 20000, spendable: 30000 }, RULES)).toEqual({ ok: true, points: 10000, fen: 10000, cashFen: 10000 });
    // Fewer points than the cap: all of them.
    expect(quoteDeduction({ orderFen: 20000, spendable: 2345 }, RULES)).toEqual({ ok: true, points: 2345, fen: 2345, cashFen: 17655 });
    // The member asks for fewer.
    expect(quoteDeduction({ orderFen: 20000, spendable: 30000, maxPoints: 500 }, RULES)).toEqual({ ok: true, points: 500, fen: 500, cashFen: 19500 });
    // An odd amount: floor(999 × 50 %) = 499 fen.
    expect(quoteDeduction({ orderFen: 999, spendable: 30000 }, RULES)).toEqual({ ok: true, points: 499, fen: 499, cashFen: 500 });
  });

  test('refusals: off, format, store, below the minimum by points, by wish, by order', () => {
    expect(quoteDeduction({ orderFen: 20000, spendable: 30000 }, rules({ enabled: false }))).toEqual({ ok: false, code: 'FORBIDDEN', message: '积分抵扣未开启' });
    expect(quoteDeduction({ orderFen: 20000, spendable: 30000, format: 'hotel' }, rules({ formats: ['mall'] }))).toMatchObject({ ok: false, message: '该业态不支持积分抵扣' });
    expect(quoteDeduction({ orderFen: 20000, spendable: 30000, format: 'mall' }, rules({ formats: ['mall'] }))).toMatchObject({ ok: true });
    expect(quoteDeduction({ orderFen: 20000, spendable: 30000, storeId: 's2' }, rules({ storeIds: ['s1'] }))).toMatchObject({ ok: false, message: '该门店不支持积分抵扣' });
    expect(quoteDeduction({ orderFen: 20000, spendable: 99 }, RULES)).toEqual({ ok: false, code: 'INSUFFICIENT_POINTS', message: '可用积分不足，100 积分起抵' });
    expect(quoteDeduction({ orderFen: 20000, spendable: 5000, maxPoints: 50 }, RULES)).toEqual({ ok: false, code: 'NOT_ELIGIBLE', message: '单次最少抵扣 100 积分' });
    expect(quoteDeduction({ orderFen: 199, spendable: 5000 }, RULES)).toEqual({ ok: false, code: 'NOT_ELIGIBLE', message: '订单金额过低，最多可抵扣 50%，不足 100 积分' });
    // minPoints 0 still needs one whole unit.
    expect(quoteDeduction({ orderFen: 1, spendable: 5000 }, rules({ minPoints: 0 }))).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
  });

  test('property: exact exchange, within every cap, and as large as the caps allow', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 2000 }),
      fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
      (pointsPerYuan, maxSharePercent, minPoints, orderFen, spendable, maxPoints) => {
        const r = rules({ pointsPerYuan, maxSharePercent, minPoints });
        const q = quoteDeduction({ orderFen, spendable, maxPoints }, r);
        const unit = deductionUnit(pointsPerYuan);
        const capFen = Math.floor((orderFen * maxSharePercent) / 100);
        if (!q.ok) {
          // Refused only when even the largest allowed deduction is under the minimum.
          const best = Math.min(Math.floor(capFen / unit.fen), Math.floor(spendable / unit.points), maxPoints === undefined ? Infinity : Math.floor(maxPoints / unit.points));
          expect(best * unit.points).toBeLessThan(Math.max(minPoints, unit.points));
          return;
        }
        expect(Number.isSafeInteger(q.points) && Number.isSafeInteger(q.fen)).toBe(true);
        expect(q.points * 100).toBe(q.fen * pointsPerYuan); // never rounded against the member
        expect(q.fen).toBeLessThanOrEqual(capFen);
        expect(q.points).toBeLessThanOrEqual(spendable);
        if (maxPoints !== undefined) expect(q.points).toBeLessThanOrEqual(maxPoints);
        expect(q.points).toBeGreaterThanOrEqual(minPoints);
        expect(q.cashFen).toBe(orderFen - q.fen);
        expect(q.cashFen).toBeGreaterThan(0);
        // One more unit would break a cap.
        const more = { points: q.points + unit.points, fen: q.fen + unit.fen };
        expect(more.fen > capFen || more.points > spendable || (maxPoints !== undefined && more.points > maxPoints)).toBe(true);
      },
    ), { numRuns: 2000 });
  });
});

describe('holds', () => {
  test('a hold lowers what is spendable everywhere until it lapses; the balance never moves', () => {
    const state = member(1000);
    const h = planHold(state, { holdId: 'h1', orderFen: 100000, maxPoints: 600, at: T0 }, RULES);
    expect(h.hold).toEqual({ holdId: 'h1', points: 600, expiresAt: later(15) });
    const held: PointsState = { ...state, holds: h.holds };
    expect(spendablePoints(held, later(1))).toBe(400);
    expect(spendableOf(held, later(1))).toBe(400); // the mall's view
    expect(summarizePoints(held, later(1), DEFAULT_CONFIG)).toMatchObject({ balance: 1000, spendable: 400 });
    expect(errorOf(() => planSpend(held, { key: 'm', reason: 'x', ref: 'm', issuer: 't', at: later(1), amount: 401 })).code).toBe('INSUFFICIENT_POINTS');
    expect(errorOf(() => planAdjust(held, { key: 'a', reason: 'x', ref: 'a', issuer: 't', at: later(1), amount: -401 }, DEFAULT_CONFIG)).code).toBe('INSUFFICIENT_POINTS');
    // A second hold gets only the rest.
    expect(planHold(held, { holdId: 'h2', orderFen: 100000, at: later(1) }, RULES).quote.points).toBe(400);
    // At 15 minutes it lapses by itself: all 1000 spendable again, without any entry.
    expect(spendablePoints(held, later(15))).toBe(1000);
    expect(planHold(held, { holdId: 'h2', orderFen: 100000, at: later(15) }, RULES).holds.map((x) => x.holdId)).toEqual(['h2']);
    // Plans made on a held state keep the holds.
    const spent = planSpend(held, { key: 'm', reason: 'x', ref: 'm', issuer: 't', at: later(1), amount: 100 });
    expect(spent.state.holds).toEqual(h.holds);
    expect(spendablePoints(spent.state, later(1))).toBe(300);
  });

  test('the same hold twice is refused while it lives; exact requests refuse a smaller reservation', () => {
    const state = member(1000);
    const h = planHold(state, { holdId: 'h1', orderFen: 100000, maxPoints: 600, at: T0 }, RULES);
    expect(errorOf(() => planHold({ ...state, holds: h.holds }, { holdId: 'h1', orderFen: 100000, at: later(1) }, RULES)).code).toBe('ALREADY_DONE');
    expect(errorOf(() => planHold({ ...state, holds: h.holds }, { holdId: 'h2', orderFen: 100000, maxPoints: 500, exact: true, at: later(1) }, RULES)))
      .toMatchObject({ code: 'INSUFFICIENT_POINTS', message: '可用积分不足 500 积分' });
  });

  test('property: any sequence of holds never reserves more than was spendable', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 20000 }),
      fc.array(fc.record({ minutes: fc.integer({ min: 0, max: 10 }), orderFen: fc.integer({ min: 1, max: 50000 }), max: fc.option(fc.integer({ min: 1, max: 9000 }), { nil: undefined }) }), { maxLength: 40 }),
      (points, requests) => {
        let state = member(points);
        let t = 0;
        requests.forEach((r, i) => {
          t += r.minutes;
          try {
            const h = planHold(state, { holdId: `h${i}`, orderFen: r.orderFen, maxPoints: r.max, at: later(t) }, RULES);
            state = { ...state, holds: h.holds };
          } catch (e) {
            expect(['INSUFFICIENT_POINTS', 'NOT_ELIGIBLE']).toContain((e as AppError).code);
          }
          const live = (state.holds ?? []).filter((x) => x.expiresAt > later(t)).reduce((s, x) => s + x.points, 0);
          expect(live).toBeLessThanOrEqual(points);
          expect(spendablePoints(state, later(t))).toBe(points - live);
        });
      },
    ));
  });

  test('statuses: a live hold past its expiry is expired; what each status allows', () => {
    expect(holdStatusAt({ status: 'held', expiresAt: later(15) }, later(14))).toBe('held');
    expect(holdStatusAt({ status: 'held', expiresAt: later(15) }, later(15))).toBe('expired');
    expect(holdStatusAt({ status: 'requested', expiresAt: later(15) }, later(16))).toBe('expired');
    expect(holdStatusAt({ status: 'captured', expiresAt: later(15) }, later(16))).toBe('captured');
    expect(holdRefusal('held', 'capture')).toBeNull();
    expect(holdRefusal('requested', 'capture')).toBe('会员尚未确认积分抵扣');
    expect(holdRefusal('released', 'capture')).toBe('该积分预留已释放');
    expect(holdRefusal('expired', 'capture')).toBe('该积分预留已过期，积分已退回');
    expect(holdRefusal('captured', 'release')).toBe('该积分抵扣已完成');
    expect(holdRefusal('requested', 'release')).toBeNull();
    expect(holdRefusal('requested', 'decide')).toBeNull();
    expect(holdRefusal('declined', 'decide')).toBe('会员已拒绝该积分抵扣');
    expect(withoutHold([{ holdId: 'a', points: 1, expiresAt: later(5) }, { holdId: 'b', points: 1, expiresAt: later(1) }, { holdId: 'c', points: 1, expiresAt: later(9) }], 'c', later(2)).map((h) => h.holdId)).toEqual(['a']);
  });
});

describe('capture and refunds', () => {
  const captureOf = (state: PointsState, points: number, at = later(2)) => planCapture(state, {
    holdId: 'h1', points, key: 'deduct:h1', reason: '积分抵扣', ref: 'o1', issuer: 'test', at, redeemFormat: 'hotel', redeemStoreId: 'store-hotel',
  });

  test('capture turns the hold into one spend entry where the order was paid; other holds stay', () => {
    const first = planEarn(emptyPointsState(), { key: 'a', reason: 'x', ref: 'a', issuer: 't', at: new Date('2026-05-01T02:00:00Z'), amount: 300, format: 'mall' }, DEFAULT_CONFIG);
    let state = planEarn(first.state, { key: 'b', reason: 'x', ref: 'b', issuer: 't', at: new Date('2026-05-02T02:00:00Z'), amount: 700, format: 'hotel' }, DEFAULT_CONFIG).state;
    const h1 = planHold(state, { holdId: 'h1', orderFen: 100000, maxPoints: 500, at: T0 }, RULES);
    const h2 = planHold({ ...state, holds: h1.holds }, { holdId: 'h2', orderFen: 100000, maxPoints: 400, at: T0 }, RULES);
    state = { ...state, holds: h2.holds };
    const c = captureOf(state, 500);
    expect(c.ledger.entries).toHaveLength(1);
    expect(c.ledger.entries[0]).toMatchObject({ type: 'spend', amount: -500, key: 'deduct:h1', ref: 'o1', redeemFormat: 'hotel', redeemStoreId: 'store-hotel', balanceAfter: 500 });
    expect(c.ledger.entries[0].lots!.map((d) => [d.format, d.amount])).toEqual([['mall', 300], ['hotel', 200]]);
    expect(c.holds.map((h) => h.holdId)).toEqual(['h2']);
    expect(spendablePoints({ ...c.ledger.state, holds: c.holds }, later(2))).toBe(100);
    expect(c.draws.every((d) => d.expiresAt instanceof Date)).toBe(true);
    expect(checkPointsState(c.ledger.state)).toEqual([]);
  });

  test('a refund returns deducted points in the refunded share of the cash, all of them at the end', () => {
    // Order 200 yuan: 100 yuan cash + 10,000 points; earned 100 points on the cash.
    let state = member(20000, 'mall');
    const c = captureOf({ ...state, holds: planHold(state, { holdId: 'h1', orderFen: 20000, at: T0 }, RULES).holds }, 10000);
    state = c.ledger.state;
    let order: OrderRewards = {
      orderId: 'o1', paidFen: 10000, pointsEarned: 100, growthEarned: 100, refundedFen: 0, pointsReversed: 0, growthReversed: 0,
      deduction: { holdId: 'h1', points: 10000, fen: 10000, returned: 0, draws: c.draws, redeemFormat: 'hotel', redeemStoreId: 'store-hotel' },
    };
    const returned: number[] = [];
    for (const [i, fen] of [3333, 3333, 3334].entries()) {
      const plan = planOrderRefund(state, order, { refundId: `r${i}`, refundFen: fen, at: later(60 + i), issuer: 'test' }, DEFAULT_CONFIG);
      const entry = plan.ledger.entries.find((e) => e.key === `refund:o1:r${i}:deduction`)!;
      expect(entry).toMatchObject({ type: 'refund', redeemFormat: 'hotel', redeemStoreId: 'store-hotel' });
      returned.push(entry.amount);
      expect(plan.deduction.returned).toBe(entry.amount);
      state = plan.ledger.state;
      order = { ...order, ...plan.share.order };
    }
    // floor(10000 × 3333 / 10000) = 3333, floor(10000 × 6666 / 10000) − 3333 = 3333, then the rest.
    expect(returned).toEqual([3333, 3333, 3334]);
    expect(order.deduction!.returned).toBe(10000);
    // 20,000 − 10,000 deducted + 10,000 returned; the 100 earned were never credited here, so nothing else moved but the reverse.
    expect(state.balance).toBe(20000 - 100);
  });

  test('property: partial refunds return exactly the deducted points in total, never more on the way', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 10 }),
      (paidFen, points, weights) => {
        const total = weights.reduce((a, b) => a + b, 0);
        let o: OrderRewards = {
          orderId: 'o', paidFen, pointsEarned: 0, growthEarned: 0, refundedFen: 0, pointsReversed: 0, growthReversed: 0,
          deduction: { holdId: 'h', points, fen: points, returned: 0, draws: [], redeemFormat: '', redeemStoreId: null },
        };
        let back = 0;
        let prev = 0;
        weights.forEach((_, i) => {
          const cut = Math.floor((paidFen * weights.slice(0, i + 1).reduce((a, b) => a + b, 0)) / total);
          if (cut === prev) return;
          const s = refundShare(o, cut - prev);
          prev = cut;
          back += s.deductionToReturn;
          expect(back).toBeLessThanOrEqual(points);
          expect(back).toBe(s.order.deduction!.returned);
          o = { ...o, ...s.order };
        });
        expect(back).toBe(points);
      },
    ));
  });

  test('returnDraws: successive slices of the draws, merged lots found by expiry, format and store', () => {
    const exp = new Date('2027-01-01T00:00:00+08:00');
    const draws = [{ lotId: 'a', amount: 30, format: 'mall', expiresAt: exp }, { lotId: 'b', amount: 70, format: 'hotel', storeId: 's1', expiresAt: exp }];
    const lots = [
      { lotId: 'a', amount: 30, remaining: 0, earnedAt: T0, expiresAt: exp, availableAt: T0, format: 'mall', ref: 'a' },
      { lotId: 'm', amount: 200, remaining: 0, earnedAt: T0, expiresAt: exp, availableAt: T0, format: 'hotel', storeId: 's1', ref: 'm' },
    ];
    expect(returnDraws(draws, 0, 20, lots)).toEqual([{ lotId: 'a', amount: 20, format: 'mall' }]);
    expect(returnDraws(draws, 20, 50, lots)).toEqual([{ lotId: 'a', amount: 10, format: 'mall' }, { lotId: 'm', amount: 40, format: 'hotel', storeId: 's1' }]);
    expect(returnDraws(draws, 70, 30, lots)).toEqual([{ lotId: 'm', amount: 30, format: 'hotel', storeId: 's1' }]);
  });
});
