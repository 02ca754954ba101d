// Follow-up writes to another member go through a durable outbox: the first transaction records them, the same
// invocation applies them, the timer retries what failed, and each is applied exactly once. A refund that arrives
// before its order's follow-ups are applied is ordered after them.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, refundEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let seq = 0;
const ADMIN = 'ob-admin';

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '0';
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 6 });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  await t.cloud.db.insertMany('staff', [{ _id: ADMIN, openid: ADMIN, name: '审计员', role: 'admin', storeId: null, active: true }]);
});

afterEach(async () => {
  await t.resetClock();
});

afterAll(async () => {
  await t.stop();
  delete process.env.LOYALTY_CONFIG_TTL_MS;
});

type Entry = { amount: number; key: string; type: string };
type Outbox = { _id: string; kind: string; status: string; attempts: number; lastError: string | null };
const ledger = (openid: string) => t.cloud.db.find('point_ledger', { openid }, { limit: 1000 }).docs as Entry[];
const keyed = (openid: string, key: string) => ledger(openid).filter((e) => e.key === key);
const memberDoc = (openid: string) => t.cloud.db.find('members', { openid }).docs[0] as { memberNo: string; points: { balance: number; debt: number; lots: Array<{ remaining: number }> } };
const outbox = (query: object = {}) => t.cloud.db.find('outbox', query, { limit: 1000 }).docs as Outbox[];

const login = (openid: string, inviteCode?: string) => t.call('member', { action: 'login', ...(inviteCode ? { inviteCode } : {}) }, openid);
const codeOf = async (openid: string) => (await t.call('referral', { action: 'info' }, openid)).body.data.inviteCode as string;

async function pair(prefix: string) {
  const inviter = `${prefix}-a`;
  const invitee = `${prefix}-b`;
  await login(inviter);
  const bound = await login(invitee, await codeOf(inviter));
  expect(bound.body.data.invite).toMatchObject({ bound: true, inviterRewarded: true });
  return { inviter, invitee };
}

const order = (openid: string, amountFen: number) => ({ orderId: `OB-${Date.now()}-${++seq}`, memberNo: memberDoc(openid).memberNo, amountFen, paidAt: new Date().toISOString(), format: 'mall' });

async function audit() {
  const r = await t.call('admin', { action: 'audit', limit: 500 }, ADMIN);
  expect(r.body.ok).toBe(true);
  return r.body.data as { checked: number; drift: unknown[]; outbox: { pending: number; failed: number; oldestAgeSeconds: number | null } };
}

/**
 * Holds a write lock on one document in an open transaction (a contended member) until released; `insert` takes an
 * id not written yet (an insert in flight), so another writer of that id conflicts.
 */
async function lock(collection: string, id: string, insert = false) {
  const db = t.cloud.db;
  const { transactionId } = (await db.handle('database.startTransaction', {})) as { transactionId: string };
  const r = (insert
    ? await db.handle('database.insertDocument', { collectionName: collection, transactionId, data: [JSON.stringify({ _id: id, lockedByTest: true })] })
    : await db.handle('database.modifyDocument', {
      collectionName: collection, transactionId, queryType: 'DOC', query: JSON.stringify({ _id: id }),
      data: JSON.stringify({ $set: { lockedByTest: true } }), merge: true, multi: false, upsert: false,
    })) as { code?: string; message?: string };
  if (r.code) throw new Error(r.message);
  return async () => { await db.handle('database.abortTransaction', { transactionId }); };
}

/**
 * Kills the busy workers of `fn` the moment a commit inserts the outbox entry `id`: the invocation dies right after
 * its first transaction, before it applies the follow-up (as a crash or a timeout would).
 */
