// Idempotent writes under a race, through the local cloud with the real SDK: identical requests fired at once act
// once; the others answer the first result with `replayed: true` (never INTERNAL, never twice).
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { expectConsistent, ledgerOf, member, memberDoc, refundsOf, seedMallFixtures } from '../helpers/mall';
import { paidEvent, refundEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 10 });
  await seedMallFixtures(t);
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
});

afterAll(async () => {
  await t.stop();
});

const N = 10;
const fire = (fn: string, event: object, openid?: string) => Promise.all(Array.from({ length: N }, () => t.call(fn, event, openid)));

/** Starts N warm workers of `fn` (N refused calls at once), so the identical calls that follow really overlap. */
async function warm(fn: string, refused: object, openid?: string) {
  const results = await fire(fn, refused, openid);
  for (const r of results) expect(r.body.ok).toBe(false);
}

function expectOneWriteRestReplays(results: Array<{ body: any }>) {
  const errors = results.filter((r) => !r.body.ok).map((r) => r.body.error);
  expect(errors).toEqual([]);
  expect(results.filter((r) => r.body.data.replayed === false)).toHaveLength(1);
  expect(results.filter((r) => r.body.data.replayed === true)).toHaveLength(N - 1);
}

describe('points adjustments', () => {
  test(`${N} identical admin.adjustPoints at once credit once; the rest replay the first answer`, async () => {
    const memberNo = await member(t, 'idem-admin');
    const before = memberDoc(t, 'idem-admin').points.balance;
    const input = { action: 'adjustPoints', memberNo, amount: 120, reason: '客诉补偿', requestId: 'idem-admin-0001' };
    await warm('admin', { ...input, amount: 0 }, 'admin-1');
    const results = await fire('admin', input, 'admin-1');
    expectOneWriteRestReplays(results);
    for (const r of results) expect(r.body.data).toEqual({ status: 'applied', memberNo, amount: 120, balance: before + 120, replayed: expect.any(Boolean) });
    expect(ledgerOf(t, 'idem-admin').filter((e) => e.key === 'adjust:idem-admin-0001')).toHaveLength(1);
    expect(memberDoc(t, 'idem-admin').points.balance).toBe(before + 120);
    expectConsistent(t, 'idem-admin');
    // Later, the same request id still answers the first adjustment.
    const again = await t.call('admin', input, 'admin-1');
    expect(again.body.data).toEqual({ status: 'applied', memberNo, amount: 120, balance: before + 120, replayed: true });
  }, 60_000);

  test(`${N} identical staff.adjustPoints deductions at once take the points once (the others never read as 积分不足) and log once`, async () => {
    const memberNo = await member(t, 'idem-staff', 150); // 100 registration + 150
    const before = memberDoc(t, 'idem-staff').points.balance;
    expect(before).toBe(250);
    // A second deduction of 200 would not fit: a loser that planned again on the winner's state must still replay.
    const input = { action: 'adjustPoints', memberNo, amount: -200, reason: '误操作扣回', requestId: 'idem-staff-0001' };
    await warm('staff', { ...input, amount: 0 }, 'manager-hotel');
    const results = await fire('staff', input, 'manager-hotel');
    expectOneWriteRestReplays(results);
    for (const r of results) expect(r.body.data).toEqual({ status: 'applied', memberNo, amount: -200, balance: 50, replayed: expect.any(Boolean) });
    expect(ledgerOf(t, 'idem-staff').filter((e) => e.key === 'adjust:idem-staff-0001')).toHaveLength(1);
    expect(memberDoc(t, 'idem-staff').points.balance).toBe(50);
    expectConsistent(t, 'idem-staff');
    const logged = t.cloud.db.find('store_activity', { type: 'adjust', ref: 'idem-staff-0001' }).docs;
    expect(logged).toEqual([expect.objectContaining({ storeId: 'st-hotel', memberNo, points: -200 })]);
  }, 60_000);
});

describe('refunds', () => {
  test(`${N} identical deliveries of a full refund at once reverse once; the others replay instead of 退款金额超过订单实付金额`, async () => {
    const memberNo = await member(t, 'idem-refund');
    const o = { orderId: 'IDEM-ORDER-1', memberNo, amountFen: 8800, paidAt: new Date().toISOString(), format: 'mall' };
    expect((await t.call('order', paidEvent(o))).body.ok).toBe(true);
    const refund = { refundId: 'IDEM-ORDER-1-R', orderId: o.orderId, amountFen: 8800, refundedAt: new Date().toISOString() };
    await warm('order', refundEvent({ refundId: 'IDEM-WARM-R', orderId: 'no-such-order', amountFen: 100, refundedAt: new Date().toISOString() }));
    // Each delivery is its own signed request (a nonce is accepted once), all for the same refund.
    const results = await Promise.all(Array.from({ length: N }, () => t.call('order', refundEvent(refund))));
    expectOneWriteRestReplays(results);
    const first = results.find((r) => r.body.data.replayed === false)!.body.data;
    expect(first).toMatchObject({ fullyRefunded: true });
    for (const r of results) expect({ ...r.body.data, replayed: false }).toEqual(first);
    expect(ledgerOf(t, 'idem-refund').filter((e) => e.type === 'reverse')).toHaveLength(1);
    expect(refundsOf(t, o.orderId)).toEqual([expect.objectContaining({ refundId: refund.refundId, refundFen: 8800, result: { ...first, replayed: false } })]);
    expectConsistent(t, 'idem-refund');
  }, 60_000);
});
