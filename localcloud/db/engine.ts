import { Collection } from './collection';
import { conflict } from './errors';
import type { SnapshotData } from './snapshot';
import type { JournalRecord, Replayer, Storage } from './storage';
import { Transaction, TransactionManager } from './transactions';
import type { Change, Doc, DocId, IndexFile } from './types';

export const LOCK_WAIT_TIMEOUT_MS = 5_000;

/** What a write attempt returns: either it ran (and must be awaited for durability) or it hit a txn lock. */
export type Attempt<T> = { result: T; durable: Promise<void> } | { blockedBy: Transaction };

/**
 * In-memory state shared by all operations. Every write validates and applies its changes synchronously
 * (no await between reading and writing), so concurrent requests cannot interleave read-modify-write.
 */
export class Engine implements Replayer {
  private readonly collections = new Map<string, Collection>();
  readonly txns = new TransactionManager();
  storage: Storage | null = null;
  seq = 0;
  /** Settles when the latest commit is on disk; the journal flushes in commit order, so every earlier one is too. */
  private lastDurable: Promise<void> = Promise.resolve();

  constructor(private readonly indexFile: IndexFile, readonly now: () => Date) {
    for (const name of Object.keys(indexFile)) this.collection(name);
  }

  collection(name: string): Collection {
    let coll = this.collections.get(name);
    if (!coll) {
      coll = new Collection(name, this.indexFile[name] ?? []);
      this.collections.set(name, coll);
    }
    return coll;
  }

  collectionNames(): string[] {
    return [...this.collections.keys()].sort();
  }

  /** Validates unique indexes for all changes together, then applies them as one commit and journals them. */
  commit(changes: Change[]): Promise<void> {
    const byColl = new Map<string, Change[]>();
    for (const ch of changes) {
      const list = byColl.get(ch.coll) ?? [];
      list.push(ch);
      byColl.set(ch.coll, list);
    }
    for (const [name, list] of byColl) this.collection(name).indexes.checkUnique(name, list);
    const seq = ++this.seq;
    const keep = this.txns.oldestStartSeq();
    for (const ch of changes) this.collection(ch.coll).put(ch.id, ch.after, seq, keep);
    if (!this.storage) return Promise.resolve();
    const durable = this.storage.append({ seq, writes: changes.map((c) => [c.coll, c.id, c.after ?? null]) });
    this.lastDurable = durable.catch(() => undefined);
    this.storage.maybeCompact(() => this.capture());
    return durable;
  }

  /**
   * Settles once every commit applied so far is on disk. A commit is visible in memory before its journal record
   * is flushed, so any answer (a read, a duplicate key, an update that matched nothing) may rest on a write not yet
   * durable: waiting for this before answering means nothing a caller was told can be lost in a crash.
   */
  durableSoFar(): Promise<void> {
    return this.lastDurable;
  }

  /** Runs a non-transactional write, waiting (up to 5 s) for transactions that lock its documents. */
  async writeWaitingForLocks<T>(attempt: () => Attempt<T>): Promise<T> {
    const deadline = Date.now() + LOCK_WAIT_TIMEOUT_MS;
    for (;;) {
      const r = attempt();
      if ('result' in r) {
        await r.durable;
        return r.result;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw conflict('document is locked by another transaction');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([r.blockedBy.finished, new Promise((res) => (timer = setTimeout(res, remaining)))]);
      clearTimeout(timer);
    }
  }

  /** The first lock held by an open transaction on any of these ids (of a non-transactional writer). */
  lockedBy(coll: string, ids: Iterable<DocId>): Transaction | undefined {
    if (this.txns.openCount === 0) return undefined;
    for (const id of ids) {
      const holder = this.txns.holder(coll, id);
      if (holder) return holder;
    }
    return undefined;
  }

  endTransaction(txn: Transaction): void {
    this.txns.end(txn);
    const keep = this.txns.oldestStartSeq();
    for (const coll of this.collections.values()) coll.pruneAll(keep);
  }

  /** Aborts transactions past the 30 s lifetime (on the local cloud's clock), releasing their locks. */
  abortIdleTransactions(): void {
    for (const txn of this.txns.idle(this.now().getTime())) this.endTransaction(txn);
  }

  capture(): SnapshotData['collections'] {
    return [...this.collections.values()].map((c) => ({ name: c.name, docs: [...c.liveDocs()] }));
  }

  // Replayer: loading never checks indexes (the data was valid when written) and keeps no history.
  loadDoc(collection: string, doc: Doc): void {
    this.collection(collection).put(doc._id, doc, 0, Infinity);
  }

  replay(record: JournalRecord): void {
    for (const [coll, id, doc] of record.writes) this.collection(coll).put(id, doc ?? undefined, 0, Infinity);
  }

  touchCollection(name: string): void {
    this.collection(name);
  }
}
