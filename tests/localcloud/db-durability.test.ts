import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../localcloud/db';
import { REPO_INDEXES, startDbServer, type DbServer } from './helpers/dbServer';

const open = (dataDir: string) => Database.open({ dataDir, indexes: REPO_INDEXES, now: () => new Date() });

describe('through the SDK', () => {
  let s: DbServer;
  beforeAll(async () => {
    s = await startDbServer();
  });
  afterAll(() => s.close());

  test('write, close, reopen, read', async () => {
    const _ = s.db.command;
    await s.db.collection('members').add({ data: { _id: 'p1', openid: 'p1', memberNo: 'P1', points: 1, at: new Date(7) } });
    await s.db.collection('members').doc('p1').update({ data: { points: _.inc(4), tags: _.push(['t']) } });
    await s.db.collection('members').add({ data: { _id: 'p2', openid: 'p2', memberNo: 'P2' } });
    await s.db.collection('members').doc('p2').remove();
    await s.reopen();
    const { data } = await s.db.collection('members').doc('p1').get();
    expect(data).toEqual({ _id: 'p1', openid: 'p1', memberNo: 'P1', points: 5, at: new Date(7), tags: ['t'] });
    expect((await s.db.collection('members').where({ _id: 'p2' }).count()).total).toBe(0);
    // indexes are rebuilt on load
    await expect(s.db.collection('members').add({ data: { openid: 'p1', memberNo: 'P9' } })).rejects.toMatchObject({
      errMsg: expect.stringContaining('DATABASE_DUPLICATE_WRITE'),
    });
    // close() wrote a snapshot and dropped the journal it covers
    expect(readdirSync(s.dataDir!).sort()).toEqual(['journal-000002.log', 'snapshot.jsonl']);
  });
});

describe('journal recovery', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'localcloud-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a torn or corrupt last record is ignored and later appends stay readable', async () => {
    const db = await open(dir);
    await db.insertMany('things', [{ _id: 'a' }, { _id: 'b' }]);
    // the files as a crash would leave them: journal not compacted, then a half-written record at its end
    const crashed = mkdtempSync(join(tmpdir(), 'localcloud-db-crashed-'));
    cpSync(dir, crashed, { recursive: true });
    await db.close();
    const journal = join(crashed, readdirSync(crashed).find((f) => f.startsWith('journal-'))!);
    appendFileSync(journal, '57 deadbeef {"seq":9,"writes":[["things","c",{"_id":"c"');
    const reopened = await open(crashed);
    expect(reopened.find('things').docs.map((d: any) => d._id)).toEqual(['a', 'b']);
    await reopened.insertMany('things', [{ _id: 'd' }]);
    const again = mkdtempSync(join(tmpdir(), 'localcloud-db-crashed-'));
    cpSync(crashed, again, { recursive: true });
    await reopened.close();
    appendFileSync(join(again, readdirSync(again).find((f) => f.startsWith('journal-'))!), '7 00000000 {"x":1}\n'); // bad checksum
    const third = await open(again);
    expect(third.find('things').docs.map((d: any) => d._id)).toEqual(['a', 'b', 'd']);
    await third.close();
    rmSync(crashed, { recursive: true, force: true });
    rmSync(again, { recursive: true, force: true });
  });

  test('insertMany of 100,000 members loads fast and lookups use the index', async () => {
    const db = await open(dir);
    const docs = Array.from({ length: 100_000 }, (_, i) => ({ _id: `m${i}`, openid: `o${i}`, memberNo: `N${i}`, points: i % 1000 }));
    let t = Date.now();
    await db.insertMany('members', docs);
    const insertMs = Date.now() - t;
    t = Date.now();
    for (let i = 0; i < 1000; i++) {
      const r: any = await db.handle('database.getDocument', {
        collectionName: 'members',
        queryType: 'WHERE',
        query: JSON.stringify({ openid: `o${i * 97}` }),
        limit: 1,
      });
      expect(r.data.list).toHaveLength(1);
    }
    const lookupMs = Date.now() - t;
    expect(lookupMs).toBeLessThan(2000); // a full scan would take seconds per 1000 lookups
    await db.close();
    t = Date.now();
    const reopened = await open(dir);
    const reopenMs = Date.now() - t;
    expect(reopened.find('members', { openid: 'o99999' }).docs).toHaveLength(1);
    await reopened.close();
    console.log(`100k insertMany ${insertMs} ms, 1000 indexed lookups ${lookupMs} ms, reopen ${reopenMs} ms`);
  }, 60_000);

  test('kill -9 during a write storm: the store loads and every acknowledged write is present', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'helpers/dbCrashChild.ts'), dir], {
      cwd: join(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked = { inserts: new Set<string>(), incs: 0, txns: new Set<string>() };
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    let buffered = '';
    const enough = new Promise<void>((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          const [, kind, id] = line.split(' ');
          if (kind === 'insert') acked.inserts.add(id);
          if (kind === 'inc') acked.incs++;
          if (kind === 'txn') acked.txns.add(id);
        }
        if (acked.inserts.size >= 1500 && acked.txns.size >= 20) resolve();
      });
    });
    await enough;
    child.removeAllListeners('exit');
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    const db = await open(dir);
    const stored = new Set(db.find('storm', {}, { limit: 1_000_000 }).docs.map((d: any) => d._id));
    for (const id of acked.inserts) expect(stored.has(id)).toBe(true);
    const counter: any = db.find('storm', { _id: 'counter' }).docs[0];
    expect(counter.n).toBeGreaterThanOrEqual(acked.incs);
    const pairs = new Set(db.find('pairs', {}, { limit: 1_000_000 }).docs.map((d: any) => d._id));
    for (const i of acked.txns) expect(pairs.has(`a-${i}`) && pairs.has(`b-${i}`)).toBe(true);
    for (const id of pairs) expect(pairs.has(`${id.startsWith('a-') ? 'b' : 'a'}-${id.slice(2)}`)).toBe(true); // commits are atomic
    await db.close();
  }, 60_000);
});

test('compaction while writes continue keeps every write', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'localcloud-db-'));
  const { Engine } = await import('../../localcloud/db/engine');
  const { Storage } = await import('../../localcloud/db/storage');
  const { handleRequest } = await import('../../localcloud/db/protocol');
  const engine = new Engine(REPO_INDEXES, () => new Date());
  engine.storage = await Storage.open(dir, false, engine, 16 << 10);
  const writes = Array.from({ length: 2000 }, (_, i) =>
    handleRequest(engine, 'database.insertDocument', { collectionName: 'c', data: [JSON.stringify({ _id: `d${i}`, pad: 'p'.repeat(100) })] }),
  );
  expect((await Promise.all(writes)).every((r: any) => !r.code)).toBe(true);
  await engine.storage.close(() => engine.capture());
  const db = await open(dir);
  expect(db.find('c').total).toBe(2000);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});
