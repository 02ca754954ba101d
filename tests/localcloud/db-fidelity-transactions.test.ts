// Transactions as the real CloudBase service runs them, stated through the real SDKs: wx-server-sdk 4.0.2 (what the
// cloud functions use) and the @cloudbase/node-sdk 3.17.2 inside it (what the official SDK's own tests against the
// real service use: TencentCloudBase/node-sdk test/database/unit/transaction.test.ts). Message texts are the real ones.
import { isDuplicateKey, isWriteConflict } from '../../cloudfunctions/runtime/dbErrors';
import { getInTransaction } from '../../cloudfunctions/runtime/transaction';
import { startDbServer, type DbServer } from './helpers/dbServer';

const CONFLICT = {
  code: 'DATABASE_TRANSACTION_CONFLICT',
  message:
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
};
const NOT_EXIST = {
  code: 'DATABASE_TRANSACTION_FAIL',
  message:
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
};

let s: DbServer;
let offsetMs = 0; // the local cloud's movable clock
let tcb: any; // @cloudbase/node-sdk's database, as in the official tests
beforeAll(async () => {
  s = await startDbServer({ now: () => new Date(Date.now() + offsetMs) });
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  tcb = require('@cloudbase/node-sdk').init({ env: 'local' }).database();
});
afterAll(() => s.close());

const caught = async (p: Promise<unknown>): Promise<any> => {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
};

let n = 0;
/** A fresh collection with the official tests' data set. */
async function passages(): Promise<string> {
  const name = `passages_${++n}`;
  await s.database.insertMany(name, [
    { _id: '1', category: 'Web', tags: ['JavaScript', 'C#'], num: 2 },
    { _id: '2', category: 'Web', tags: ['Go', 'C#'] },
    { _id: '3', category: 'Life', tags: ['Go', 'Python', 'JavaScript'] },
  ]);
  return name;
}

