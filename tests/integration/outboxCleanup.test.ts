// The jobs timer removes outbox entries done longer ago than `referral.outboxRetentionDays` (default 7) in one
// indexed remove; pending and failed entries are never removed, however old. A follow-up whose prerequisite was
// removed still applies: a refund after the cleanup takes the inviter's reward back once.
import fs from 'fs';
import path from 'path';
import { planDatabaseRequests } from '../../scripts/deploy-database';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, refundEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let seq = 0;
const ADMIN = 'oc-admin';
const DAY = 24 * 60 * 60_000;

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '0';
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 3 });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  await t.cloud.db.insertMany('staff', [{ _id: ADMIN, openid: ADMIN, name: '运营', role: 'admin', storeId: null, active: true }]);
});

afterEach(async () => {
  await t.resetClock();
});

afterAll(async () => {
  await t.stop();
  delete process.env.LOYALTY_CONFIG_TTL_MS;
});

type Outbox = { _id: string; status: string };
const outboxIds = (prefix: string) => (t.cloud.db.find('outbox', {}, { limit: 1000 }).docs as Outbox[]).map((d) => d._id).filter((id) => id.includes(prefix)).sort();
const keyed = (openid: string, key: string) => t.cloud.db.find('point_ledger', { openid, key }, { limit: 100 }).docs;
const memberNo = (openid: string) => (t.cloud.db.find('members', { openid }).docs[0] as { memberNo: string }).memberNo;
const login = (openid: string, inviteCode?: string) => t.call('member', { action: 'login', ...(inviteCode ? { inviteCode } : {}) }, openid);

/** An inviter and an invitee with a paid first order: the login pays both in its own transaction (no follow-up); the
 * first order's reward is a follow-up, done now. */
async function invitedWithOrder(prefix: string, at: Date) {
  const inviter = `${prefix}-a`;
  const invitee = `${prefix}-b`;
  await login(inviter);
  const code = (await t.call('referral', { action: 'info' }, inviter)).body.data.inviteCode as string;
  expect((await login(invitee, code)).body.data.invite).toMatchObject({ bound: true, inviterRewarded: true });
  const order = { orderId: `${prefix}-O${++seq}`, memberNo: memberNo(invitee), amountFen: 5000, paidAt: at.toISOString(), format: 'mall' };
  expect((await t.call('order', paidEvent(order))).body.ok).toBe(true);
  expect(keyed(inviter, `referralOrder:${invitee}`)).toHaveLength(1);
  return { inviter, invitee, order };
}

/** Entries the timer cannot pick up yet (their next try is far ahead), created a month ago. */
async function stuckEntries(prefix: string, now: Date) {
  const old = new Date(now.getTime() - 30 * DAY);
  const later = new Date(now.getTime() + 365 * DAY);
  const entry = (id: string, status: 'pending' | 'failed') => ({
    _id: id, kind: 'inviteReward', payload: { inviteeOpenid: `${id}-b`, inviterOpenid: `${id}-a`, at: old }, status, after: [],
    attempts: status === 'failed' ? 5 : 0, lastError: status === 'failed' ? 'contended' : null, createdAt: old, availableAt: later, updatedAt: old, doneAt: null,
  });
  await t.cloud.db.insertMany('outbox', [entry(`inviteReward:${prefix}-pending`, 'pending'), entry(`inviteReward:${prefix}-failed`, 'failed')]);
}

async function fireJobs(): Promise<{ outboxRemoved: number }> {
  const r = await fetch(`${t.url}/_triggers/jobs`, { method: 'POST' });
  expect(r.status).toBe(200);
  const body = (await r.json()) as { result: { ok: boolean; data: { outboxRemoved: number } } };
  expect(body.result.ok).toBe(true);
  return body.result.data;
}

