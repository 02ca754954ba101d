import { Database } from '../../localcloud/db';
import { startDbServer, type DbServer } from './helpers/dbServer';

let s: DbServer;
beforeAll(async () => {
  s = await startDbServer();
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

const DUP = /^collection\.add:fail -501001 .*\[DATABASE_DUPLICATE_WRITE\] E11000 duplicate key error collection: (\w+) index: (\w+) dup key: \{ (.*) \}$/;

describe('unique indexes', () => {
  test('single-field unique violation surfaces errCode -501001 with an E11000 message', async () => {
    const members = s.db.collection('members');
    await members.add({ data: { openid: 'dup', memberNo: 'D1' } });
    const e = await caught(members.add({ data: { openid: 'dup', memberNo: 'D2' } }));
    expect(e.errCode).toBe(-501001);
    expect(e.errMsg).toMatch(DUP);
    expect(e.errMsg).toContain('collection: members index: openid_unique dup key: { openid: "dup" }');
    expect((await members.where({ memberNo: 'D2' }).count()).total).toBe(0);
  });

  test('compound unique: same openid with another key is fine, same pair is not', async () => {
    const ledger = s.db.collection('point_ledger');
    await ledger.add({ data: { openid: 'o1', key: 'k1', delta: 1 } });
    await ledger.add({ data: { openid: 'o1', key: 'k2', delta: 1 } });
    await ledger.add({ data: { openid: 'o2', key: 'k1', delta: 1 } });
    const e = await caught(ledger.add({ data: { openid: 'o1', key: 'k1', delta: 5 } }));
    expect(e.errMsg).toContain('index: openid_key_unique dup key: { openid: "o1", key: "k1" }');
  });

  test('missing fields count as null: two docs without openid collide', async () => {
    await s.db.collection('members').add({ data: { memberNo: 'no-openid-1' } });
    const e = await caught(s.db.collection('members').add({ data: { memberNo: 'no-openid-2' } }));
    expect(e.errMsg).toContain('dup key: { openid: null }');
  });

  test('sparse unique indexes skip documents without the fields (and insertMany enforces indexes)', async () => {
    const db = await Database.open({
      dataDir: null,
      now: () => new Date(),
      indexes: { cards: [{ name: 'code_sparse', keys: { code: 1 }, unique: true, sparse: true }] },
    });
    await db.insertMany('cards', [{ a: 1 }, { a: 2 }, { code: 'c' }]);
    await expect(db.insertMany('cards', [{ code: 'd' }, { code: 'c' }])).rejects.toThrow(/E11000 .*index: code_sparse/);
    expect(db.find('cards').total).toBe(3);
    await db.close();
  });

  test('duplicate _id', async () => {
    await s.db.collection('things').add({ data: { _id: 'same' } });
    const e = await caught(s.db.collection('things').add({ data: { _id: 'same' } }));
    expect(e.errMsg).toContain('index: _id_ dup key: { _id: "same" }');
  });

  test('update, set and multi-update are checked, and a rejected multi-update changes nothing', async () => {
    const members = s.db.collection('members');
    await members.add({ data: [{ _id: 'm-a', openid: 'oa', memberNo: 'A', grp: 'g' }, { _id: 'm-b', openid: 'ob', memberNo: 'B', grp: 'g' }] });
    const u = await caught(members.doc('m-a').update({ data: { openid: 'ob' } }));
    expect(u.errMsg).toMatch(/^document\.update:fail -501001 .*DATABASE_DUPLICATE_WRITE.*openid_unique/);
    const st = await caught(members.doc('m-new').set({ data: { openid: 'oa', memberNo: 'NEW' } }));
    expect(st.errMsg).toContain('openid_unique');
    const multi = await caught(members.where({ grp: 'g' }).update({ data: { memberNo: 'SAME' } }));
    expect(multi.errMsg).toContain('memberNo_unique');
    const { data } = await members.where({ grp: 'g' }).orderBy('_id', 'asc').get();
    expect(data.map((d: any) => d.memberNo)).toEqual(['A', 'B']);
    // swapping keys in one commit is allowed
    await members.doc('m-a').update({ data: { memberNo: 'A2' } });
    expect((await members.doc('m-a').get()).data.memberNo).toBe('A2');
  });

  test('20 concurrent inserts of one key: exactly one wins', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => s.db.collection('members').add({ data: { openid: 'race', memberNo: `R${i}` } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason.errMsg).toContain('DATABASE_DUPLICATE_WRITE');
    expect((await s.db.collection('members').where({ openid: 'race' }).count()).total).toBe(1);
  });
});

describe('malformed requests and the error table', () => {
  test('raw protocol errors', async () => {
    const db = s.database;
    expect(await db.handle('database.nope', {})).toMatchObject({
      code: 'DATABASE_INVALID_OPERRATOR',
      message: '[UnsupportedOperation] database action "database.nope" is not emulated by the local cloud',
    });
    expect(await db.handle('database.getDocument', { collectionName: 'x', query: '{bad' })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await db.handle('database.getDocument', { collectionName: 'x', query: '{"a":{"$frob":1}}' })).toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    });
    expect(await db.handle('database.abortTransaction', { transactionId: 'unknown' })).toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
      message:
        '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
    });
  });

  test('wx-server-sdk maps codes it knows to errCode; the others become -501001 with the message kept in errMsg', async () => {
    const bad = await caught(s.db.collection('members').where({ openid: 'x' }).limit(-1).get());
    expect(bad.errCode).toBe(-501007); // INVALID_PARAM
    expect(bad.errMsg).toBe('collection.get:fail -501007 invalid parameters. [INVALID_PARAM] limit must be a non-negative integer');
    const txn = await s.db.startTransaction();
    await txn.commit();
    const e = await caught(txn.collection('members').doc('x').get());
    expect(e.errCode).toBe(-501001);
    expect(e.errMsg).toMatch(/^document\.get:fail -501001 resource system error\. \[ResourceUnavailable\.TransactionNotExist\] /);
  });

  test('every code the local cloud answers is in the one table of errors.ts, with a source', () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const src: string = require('node:fs').readFileSync(require('node:path').join(__dirname, '../../localcloud/db/errors.ts'), 'utf8');
    const codes = src.match(/\| '([A-Z_]+)'/g)!.map((m) => m.slice(3, -1));
    expect(codes.length).toBeGreaterThanOrEqual(6);
    for (const code of codes) expect(src).toMatch(new RegExp(`^ \\* \\| ${code} \\| .+ \\| .+ \\| .+ \\|$`, 'm'));
  });
});