describe('queries and multi-document writes inside a transaction', () => {
  test('batch insert, then a where() query in the same transaction sees its own writes (事务内批量插入 条件查询)', async () => {
    const c = await passages();
    const _ = tcb.command;
    const t = await tcb.startTransaction();
    const addRes = await t.collection(c).add([{ name: 'a' }, { name: 'b' }]);
    expect(addRes.ids).toHaveLength(2);
    const queryRes = await t.collection(c).where(_.or([{ name: 'a' }, { name: 'b' }])).get();
    expect(queryRes.data.map((d: any) => d.name).sort()).toEqual(['a', 'b']);
    expect((await tcb.collection(c).where({ name: 'a' }).get()).data).toEqual([]); // invisible outside until commit
    await t.commit();
    expect((await tcb.collection(c).where(_.or([{ name: 'a' }, { name: 'b' }])).count()).total).toBe(2);
  });

  test('1,001 documents inserted in one transaction; a where() query with limit(1000) returns 1,000 (事务内批量插入1000条文档)', async () => {
    const c = await passages();
    const t = await tcb.startTransaction();
    const mock = Array.from({ length: 1001 }, (_, i) => ({ name: `luketest${i + 1}` }));
    const addRes = await t.collection(c).add(mock);
    expect(addRes.ids).toHaveLength(1001);
    const queryRes = await t.collection(c).where({ name: /^luketest/ }).limit(1000).get();
    expect(queryRes.data).toHaveLength(1000);
    const sent = s.requests.filter((r) => r.action === 'database.getDocument').pop()!.body;
    expect(sent).toMatchObject({ queryType: 'WHERE', transactionId: t._id, limit: 1000 });
    await t.commit();
    expect((await s.db.collection(c).where({ name: /^luketest/ }).count()).total).toBe(1001);
  }, 30_000);

  test('wx-server-sdk: where().get() inside a transaction reads the snapshot plus own writes', async () => {
    const c = await passages();
    const _ = s.db.command;
    const t = await s.db.startTransaction();
    await t.collection(c).doc('3').update({ data: { category: 'Web' } });
    await s.db.collection(c).doc('2').update({ data: { category: 'Moved' } }); // committed after the snapshot
    const { data } = await t.collection(c).where({ category: 'Web' }).orderBy('_id', 'asc').get();
    expect(data.map((d: any) => d._id)).toEqual(['1', '2', '3']); // 2 as of the snapshot, 3 as written here
    expect((await t.collection(c).where({ tags: _.in(['Go']) }).get()).data).toHaveLength(2);
    await t.commit();
  });

  test('doc / where updateAndReturn (database.modifyAndReturnDoc) inside a transaction (modifyAndReturnDoc)', async () => {
    const c = await passages();
    const t = await tcb.startTransaction();
    const res = await t.collection(c).where({ category: 'Web' }).updateAndReturn({ category: 'web' });
    expect(res.doc).toMatchObject({ _id: '1', category: 'web', num: 2 });
    expect(res.updated).toBe(1);
    expect((await tcb.collection(c).doc('1').get()).data[0].category).toBe('Web');
    await t.commit();
    expect((await tcb.collection(c).doc('1').get()).data[0].category).toBe('web');
    expect((await tcb.collection(c).doc('2').get()).data[0].category).toBe('Web'); // only the first match
  });

  test('updateAndReturn outside a transaction: the first match, updated, with update operators', async () => {
    const c = await passages();
    const _ = tcb.command;
    const res = await tcb.collection(c).where({ _id: '1' }).updateAndReturn({ num: _.inc(5) });
    expect(res).toMatchObject({ updated: 1, doc: { _id: '1', num: 7 } });
    const none = await tcb.collection(c).where({ _id: 'nope' }).updateAndReturn({ num: 1 });
    expect(none).toMatchObject({ updated: 0, doc: null });
  });

  test('options({ raw: true }) queries inside a transaction', async () => {
    const c = await passages();
    const t = await tcb.startTransaction();
    const { data } = await t.collection(c).options({ raw: true }).where({ num: { $gte: 2 }, tags: { $all: ['C#'] } }).get();
    expect(data.map((d: any) => d._id)).toEqual(['1']);
    await t.rollback();
  });

  test('raw where update ($set) and remove with the transaction id: buffered, multi, every touched document claimed', async () => {
    const c = await passages();
    const db = s.database;
    const { transactionId } = (await db.handle('database.startTransaction', {})) as any;
    const upd: any = await db.handle('database.modifyDocument', {
      collectionName: c, transactionId, queryType: 'WHERE', query: JSON.stringify({ category: 'Web' }),
      data: JSON.stringify({ $set: { seen: true } }), multi: true, merge: true, upsert: false,
    });
    expect(upd.data.updated).toBe(2);
    const del: any = await db.handle('database.removeDocument', {
      collectionName: c, transactionId, queryType: 'WHERE', query: JSON.stringify({ category: 'Life' }), multi: true,
    });
    expect(del.data.deleted).toBe(1);
    expect(db.find(c, { seen: true }).total).toBe(0); // nothing visible before commit
    // the multi-document write holds both documents: another transaction writing one of them conflicts at once
    const other = await s.db.startTransaction();
    const e = await caught(other.collection(c).doc('2').update({ data: { category: 'x' } }));
    expect(e.errMsg).toContain(CONFLICT.message);
    expect(await db.handle('database.commitTransaction', { transactionId })).not.toHaveProperty('code');
    expect(db.find(c, { seen: true }).total).toBe(2);
    expect(db.find(c, { _id: '3' }).total).toBe(0);
  });

  test('SDK 1.4.3 sends where().update() / where().remove() WITHOUT the transaction id: they commit at once', async () => {
    // A limitation of the SDK the functions use, not of the service: keep transactional writes to doc() and add().
    const c = await passages();
    const t = await s.db.startTransaction();
    await t.collection(c).where({ category: 'Life' }).update({ data: { category: 'Now' } });
    const sent = s.requests.filter((r) => r.action === 'database.modifyDocument').pop()!.body;
    expect(sent.transactionId).toBeUndefined();
    await t.rollback();
    expect((await s.db.collection(c).doc('3').get()).data.category).toBe('Now');
  });
});

