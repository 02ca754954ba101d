import { createReadStream, promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { decodeStored, encodeStored } from './ejson';
import type { Doc } from './types';

const FORMAT = 'localcloud-db-snapshot/1';

export interface SnapshotData {
  /** Replay starts at this journal file number. */
  journal: number;
  collections: Array<{ name: string; docs: Doc[] }>;
}

/**
 * Snapshot file: a header line, one `<collectionIndex>\t<doc>` line per document, an end line with the count.
 * Written to a temp file, fsynced, then renamed over the old one, so a crash leaves either snapshot whole.
 */
export async function writeSnapshot(path: string, data: SnapshotData, fsync: boolean): Promise<number> {
  const tmp = `${path}.tmp`;
  const fh = await fsp.open(tmp, 'w');
  let bytes = 0;
  try {
    const header = { format: FORMAT, journal: data.journal, collections: data.collections.map((c) => c.name) };
    let chunk = JSON.stringify(header) + '\n';
    let count = 0;
    const flush = async () => {
      const buf = Buffer.from(chunk);
      bytes += buf.length;
      let off = 0;
      while (off < buf.length) off += (await fh.write(buf, off)).bytesWritten;
      chunk = '';
    };
    for (let ci = 0; ci < data.collections.length; ci++) {
      for (const doc of data.collections[ci].docs) {
        chunk += `${ci}\t${encodeStored(doc)}\n`;
        count++;
        if (chunk.length > 1 << 20) await flush();
      }
    }
    chunk += JSON.stringify({ end: true, docs: count }) + '\n';
    await flush();
    if (fsync) await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.rename(tmp, path);
  if (fsync) await syncDir(dirname(path));
  return bytes;
}

export async function readSnapshot(
  path: string,
  onDoc: (collection: string, doc: Doc) => void,
): Promise<{ journal: number; collections: string[]; bytes: number } | null> {
  let bytes: number;
  try {
    bytes = (await fsp.stat(path)).size;
  } catch {
    return null;
  }
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: { format: string; journal: number; collections: string[] } | null = null;
  let ended = false;
  let count = 0;
  for await (const line of lines) {
    if (!header) {
      header = JSON.parse(line);
      if (header!.format !== FORMAT) throw new Error(`${path}: unknown snapshot format`);
      continue;
    }
    const tab = line.indexOf('\t');
    if (tab < 0) {
      const end = JSON.parse(line);
      if (!end.end || end.docs !== count) throw new Error(`${path}: snapshot document count mismatch`);
      ended = true;
      break;
    }
    onDoc(header.collections[Number(line.slice(0, tab))], decodeStored(line.slice(tab + 1)));
    count++;
  }
  if (!header || !ended) throw new Error(`${path}: snapshot is incomplete`);
  return { journal: header.journal, collections: header.collections, bytes };
}

export async function syncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
