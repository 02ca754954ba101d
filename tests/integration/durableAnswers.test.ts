// The local cloud's database applies a commit in memory before its journal record reaches disk. Whatever a request
// is answered — a read that saw the commit, a duplicate key it caused — must not outlive a crash that loses it: a
// process killed right after such an answer finds the commit again when it restarts on the same directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../localcloud/db';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'localcloud-answers-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the slow-disk child until it has answered, then SIGKILLs it at once. */
function answerThenKill(delayMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'helpers', 'slowDiskDbChild.ts'), dir, String(delayMs)], {
    cwd: join(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      if (String(c).includes('answered')) child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
}

test('a write that an answer rests on survives a SIGKILL right after the answer, even on a slow disk', async () => {
  await answerThenKill(400);
  const db = await Database.open({ dataDir: dir, indexes: { things: [] }, now: () => new Date() });
  try {
    expect(db.find('things').docs.map((d) => (d as { _id: string })._id).sort()).toEqual(['refused', 'seen']);
  } finally {
    await db.close();
  }
}, 30_000);
