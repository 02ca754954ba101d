// A database on a slow disk (every file write waits `delayMs` first), for the crash test of answers: it answers a
// read of a write still on its way to disk and a duplicate insert of another, prints "answered" and waits to be
// killed. Usage: node --import tsx slowDiskDbChild.ts <dataDir> <delayMs>
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../localcloud/db';

const [dir, delay] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function slowDownFileWrites(): Promise<void> {
  const probePath = join(dir, 'probe');
  const probe = await fsp.open(probePath, 'w');
  const proto = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => Promise<unknown> };
  await probe.close();
  await fsp.rm(probePath);
  const write = proto.write;
  proto.write = async function (this: unknown, ...args: unknown[]) {
    await sleep(Number(delay));
    return write.apply(this, args);
  };
}

async function main() {
  const db = await Database.open({ dataDir: dir, indexes: { things: [] }, now: () => new Date() });
  await slowDownFileWrites();
  const insert = (id: string) => db.handle('database.insertDocument', { collectionName: 'things', data: [JSON.stringify({ _id: id })] });

  void insert('seen');
  const read = (await db.handle('database.getDocument', { collectionName: 'things', queryType: 'DOC', query: '{"_id":"seen"}' })) as { data: { list: unknown[] } };
  if (read.data.list.length !== 1) throw new Error('the read did not see the write');

  void insert('refused');
  const again = (await insert('refused')) as { code?: string };
  if (again.code !== 'DATABASE_DUPLICATE_WRITE') throw new Error(`expected a duplicate key, got ${JSON.stringify(again)}`);

  process.stdout.write('answered\n');
  setInterval(() => undefined, 60_000);
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
