// Points as cash (积分抵扣) through the local cloud: a channel's hold / capture / release, signed; holds under
// concurrency (a burst of 50 on one member) and expiry with the cloud's clock; replays; the cash part earns; a
// refund of a deducted order returns points in proportion; the settlement between formats counts deducted points;
// and the till: a clerk asks, the member approves or declines on their own phone, only then the purchase records.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { fireAll, type BurstRequest } from '../helpers/burst';
import { expectConsistent, item, ledgerOf, member, memberDoc, seedMallFixtures } from '../helpers/mall';
import { signed, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let seq = 0;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 6 });
  await seedMallFixtures(t, [item('dd-gift', { pointsPrice: 8001 })]);
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
});

afterAll(async () => {
  await t.stop();
});

afterEach(async () => {
  await t.resetClock();
});

const at = () => ({ at: new Date(Date.now()) });
const cloudNow = (iso: string) => ({ at: new Date(iso) });
const hold = (payload: object, opts = at()) => t.call('order', signed('hold', 'hold', payload, opts));
const capture = (payload: object, opts = at()) => t.call('order', signed('capture', 'capture', payload, opts));
const release = (holdId: string, opts = at()) => t.call('order', signed('release', 'release', { holdId }, opts));
const refund = (payload: object, opts = at()) => t.call('order', signed('refunded', 'refund', payload, opts));
const home = async (openid: string) => (await t.call('member', { action: 'home' }, openid)).body.data.points as { balance: number; spendable: number };
/** A member with 100 registration points plus `extra` credited in adjustments of at most 10,000 (above needs approval). */
async function seeded(openid: string, extra: number): Promise<string> {
  const memberNo = await member(t, openid, Math.min(extra, 10_000));
  for (let left = extra - 10_000, i = 1; left > 0; left -= 10_000, i++) {
    const adj = await t.call('staff', { action: 'adjustPoints', memberNo, amount: Math.min(left, 10_000), reason: '测试充值', requestId: `seed-${openid}-${i}` }, 'manager-hotel');
    expect(adj.body.data.status).toBe('applied');
  }
  return memberNo;
}
const orderId = () => `D-${Date.now()}-${++seq}`;
const paidOrder = (id: string, memberNo: string, amountFen: number, paidAt: string, extra: object = {}) =>
  ({ orderId: id, memberNo, amountFen, paidAt, format: 'hotel', storeId: 'st-hotel', ...extra });

