import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { AppError } from '../../cloudfunctions/core/errors';
import { emptyPointsState } from '../../cloudfunctions/core/ledger';
import { checkPointsState } from '../../cloudfunctions/core/pointsSummary';
import { planOrderRefund, refundShare, type OrderRewards } from '../../cloudfunctions/core/refund';
import { planOrderPaid } from '../../cloudfunctions/core/rewardPlans';

const order: OrderRewards = { orderId: 'o1', paidFen: 10000, pointsEarned: 150, growthEarned: 181, refundedFen: 0, pointsReversed: 0, growthReversed: 0 };
const errorOf = (fn: () => unknown): AppError => {
  try { fn(); } catch (e) { return e as AppError; }
  throw new Error('expected an error');
};

describe('refund shares', () => {
  test('a full refund takes back exactly what was earned', () => {
    expect(refundShare(order, 10000)).toEqual({ pointsToReverse: 150, growthToReverse: 181, full: true, deductionToReturn: 0, order: { refundedFen: 10000, pointsReversed: 150, growthReversed: 181 } });
  });

  test('three partial refunds of a third each sum exactly to the earning', () => {
    let o = order;
    const taken: number[][] = [];
    for (const fen of [3333, 3333, 3334]) {
      const s = refundShare(o, fen);
      taken.push([s.pointsToReverse, s.growthToReverse]);
      o = { ...o, ...s.order };
    }
    // floor(150 × 3333 / 10000) = 49, floor(150 × 6666 / 10000) = 99, then the rest.
    expect(taken).toEqual([[49, 60], [50, 60], [51, 61]]);
    expect(taken.reduce((s, [p]) => s + p, 0)).toBe(150);
    expect(taken.reduce((s, [, g]) => s + g, 0)).toBe(181);
  });

  test('refunds beyond the paid amount, or not positive, are rejected', () => {
    const partly = { ...order, refundedFen: 9000 };
    expect(errorOf(() => refundShare(partly, 1001))).toMatchObject({ code: 'INVALID_INPUT', message: '退款金额超过订单实付金额' });
    expect(refundShare(partly, 1000).full).toBe(true);
    expect(errorOf(() => refundShare(order, 0)).message).toBe('退款金额必须是正整数（分）');
    expect(errorOf(() => refundShare(order, 10.5))).toBeInstanceOf(AppError);
  });

  test('property: any split of the paid amount reverses exactly the earned points and growth, never more on the way', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }),
        (paidFen, pointsEarned, growthEarned, weights) => {
          const total = weights.reduce((a, b) => a + b, 0);
          const cuts = weights.map((_, i) => Math.floor((paidFen * weights.slice(0, i + 1).reduce((a, b) => a + b, 0)) / total));
          let o: OrderRewards = { orderId: 'o', paidFen, pointsEarned, growthEarned, refundedFen: 0, pointsReversed: 0, growthReversed: 0 };
          let points = 0;
          let growth = 0;
          let previous = 0;
          for (const cut of cuts) {
            if (cut === previous) continue;
            const s = refundShare(o, cut - previous);
            previous = cut;
            points += s.pointsToReverse;
            growth += s.growthToReverse;
            expect(points).toBeLessThanOrEqual(pointsEarned);
            expect(growth).toBeLessThanOrEqual(growthEarned);
            o = { ...o, ...s.order };
          }
          expect([points, growth]).toEqual([pointsEarned, growthEarned]);
        },
      ),
    );
  });
});

describe('planning an order refund', () => {
  const paidAt = new Date('2026-05-10T12:00:00+08:00');

  test('reverses points from the order lot and writes negative consumption growth', () => {
    const paid = planOrderPaid(emptyPointsState(), 2, { orderId: 'o9', paidFen: 20000, paidAt, categories: ['shoes'], issuer: 'pay' }, [], DEFAULT_CONFIG);
    expect(paid.points.points).toBe(300);
    const half = planOrderRefund(paid.ledger.state, paid.rewards, { refundId: 'r1', refundFen: 10000, at: new Date('2026-05-12T12:00:00+08:00'), issuer: 'pay' }, DEFAULT_CONFIG);
    expect(half.share).toMatchObject({ pointsToReverse: 150, full: false });
    expect(half.ledger.entries).toEqual([expect.objectContaining({ type: 'reverse', amount: -150, balanceAfter: 150, ref: 'o9', key: 'refund:o9:r1:points', reason: '订单退款扣回积分', lots: [{ lotId: 'order:o9', amount: 150, format: '' }] })]);
    expect(half.growth).toMatchObject({ dimension: 'consumption', event: 'orderRefund', amount: -Math.floor(paid.growth.amount / 2), key: 'refund:o9:r1:growth', reason: '订单退款扣减成长值' });

    const rest = planOrderRefund(half.ledger.state, { ...paid.rewards, ...half.share.order }, { refundId: 'r2', refundFen: 10000, at: new Date('2026-05-13T12:00:00+08:00'), issuer: 'pay' }, DEFAULT_CONFIG);
    expect(half.share.pointsToReverse + rest.share.pointsToReverse).toBe(300);
    expect(-(half.growth!.amount + rest.growth!.amount)).toBe(paid.growth.amount);
    expect(rest.ledger.points.balance).toBe(0);
    expect(checkPointsState(rest.ledger.state, [...paid.ledger.entries, ...half.ledger.entries, ...rest.ledger.entries])).toEqual([]);
  });

  test('an order that earned nothing plans no entries', () => {
    const none = planOrderRefund(emptyPointsState(), { ...order, pointsEarned: 0, growthEarned: 0 }, { refundId: 'r', refundFen: 100, at: paidAt, issuer: 'pay' }, DEFAULT_CONFIG);
    expect(none.ledger.entries).toEqual([]);
    expect(none.growth).toBeNull();
  });
});
