import { isWriteConflict as isConflict } from '../../cloudfunctions/runtime/dbErrors';
import { startDbServer, type DbServer } from './helpers/dbServer';

let s: DbServer;
let offsetMs = 0; // the local cloud's movable clock
beforeAll(async () => {
  s = await startDbServer({ now: () => new Date(Date.now() + offsetMs) });
});
afterAll(() => s.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CONFLICT_TEXT = '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others.';
const NOT_EXIST_TEXT = '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server';

/** Application-level retry: wx-server-sdk does not retry conflicts raised inside the callback. */
async function runWithRetry<T>(fn: (t: any) => Promise<T>, attempts = 500): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await s.db.runTransaction(fn, 1);
    } catch (e) {
      if (!isConflict(e) || i >= attempts) throw e;
      await sleep(Math.random() * 5);
    }
  }
}

const items = () => s.db.collection('items');
const get = async (id: string) => (await items().where({ _id: id }).get()).data[0];

test('commit makes all writes visible at once; before commit they are invisible outside', async () => {
  await items().add({ data: { _id: 'c1', n: 1 } });
  const txn = await s.db.startTransaction();
  await txn.collection('items').doc('c1').update({ data: { n: 2 } });
  const added = await txn.collection('items').add({ data: { _id: 'c2', n: 1 } });
  expect(added._id).toBe('c2');
  expect((await txn.collection('items').doc('c1').get()).data.n).toBe(2); // reads its own writes
  expect((await get('c1')).n).toBe(1);
  expect(await get('c2')).toBeUndefined();
  await txn.commit();
  expect((await get('c1')).n).toBe(2);
  expect((await get('c2')).n).toBe(1);
});

test('rollback leaves nothing behind', async () => {
  await items().add({ data: { _id: 'a1', n: 1 } });
  const txn = await s.db.startTransaction();
  await txn.collection('items').doc('a1').update({ data: { n: 99 } });
  await txn.collection('items').doc('a1x').set({ data: { n: 5 } });
  await txn.collection('items').add({ data: { _id: 'a2', n: 1 } });
  await txn.rollback();
  expect((await get('a1')).n).toBe(1);
  expect(await get('a1x')).toBeUndefined();
  expect(await get('a2')).toBeUndefined();
});

