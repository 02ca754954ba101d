import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { decodeStored, encodeStored } from './ejson';
import { JournalFile, readJournal } from './journalFile';
import { readSnapshot, syncDir, writeSnapshot, type SnapshotData } from './snapshot';
import type { Doc, DocId } from './types';

/** One committed write: after-images of every document it touched (null = deleted). Replay is idempotent. */
export interface JournalRecord {
  seq: number;
  writes: Array<[collection: string, id: DocId, doc: Doc | null]>;
}

export interface Replayer {
  loadDoc(collection: string, doc: Doc): void;
  replay(record: JournalRecord): void;
  touchCollection(name: string): void;
}

const SNAPSHOT = 'snapshot.jsonl';
const JOURNAL_RE = /^journal-(\d+)\.log$/;
export const DEFAULT_COMPACT_BYTES = 16 << 20;

const journalName = (n: number) => `journal-${String(n).padStart(6, '0')}.log`;

/**
 * Durable state in a directory: the last snapshot plus the journal files written after it.
 * Compaction switches to a new journal file and snapshots the state as of that switch.
 */
export class Storage {
  private compacting: Promise<void> | null = null;
  private snapshotBytes = 0;

  private constructor(
    private readonly dir: string,
    private readonly fsync: boolean,
    private current: JournalFile,
    private currentNo: number,
    private journalBytes: number,
    private readonly compactAtBytes: number,
  ) {}

  static async open(dir: string, fsync: boolean, target: Replayer, compactAtBytes = DEFAULT_COMPACT_BYTES): Promise<Storage> {
    await fsp.mkdir(dir, { recursive: true });
    await fsp.rm(join(dir, `${SNAPSHOT}.tmp`), { force: true });
    const snap = await readSnapshot(join(dir, SNAPSHOT), (c, d) => target.loadDoc(c, d));
    snap?.collections.forEach((c) => target.touchCollection(c));
    const startNo = snap?.journal ?? 1;

    const numbers = (await fsp.readdir(dir))
      .map((f) => JOURNAL_RE.exec(f))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    let journalBytes = 0;
    for (const n of numbers) {
      const path = join(dir, journalName(n));
      if (n < startNo) {
        await fsp.rm(path, { force: true });
        continue;
      }
      const contents = await readJournal(path);
      for (const line of contents.records) target.replay(decodeStored(line));
      if (contents.validBytes < contents.totalBytes) {
        // A torn tail is a write that was never acknowledged: cut it so appends start on a clean line.
        await fsp.truncate(path, contents.validBytes);
      }
      journalBytes += contents.validBytes;
    }
    const currentNo = Math.max(startNo, numbers[numbers.length - 1] ?? startNo);
    const current = await JournalFile.open(join(dir, journalName(currentNo)), fsync);
    if (fsync) await syncDir(dir);
    const storage = new Storage(dir, fsync, current, currentNo, journalBytes, compactAtBytes);
    storage.snapshotBytes = snap?.bytes ?? 0;
    return storage;
  }

  append(record: JournalRecord): Promise<void> {
    const payload = encodeStored({ seq: record.seq, writes: record.writes });
    const before = this.current.bytes;
    const done = this.current.append(payload);
    this.journalBytes += this.current.bytes - before;
    return done;
  }

  /** Compacts in the background once the journal outgrows the snapshot. */
  maybeCompact(capture: () => SnapshotData['collections']): void {
    if (this.compacting || this.journalBytes < Math.max(this.compactAtBytes, this.snapshotBytes)) return;
    this.compact(capture).catch((e) => console.error('[localcloud/db] compaction failed:', e));
  }

  compact(capture: () => SnapshotData['collections']): Promise<void> {
    if (this.compacting) return this.compacting.then(() => this.compact(capture));
    this.compacting = this.runCompaction(capture).finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  private async runCompaction(capture: () => SnapshotData['collections']): Promise<void> {
    const nextNo = this.currentNo + 1;
    const old = this.current;
    let releaseGate!: () => void;
    const oldFlushed = new Promise<void>((r) => (releaseGate = r));
    const next = await JournalFile.open(join(this.dir, journalName(nextNo)), this.fsync, oldFlushed);
    // Switch files and capture the state in one synchronous step: the snapshot covers exactly the old files.
    this.current = next;
    this.currentNo = nextNo;
    this.journalBytes = 0;
    const collections = capture();
    try {
      await old.close();
    } finally {
      releaseGate();
    }
    this.snapshotBytes = await writeSnapshot(join(this.dir, SNAPSHOT), { journal: nextNo, collections }, this.fsync);
    for (const f of await fsp.readdir(this.dir)) {
      const m = JOURNAL_RE.exec(f);
      if (m && Number(m[1]) < nextNo) await fsp.rm(join(this.dir, f), { force: true });
    }
    if (this.fsync) await syncDir(this.dir);
  }

  get hasUnsnapshottedWrites(): boolean {
    return this.journalBytes > 0;
  }

  async close(capture: () => SnapshotData['collections']): Promise<void> {
    if (this.compacting) await this.compacting;
    if (this.hasUnsnapshottedWrites) await this.compact(capture);
    await this.current.close();
  }
}
