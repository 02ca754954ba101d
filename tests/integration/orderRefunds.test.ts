// A refund is kept on its order (`orders.refunds`, refund ids unique per order): replays are found there, in the
// order's own transaction. Refunds recorded before that are in `refunds` and still answer their replays; the order's
// refunded total says which orders have such refunds.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { expectConsistent, ledgerOf, refundsOf } from '../helpers/mall';
import { paidEvent, refundEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let memberNo: string;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 4 });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  memberNo = (await t.call('member', { action: 'login' }, 'refund-keeper')).body.data.member.memberNo;
});

afterAll(async () => {
  await t.stop();
});

const pay = async (orderId: string, amountFen = 10000) => {
  const r = await t.call('order', paidEvent({ orderId, memberNo, amountFen, paidAt: new Date().toISOString() }));
  expect(r.body.ok).toBe(true);
  return r.body.data;
};
const refund = (orderId: string, refundId: string, amountFen: number) =>
  t.call('order', refundEvent({ refundId, orderId, amountFen, refundedAt: new Date().toISOString() }));

test('two orders of one member may each have a refund "1": both are recorded, each on its order with its own entries', async () => {
  const a = await pay('KEEP-A');
  const b = await pay('KEEP-B');
  const ra = await refund('KEEP-A', '1', 10000);
  const rb = await refund('KEEP-B', '1', 5000);
  expect(ra.body.data).toMatchObject({ refundId: '1', orderId: 'KEEP-A', pointsReversed: a.pointsEarned, fullyRefunded: true, replayed: false });
  expect(rb.body.data).toMatchObject({ refundId: '1', orderId: 'KEEP-B', pointsReversed: Math.floor(b.pointsEarned / 2), fullyRefunded: false, replayed: false });
  expect(refundsOf(t, 'KEEP-A')).toEqual([expect.objectContaining({ refundId: '1', refundFen: 10000, channel: TEST_CHANNEL._id })]);
  expect(refundsOf(t, 'KEEP-B')).toEqual([expect.objectContaining({ refundId: '1', refundFen: 5000 })]);
  const keys = ledgerOf(t, 'refund-keeper').map((e) => e.key);
  expect(keys).toEqual(expect.arrayContaining(['refund:KEEP-A:1:points', 'refund:KEEP-B:1:points']));
  expect(t.cloud.db.find('refunds').total).toBe(0);
  // The same refund again answers the first result and writes nothing; other content under its id is refused.
  const before = dumpDatabase(t);
  expect((await refund('KEEP-B', '1', 5000)).body.data).toEqual({ ...rb.body.data, replayed: true });
  expect((await refund('KEEP-B', '1', 4000)).body.error).toEqual({ code: 'ALREADY_EXISTS', message: '退款单号已存在且内容不一致' });
  expect(dumpDatabase(t)).toEqual(before);
  expectConsistent(t, 'refund-keeper');
});

test('an order refunded before refunds were kept on it: its refund in `refunds` still replays, a new one counts it', async () => {
  const paid = await pay('KEEP-OLD');
  const first = (await refund('KEEP-OLD', 'OLD-R1', 4000)).body.data;
  // As a deployment from before keeps it: the refund in `refunds` by its id, the order's totals counting it.
  const kept = refundsOf(t, 'KEEP-OLD')!;
  const { refundId, ...rest } = kept[0];
  await t.cloud.db.insertMany('refunds', [{ ...rest, _id: refundId, openid: 'refund-keeper', orderId: 'KEEP-OLD' }]);
  await t.cloud.db.setFields('orders', { _id: 'KEEP-OLD' }, { refunds: [] });
  const before = dumpDatabase(t);
  const replay = await refund('KEEP-OLD', 'OLD-R1', 4000);
  expect(replay.body.data).toEqual({ ...first, replayed: true });
  expect((await refund('KEEP-OLD', 'OLD-R1', 3000)).body.error).toMatchObject({ code: 'ALREADY_EXISTS' });
  expect(dumpDatabase(t)).toEqual(before);
  // The rest of the order: the reversal adds up to exactly what it earned.
  const rest2 = await refund('KEEP-OLD', 'OLD-R2', 6000);
  expect(rest2.body.data).toMatchObject({ fullyRefunded: true, pointsReversed: paid.pointsEarned - first.pointsReversed });
  expect(refundsOf(t, 'KEEP-OLD')).toEqual([expect.objectContaining({ refundId: 'OLD-R2', refundFen: 6000 })]);
  // The id of another order's older refund is a new refund of this order.
  expect((await refund('KEEP-B', 'OLD-R1', 100)).body.data).toMatchObject({ refundId: 'OLD-R1', orderId: 'KEEP-B', replayed: false });
  expect(refundsOf(t, 'KEEP-B')!.map((r) => r.refundId)).toEqual(['1', 'OLD-R1']);
  expectConsistent(t, 'refund-keeper');
});

test('an order takes at most 100 refunds; the 101st is refused with nothing written', async () => {
  await pay('KEEP-MANY', 20000);
  for (let i = 1; i <= 100; i++) expect((await refund('KEEP-MANY', `M${i}`, 100)).body.ok).toBe(true);
  expect(refundsOf(t, 'KEEP-MANY')).toHaveLength(100);
  const before = dumpDatabase(t);
  expect((await refund('KEEP-MANY', 'M101', 100)).body.error).toEqual({ code: 'INVALID_INPUT', message: '该订单已退款 100 次，无法再次退款' });
  expect(dumpDatabase(t)).toEqual(before);
  expectConsistent(t, 'refund-keeper');
}, 120_000);
