import { promises as fsp } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * Append-only journal of committed writes, one record per line: `<byteLength> <crc32 hex> <json>\n`.
 * Concurrent appends are group-committed: everything queued while one write+fsync runs goes out in the next.
 */
export class JournalFile {
  private pending: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  private flushing: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly fh: fsp.FileHandle,
    private readonly fsync: boolean,
    public bytes: number,
    /** Records must not reach disk before the previous journal file is fully flushed. */
    private readonly after: Promise<unknown>,
  ) {}

  static async open(path: string, fsync: boolean, after: Promise<unknown> = Promise.resolve()): Promise<JournalFile> {
    const fh = await fsp.open(path, 'a');
    const { size } = await fh.stat();
    return new JournalFile(fh, fsync, size, after);
  }

  append(payload: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    const line = `${Buffer.byteLength(payload)} ${crc32(payload).toString(16)} ${payload}\n`;
    this.bytes += Buffer.byteLength(line);
    this.pending.push(line);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) this.flushing = this.flushLoop();
    return done;
  }

  private async flushLoop(): Promise<void> {
    await this.after.catch(() => undefined);
    await new Promise((r) => setImmediate(r)); // let concurrent requests join this batch
    while (this.pending.length) {
      const batch = Buffer.from(this.pending.join(''));
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        let off = 0;
        while (off < batch.length) off += (await this.fh.write(batch, off)).bytesWritten;
        if (this.fsync) await this.fh.datasync();
        for (const w of waiters) w.resolve();
      } catch (e) {
        for (const w of waiters) w.reject(e);
      }
    }
    this.flushing = null;
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.fh.close();
  }
}

export interface JournalContents {
  records: string[];
  /** Bytes up to the end of the last intact record; anything after it is a torn or corrupt tail. */
  validBytes: number;
  totalBytes: number;
}

export async function readJournal(path: string): Promise<JournalContents> {
  const buf = await fsp.readFile(path);
  const records: string[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) break;
    const line = buf.subarray(pos, nl);
    const s1 = line.indexOf(0x20);
    const s2 = s1 < 0 ? -1 : line.indexOf(0x20, s1 + 1);
    if (s2 < 0) break;
    const len = Number(line.subarray(0, s1).toString());
    const crc = line.subarray(s1 + 1, s2).toString();
    const payload = line.subarray(s2 + 1);
    if (payload.length !== len || crc32(payload).toString(16) !== crc) break;
    records.push(payload.toString());
    pos = nl + 1;
  }
  return { records, validBytes: pos, totalBytes: buf.length };
}
