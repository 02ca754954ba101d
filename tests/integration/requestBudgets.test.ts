// Database requests of the heavy actions (issue 14 §4), pinned in realistic states so that a request added to these
// paths fails the suite. Counted as the bench counts them (x-localcloud-db-ops: every SDK request an invocation
// makes, transaction steps included), on warm instances: one worker per function, its rules cached by a first call.
//
// The budgets: member.login with an invite code 10, order.paid 8, order.refunded 8, task.list 3. The channel
// is kept by the warm instance (CHANNEL_TTL_MS), as the rules are; a refund is kept on its order (no document of its own).
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, refundEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;

beforeAll(async () => {
  // The rules stay cached for the whole file (a slow machine must not let them expire between warm-up and measure).
  process.env.LOYALTY_CONFIG_TTL_MS = '3600000';
  process.env.CHANNEL_TTL_MS = '3600000';
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 1 });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  // Warm every function on the paths (and its cached rules), as a busy service has them.
  await t.call('member', { action: 'login' }, 'rb-warm');
  await t.call('task', { action: 'list' }, 'rb-warm');
  const warmNo = (await t.call('member', { action: 'login' }, 'rb-warm')).body.data.member.memberNo;
  expect((await t.call('order', paidEvent({ orderId: 'RB-WARM', memberNo: warmNo, amountFen: 100, paidAt: new Date().toISOString() }))).body.ok).toBe(true);
  expect((await t.call('order', refundEvent({ refundId: 'RB-WARM-R', orderId: 'RB-WARM', amountFen: 50, refundedAt: new Date().toISOString() }))).body.ok).toBe(true);
}, 120_000);

afterAll(async () => {
  await t.stop();
  delete process.env.LOYALTY_CONFIG_TTL_MS;
  delete process.env.CHANNEL_TTL_MS;
});

const BIG = 500_000; // fen: enough growth for an upgrade from the entry tier
const order = (orderId: string, memberNo: string) => ({ orderId, memberNo, amountFen: BIG, paidAt: new Date().toISOString(), format: 'mall', items: [{ sku: 'a', name: 'a', category: 'c', quantity: 1, amountFen: BIG }] });
const refundOf = (orderId: string) => ({ refundId: `${orderId}-R`, orderId, amountFen: BIG, refundedAt: new Date().toISOString() });
const ledgerKeys = (openid: string) => (t.cloud.db.find('point_ledger', { openid }, { limit: 1000 }).docs as Array<{ key: string }>).map((e) => e.key);

test('member.login with an invite code whose inviter is rewarded: at most 10 requests, one transaction for both members', async () => {
  await t.call('member', { action: 'login' }, 'rb-inviter');
  const code = (await t.call('referral', { action: 'info' }, 'rb-inviter')).body.data.inviteCode;
  const r = await t.call('member', { action: 'login', inviteCode: code }, 'rb-invitee');
  expect(r.body.data).toMatchObject({ created: true, invite: { bound: true, inviterRewarded: true, welcomePoints: 50 } });
  expect(r.dbOps).toBeLessThanOrEqual(10);
  expect(ledgerKeys('rb-invitee').sort()).toEqual(['referralWelcome', 'registration']);
  expect(ledgerKeys('rb-inviter')).toContain('referral:rb-invitee');
  // Replayed, it answers the same in 3 requests.
  const again = await t.call('member', { action: 'login', inviteCode: code }, 'rb-invitee');
  expect(again.body.data).toMatchObject({ created: false, invite: { bound: true, inviterRewarded: true, welcomePoints: 50 } });
  expect(again.dbOps).toBeLessThanOrEqual(3);
});