describe('isolation and conflicts', () => {
  test('read skew (读偏): reads keep the snapshot, a write to a document changed since then conflicts with the real message', async () => {
    const c = await passages();
    const t = await tcb.startTransaction();
    await t.collection(c).doc('1').get();
    await tcb.collection(c).doc('1').set({ category: 'wwwwwwwwwwwwwwwww' });
    await tcb.collection(c).doc('2').set({ category: 'hhhhhhhhhhhhhhh' });
    expect((await t.collection(c).doc('1').get()).data).toMatchObject({ category: 'Web', num: 2 });
    expect((await t.collection(c).doc('2').get()).data).toMatchObject({ category: 'Web', tags: ['Go', 'C#'] });
    const e = await caught(t.collection(c).doc('1').update({ category: 'transactiontransactiontransaction' }));
    expect(e).toMatchObject(CONFLICT);
    // the conflict aborted the transaction: further operations, and rollback, answer TransactionNotExist
    expect(await caught(t.collection(c).doc('2').get())).toMatchObject(NOT_EXIST);
    expect(await caught(t.rollback())).toMatchObject(NOT_EXIST);
  });

  test('first writer wins (冲突检测): the second transaction writing the same document conflicts at once', async () => {
    const c = await passages();
    const t1 = await tcb.startTransaction();
    const t2 = await tcb.startTransaction();
    const doc = await t1.collection(c).doc('1').get();
    await t2.collection(c).doc('1').update({ category: '冲突检测' });
    const e = await caught(t1.collection(c).doc('1').update({ category: doc.data.category + '冲突检测' }));
    expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    await t2.commit();
    expect((await tcb.collection(c).doc('1').get()).data[0].category).toBe('冲突检测');
  });

  test('through wx-server-sdk the conflict loses its code; errMsg carries the real text and isWriteConflict sees it', async () => {
    const c = await passages();
    const t1 = await s.db.startTransaction();
    const t2 = await s.db.startTransaction();
    await t1.collection(c).doc('1').update({ data: { n: 1 } });
    const e = await caught(t2.collection(c).doc('1').update({ data: { n: 2 } }));
    expect(e.code).toBeUndefined();
    expect(e.errCode).toBe(-501001);
    expect(e.errMsg).toBe(`document.update:fail -501001 resource system error. ${CONFLICT.message}`);
    expect(isWriteConflict(e)).toBe(true);
    expect(isDuplicateKey(e)).toBe(false);
    await t1.commit();
  });

  test('read snapshot (读快照): writes stay invisible outside, reads inside see them', async () => {
    const c = await passages();
    const t = await tcb.startTransaction();
    await t.collection(c).doc('1').update({ category: 'update in transaction' });
    expect((await tcb.collection(c).doc('1').get()).data[0].category).toBe('Web');
    expect((await t.collection(c).doc('1').get()).data.category).toBe('update in transaction');
    await t.rollback();
    expect((await tcb.collection(c).doc('1').get()).data[0].category).toBe('Web');
  });

  test('reads take no locks: a plain write to a document a transaction only read goes through at once', async () => {
    const c = await passages();
    const t = await s.db.startTransaction();
    await t.collection(c).doc('1').get();
    await t.collection(c).where({ category: 'Web' }).get();
    const started = Date.now();
    await s.db.collection(c).doc('1').update({ data: { num: 3 } });
    expect(Date.now() - started).toBeLessThan(1000);
    await t.commit();
  });

  test('the snapshot is fixed by the first operation, not by startTransaction (MongoDB snapshot transactions)', async () => {
    const c = await passages();
    const t = await s.db.startTransaction();
    await s.db.collection(c).doc('1').update({ data: { num: 10 } }); // before the transaction's first operation
    expect((await t.collection(c).doc('1').get()).data.num).toBe(10);
    await t.collection(c).doc('1').update({ data: { num: 11 } }); // no conflict
    await t.commit();
    expect((await s.db.collection(c).doc('1').get()).data.num).toBe(11);
  });

  test('write skew is allowed: two transactions reading one document and writing the other both commit', async () => {
    const c = await passages();
    const t1 = await tcb.startTransaction();
    const t2 = await tcb.startTransaction();
    const d1 = await t1.collection(c).doc('1').get();
    const d2 = await t2.collection(c).doc('2').get();
    await t1.collection(c).doc('2').set({ category: d1.data.category + 'doc1' });
    await t2.collection(c).doc('1').set({ category: d2.data.category + 'doc2' });
    await t1.commit();
    await t2.commit();
    expect((await tcb.collection(c).doc('1').get()).data[0].category).toBe('Webdoc2');
    expect((await tcb.collection(c).doc('2').get()).data[0].category).toBe('Webdoc1');
  });
});

