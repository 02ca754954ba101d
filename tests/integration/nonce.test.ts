// A signed request is accepted once: its (channel, nonce) is remembered for the replay window (an order and a refund
// keep it on their own record), so the identical request sent again (or at the same time) is UNAUTHENTICATED and
// writes nothing; a new delivery of the same order signs a new request and replays the order idempotently.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { paidEvent, refundEvent, signed, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let memberNo: string;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 6 });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  memberNo = (await t.call('member', { action: 'login' }, 'nonce-buyer')).body.data.member.memberNo;
});

afterAll(async () => {
  await t.stop();
});

const REPLAYED = { ok: false, error: { code: 'UNAUTHENTICATED', message: '请求已被使用，请勿重放' } };
const order = (orderId: string) => ({ orderId, memberNo, amountFen: 5000, paidAt: new Date().toISOString() });

test('the identical signed order twice: the second is refused and writes nothing', async () => {
  const ev = paidEvent(order('NONCE-1'));
  const first = await t.call('order', ev);
  expect(first.body).toMatchObject({ ok: true, data: { orderId: 'NONCE-1', replayed: false } });
  const before = dumpDatabase(t);
  const second = await t.call('order', ev);
  expect(second.body).toEqual(REPLAYED);
  expect(dumpDatabase(t)).toEqual(before);
  // As any sequential replay of an order: the failed attempt (its insert of the order id) and one read of the order.
  expect(second.dbOps).toBeLessThanOrEqual(6);
});

test('a new delivery of the same order, signed afresh, replays the order', async () => {
  const again = await t.call('order', paidEvent(order('NONCE-1')));
  expect(again.body).toMatchObject({ ok: true, data: { orderId: 'NONCE-1', replayed: true } });
  expect(t.cloud.db.find('orders', { _id: 'NONCE-1' }).total).toBe(1);
});

test('an order keeps its request nonce; another signed action remembers its nonce per channel until the end of the replay window', async () => {
  const ev = paidEvent(order('NONCE-2'));
  expect((await t.call('order', ev)).body.ok).toBe(true);
  expect(t.cloud.db.find('orders', { _id: 'NONCE-2' }).docs[0]).toMatchObject({ nonce: ev.nonce });
  expect(t.cloud.db.find('channel_nonces', { _id: `${TEST_CHANNEL._id}:${ev.nonce}` }).total).toBe(0);
  const review = signed('reviewed', 'review', { reviewId: 'NONCE-V2', orderId: 'NONCE-2', withPhoto: false, reviewedAt: new Date().toISOString() });
  await t.call('order', review);
  const doc = t.cloud.db.find('channel_nonces', { _id: `${TEST_CHANNEL._id}:${review.nonce}` }).docs[0] as { channel: string; nonce: string; expiresAt: Date };
  expect(doc).toMatchObject({ channel: TEST_CHANNEL._id, nonce: review.nonce });
  expect(new Date(doc.expiresAt).getTime()).toBe(review.timestamp + 300_000);
});

test('the identical signed order of a phone nobody has bound twice: the second is refused', async () => {
  const ev = paidEvent({ orderId: 'NONCE-PHONE', phone: '13900001111', amountFen: 5000, paidAt: new Date().toISOString() });
  expect((await t.call('order', ev)).body.ok).toBe(true);
  expect((await t.call('order', ev)).body).toEqual(REPLAYED);
});

test('the identical refund and review twice are refused the second time', async () => {
  const refund = refundEvent({ refundId: 'NONCE-1-R', orderId: 'NONCE-1', amountFen: 1000, refundedAt: new Date().toISOString() });
  expect((await t.call('order', refund)).body.ok).toBe(true);
  const before = dumpDatabase(t);
  expect((await t.call('order', refund)).body).toEqual(REPLAYED);
  const review = signed('reviewed', 'review', { reviewId: 'NONCE-V', orderId: 'NONCE-1', withPhoto: false, reviewedAt: new Date().toISOString() });
  const firstReview = await t.call('order', review);
  expect(firstReview.body.error?.message).not.toBe(REPLAYED.error.message);
  const afterFirst = dumpDatabase(t);
  expect((await t.call('order', review)).body).toEqual(REPLAYED);
  expect(dumpDatabase(t)).toEqual(afterFirst);
  expect(Object.keys(afterFirst)).toEqual(Object.keys(before));
});

test('the identical signed request sent 10 times at once is accepted once', async () => {
  const ev = paidEvent(order('NONCE-3'));
  const results = await Promise.all(Array.from({ length: 10 }, () => t.call('order', ev)));
  expect(results.filter((r) => r.body.ok)).toHaveLength(1);
  for (const r of results.filter((x) => !x.body.ok)) expect(r.body).toEqual(REPLAYED);
  expect(t.cloud.db.find('orders', { _id: 'NONCE-3' }).total).toBe(1);
});

test('the daily job forgets nonces past their replay window and keeps the others', async () => {
  const past = new Date(Date.now() - 60_000);
  const future = new Date(Date.now() + 600_000);
  await t.cloud.db.insertMany('channel_nonces', [
    { _id: 'old-channel:expired-nonce-1', channel: 'old-channel', nonce: 'expired-nonce-1', expiresAt: past, createdAt: past },
    { _id: 'old-channel:live-nonce-001', channel: 'old-channel', nonce: 'live-nonce-001', expiresAt: future, createdAt: past },
  ]);
  const res = await fetch(`${t.url}/_triggers/jobs`, { method: 'POST' });
  expect(res.ok).toBe(true);
  expect(t.cloud.db.find('channel_nonces', { _id: 'old-channel:expired-nonce-1' }).total).toBe(0);
  expect(t.cloud.db.find('channel_nonces', { _id: 'old-channel:live-nonce-001' }).total).toBe(1);
  // A nonce still inside its window keeps refusing a replay.
  expect(t.cloud.db.find('channel_nonces', { channel: TEST_CHANNEL._id }).total).toBeGreaterThan(0);
});
