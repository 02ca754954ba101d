import { randomBytes } from 'node:crypto';
import { conflict } from './errors';
import { idKey } from './keys';
import type { Doc, DocId } from './types';

export const TRANSACTION_IDLE_TIMEOUT_MS = 10_000;

export interface PendingWrite {
  coll: string;
  id: DocId;
  after: Doc | undefined;
}

export class Transaction {
  readonly id = randomBytes(16).toString('hex');
  /** Buffered writes by lock key; the transaction holds the lock of every key in here. */
  readonly writes = new Map<string, PendingWrite>();
  lastActive = Date.now();
  private resolveFinished!: () => void;
  readonly finished = new Promise<void>((r) => (this.resolveFinished = r));

  constructor(readonly startSeq: number) {}

  markFinished(): void {
    this.resolveFinished();
  }
}

export const lockKey = (coll: string, id: DocId) => `${coll}\u0000${idKey(id)}`;

/** Open transactions and their first-writer-wins document locks. */
export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  private readonly locks = new Map<string, Transaction>();

  start(seq: number): Transaction {
    const txn = new Transaction(seq);
    this.open.set(txn.id, txn);
    return txn;
  }

  /** The open transaction with this id; a finished or unknown one is reported as a conflict so callers retry. */
  get(id: string): Transaction {
    const txn = this.open.get(id);
    if (!txn) throw conflict(`transaction ${id} is not active (committed, aborted or timed out)`);
    txn.lastActive = Date.now();
    return txn;
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

  oldestStartSeq(): number {
    let min = Infinity;
    for (const txn of this.open.values()) min = Math.min(min, txn.startSeq);
    return min;
  }

  get openCount(): number {
    return this.open.size;
  }

  idle(now: number): Transaction[] {
    return [...this.open.values()].filter((t) => now - t.lastActive > TRANSACTION_IDLE_TIMEOUT_MS);
  }

  all(): Transaction[] {
    return [...this.open.values()];
  }
}
