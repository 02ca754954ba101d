// A flash sale (秒杀) through the local cloud with the real SDK (issue 14 §2): stock is taken by one conditional update
// outside the member's transaction (a stock claim), the member's side is written in its transaction, and the units
// are settled or given back exactly once, also when the transaction fails after the take, when its answer is lost,
// when the function is killed in between, and when the jobs timer that resolves dead claims runs twice or at once.
// stock + sold + reserved equals the stock the item started with at every moment, and the ledger audit stays clean.
import { auditLedger } from '../../scripts/audit-ledger';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { expectConsistent, item, ledgerOf, member, memberDoc, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;

const INITIAL: Record<string, number> = { flash: 10, 'limit-one': 100, 'comp-a': 5, 'comp-b': 5, fault: 5, lost: 5, 'kill-tx': 5, 'kill-settle': 5, 'kill-back': 5, 'cancel-flash': 3 };

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 8 });
  await seedMallFixtures(t, [
    item('flash', { pointsPrice: 10, stock: INITIAL.flash, perMemberLimit: 1 }),
    item('limit-one', { pointsPrice: 10, stock: INITIAL['limit-one'], perMemberLimit: 1 }),
    item('comp-a', { pointsPrice: 100, stock: INITIAL['comp-a'] }),
    item('comp-b', { pointsPrice: 100, stock: INITIAL['comp-b'] }),
    ...['fault', 'lost', 'kill-tx', 'kill-settle', 'kill-back'].map((id) => item(id, { pointsPrice: 10, stock: INITIAL[id] })),
    item('cancel-flash', { pointsPrice: 10, stock: INITIAL['cancel-flash'] }),
  ]);
}, 120_000);

afterAll(async () => {
  await t.stop();
});

interface ItemState { stock: number; sold: number; reserved: number; pendingClaims: string[] }

const state = (id: string): ItemState => {
  const d = t.cloud.db.find('mall_items', { _id: id }).docs[0] as Partial<ItemState>;
  return { stock: d.stock!, sold: d.sold!, reserved: d.reserved ?? 0, pendingClaims: d.pendingClaims ?? [] };
};

/** stock + sold + reserved is the initial stock, and no counter is negative. */
function expectInvariant(id: string): ItemState {
  const s = state(id);
  expect({ id, total: s.stock + s.sold + s.reserved, negative: Math.min(s.stock, s.sold, s.reserved) < 0 }).toEqual({ id, total: INITIAL[id], negative: false });
  expect(s.pendingClaims.length > 0).toBe(s.reserved > 0);
  return s;
}

const redeem = (openid: string, itemId: string, requestId: string) => t.call('mall', { action: 'redeem', itemId, requestId }, openid);

/** An invocation that may be killed: no contract check of what it answers (a killed worker answers no envelope). */
const rawRedeem = (openid: string, itemId: string, requestId: string) => fetch(`${t.url}/functions/mall`, {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify({ action: 'redeem', itemId, requestId }),
}).then((r) => r.json() as Promise<Record<string, unknown>>).catch(() => null);

function killBusyMallWorker(): void {
  const pids = t.cloud.functions.functions.get('mall')!.pool.workerPids({ busy: true });
  expect(pids).toHaveLength(1);
  process.kill(pids[0], 'SIGKILL');
}

/** The jobs timer, with the clock past the age at which a claim counts as abandoned. */
async function runJobs(times = 1, atOnce = false): Promise<void> {
  await t.setClock(new Date(Date.now() + 2 * 60_000).toISOString());
  try {
    const fire = async () => {
      const res = await fetch(`${t.url}/_triggers/jobs`, { method: 'POST' });
      if (res.status !== 200) throw new Error(`jobs timer: ${res.status} ${await res.text()}`);
    };
    if (atOnce) await Promise.all(Array.from({ length: times }, fire));
    else for (let i = 0; i < times; i++) await fire();
  } finally {
    await t.resetClock();
  }
}

const redemptionsOf = (openid: string, itemId: string) => t.cloud.db.find('redemptions', { openid, itemId }).total;
const spends = (openid: string) => ledgerOf(t, openid).filter((e) => e.type === 'spend');
const isTakeOf = (itemId: string) => (action: string, p: Record<string, any>) =>
  action === 'database.modifyDocument' && p.collectionName === 'mall_items' && JSON.stringify(p).includes(itemId) && JSON.stringify(p).includes('$push');
const isSettleOf = (itemId: string) => (action: string, p: Record<string, any>) =>
  action === 'database.modifyDocument' && p.collectionName === 'mall_items' && JSON.stringify(p).includes(itemId) && JSON.stringify(p).includes('sold') && JSON.stringify(p).includes('$pull');
