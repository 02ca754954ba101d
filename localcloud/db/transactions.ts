import { randomBytes } from 'node:crypto';
import { idKey } from './keys';
import type { Doc, DocId } from './types';

/** "transaction must be commit or abort in 30 seconds" (the real service's DATABASE_TRANSACTION_FAIL message). */
export const TRANSACTION_LIFETIME_MS = 30_000;

export interface PendingWrite {
  coll: string;
  id: DocId;
  after: Doc | undefined;
}

export class Transaction {
  readonly id = randomBytes(16).toString('hex');
  /** Buffered writes by lock key; the transaction holds the lock of every key in here. */
  readonly writes = new Map<string, PendingWrite>();
  /**
   * The commit sequence number the transaction reads at. As in a MongoDB snapshot transaction it is fixed by the
   * transaction's first operation (read or write), not by startTransaction: null until then.
   */
  snapshotSeq: number | null = null;
  /** Real time at the start: a frozen local clock must not keep an abandoned transaction's locks forever. */
  readonly startedAtReal = Date.now();
  private resolveFinished!: () => void;
  readonly finished = new Promise<void>((r) => (this.resolveFinished = r));

  /** @param startedAt start time on the local cloud's clock (ms) */
  constructor(readonly startedAt: number) {}

  markFinished(): void {
    this.resolveFinished();
  }

  /** Older than 30 s on the local cloud's clock (or, with the clock frozen or moved back, in real time). */
  expired(clockNow: number, realNow = Date.now()): boolean {
    return clockNow - this.startedAt > TRANSACTION_LIFETIME_MS || realNow - this.startedAtReal > TRANSACTION_LIFETIME_MS;
  }
}

export const lockKey = (coll: string, id: DocId) => `${coll}\u0000${idKey(id)}`;

/** Open transactions and their first-writer-wins document locks. */
export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  private readonly locks = new Map<string, Transaction>();

  start(clockNow: number): Transaction {
    const txn = new Transaction(clockNow);
    this.open.set(txn.id, txn);
    return txn;
  }

  /** The open transaction with this id, or undefined (committed, aborted, expired or unknown). */
  find(id: string): Transaction | undefined {
    return this.open.get(id);
  }

  isOpen(id: string): boolean {
    return this.open.has(id);
  }

  holder(coll: string, id: DocId): Transaction | undefined {
    return this.locks.get(lockKey(coll, id));
  }

  recordWrite(txn: Transaction, write: PendingWrite): void {
    const key = lockKey(write.coll, write.id);
    this.locks.set(key, txn);
    txn.writes.set(key, write);
  }

  /** Releases the transaction's locks and wakes writers waiting on them. */
  end(txn: Transaction): void {
    if (!this.open.delete(txn.id)) return;
    for (const key of txn.writes.keys()) if (this.locks.get(key) === txn) this.locks.delete(key);
    txn.markFinished();
  }

  /** The oldest snapshot an open transaction reads (history older than that can be dropped). */
  oldestStartSeq(): number {
    let min = Infinity;
    for (const txn of this.open.values()) if (txn.snapshotSeq !== null) min = Math.min(min, txn.snapshotSeq);
    return min;
  }

  get openCount(): number {
    return this.open.size;
  }

  /** Transactions past the 30 s lifetime (`now` on the local cloud's clock). */
  idle(now: number): Transaction[] {
    return [...this.open.values()].filter((t) => t.expired(now));
  }

  all(): Transaction[] {
    return [...this.open.values()];
  }
}