test('done entries older than 7 days are removed by the timer; pending and failed ones stay', async () => {
  const start = new Date();
  const { inviter, invitee, order } = await invitedWithOrder('oc-default', start);
  await stuckEntries('oc-default', start);
  const done = [`referralOrder:${order.orderId}`];
  const stuck = ['inviteReward:oc-default-failed', 'inviteReward:oc-default-pending'];
  expect(outboxIds('oc-default')).toEqual([...done, ...stuck].sort());

  expect((await fireJobs()).outboxRemoved).toBe(0);
  await t.setClock(new Date(start.getTime() + 6 * DAY).toISOString());
  expect((await fireJobs()).outboxRemoved).toBe(0);
  expect(outboxIds('oc-default')).toEqual([...done, ...stuck].sort());

  await t.setClock(new Date(start.getTime() + 8 * DAY).toISOString());
  expect((await fireJobs()).outboxRemoved).toBe(1);
  expect(outboxIds('oc-default')).toEqual(stuck);
  expect(t.cloud.db.find('outbox', { _id: { $in: stuck } }).docs).toEqual(expect.arrayContaining([
    expect.objectContaining({ status: 'pending' }), expect.objectContaining({ status: 'failed', attempts: 5 }),
  ]));

  // The order's follow-up is gone; its full refund still takes the reward back, once.
  const refundedAt = new Date(start.getTime() + 8 * DAY + 60_000).toISOString();
  const refund = await t.call('order', refundEvent({ refundId: `${order.orderId}-R`, orderId: order.orderId, amountFen: 5000, refundedAt }, { at: new Date(refundedAt) }));
  expect(refund.body.data).toMatchObject({ fullyRefunded: true });
  expect(keyed(inviter, `referralOrderReverse:${invitee}`)).toEqual([expect.objectContaining({ type: 'reverse', amount: -200 })]);
  await t.setClock(new Date(start.getTime() + 9 * DAY).toISOString());
  await fireJobs();
  expect(keyed(inviter, `referralOrderReverse:${invitee}`)).toHaveLength(1);
  const audit = await t.call('admin', { action: 'audit', limit: 500 }, ADMIN);
  expect(audit.body.data.drift).toEqual([]);
  expect(audit.body.data.outbox).toMatchObject({ pending: 1, failed: 1 });
}, 120_000);

test('the retention is configuration (referral.outboxRetentionDays), checked by its schema', async () => {
  const version = (await t.call('admin', { action: 'getConfig' }, ADMIN)).body.data.version as number;
  const refused = await t.call('admin', { action: 'setConfig', rules: { referral: { outboxRetentionDays: 0 } }, expectedVersion: version }, ADMIN);
  expect(refused.body.error).toEqual({ code: 'INVALID_INPUT', message: '配置有误：已完成的跟进记录保留天数必须是 1-365 之间的整数（referral.outboxRetentionDays）' });
  const set = await t.call('admin', { action: 'setConfig', rules: { referral: { outboxRetentionDays: 30 } }, expectedVersion: version }, ADMIN);
  expect(set.body.ok).toBe(true);

  const start = new Date();
  await invitedWithOrder('oc-config', start);
  await t.setClock(new Date(start.getTime() + 8 * DAY).toISOString());
  await fireJobs();
  expect(outboxIds('oc-config')).toHaveLength(1);
  await t.setClock(new Date(start.getTime() + 31 * DAY).toISOString());
  await fireJobs();
  expect(outboxIds('oc-config')).toHaveLength(0);
}, 120_000);

test('the remove has its index, deployed with the others', () => {
  const indexes = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cloudfunctions', 'database', 'indexes.json'), 'utf8'));
  const outbox = planDatabaseRequests(indexes, 'env-1').find((r) => r.path === 'tcb/updateindex' && r.body.collection_name === 'outbox');
  expect(outbox?.body.create_indexes).toContainEqual({
    name: 'status_doneAt', unique: false, keys: [{ name: 'status', direction: '1' }, { name: 'doneAt', direction: '1' }],
  });
});