const isStart = (action: string) => action === 'database.startTransaction';
const isCommit = (action: string) => action === 'database.commitTransaction';
/** The `void` decision of a failed claim (not the `done` one, which the member's transaction inserts). */
const isVoidInsert = (action: string, p: Record<string, any>) => action === 'database.insertDocument' && p.collectionName === 'stock_claims' && !p.transactionId;
/** What the worker sent before it was killed is lost with it: the held request never reaches the database. */
const LOST = { code: 'DATABASE_REQUEST_FAILED', message: '[DATABASE_REQUEST_FAILED] the caller is gone' };

describe('a flash sale on one item', () => {
  test('60 members at once on a stock of 10: exactly 10 succeed, the rest SOLD_OUT; the invariant holds throughout', async () => {
    const members = Array.from({ length: 60 }, (_, i) => `flash-${String(i).padStart(2, '0')}`);
    for (const m of members) await member(t, m);
    // A round trip per database request, so claims are in flight for a while; the invariant is sampled meanwhile.
    t.cloud.db.setLatency({ ms: 5, jitterMs: 2 });
    const samples: ItemState[] = [];
    const sampler = setInterval(() => samples.push(state('flash')), 3);
    let results;
    try {
      results = await Promise.all(members.map((m) => redeem(m, 'flash', `flash-req-${m}`)));
    } finally {
      clearInterval(sampler);
      t.cloud.db.setLatency({ ms: 0 });
    }
    const codes = results.map((r) => (r.body.ok ? 'OK' : r.body.error.code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(10);
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'SOLD_OUT')).toBe(true);
    expect(samples.some((s) => s.reserved > 0)).toBe(true);
    for (const s of samples) expect(s.stock + s.sold + s.reserved).toBe(INITIAL.flash);
    expect(expectInvariant('flash')).toEqual({ stock: 0, sold: 10, reserved: 0, pendingClaims: [] });
    expect(t.cloud.db.find('redemptions', { itemId: 'flash' }).total).toBe(10);
    for (const m of members) {
      expectConsistent(t, m);
      expect(spends(m)).toHaveLength(results[members.indexOf(m)].body.ok ? 1 : 0);
    }
    // Sold out: the answer costs the cheap reads (member, item) and the replay lookup, no transaction.
    const late = await redeem('flash-00', 'flash', 'flash-late-0001');
    expect(late.body.error).toEqual({ code: 'SOLD_OUT', message: '已兑完' });
    expect(late.dbOps).toBeLessThanOrEqual(3);
    expect(await auditLedger(t.url, 'admin-1')).toMatchObject({ drift: [] });
  }, 120_000);

  test('a member firing 20 requests at once for an item limited to 1 a member gets exactly one', async () => {
    await member(t, 'greedy', 1000);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => redeem('greedy', 'limit-one', `greedy-req-${i}`)));
    const codes = results.map((r) => (r.body.ok ? 'OK' : r.body.error.code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(new Set(codes.filter((c) => c !== 'OK'))).toEqual(new Set(['LIMIT_REACHED']));
    expect(expectInvariant('limit-one')).toEqual({ stock: 99, sold: 1, reserved: 0, pendingClaims: [] });
    expect(redemptionsOf('greedy', 'limit-one')).toBe(1);
    expect(memberDoc(t, 'greedy').mall?.redeemed['limit-one']).toBe(1);
    expect(spends('greedy')).toHaveLength(1);
    expectConsistent(t, 'greedy');
  }, 60_000);
});