function killAfterCommitOf(fn: string, id: string) {
  const engine = (t.cloud.db as unknown as { engine: { commit: (changes: Array<{ coll: string; id: unknown; before?: unknown }>) => Promise<void> } }).engine;
  const commit = engine.commit;
  let killed = 0;
  engine.commit = function (this: unknown, changes) {
    const done = commit.call(this, changes);
    if (changes.some((c) => c.coll === 'outbox' && c.id === id && c.before === undefined)) {
      const pool = t.cloud.functions.functions.get(fn)!.pool as unknown as { workers: Array<{ busy: unknown; child: { kill(signal: string): void } }> };
      for (const w of pool.workers) if (w.busy) { w.child.kill('SIGKILL'); killed += 1; }
    }
    return done;
  };
  return { restore: () => { engine.commit = commit; }, killed: () => killed };
}

const fireJobs = async () => {
  const r = await fetch(`${t.url}/_triggers/jobs`, { method: 'POST' });
  expect(r.status).toBe(200);
};

describe('the outbox', () => {
  test('a first order refunded in full right after it is paid takes the inviter reward back, every time', async () => {
    const pairs = [];
    for (let i = 0; i < 8; i++) pairs.push(await pair(`ob-race-${i}`));
    await Promise.all(pairs.map(async ({ invitee }) => {
      const o = order(invitee, 8800);
      const paid = t.call('order', paidEvent(o));
      const refund = { refundId: `${o.orderId}-R`, orderId: o.orderId, amountFen: 8800, refundedAt: new Date().toISOString() };
      // The refund arrives as soon as the order exists: while the paid invocation is still running.
      let r;
      for (let i = 0; i < 2000; i++) {
        r = await t.call('order', refundEvent(refund));
        if (!(r.body.ok === false && r.body.error.code === 'NOT_FOUND')) break;
      }
      expect(r!.body.ok).toBe(true);
      expect(r!.body.data.fullyRefunded).toBe(true);
      expect((await paid).body.ok).toBe(true);
    }));
    for (const { inviter, invitee } of pairs) {
      expect(keyed(inviter, `referralOrder:${invitee}`)).toHaveLength(1);
      expect(keyed(inviter, `referralOrderReverse:${invitee}`)).toEqual([expect.objectContaining({ type: 'reverse', amount: -200 })]);
      const ref = t.cloud.db.find('referrals', { _id: invitee }).docs[0] as { status: string; rewards: { reversed: number } };
      expect(ref).toMatchObject({ status: 'refunded', rewards: expect.objectContaining({ reversed: 200 }) });
    }
    const report = await audit();
    expect(report.drift).toEqual([]);
    expect(report.outbox).toMatchObject({ pending: 0, failed: 0 });
    expect(outbox({ kind: 'referralOrder' }).filter((d) => d._id.startsWith('referralOrder:OB-'))).toHaveLength(8);
    expect(outbox().every((d) => d.status === 'done')).toBe(true);
  }, 180_000);

  test('a follow-up that fails is retried by the timer and applied exactly once', async () => {
    const { inviter, invitee } = await pair('ob-retry');
    const o = order(invitee, 5000);
    const release = await lock('members', inviter); // the inviter is contended: the first-order reward cannot be written
    let paid;
    try {
      paid = await t.call('order', paidEvent(o));
    } finally {
      await release();
    }
    expect(paid.body.ok).toBe(true);
    expect(keyed(inviter, `referralOrder:${invitee}`)).toHaveLength(0);
    const [entry] = outbox({ _id: `referralOrder:${o.orderId}` });
    expect(entry).toMatchObject({ kind: 'referralOrder', status: 'failed', attempts: 1 });
    expect(entry.lastError).toEqual(expect.any(String));
    const before = await audit();
    expect(before.outbox.failed).toBeGreaterThanOrEqual(1);
    expect(before.outbox.oldestAgeSeconds).toEqual(expect.any(Number));

    // The channel's retry answers the stored result; the timer (after the backoff) applies the follow-up.
    expect((await t.call('order', paidEvent(o))).body.data.replayed).toBe(true);
    await t.setClock(new Date(Date.now() + 30 * 60_000).toISOString());
    const fired = await fetch(`${t.url}/_triggers/jobs`, { method: 'POST' });
    expect(fired.status).toBe(200);
    expect(keyed(inviter, `referralOrder:${invitee}`)).toEqual([expect.objectContaining({ amount: 200 })]);
    expect(outbox({ _id: `referralOrder:${o.orderId}` })[0]).toMatchObject({ status: 'done', attempts: 2 });
    // Fired again: nothing more.
    await fetch(`${t.url}/_triggers/jobs`, { method: 'POST' });
    expect(keyed(inviter, `referralOrder:${invitee}`)).toHaveLength(1);
    expect(outbox({ _id: `referralOrder:${o.orderId}` })[0]).toMatchObject({ status: 'done', attempts: 2 });
    const after = await audit();
    expect(after.drift).toEqual([]);
    expect(after.outbox).toMatchObject({ pending: 0, failed: 0, oldestAgeSeconds: null });
  }, 120_000);

  test('a refund whose order follow-up failed waits for it: the timer rewards, then reverses', async () => {
    const { inviter, invitee } = await pair('ob-wait');
    const o = order(invitee, 6000);
    const release = await lock('members', inviter);
    try {
      expect((await t.call('order', paidEvent(o))).body.ok).toBe(true);
      const r = await t.call('order', refundEvent({ refundId: `${o.orderId}-R`, orderId: o.orderId, amountFen: 6000, refundedAt: new Date().toISOString() }));
      expect(r.body.data.fullyRefunded).toBe(true);
    } finally {
      await release();
    }
    expect(outbox({ _id: `referralRefund:${o.orderId}` })[0]).toMatchObject({ status: 'failed' });
    await t.setClock(new Date(Date.now() + 30 * 60_000).toISOString());
    expect((await fetch(`${t.url}/_triggers/jobs`, { method: 'POST' })).status).toBe(200);
    expect(keyed(inviter, `referralOrder:${invitee}`)).toHaveLength(1);
    expect(keyed(inviter, `referralOrderReverse:${invitee}`)).toHaveLength(1);
    expect(outbox({ _id: `referralRefund:${o.orderId}` })[0]).toMatchObject({ status: 'done' });
    const m = memberDoc(inviter);
    expect(m.points.balance).toBe(ledger(inviter).reduce((s, e) => s + e.amount, 0));
    expect((await audit()).drift).toEqual([]);
  }, 120_000);

  test('the inviter reward of a binding that fails is retried by the timer and paid once', async () => {
    await login('ob-inv-a');
    const code = await codeOf('ob-inv-a');
    const release = await lock('members', 'ob-inv-a');
    let bound;
    try {
      bound = await login('ob-inv-b', code);
    } finally {
      await release();
    }
    expect(bound.body.data).toMatchObject({ created: true, invite: { bound: true, inviterRewarded: false, welcomePoints: 50 } });
    expect(keyed('ob-inv-a', 'referral:ob-inv-b')).toHaveLength(0);
    expect(outbox({ _id: 'inviteReward:ob-inv-b' })[0]).toMatchObject({ kind: 'inviteReward', status: 'failed', attempts: 1 });
    await t.setClock(new Date(Date.now() + 30 * 60_000).toISOString());
    await fireJobs();
    await fireJobs();
    expect(keyed('ob-inv-a', 'referral:ob-inv-b')).toEqual([expect.objectContaining({ amount: 100 })]);
    expect(t.cloud.db.find('referrals', { _id: 'ob-inv-b' }).docs[0]).toMatchObject({ rewarded: true });
    expect(outbox({ _id: 'inviteReward:ob-inv-b' })[0]).toMatchObject({ status: 'done', attempts: 2 });
    // Its first order now pays the inviter too, once.
    await t.resetClock();
    expect((await t.call('order', paidEvent(order('ob-inv-b', 3000)))).body.ok).toBe(true);
    expect(keyed('ob-inv-a', 'referralOrder:ob-inv-b')).toHaveLength(1);
    expect((await audit()).drift).toEqual([]);
  }, 120_000);

  test('a binding that fails at registration is kept: a retried login or the timer binds it once', async () => {
    await login('ob-bind-a');
    const code = await codeOf('ob-bind-a');
    const release = await lock('referrals', 'ob-bind-b', true); // the binding's insert is contended
    let first;
    try {
      first = await login('ob-bind-b', code);
    } finally {
      await release();
    }
    expect(first.body.data).toMatchObject({ created: true, invite: { bound: false, reason: 'error' } });
    expect(outbox({ _id: 'invite:ob-bind-b' })[0]).toMatchObject({ kind: 'invite', status: 'failed', attempts: 1 });
    expect(keyed('ob-bind-b', 'referralWelcome')).toHaveLength(0);
    // The member's retry answers the binding, made now.
    const retried = await login('ob-bind-b', code);
    expect(retried.body.data).toMatchObject({ created: false, invite: { bound: true, inviterRewarded: true, welcomePoints: 50 } });
    expect(outbox({ _id: 'invite:ob-bind-b' })[0]).toMatchObject({ status: 'done', attempts: 2 });
    await t.setClock(new Date(Date.now() + 30 * 60_000).toISOString());
    await fireJobs();
    expect((await login('ob-bind-b', code)).body.data.invite).toMatchObject({ bound: true, inviterRewarded: true });
    expect(keyed('ob-bind-b', 'referralWelcome')).toHaveLength(1);
    expect(keyed('ob-bind-a', 'referral:ob-bind-b')).toHaveLength(1);
    expect(t.cloud.db.find('referrals', { _id: 'ob-bind-b' }).total).toBe(1);
    const report = await audit();
    expect(report.drift).toEqual([]);
    expect(report.outbox).toMatchObject({ pending: 0, failed: 0 });
  }, 120_000);

  test('an order whose invocation dies right after its transaction: the refund still reverses, the timer does nothing twice', async () => {
    const { inviter, invitee } = await pair('ob-kill');
    const o = order(invitee, 7000);
    const kill = killAfterCommitOf('order', `referralOrder:${o.orderId}`);
    let res;
    try {
      res = await fetch(`${t.url}/functions/order`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(paidEvent(o)) });
    } finally {
      kill.restore();
    }
    expect(kill.killed()).toBe(1);
    expect(res.ok).toBe(false);
    // The order and its follow-up committed together; the follow-up was never applied.
    expect(outbox({ _id: `referralOrder:${o.orderId}` })[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(keyed(inviter, `referralOrder:${invitee}`)).toHaveLength(0);
    expect((await audit()).outbox.pending).toBeGreaterThanOrEqual(1);
    // The channel's retry answers the stored order; the full refund applies the pending reward first, then reverses it.
    expect((await t.call('order', paidEvent(o))).body.data.replayed).toBe(true);
    const r = await t.call('order', refundEvent({ refundId: `${o.orderId}-R`, orderId: o.orderId, amountFen: 7000, refundedAt: new Date().toISOString() }));
    expect(r.body.data.fullyRefunded).toBe(true);
    expect(keyed(inviter, `referralOrder:${invitee}`)).toHaveLength(1);
    expect(keyed(inviter, `referralOrderReverse:${invitee}`)).toHaveLength(1);
    expect(outbox({ _id: `referralOrder:${o.orderId}` })[0]).toMatchObject({ status: 'done' });
    await t.setClock(new Date(Date.now() + 30 * 60_000).toISOString());
    await fireJobs();
    expect(keyed(inviter, `referralOrder:${invitee}`)).toHaveLength(1);
    expect(keyed(inviter, `referralOrderReverse:${invitee}`)).toHaveLength(1);
    const report = await audit();
    expect(report.drift).toEqual([]);
    expect(report.outbox).toMatchObject({ pending: 0, failed: 0 });
  }, 120_000);
});