test('order.paid that upgrades the tier (four entries, a message) and makes the first-order task claimable; its full refund', async () => {
  const memberNo = (await t.call('member', { action: 'login' }, 'rb-buyer')).body.data.member.memberNo;
  const paid = await t.call('order', paidEvent(order('RB-1', memberNo)));
  expect(paid.body.data).toMatchObject({ replayed: false, tier: { change: 'upgrade' } });
  expect(paid.dbOps).toBeLessThanOrEqual(8); // budget 8: start, member (the window's orders from its activity summary), 4 inserts, update, commit
  expect(t.cloud.db.find('messages', { openid: 'rb-buyer' }).total).toBe(1);

  const list = await t.call('task', { action: 'list' }, 'rb-buyer');
  expect(list.body.data.tasks.find((x: { id: string }) => x.id === 'firstOrder')).toMatchObject({ status: 'claimable', progress: 1 });
  expect(list.dbOps).toBeLessThanOrEqual(1); // budget 3: the member and its facts in one aggregation

  const refund = await t.call('order', refundEvent(refundOf('RB-1')));
  expect(refund.body.data).toMatchObject({ fullyRefunded: true, replayed: false });
  expect(refund.dbOps).toBeLessThanOrEqual(8); // budget 8: start, order, member, 2 inserts (points, growth), 2 updates (order, member), commit
  // A sequential replay of either still answers the first result; the refund's is found on the order at once.
  expect((await t.call('order', paidEvent(order('RB-1', memberNo)))).body.data).toMatchObject({ orderId: 'RB-1', replayed: true });
  const replay = await t.call('order', refundEvent(refundOf('RB-1')));
  expect(replay.body.data).toMatchObject({ refundId: 'RB-1-R', replayed: true });
  expect(replay.dbOps).toBeLessThanOrEqual(3); // start, the order, rollback
});

test("an invitee's first order and its full refund: the inviter's reward and its reversal applied in the same invocation", async () => {
  await t.call('member', { action: 'login' }, 'rb-inviter-2');
  const code = (await t.call('referral', { action: 'info' }, 'rb-inviter-2')).body.data.inviteCode;
  const memberNo = (await t.call('member', { action: 'login', inviteCode: code }, 'rb-invitee-2')).body.data.member.memberNo;
  const paid = await t.call('order', paidEvent(order('RB-2', memberNo)));
  expect(paid.body.ok).toBe(true);
  expect(ledgerKeys('rb-inviter-2')).toContain('referralOrder:rb-invitee-2');
  expect(paid.dbOps).toBeLessThanOrEqual(21); // 8 as above + its follow-up: the referral read and the outbox entry, the inviter's transaction, the mark
  const refund = await t.call('order', refundEvent(refundOf('RB-2')));
  expect(refund.body.data.fullyRefunded).toBe(true);
  expect(ledgerKeys('rb-inviter-2')).toContain('referralOrderReverse:rb-invitee-2');
  expect(refund.dbOps).toBeLessThanOrEqual(19);
});

test('task.list of a member with a check-in and an invitee: one read of everything (budget 3)', async () => {
  await t.call('checkin', { action: 'checkin' }, 'rb-inviter');
  const r = await t.call('task', { action: 'list' }, 'rb-inviter');
  expect(r.body.ok).toBe(true);
  expect(r.body.data.tasks.find((x: { id: string }) => x.id === 'checkinDaily')).toMatchObject({ status: 'claimable' });
  expect(r.body.data.tasks.find((x: { id: string }) => x.id === 'invite')).toMatchObject({ status: 'claimable', progress: 1 });
  expect(r.dbOps).toBeLessThanOrEqual(1);
  // Claimed, the list shows it claimed (the claims come with the member).
  expect((await t.call('task', { action: 'claim', taskId: 'checkinDaily' }, 'rb-inviter')).body.ok).toBe(true);
  const after = await t.call('task', { action: 'list' }, 'rb-inviter');
  expect(after.body.data.tasks.find((x: { id: string }) => x.id === 'checkinDaily')).toMatchObject({ status: 'claimed' });
  expect(after.dbOps).toBeLessThanOrEqual(1);
});