describe('compensation: the units come back exactly once', () => {
  test('the member transaction fails after the take (the points were spent meanwhile): the stock is given back', async () => {
    await member(t, 'spender'); // 100 points: one item at 100
    const hold = t.cloud.db.holdNext(isStart);
    const first = redeem('spender', 'comp-a', 'spender-a');
    await hold.reached;
    // The take happened before the transaction started: one unit reserved.
    expect(expectInvariant('comp-a')).toMatchObject({ stock: 4, sold: 0, reserved: 1 });
    // Meanwhile the same member spends the points on another item.
    expect((await redeem('spender', 'comp-b', 'spender-b')).body.ok).toBe(true);
    hold.release();
    expect((await first).body.error.code).toBe('INSUFFICIENT_POINTS');
    expect(expectInvariant('comp-a')).toEqual({ stock: 5, sold: 0, reserved: 0, pendingClaims: [] });
    expect(expectInvariant('comp-b')).toEqual({ stock: 4, sold: 1, reserved: 0, pendingClaims: [] });
    expect(redemptionsOf('spender', 'comp-a')).toBe(0);
    expect(spends('spender')).toHaveLength(1);
    expectConsistent(t, 'spender');
    // The claim's decision says void; the timer has nothing left to do, twice.
    expect(t.cloud.db.find('stock_claims', { itemId: 'comp-a', outcome: 'void' }).total).toBe(1);
    await runJobs(2);
    expect(expectInvariant('comp-a')).toEqual({ stock: 5, sold: 0, reserved: 0, pendingClaims: [] });
  });

  test('an injected fault fails the commit: INTERNAL, the stock is given back, and a retry redeems once', async () => {
    await member(t, 'faulty');
    const hold = t.cloud.db.holdNext(isCommit);
    const first = redeem('faulty', 'fault', 'faulty-1');
    await hold.reached;
    hold.release({ code: 'DATABASE_REQUEST_FAILED', message: '[DATABASE_REQUEST_FAILED] injected fault' });
    expect((await first).body.error.code).toBe('INTERNAL');
    expect(expectInvariant('fault')).toEqual({ stock: 5, sold: 0, reserved: 0, pendingClaims: [] });
    expect(redemptionsOf('faulty', 'fault')).toBe(0);
    expect(spends('faulty')).toHaveLength(0);
    const retry = await redeem('faulty', 'fault', 'faulty-1');
    expect(retry.body.data).toMatchObject({ replayed: false, points: 10 });
    expect(expectInvariant('fault')).toEqual({ stock: 4, sold: 1, reserved: 0, pendingClaims: [] });
    expectConsistent(t, 'faulty');
  });

  test('the commit happened but its answer was lost: the claim document says done, so the unit is settled, not given back', async () => {
    await member(t, 'lost-answer');
    const hold = t.cloud.db.holdNext(isCommit);
    const first = redeem('lost-answer', 'lost', 'lost-answer-1');
    await hold.reached;
    hold.release({ code: 'DATABASE_REQUEST_FAILED', message: '[DATABASE_REQUEST_FAILED] connection reset', afterApplying: true });
    // The function cannot tell; the stored redemption is the answer.
    expect((await first).body.data).toMatchObject({ replayed: true, points: 10 });
    expect(expectInvariant('lost')).toEqual({ stock: 4, sold: 1, reserved: 0, pendingClaims: [] });
    expect(redemptionsOf('lost-answer', 'lost')).toBe(1);
    expect(spends('lost-answer')).toHaveLength(1);
    expectConsistent(t, 'lost-answer');
  });

  test('the function is killed between the take and the member transaction: the timer gives the unit back, once', async () => {
    await member(t, 'killed-1');
    const hold = t.cloud.db.holdNext(isStart);
    const first = rawRedeem('killed-1', 'kill-tx', 'killed-1-a');
    await hold.reached;
    killBusyMallWorker();
    hold.release(LOST);
    await first;
    // Nobody is left to resolve the claim: the unit stays reserved (never sold twice, never lost).
    expect(expectInvariant('kill-tx')).toMatchObject({ stock: 4, sold: 0, reserved: 1 });
    expect(redemptionsOf('killed-1', 'kill-tx')).toBe(0);
    await runJobs(2);
    expect(expectInvariant('kill-tx')).toEqual({ stock: 5, sold: 0, reserved: 0, pendingClaims: [] });
    expect(spends('killed-1')).toHaveLength(0);
    expect(t.cloud.db.find('stock_claims', { itemId: 'kill-tx' }).total).toBe(0);
    // The member's retry of the same request redeems it now, once.
    expect((await redeem('killed-1', 'kill-tx', 'killed-1-a')).body.data).toMatchObject({ replayed: false });
    expect(expectInvariant('kill-tx')).toEqual({ stock: 4, sold: 1, reserved: 0, pendingClaims: [] });
    expectConsistent(t, 'killed-1');
  });

  test('the function is killed after the member transaction committed, before settling: the timer settles it, once', async () => {
    await member(t, 'killed-2');
    const hold = t.cloud.db.holdNext(isSettleOf('kill-settle'));
    const first = rawRedeem('killed-2', 'kill-settle', 'killed-2-a');
    await hold.reached;
    killBusyMallWorker();
    hold.release(LOST);
    await first;
    expect(expectInvariant('kill-settle')).toMatchObject({ stock: 4, sold: 0, reserved: 1 });
    expect(redemptionsOf('killed-2', 'kill-settle')).toBe(1);
    // The retry answers the redemption made; nothing is taken again.
    expect((await redeem('killed-2', 'kill-settle', 'killed-2-a')).body.data).toMatchObject({ replayed: true });
    expect(expectInvariant('kill-settle')).toMatchObject({ stock: 4, sold: 0, reserved: 1 });
    await runJobs(2, true);
    expect(expectInvariant('kill-settle')).toEqual({ stock: 4, sold: 1, reserved: 0, pendingClaims: [] });
    await runJobs();
    expect(expectInvariant('kill-settle')).toEqual({ stock: 4, sold: 1, reserved: 0, pendingClaims: [] });
    expect(spends('killed-2')).toHaveLength(1);
    expectConsistent(t, 'killed-2');
  });

  test('the function is killed while giving back after its transaction failed: the timer gives back once, also run twice at once', async () => {
    await member(t, 'killed-3');
    const commit = t.cloud.db.holdNext(isCommit);
    const voidInsert = t.cloud.db.holdNext(isVoidInsert);
    const first = rawRedeem('killed-3', 'kill-back', 'killed-3-a');
    await commit.reached;
    commit.release({ code: 'DATABASE_REQUEST_FAILED', message: '[DATABASE_REQUEST_FAILED] injected fault' });
    await voidInsert.reached;
    killBusyMallWorker();
    voidInsert.release(LOST);
    await first;
    expect(expectInvariant('kill-back')).toMatchObject({ stock: 4, sold: 0, reserved: 1 });
    const runsBefore = t.cloud.db.find('jobs', {}, { limit: 1000 }).total;
    await runJobs(2, true);
    // Two runs at once: between them, exactly one gave the unit back.
    const runs = t.cloud.db.find('jobs', {}, { limit: 1000 }).docs.slice(runsBefore) as Array<{ stockClaims: { givenBack: number; settled: number } }>;
    expect(runs).toHaveLength(2);
    expect(runs.reduce((n, r) => n + r.stockClaims.givenBack, 0)).toBe(1);
    expect(runs.reduce((n, r) => n + r.stockClaims.settled, 0)).toBe(0);
    expect(expectInvariant('kill-back')).toEqual({ stock: 5, sold: 0, reserved: 0, pendingClaims: [] });
    await runJobs();
    expect(expectInvariant('kill-back')).toEqual({ stock: 5, sold: 0, reserved: 0, pendingClaims: [] });
    expect(redemptionsOf('killed-3', 'kill-back')).toBe(0);
    expect(spends('killed-3')).toHaveLength(0);
    expectConsistent(t, 'killed-3');
    expect(await auditLedger(t.url, 'admin-1')).toMatchObject({ drift: [] });
  });
});

