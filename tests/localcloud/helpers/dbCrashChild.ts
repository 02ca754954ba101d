// Write storm for the crash test: prints "ack <kind> <id>" after each acknowledged write, until killed.
// Built from the engine's parts so the journal compacts every ~64 KB and the kill can land mid-compaction.
import { Engine } from '../../../localcloud/db/engine';
import { handleRequest } from '../../../localcloud/db/protocol';
import { Storage } from '../../../localcloud/db/storage';
import { REPO_INDEXES } from './dbServer';

async function main() {
  const engine = new Engine(REPO_INDEXES, () => new Date());
  engine.storage = await Storage.open(process.argv[2], true, engine, 64 << 10);
  const db = { handle: (action: string, params: Record<string, any>) => handleRequest(engine, action, params) };
  await db.handle('database.insertDocument', { collectionName: 'storm', data: ['{"_id":"counter","n":{"$numberInt":"0"}}'] });
  process.stdout.write('ready\n');
  let next = 0;
  const inserter = async () => {
    for (;;) {
      const id = `doc-${next++}`;
      const pad = 'x'.repeat(200 + (next % 300));
      const r: any = await db.handle('database.insertDocument', {
        collectionName: 'storm',
        data: [JSON.stringify({ _id: id, pad, openid: id })],
      });
      if (r.code) throw new Error(r.message);
      process.stdout.write(`ack insert ${id}\n`);
    }
  };
  const incrementer = async () => {
    for (;;) {
      const r: any = await db.handle('database.modifyDocument', {
        collectionName: 'storm',
        queryType: 'DOC',
        query: '{"_id":"counter"}',
        data: '{"$inc":{"n":{"$numberInt":"1"}}}',
        merge: true,
        multi: false,
        upsert: false,
      });
      if (r.code) throw new Error(r.message);
      process.stdout.write('ack inc counter\n');
    }
  };
  const transactor = async () => {
    for (let i = 0; ; i++) {
      const { transactionId } = (await db.handle('database.startTransaction', {})) as any;
      for (const side of ['a', 'b']) {
        await db.handle('database.insertDocument', { collectionName: 'pairs', transactionId, data: [`{"_id":"${side}-${i}"}`] });
      }
      const r: any = await db.handle('database.commitTransaction', { transactionId });
      if (r.code) throw new Error(r.message);
      process.stdout.write(`ack txn ${i}\n`);
    }
  };
  await Promise.all([...Array.from({ length: 8 }, inserter), incrementer(), incrementer(), transactor()]);
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
