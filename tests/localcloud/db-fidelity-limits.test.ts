// The real service's limits, through the real SDK (TencentCloudBase/node-sdk test/database/unit/query.limit.test.ts
// for queries; the WeChat developer community's measurements for aggregation's default of 20, see localcloud/README.md).
import { startDbServer, type DbServer } from './helpers/dbServer';

let s: DbServer;
beforeAll(async () => {
  s = await startDbServer();
  await s.database.insertMany('coll1', Array.from({ length: 1001 }, (_, i) => ({ luke: 'luke-limit-test', i })));
});
afterAll(() => s.close());

describe('queries: 1,000 documents at most, 100 by default', () => {
  test('limit(1000) returns 1,000', async () => {
    expect((await s.db.collection('coll1').where({}).limit(1000).get()).data).toHaveLength(1000);
  });

  test('limit(1001) returns 1,000 (the SDK caps it before sending)', async () => {
    expect((await s.db.collection('coll1').where({}).limit(1001).get()).data).toHaveLength(1000);
    expect(s.requests[s.requests.length - 1].body.limit).toBe(1000);
  });

  test('limit(101) returns 101', async () => {
    expect((await s.db.collection('coll1').where({}).limit(101).get()).data).toHaveLength(101);
  });

  test('no limit returns 100 (the SDK sends limit 100)', async () => {
    expect((await s.db.collection('coll1').where({}).get()).data).toHaveLength(100);
    expect(s.requests[s.requests.length - 1].body.limit).toBe(100);
  });

  test('a raw request without limit gets 100, one over 1,000 gets 1,000', async () => {
    const base = { collectionName: 'coll1', queryType: 'WHERE', query: '{}' };
    expect(((await s.database.handle('database.getDocument', base)) as any).data.list).toHaveLength(100);
    expect(((await s.database.handle('database.getDocument', { ...base, limit: 5000 })) as any).data.list).toHaveLength(1000);
  });

  test('count is not limited', async () => {
    expect((await s.db.collection('coll1').where({ luke: 'luke-limit-test' }).count()).total).toBe(1001);
  });
});

describe('aggregation: 20 documents when the pipeline has no limit', () => {
  test('no limit stage: 20', async () => {
    const { list } = await s.db.collection('coll1').aggregate().match({ luke: 'luke-limit-test' }).end();
    expect(list).toHaveLength(20);
  });

  test('group without limit: 20 groups', async () => {
    const $ = s.db.command.aggregate;
    const { list } = await s.db.collection('coll1').aggregate().group({ _id: '$i', n: $.sum(1) }).end();
    expect(list).toHaveLength(20);
  });

  test('with .limit(n): n, also beyond 1,000', async () => {
    expect((await s.db.collection('coll1').aggregate().match({}).limit(100).end()).list).toHaveLength(100);
    expect((await s.db.collection('coll1').aggregate().match({}).limit(5000).end()).list).toHaveLength(1001);
  });

  test('a limit before other stages counts too', async () => {
    const { list } = await s.db.collection('coll1').aggregate().limit(50).project({ i: 1 }).end();
    expect(list).toHaveLength(50);
  });
});

describe('document size: 16 MB (BSON) at most', () => {
  const big = (bytes: number) => 'x'.repeat(bytes);

  test('an insert over 16 MB is refused with MongoDB\'s text, one just under is stored', async () => {
    const over: any = await s.database.handle('database.insertDocument', {
      collectionName: 'big', data: [JSON.stringify({ _id: 'over', blob: big(16 * 1024 * 1024) })],
    });
    expect(over.code).toBe('DATABASE_REQUEST_FAILED');
    expect(over.message).toMatch(/^\[DATABASE_REQUEST_FAILED\] object to insert too large\. size in bytes: \d+, max size: 16777216$/);
    const under: any = await s.database.handle('database.insertDocument', {
      collectionName: 'big', data: [JSON.stringify({ _id: 'under', blob: big(16 * 1024 * 1024 - 100) })],
    });
    expect(under.data.insertedIds).toEqual(['under']);
  }, 30_000);

  test('inside a transaction an update that grows a document past 16 MB is refused and aborts the transaction', async () => {
    await s.database.insertMany('big2', [{ _id: 'g', a: big(9 * 1024 * 1024) }]);
    const { transactionId } = (await s.database.handle('database.startTransaction', {})) as any;
    const r: any = await s.database.handle('database.modifyDocument', {
      collectionName: 'big2', transactionId, queryType: 'DOC', query: JSON.stringify({ _id: 'g' }),
      data: JSON.stringify({ $set: { b: big(9 * 1024 * 1024) } }), multi: false, merge: true, upsert: false,
    });
    expect(r).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: '[DATABASE_REQUEST_FAILED] Resulting document after update is larger than 16777216' });
    expect(await s.database.handle('database.commitTransaction', { transactionId })).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
  }, 30_000);
});