describe('order.hold / capture / release', () => {
  test('a hold reserves points that nothing else may spend; capture spends them once and the cash part earns', async () => {
    await t.setClock('2026-07-01T10:00:00+08:00', true);
    const memberNo = await seeded('dd-1', 19_900); // 100 registration + 19,900 = 20,000
    const id = orderId();
    // 300 yuan order: at most 50 % = 15,000 fen = 15,000 points; the member asks for 12,000.
    const h = await hold({ orderId: id, memberNo, amountFen: 30000, points: 12000, format: 'hotel', storeId: 'st-hotel' }, cloudNow('2026-07-01T10:00:00+08:00'));
    expect(h.body.data).toMatchObject({
      holdId: `${TEST_CHANNEL._id}:${id}`, orderId: id, memberNo, status: 'held', statusText: '已预留', orderFen: 30000, points: 12000,
      deductionFen: 12000, cashFen: 18000, expiresAt: '2026-07-01T02:15:00.000Z', replayed: false,
    });
    const holdId = h.body.data.holdId as string;
    // The balance is untouched, 8,000 spendable: an adjustment of 8,001 and a second hold beyond it are refused.
    expect(await home('dd-1')).toMatchObject({ balance: 20000, spendable: 8000 });
    const over = await t.call('staff', { action: 'adjustPoints', memberNo, amount: -8001, reason: '测试扣减', requestId: 'dd-1-adjust-over' }, 'manager-hotel');
    expect(over.body.error.code).toBe('INSUFFICIENT_POINTS');
    const redeem = await t.call('mall', { action: 'redeem', itemId: 'dd-gift', requestId: 'dd-1-redeem-over' }, 'dd-1');
    expect(redeem.body.error).toEqual({ code: 'INSUFFICIENT_POINTS', message: '积分不足，还差 1 积分' });
    const second = await hold({ orderId: orderId(), memberNo, amountFen: 100000, format: 'hotel' }, cloudNow('2026-07-01T10:00:00+08:00'));
    expect(second.body.data).toMatchObject({ points: 8000, deductionFen: 8000 });
    expect(await home('dd-1')).toMatchObject({ balance: 20000, spendable: 0 });
    expect(ledgerOf(t, 'dd-1').map((e) => e.type).sort()).toEqual(['adjust', 'adjust', 'earn']); // holds write no entries

    // A replay answers the same hold; the same order id for another amount is taken.
    const again = await hold({ orderId: id, memberNo, amountFen: 30000, points: 12000, format: 'hotel', storeId: 'st-hotel' }, cloudNow('2026-07-01T10:00:00+08:00'));
    expect(again.body.data).toMatchObject({ holdId, points: 12000, replayed: true });
    expect((await hold({ orderId: id, memberNo, amountFen: 31000 }, cloudNow('2026-07-01T10:00:00+08:00'))).body.error).toEqual({ code: 'ALREADY_EXISTS', message: '订单号已用于另一笔积分抵扣' });

    // Capture with the paid order: the order's amount must be the held one.
    await t.setClock('2026-07-01T10:05:00+08:00', true);
    const paid = paidOrder(id, memberNo, 30000, '2026-07-01T10:04:00+08:00');
    expect((await capture({ holdId, order: { ...paid, amountFen: 29000 } }, cloudNow('2026-07-01T10:05:00+08:00'))).body.error)
      .toEqual({ code: 'INVALID_INPUT', message: '订单金额与积分抵扣单（300.00 元）不一致' });
    const caps = await Promise.all([1, 2, 3].map(() => capture({ holdId, order: paid }, cloudNow('2026-07-01T10:05:00+08:00'))));
    expect(caps.map((c) => c.body.ok)).toEqual([true, true, true]);
    expect(caps.filter((c) => !c.body.data.replayed)).toHaveLength(1);
    // 180 yuan cash at 1 point a yuan: 180 points; the 120 yuan paid with points earns nothing (deductedPartEarns false).
    for (const c of caps) expect(c.body.data).toMatchObject({ orderId: id, pointsEarned: 180, deduction: { holdId, points: 12000, deductionFen: 12000, cashFen: 18000 } });
    const ledger = ledgerOf(t, 'dd-1');
    expect(ledger.filter((e) => e.key === `deduct:${holdId}`)).toEqual([expect.objectContaining({ type: 'spend', amount: -12000, redeemFormat: 'hotel', redeemStoreId: 'st-hotel' })]);
    expect(ledger.filter((e) => e.key === `order:${id}`)).toEqual([expect.objectContaining({ type: 'earn', amount: 180 })]);
    expect(t.cloud.db.find('orders', { _id: id }).docs[0]).toMatchObject({ paidFen: 18000, holdId, rewards: { paidFen: 18000, pointsEarned: 180, deduction: { points: 12000, fen: 12000, returned: 0 } } });
    expect(t.cloud.db.find('point_holds', { _id: holdId }).docs[0]).toMatchObject({ status: 'captured' });
    // 20,000 − 12,000 + 180 earned; the second hold still has 8,000 of it.
    expect(await home('dd-1')).toMatchObject({ balance: 8180, spendable: 180 });
    // A paid order with the same id but without the hold is another order.
    expect((await t.call('order', signed('paid', 'order', paid, cloudNow('2026-07-01T10:05:00+08:00')))).body.error.code).toBe('ALREADY_EXISTS');

    // Release the second hold: spendable again at once; a repeat answers it released; capture after release refused.
    const secondId = second.body.data.holdId as string;
    expect((await release(secondId, cloudNow('2026-07-01T10:05:00+08:00'))).body.data).toMatchObject({ status: 'released', statusText: '已释放', replayed: false });
    expect((await release(secondId, cloudNow('2026-07-01T10:05:00+08:00'))).body.data).toMatchObject({ status: 'released', replayed: true });
    expect(await home('dd-1')).toMatchObject({ balance: 8180, spendable: 8180 });
    const late = await capture({ holdId: secondId, order: { orderId: second.body.data.orderId, memberNo, amountFen: 100000, paidAt: '2026-07-01T10:04:00+08:00', format: 'hotel' } }, cloudNow('2026-07-01T10:05:00+08:00'));
    expect(late.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该积分预留已释放' });
    expect((await release(holdId, cloudNow('2026-07-01T10:05:00+08:00'))).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该积分抵扣已完成' });
    expectConsistent(t, 'dd-1');
  });

  test('capture and release racing on one hold: exactly one wins, and the other is told which', async () => {
    for (let round = 0; round < 3; round++) {
      const memberNo = await member(t, `dd-race-${round}`, 900);
      const id = orderId();
      const h = await hold({ orderId: id, memberNo, amountFen: 10000 });
      const holdId = h.body.data.holdId as string;
      const [c, r] = await Promise.all([capture({ holdId, order: paidOrder(id, memberNo, 10000, new Date().toISOString()) }), release(holdId)]);
      const captured = c.body.ok === true;
      expect(captured).toBe(r.body.ok !== true);
      if (captured) expect(r.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该积分抵扣已完成' });
      else expect(c.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该积分预留已释放' });
      const spent = ledgerOf(t, `dd-race-${round}`).filter((e) => e.key === `deduct:${holdId}`);
      expect(spent.map((e) => e.amount)).toEqual(captured ? [-1000] : []);
      expect(t.cloud.db.find('point_holds', { _id: holdId }).docs[0]).toMatchObject({ status: captured ? 'captured' : 'released' });
      expect((await home(`dd-race-${round}`)).spendable).toBe(captured ? 90 : 1000);
      expectConsistent(t, `dd-race-${round}`);
    }
  }, 60_000);

  test('refusals: no points, too small an order, an unknown member, another channel\'s hold', async () => {
    const memberNo = await member(t, 'dd-2'); // 100 points
    expect((await hold({ orderId: orderId(), memberNo, amountFen: 100000, points: 99 })).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '单次最少抵扣 100 积分' });
    expect((await hold({ orderId: orderId(), memberNo, amountFen: 199 })).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '订单金额过低，最多可抵扣 50%，不足 100 积分' });
    const h = await hold({ orderId: orderId(), memberNo, amountFen: 100000 });
    expect(h.body.data).toMatchObject({ points: 100, deductionFen: 100 });
    expect((await hold({ orderId: orderId(), memberNo, amountFen: 100000 })).body.error).toEqual({ code: 'INSUFFICIENT_POINTS', message: '可用积分不足，100 积分起抵' });
    expect((await hold({ orderId: orderId(), memberNo: '80000000000', amountFen: 100000 })).body.error).toEqual({ code: 'NOT_FOUND', message: '会员不存在' });
    expect((await hold({ orderId: orderId(), memberNo, amountFen: 100000, points: 0 })).body.error.code).toBe('INVALID_INPUT');
    // Another channel cannot see, capture or release it.
    await t.cloud.db.insertMany('channels', [{ _id: 'other-pos', name: '其他', secret: 'other-secret-1', active: true }]);
    const asOther = { at: new Date(), channel: 'other-pos', secret: 'other-secret-1' };
    expect((await t.call('order', signed('release', 'release', { holdId: h.body.data.holdId }, asOther))).body.error).toEqual({ code: 'NOT_FOUND', message: '积分抵扣单不存在' });
    // A wrong signature changes nothing.
    expect((await t.call('order', { ...signed('hold', 'hold', { orderId: orderId(), memberNo, amountFen: 1000 }), signature: 'f'.repeat(64) })).body.error.code).toBe('UNAUTHENTICATED');
  });

  test('a burst of 50 concurrent holds on one member never reserves more than was spendable', async () => {
    const memberNo = await member(t, 'dd-burst', 10_000); // 10,100 spendable
    const requests: BurstRequest[] = Array.from({ length: 50 }, (_, i) => ({
      kind: 'hold' as const, id: `burst-h${i}`, openid: 'dd-burst', hold: { orderId: `DB-${i}`, memberNo, amountFen: 20000, points: 1000 },
    }));
    const answers = await fireAll(t.url, requests);
    const ok = [...answers.values()].filter((a) => a?.ok) as Array<{ ok: true; data: { points: number; holdId: string } }>;
    const refused = [...answers.values()].filter((a) => a && !a.ok) as Array<{ ok: false; error: { code: string } }>;
    for (const r of refused) expect(['INSUFFICIENT_POINTS', 'CONFLICT']).toContain(r.error.code);
    const reserved = ok.reduce((s, a) => s + a.data.points, 0);
    expect(reserved).toBeLessThanOrEqual(10100);
    const holds = t.cloud.db.find('point_holds', { openid: 'dd-burst' }, { limit: 100 }).docs as Array<{ _id: string; points: number }>;
    expect(holds.map((h) => h._id).sort()).toEqual(ok.map((a) => a.data.holdId).sort());
    const live = (memberDoc(t, 'dd-burst') as unknown as { pointHolds: Array<{ points: number }> }).pointHolds;
    expect(live.reduce((s, h) => s + h.points, 0)).toBe(reserved);
    expect((await home('dd-burst')).spendable).toBe(10100 - reserved);
    // Whatever contention refused, the rest fills up exactly: 10 × 1,000 then the last 100.
    if (reserved < 10100) {
      for (const req of requests.filter((r) => !answers.get(r.id)?.ok)) {
        const a = await hold((req as Extract<BurstRequest, { kind: 'hold' }>).hold);
        if ((await home('dd-burst')).spendable === 0) break;
        expect(a.body.ok).toBe(true);
      }
    }
    const all = (t.cloud.db.find('point_holds', { openid: 'dd-burst' }, { limit: 100 }).docs as Array<{ points: number }>).map((h) => h.points).sort((a, b) => b - a);
    expect(all.reduce((s, p) => s + p, 0)).toBe(10100);
    expect(all).toEqual([...Array(10).fill(1000), 100]);
    expect(ledgerOf(t, 'dd-burst')).toHaveLength(2);
    expectConsistent(t, 'dd-burst');
  }, 120_000);

  test('a hold lapses by itself after 15 minutes: the points come back exactly once and capture is refused', async () => {
    await t.setClock('2026-07-02T09:00:00+08:00', true);
    const memberNo = await member(t, 'dd-exp', 900); // 1,000
    const id = orderId();
    const h = await hold({ orderId: id, memberNo, amountFen: 10000 }, cloudNow('2026-07-02T09:00:00+08:00'));
    expect(h.body.data).toMatchObject({ points: 1000, deductionFen: 1000, cashFen: 9000, expiresAt: '2026-07-02T01:15:00.000Z' });
    await t.setClock('2026-07-02T09:14:59+08:00', true);
    expect(await home('dd-exp')).toMatchObject({ balance: 1000, spendable: 0 });
    await t.setClock('2026-07-02T09:15:00+08:00', true);
    expect(await home('dd-exp')).toMatchObject({ balance: 1000, spendable: 1000 });
    const replay = await hold({ orderId: id, memberNo, amountFen: 10000 }, cloudNow('2026-07-02T09:15:00+08:00'));
    expect(replay.body.data).toMatchObject({ status: 'expired', statusText: '已过期', replayed: true });
    const c = await capture({ holdId: h.body.data.holdId, order: paidOrder(id, memberNo, 10000, '2026-07-02T09:10:00+08:00') }, cloudNow('2026-07-02T09:15:00+08:00'));
    expect(c.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该积分预留已过期，积分已退回' });
    expect(t.cloud.db.find('orders', { _id: id }).total).toBe(0);
    // The lapsed hold is dropped at the next hold write; the points counted back once (no entry, balance unchanged).
    const next = await hold({ orderId: orderId(), memberNo, amountFen: 10000 }, cloudNow('2026-07-02T09:15:00+08:00'));
    expect(next.body.data.points).toBe(1000);
    expect((memberDoc(t, 'dd-exp') as unknown as { pointHolds: Array<{ holdId: string }> }).pointHolds.map((x) => x.holdId)).toEqual([next.body.data.holdId]);
    expect(ledgerOf(t, 'dd-exp').reduce((s, e) => s + e.amount, 0)).toBe(1000);
    expectConsistent(t, 'dd-exp');
  });

  test('refunds of a deducted order return the deducted points in the refunded share of the cash; settlement counts them', async () => {
    await t.setClock('2026-08-20T10:00:00+08:00', true);
    // 10,000 points without a format (registration and an adjustment), spent as cash in the hotel.
    const memberNo = await member(t, 'dd-ref', 9900);
    expect((await home('dd-ref')).spendable).toBe(10000);
    const id = orderId();
    const h = await hold({ orderId: id, memberNo, amountFen: 20000, points: 9000, format: 'hotel', storeId: 'st-hotel' }, cloudNow('2026-08-20T10:00:00+08:00'));
    expect(h.body.error).toBeUndefined();
    const holdId = h.body.data.holdId as string;
    const c = await capture({ holdId, order: paidOrder(id, memberNo, 20000, '2026-08-20T10:00:00+08:00') }, cloudNow('2026-08-20T10:00:00+08:00'));
    expect(c.body.data).toMatchObject({ pointsEarned: 110, deduction: { points: 9000, deductionFen: 9000, cashFen: 11000 } });
    // Refunds are of the cash paid (110 yuan): a third, another third, the rest.
    const r1 = await refund({ refundId: `${id}-R1`, orderId: id, amountFen: 3666, refundedAt: '2026-08-20T10:00:00+08:00' }, cloudNow('2026-08-20T10:00:00+08:00'));
    expect(r1.body.data).toMatchObject({ pointsReversed: 36, pointsReturned: 2999, fullyRefunded: false }); // floor(110 × 3666 / 11000), floor(9000 × 3666 / 11000)
    const r2 = await refund({ refundId: `${id}-R2`, orderId: id, amountFen: 3667, refundedAt: '2026-08-20T10:00:00+08:00' }, cloudNow('2026-08-20T10:00:00+08:00'));
    expect(r2.body.data).toMatchObject({ pointsReversed: 37, pointsReturned: 3000 }); // floor(9000 × 7333 / 11000) = 5999
    expect((await refund({ refundId: `${id}-R9`, orderId: id, amountFen: 3668, refundedAt: '2026-08-20T10:00:00+08:00' }, cloudNow('2026-08-20T10:00:00+08:00'))).body.error.code).toBe('INVALID_INPUT');
    const r3 = await refund({ refundId: `${id}-R3`, orderId: id, amountFen: 3667, refundedAt: '2026-08-20T10:00:00+08:00' }, cloudNow('2026-08-20T10:00:00+08:00'));
    expect(r3.body.data).toMatchObject({ pointsReversed: 37, pointsReturned: 3001, fullyRefunded: true });
    // A replay returns nothing more.
    expect((await refund({ refundId: `${id}-R3`, orderId: id, amountFen: 3667, refundedAt: '2026-08-20T10:00:00+08:00' }, cloudNow('2026-08-20T10:00:00+08:00'))).body.data).toMatchObject({ pointsReturned: 3001, replayed: true });
    const returned = ledgerOf(t, 'dd-ref').filter((e) => e.key.endsWith(':deduction'));
    expect(returned.map((e) => e.amount)).toEqual([2999, 3000, 3001]);
    expect(returned.every((e) => e.type === 'refund' && e.redeemFormat === 'hotel')).toBe(true);
    // Everything back: 10,000 before the order; the 110 earned on it taken back.
    expect(await home('dd-ref')).toMatchObject({ balance: 10000, spendable: 10000 });

    // Settlement: the deduction counts as mall-issued points redeemed in the hotel, net of the refunds (a fresh one not refunded).
    const id2 = orderId();
    const h2 = await hold({ orderId: id2, memberNo, amountFen: 10000, points: 2000, format: 'hotel', storeId: 'st-hotel' }, cloudNow('2026-08-20T10:00:00+08:00'));
    await capture({ holdId: h2.body.data.holdId, order: paidOrder(id2, memberNo, 10000, '2026-08-20T10:00:00+08:00') }, cloudNow('2026-08-20T10:00:00+08:00'));
    const report = (await t.call('staff', { action: 'settlement', from: '2026-08-01', to: '2026-08-31' }, 'admin-1')).body.data;
    expect(report.reconciled).toBe(true);
    expect(report.ledger).toMatchObject({ spendEntries: 2, refundEntries: 3, spent: 11000, returned: 9000, net: 2000 });
    const pair = report.rows.filter((r: { issuerFormat: string; redeemerFormat: string }) => r.redeemerFormat === 'hotel');
    // Spent 9,000 + 2,000, returned 9,000: net 2,000 points issued without a format, redeemed in the hotel.
    expect(pair.reduce((s: number, r: { points: number }) => s + r.points, 0)).toBe(2000);
    expect(pair).toEqual([expect.objectContaining({ issuerFormat: '', redeemerFormat: 'hotel', points: 2000, crossFormat: true })]);
    expectConsistent(t, 'dd-ref');
  });
});

describe('积分抵扣 at the till: the member confirms on their own phone', () => {
  test('the clerk asks, the member sees and approves, then the purchase records with the deduction', async () => {
    await t.setClock('2026-09-01T15:00:00+08:00', true);
    const memberNo = await member(t, 'dd-till', 4900); // 5,000
    const ask = { action: 'requestDeduction', memberNo, orderId: 'TILL-1', amountFen: 8000 };
    const r = await t.call('staff', ask, 'clerk-mall');
    expect(r.body.data).toMatchObject({ holdId: 'store:st-mall:TILL-1', status: 'requested', statusText: '等待会员确认', points: 4000, deductionFen: 4000, cashFen: 4000, storeName: '测试购物中心店' });
    const holdId = r.body.data.holdId as string;
    // Nothing reserved yet, and the clerk cannot record it with the hold alone.
    expect(await home('dd-till')).toMatchObject({ spendable: 5000 });
    const early = await t.call('staff', { action: 'recordPurchase', memberNo, orderId: 'TILL-1', amountFen: 8000, holdId }, 'clerk-mall');
    expect(early.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '会员尚未确认积分抵扣' });
    expect(t.cloud.db.find('orders', { _id: 'st-mall:TILL-1' }).total).toBe(0);
    // The member's code page shows it; another member sees nothing and cannot answer it.
    const pending = await t.call('member', { action: 'pendingDeduction' }, 'dd-till');
    expect(pending.body.data).toMatchObject({ holdId, points: 4000, deductionFen: 4000, orderFen: 8000, storeName: '测试购物中心店', status: 'requested' });
    await member(t, 'dd-other');
    expect((await t.call('member', { action: 'pendingDeduction' }, 'dd-other')).body.data).toBeNull();
    expect((await t.call('member', { action: 'decideDeduction', holdId, approve: true }, 'dd-other')).body.error).toEqual({ code: 'NOT_FOUND', message: '积分抵扣请求不存在' });
    // Approving twice (a double tap) reserves once.
    const [a1, a2] = await Promise.all([1, 2].map(() => t.call('member', { action: 'decideDeduction', holdId, approve: true }, 'dd-till')));
    expect([a1.body.data.status, a2.body.data.status]).toEqual(['held', 'held']);
    expect(await home('dd-till')).toMatchObject({ balance: 5000, spendable: 1000 });
    expect((await t.call('member', { action: 'pendingDeduction' }, 'dd-till')).body.data).toBeNull();
    expect((await t.call('staff', { action: 'deduction', holdId }, 'clerk-mall')).body.data).toMatchObject({ status: 'held', statusText: '已预留' });
    // Only the store that asked can read it.
    expect((await t.call('staff', { action: 'deduction', holdId }, 'manager-hotel')).body.error.code).toBe('NOT_FOUND');
    // Now the purchase records: 40 yuan of points, 40 yuan cash earns 40 points; a replay pays once.
    const buy = { action: 'recordPurchase', memberNo, orderId: 'TILL-1', amountFen: 8000, holdId };
    const [p1, p2] = await Promise.all([t.call('staff', buy, 'clerk-mall'), t.call('staff', buy, 'clerk-mall')]);
    expect([p1.body.data.replayed, p2.body.data.replayed].sort()).toEqual([false, true]);
    expect(p1.body.data).toMatchObject({ status: 'recorded', pointsEarned: 40, deduction: { holdId, points: 4000, deductionFen: 4000, cashFen: 4000 } });
    expect(p1.body.data.member.points).toMatchObject({ balance: 1040, spendable: 1040 });
    expect(ledgerOf(t, 'dd-till').filter((e) => e.key === `deduct:${holdId}`)).toEqual([expect.objectContaining({ amount: -4000, redeemFormat: 'mall' })]);
    const today = await t.call('staff', { action: 'today' }, 'clerk-mall');
    expect(JSON.stringify(today.body.data)).toContain('消费 80.00 元（积分抵扣 40.00 元）');
    expectConsistent(t, 'dd-till');
  });

  test('declined or expired: nothing is spent; a new receipt can be recorded without points', async () => {
    await t.setClock('2026-09-02T15:00:00+08:00', true);
    const memberNo = await member(t, 'dd-no', 900);
    const ask = (receipt: string) => t.call('staff', { action: 'requestDeduction', memberNo, orderId: receipt, amountFen: 10000, points: 500 }, 'clerk-mall');
    const d = await ask('NO-1');
    expect(d.body.data).toMatchObject({ points: 500, deductionFen: 500, status: 'requested' });
    expect((await t.call('member', { action: 'decideDeduction', holdId: d.body.data.holdId, approve: false }, 'dd-no')).body.data).toMatchObject({ status: 'declined', statusText: '会员已拒绝' });
    expect((await t.call('member', { action: 'decideDeduction', holdId: d.body.data.holdId, approve: true }, 'dd-no')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '会员已拒绝该积分抵扣' });
    expect((await t.call('staff', { action: 'deduction', holdId: d.body.data.holdId }, 'clerk-mall')).body.data.statusText).toBe('会员已拒绝');
    expect((await t.call('staff', { action: 'recordPurchase', memberNo, orderId: 'NO-1', amountFen: 10000, holdId: d.body.data.holdId }, 'clerk-mall')).body.error)
      .toEqual({ code: 'NOT_ELIGIBLE', message: '会员已拒绝该积分抵扣' });
    const e = await ask('NO-2');
    await t.setClock('2026-09-02T15:15:00+08:00', true);
    expect((await t.call('staff', { action: 'deduction', holdId: e.body.data.holdId }, 'clerk-mall')).body.data).toMatchObject({ status: 'expired', statusText: '已过期' });
    expect((await t.call('member', { action: 'pendingDeduction' }, 'dd-no')).body.data).toBeNull();
    expect((await t.call('member', { action: 'decideDeduction', holdId: e.body.data.holdId, approve: true }, 'dd-no')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该积分预留已过期，积分已退回' });
    // The clerk cancels an approved hold: the points are free again at once; a repeat answers it released.
    const c = await ask('NO-5');
    await t.call('member', { action: 'decideDeduction', holdId: c.body.data.holdId, approve: true }, 'dd-no');
    expect(await home('dd-no')).toMatchObject({ spendable: 500 });
    expect((await t.call('staff', { action: 'cancelDeduction', holdId: c.body.data.holdId }, 'manager-hotel')).body.error.code).toBe('NOT_FOUND');
    expect((await t.call('staff', { action: 'cancelDeduction', holdId: c.body.data.holdId }, 'clerk-mall')).body.data).toMatchObject({ status: 'released', statusText: '已释放', replayed: false });
    expect((await t.call('staff', { action: 'cancelDeduction', holdId: c.body.data.holdId }, 'clerk-mall')).body.data).toMatchObject({ status: 'released', replayed: true });
    expect(await home('dd-no')).toMatchObject({ spendable: 1000 });
    // A clerk cannot ask for more than the member has, or record a hold of another receipt.
    expect((await ask('NO-3').then(() => t.call('staff', { action: 'requestDeduction', memberNo, orderId: 'NO-4', amountFen: 10000, points: 5000 }, 'clerk-mall'))).body.data.points).toBe(1000);
    expect((await t.call('staff', { action: 'recordPurchase', memberNo, orderId: 'NO-9', amountFen: 10000, holdId: e.body.data.holdId }, 'clerk-mall')).body.error)
      .toEqual({ code: 'INVALID_INPUT', message: '订单号与积分抵扣单不一致' });
    const plain = await t.call('staff', { action: 'recordPurchase', memberNo, orderId: 'NO-2', amountFen: 10000 }, 'clerk-mall');
    expect(plain.body.data).toMatchObject({ status: 'recorded', pointsEarned: 100 });
    expect(plain.body.data.deduction).toBeUndefined();
    expect(ledgerOf(t, 'dd-no').some((e) => e.type === 'spend')).toBe(false);
    expectConsistent(t, 'dd-no');
  });
});