describe('cancellations return stock the same way', () => {
  test('a cancellation moves sold back to stock by a claim; two at once cancel once; a killed one is resolved by the timer', async () => {
    await member(t, 'canceller-f', 100);
    const a = (await redeem('canceller-f', 'cancel-flash', 'cancel-flash-1')).body.data.redemptionId as string;
    const b = (await redeem('canceller-f', 'cancel-flash', 'cancel-flash-2')).body.data.redemptionId as string;
    expect(expectInvariant('cancel-flash')).toMatchObject({ stock: 1, sold: 2, reserved: 0 });
    const both = await Promise.all([1, 2].map(() => t.call('mall', { action: 'cancel', redemptionId: a }, 'canceller-f')));
    expect(both.map((r) => (r.body.ok ? 'OK' : r.body.error.code)).sort()).toEqual(['NOT_ELIGIBLE', 'OK']);
    expect(expectInvariant('cancel-flash')).toEqual({ stock: 2, sold: 1, reserved: 0, pendingClaims: [] });

    // Killed before its member transaction: the unit is held off sold, and goes back to sold (still redeemed).
    const hold = t.cloud.db.holdNext(isStart);
    const killed = fetch(`${t.url}/functions/mall`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': 'canceller-f' }, body: JSON.stringify({ action: 'cancel', redemptionId: b }),
    }).catch(() => null);
    await hold.reached;
    killBusyMallWorker();
    hold.release(LOST);
    await killed;
    expect(expectInvariant('cancel-flash')).toMatchObject({ stock: 2, sold: 0, reserved: 1 });
    await runJobs(2);
    expect(expectInvariant('cancel-flash')).toEqual({ stock: 2, sold: 1, reserved: 0, pendingClaims: [] });
    expect(t.cloud.db.find('redemptions', { _id: b }).docs[0]).toMatchObject({ status: 'issued' });
    // Cancelled again, it goes through.
    expect((await t.call('mall', { action: 'cancel', redemptionId: b }, 'canceller-f')).body.data).toMatchObject({ status: 'cancelled', pointsReturned: 10 });
    expect(expectInvariant('cancel-flash')).toEqual({ stock: 3, sold: 0, reserved: 0, pendingClaims: [] });
    expectConsistent(t, 'canceller-f');
  }, 60_000);
});
