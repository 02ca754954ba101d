// A warm instance keeps a signed channel for CHANNEL_TTL_MS (runtime/signature.ts): a request the kept copy would
// refuse is judged on a fresh read (a new secret works at once), and a stop reaches the instance within the TTL.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let memberNo: string;
const TTL_MS = 1500;

beforeAll(async () => {
  process.env.CHANNEL_TTL_MS = String(TTL_MS);
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 1 });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  memberNo = (await t.call('member', { action: 'login' }, 'cc-buyer')).body.data.member.memberNo;
}, 60_000);

afterAll(async () => {
  await t.stop();
  delete process.env.CHANNEL_TTL_MS;
});

let n = 0;
const order = () => ({ orderId: `CC-${++n}`, memberNo, amountFen: 1000, paidAt: new Date().toISOString() });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a rotated secret works at once while the old copy is kept; a stop refuses every request once the copy is older than the TTL', async () => {
  expect((await t.call('order', paidEvent(order()))).body.ok).toBe(true); // the channel is now kept
  // Rotated with no overlap: the new secret is judged on a fresh read at once.
  await t.cloud.db.setFields('channels', { _id: TEST_CHANNEL._id }, { secret: 'rotated-secret-9' });
  expect((await t.call('order', paidEvent(order(), { secret: 'rotated-secret-9' }))).body.ok).toBe(true);
  expect((await t.call('order', paidEvent(order()))).body.error).toEqual({ code: 'UNAUTHENTICATED', message: '签名无效' });
  // Stopped: within the TTL at most, every request is refused and writes nothing.
  await t.cloud.db.setFields('channels', { _id: TEST_CHANNEL._id }, { active: false });
  await sleep(TTL_MS + 200);
  const before = t.cloud.db.find('orders', {}).total;
  expect((await t.call('order', paidEvent(order(), { secret: 'rotated-secret-9' }))).body.error).toEqual({ code: 'UNAUTHENTICATED', message: '未知或已停用的渠道' });
  expect(t.cloud.db.find('orders', {}).total).toBe(before);
});