describe('finished and expired transactions', () => {
  test('after commit no other operation (事务提交后, 不能进行其它操作): DATABASE_TRANSACTION_FAIL', async () => {
    const c = await passages();
    const t = await tcb.startTransaction();
    await t.commit();
    expect(await caught(t.collection(c).doc('1').set({ category: 'Node.js' }))).toMatchObject(NOT_EXIST);
    expect(await caught(t.commit())).toMatchObject(NOT_EXIST);
    // through wx-server-sdk: errCode -501001 and the real text in errMsg
    const w = await s.db.startTransaction();
    await w.commit();
    const e = await caught(w.collection(c).doc('1').get());
    expect(e.errMsg).toBe(`document.get:fail -501001 resource system error. ${NOT_EXIST.message}`);
  });

  test('a transaction must commit or abort within 30 s on the local cloud clock; then it is gone and its locks free', async () => {
    const c = await passages();
    const t = await tcb.startTransaction();
    await t.collection(c).doc('1').update({ category: 'held' });
    offsetMs += 29_000;
    expect((await t.collection(c).doc('1').get()).data.category).toBe('held'); // 29 s: still open
    offsetMs += 2_000;
    await new Promise((r) => setTimeout(r, 1_300)); // the sweeper aborts it even without another request
    const started = Date.now();
    await tcb.collection(c).doc('1').update({ category: 'free' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await caught(t.commit())).toMatchObject(NOT_EXIST);
    expect((await tcb.collection(c).doc('1').get()).data[0].category).toBe('free');
  });

  test('getInTransaction: a missing document is null, a finished transaction is an error (not a missing document)', async () => {
    const c = await passages();
    const t = await s.db.startTransaction();
    expect(await getInTransaction(t, c as any, 'nope')).toBeNull();
    expect(await getInTransaction(t, c as any, '1')).toMatchObject({ category: 'Web' });
    await t.commit();
    const e = await caught(getInTransaction(t, c as any, 'nope'));
    expect(e.errMsg).toContain('[ResourceUnavailable.TransactionNotExist]');
  });

  test('an unknown transaction id answers DATABASE_TRANSACTION_FAIL for every action', async () => {
    for (const action of ['database.commitTransaction', 'database.abortTransaction', 'database.getDocument']) {
      const r = await s.database.handle(action, { transactionId: 'nope', collectionName: 'x', queryType: 'WHERE' });
      expect(r).toMatchObject(NOT_EXIST);
    }
  });
});

test('an action the local cloud does not emulate answers a clear "not emulated" error', async () => {
  const r: any = await s.database.handle('database.addCollection', { collectionName: 'x' });
  expect(r.code).toBe('DATABASE_INVALID_OPERRATOR');
  expect(r.message).toBe('[UnsupportedOperation] database action "database.addCollection" is not emulated by the local cloud');
  const e = await caught(s.db.createCollection('x')); // wx-server-sdk: errCode -1 here, the message in errMsg
  expect(e.errMsg).toBe(`createCollection:fail ${r.message}`);
});