test('runTransaction: set, update, remove and a thrown error rolls back', async () => {
  await items().add({ data: [{ _id: 'r1', n: 1 }, { _id: 'r2', n: 1 }] });
  const _ = s.db.command;
  const out = await s.db.runTransaction(async (t: any) => {
    await t.collection('items').doc('r1').update({ data: { n: _.inc(5) } });
    await t.collection('items').doc('r2').remove();
    await t.collection('items').doc('r3').set({ data: { n: 3 } });
    return 'ok';
  });
  expect(out).toBe('ok');
  expect((await get('r1')).n).toBe(6);
  expect(await get('r2')).toBeUndefined();
  expect((await get('r3')).n).toBe(3);
  await expect(
    s.db.runTransaction(async (t: any) => {
      await t.collection('items').doc('r1').update({ data: { n: 0 } });
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect((await get('r1')).n).toBe(6);
});

test('snapshot isolation: a transaction keeps reading the data as of its first operation', async () => {
  await items().add({ data: { _id: 's1', n: 1 } });
  const txn = await s.db.startTransaction();
  expect((await txn.collection('items').doc('s1').get()).data.n).toBe(1);
  await items().doc('s1').update({ data: { n: 2 } });
  await items().add({ data: { _id: 's2', n: 1 } });
  await items().doc('s1').update({ data: { n: 3 } });
  expect((await txn.collection('items').doc('s1').get()).data.n).toBe(1);
  await expect(txn.collection('items').doc('s2').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') });
  // writing what another writer committed after our start is a conflict
  await expect(txn.collection('items').doc('s1').update({ data: { n: 10 } })).rejects.toMatchObject({
    errCode: -501001,
    errMsg: expect.stringContaining(CONFLICT_TEXT),
  });
  // the conflict aborted the transaction (as MongoDB does): rollback answers DATABASE_TRANSACTION_FAIL
  await expect(txn.rollback()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringContaining(NOT_EXIST_TEXT) });
  expect((await get('s1')).n).toBe(3);
});

test('first writer wins: the second transaction fails at once, its retry succeeds', async () => {
  await items().add({ data: { _id: 'w1', n: 0 } });
  const a = await s.db.startTransaction();
  const b = await s.db.startTransaction();
  await a.collection('items').doc('w1').update({ data: { n: 1 } });
  const e = await b.collection('items').doc('w1').update({ data: { n: 2 } }).catch((x: any) => x);
  expect(isConflict(e)).toBe(true);
  expect(e.errCode).toBe(-501001);
  await expect(b.rollback()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' }); // b was aborted by its conflict
  await a.commit();
  const retry = await s.db.startTransaction();
  await retry.collection('items').doc('w1').update({ data: { n: 2 } });
  await retry.commit();
  expect((await get('w1')).n).toBe(2);
});

test('a plain write to a document locked by a transaction waits for the transaction', async () => {
  const _ = s.db.command;
  await items().add({ data: { _id: 'l1', n: 0 } });
  const txn = await s.db.startTransaction();
  await txn.collection('items').doc('l1').update({ data: { n: _.inc(1) } });
  let done = false;
  const plain = items().doc('l1').update({ data: { n: _.inc(10) } }).then(() => (done = true));
  await sleep(150);
  expect(done).toBe(false);
  await txn.commit();
  await plain;
  expect((await get('l1')).n).toBe(11);
});

test('a plain write gives up with a conflict after ~5 s behind an open transaction', async () => {
  await items().add({ data: { _id: 'l2', n: 0 } });
  const txn = await s.db.startTransaction();
  await txn.collection('items').doc('l2').update({ data: { n: 1 } });
  const keepAlive = setInterval(() => txn.collection('items').doc('l2').get().catch(() => undefined), 1000);
  const started = Date.now();
  const e = await items().doc('l2').update({ data: { n: 2 } }).catch((x: any) => x);
  clearInterval(keepAlive);
  expect(isConflict(e)).toBe(true);
  expect(Date.now() - started).toBeGreaterThanOrEqual(4500);
  await txn.commit();
  expect((await get('l2')).n).toBe(1);
}, 15_000);

test('a transaction open longer than 30 s on the local cloud clock is aborted and releases its locks', async () => {
  await items().add({ data: { _id: 'ab1', n: 0 } });
  const txn = await s.db.startTransaction();
  await txn.collection('items').doc('ab1').update({ data: { n: 1 } });
  offsetMs += 31_000;
  await sleep(1_300); // the once-a-second sweep
  await items().doc('ab1').update({ data: { n: 2 } });
  await expect(txn.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringContaining(NOT_EXIST_TEXT) });
  expect((await get('ab1')).n).toBe(2);
});

test('where().get() takes part in the transaction; where().update() is sent by the SDK without the transaction id', async () => {
  await items().add({ data: [{ _id: 'q1', grp: 'q', n: 1 }, { _id: 'q2', grp: 'q', n: 1 }] });
  const txn = await s.db.startTransaction();
  await txn.collection('items').doc('q1').update({ data: { n: 5 } });
  const { data } = await txn.collection('items').where({ grp: 'q' }).orderBy('_id', 'asc').get();
  expect(data.map((d: any) => d.n)).toEqual([5, 1]);
  const read = s.requests.filter((r) => r.action === 'database.getDocument').pop()!.body;
  expect(read).toMatchObject({ queryType: 'WHERE', transactionId: expect.any(String) });
  // @cloudbase/database 1.4.3 (inside wx-server-sdk 4.0.2) sends where().update() / where().remove() on a
  // transaction's collection WITHOUT the transactionId: they run as ordinary, immediately committed writes.
  await txn.collection('items').where({ _id: 'q2' }).update({ data: { n: 9 } });
  expect(s.requests.filter((r) => r.action === 'database.modifyDocument').pop()!.body.transactionId).toBeUndefined();
  await txn.rollback();
  expect((await get('q1')).n).toBe(1);
  expect((await get('q2')).n).toBe(9);
});

test('a unique violation detected at commit aborts the whole transaction', async () => {
  const txn = await s.db.startTransaction();
  await txn.collection('items').doc('u-other').set({ data: { n: 1 } });
  await txn.collection('members').add({ data: { openid: 'txn-dup', memberNo: 'TD1' } });
  await s.db.collection('members').add({ data: { openid: 'txn-dup', memberNo: 'TD2' } });
  await expect(txn.commit()).rejects.toMatchObject({ message: expect.stringContaining('DATABASE_DUPLICATE_WRITE') });
  expect(await get('u-other')).toBeUndefined();
  expect((await s.db.collection('members').where({ openid: 'txn-dup' }).get()).data.map((d: any) => d.memberNo)).toEqual(['TD2']);
});

test('50 concurrent transactions incrementing one counter with app-level retry end at exactly 50', async () => {
  const _ = s.db.command;
  await items().add({ data: { _id: 'counter', n: 0 } });
  await Promise.all(
    Array.from({ length: 50 }, () =>
      runWithRetry(async (t) => {
        const { data } = await t.collection('items').doc('counter').get();
        await t.collection('items').doc('counter').update({ data: { n: _.inc(1), seen: data.n } });
      }),
    ),
  );
  expect((await get('counter')).n).toBe(50);
}, 30_000);

test('conditional decrement under 30 concurrent callers never goes negative', async () => {
  const _ = s.db.command;
  await items().add({ data: { _id: 'wallet', points: 100 } });
  const results = await Promise.all(
    Array.from({ length: 30 }, () => items().where({ _id: 'wallet', points: _.gte(7) }).update({ data: { points: _.inc(-7) } })),
  );
  const wins = results.filter((r: any) => r.stats.updated === 1).length;
  expect(wins).toBe(14);
  expect((await get('wallet')).points).toBe(2);
});
