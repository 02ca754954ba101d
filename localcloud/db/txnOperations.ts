import { calculateObjectSize } from 'bson';
import type { Engine } from './engine';
import { conflict, requestFailed, transactionNotExist } from './errors';
import { duplicateId, sameDoc, upsertDoc, withIds, type ModifySpec, type Target } from './operations';
import { compileQuery, shapeResults, type FindOptions } from './queryEngine';
import { lockKey, type Transaction } from './transactions';
import type { Change, Doc, DocId } from './types';
import { applyUpdate, replaceDoc } from './updates';

/**
 * Operations inside a transaction, as the real service runs them on MongoDB snapshot transactions:
 * - reads (doc and where queries, counts) see the snapshot fixed by the transaction's first operation, plus the
 *   transaction's own writes;
 * - every write claims each document it touches (doc or where, single or multi, inserts of any batch size):
 *   a document another open transaction has written, or one committed by anyone after the snapshot, is a write
 *   conflict (first writer wins, read skew detected on write), which aborts the transaction;
 * - reads take no locks: plain writes to documents a transaction only read go through, and the transaction's later
 *   write to them conflicts;
 * - any operation on a committed, aborted, expired (30 s) or unknown transaction answers DATABASE_TRANSACTION_FAIL.
 */

/** Largest BSON document MongoDB (and so CloudBase: "单条记录最大 16MB") stores. */
export const MAX_DOC_BYTES = 16 * 1024 * 1024;

export function checkDocSize(doc: Doc, inserting: boolean): void {
  const size = calculateObjectSize(doc);
  if (size <= MAX_DOC_BYTES) return;
  throw requestFailed(
    inserting
      ? `object to insert too large. size in bytes: ${size}, max size: ${MAX_DOC_BYTES}`
      : `Resulting document after update is larger than ${MAX_DOC_BYTES}`,
  );
}

/** The open transaction with this id; one past its 30 s lifetime is aborted here. */
export function openTxn(engine: Engine, id: string): Transaction {
  const txn = engine.txns.find(id);
  if (!txn) throw transactionNotExist();
  if (txn.expired(engine.now().getTime())) {
    engine.endTransaction(txn);
    throw transactionNotExist();
  }
  return txn;
}

/** The snapshot this transaction reads; the first operation fixes it. */
function snapshot(engine: Engine, txn: Transaction): number {
  if (txn.snapshotSeq === null) txn.snapshotSeq = engine.seq;
  return txn.snapshotSeq;
}

/** The document as this transaction sees it: its own write, else the snapshot. */
function view(engine: Engine, txn: Transaction, coll: string, id: DocId): Doc | undefined {
  const own = txn.writes.get(lockKey(coll, id));
  if (own) return own.after;
  return engine.collection(coll).asOf(id, snapshot(engine, txn));
}

/** Every document of the collection as this transaction sees it, in natural order (own inserts last). */
function viewDocs(engine: Engine, txn: Transaction, coll: string): Doc[] {
  const seq = snapshot(engine, txn);
  const out: Doc[] = [];
  const seen = new Set<string>();
  for (const doc of engine.collection(coll).docsAsOf(seq)) {
    const key = lockKey(coll, doc._id);
    const own = txn.writes.get(key);
    if (own) {
      seen.add(key);
      if (own.after) out.push(own.after);
    } else {
      out.push(doc);
    }
  }
  for (const [key, w] of txn.writes) if (w.coll === coll && w.after && !seen.has(key)) out.push(w.after);
  return out;
}

function matching(engine: Engine, txn: Transaction, t: Target): Doc[] {
  if (t.byId) {
    const doc = view(engine, txn, t.coll, t.query._id);
    return doc && compileQuery(t.query).test(doc) ? [doc] : [];
  }
  const docs = viewDocs(engine, txn, t.coll);
  if (Object.keys(t.query).length === 0) return docs;
  const q = compileQuery(t.query);
  return docs.filter((d) => q.test(d));
}

/** First writer wins: another open transaction's write, or a commit since our snapshot, aborts us. */
function claim(engine: Engine, txn: Transaction, coll: string, id: DocId): void {
  const holder = engine.txns.holder(coll, id);
  const lockedByOther = holder !== undefined && holder !== txn;
  const changedSinceSnapshot = engine.collection(coll).lastWriteSeq(id) > snapshot(engine, txn);
  if (lockedByOther || changedSinceSnapshot) {
    engine.endTransaction(txn); // as in MongoDB, a write conflict aborts the transaction
    throw conflict(lockedByOther ? 'written by another open transaction' : 'changed after the snapshot');
  }
}

/** Runs `fn`; any failure aborts the transaction (MongoDB aborts a transaction on a failed write). */
function abortOnFailure<T>(engine: Engine, txn: Transaction, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    engine.endTransaction(txn);
    throw e;
  }
}

function record(engine: Engine, txn: Transaction, coll: string, id: DocId, after: Doc | undefined): void {
  engine.txns.recordWrite(txn, { coll, id, after });
}

/** Unique indexes are checked when the write is made (as in MongoDB), against committed data and own writes. */
function checkUnique(engine: Engine, txn: Transaction, coll: string): void {
  engine.collection(coll).indexes.checkUnique(coll, pendingChanges(engine, txn).filter((c) => c.coll === coll));
}

function pendingChanges(engine: Engine, txn: Transaction): Change[] {
  return [...txn.writes.values()].map((w) => ({
    coll: w.coll,
    id: w.id,
    before: engine.collection(w.coll).latest(w.id),
    after: w.after,
  }));
}

export function txnFind(engine: Engine, txn: Transaction, t: Target, opts: FindOptions) {
  const matched = matching(engine, txn, t);
  return { total: matched.length, list: shapeResults(matched, opts) };
}

export function txnCount(engine: Engine, txn: Transaction, t: Target): number {
  return matching(engine, txn, t).length;
}

/** Inserts a batch of any size (the official SDK tests insert 1,001 documents in one transaction). */
export function txnInsert(engine: Engine, txn: Transaction, coll: string, raw: Record<string, any>[]): DocId[] {
  const docs = withIds(raw);
  for (const d of docs) claim(engine, txn, coll, d._id);
  abortOnFailure(engine, txn, () => {
    for (const d of docs) checkDocSize(d, true);
    for (const d of docs) {
      if (view(engine, txn, coll, d._id)) throw duplicateId(coll, d._id);
      record(engine, txn, coll, d._id, d);
    }
    checkUnique(engine, txn, coll);
  });
  return docs.map((d) => d._id);
}

export interface TxnModifyResult {
  updated: number;
  upsertId: DocId | null;
  /** The first matched document after the update (for modifyAndReturnDoc). */
  doc: Doc | null;
}

/** doc().update/set and where().update (single or multi), with upsert. */
export function txnModify(engine: Engine, txn: Transaction, t: Target, spec: ModifySpec): TxnModifyResult {
  const all = matching(engine, txn, t);
  const docs = spec.multi ? all : all.slice(0, 1);
  if (t.byId) claim(engine, txn, t.coll, t.query._id);
  for (const d of docs) claim(engine, txn, t.coll, d._id);
  return abortOnFailure(engine, txn, () => {
    if (docs.length === 0) {
      if (!spec.upsert) return { updated: 0, upsertId: null, doc: null };
      const created = upsertDoc(t, spec);
      claim(engine, txn, t.coll, created._id);
      if (view(engine, txn, t.coll, created._id)) throw duplicateId(t.coll, created._id);
      checkDocSize(created, true);
      record(engine, txn, t.coll, created._id, created);
      checkUnique(engine, txn, t.coll);
      return { updated: 0, upsertId: created._id, doc: created };
    }
    let updated = 0;
    let first: Doc | null = null;
    for (const current of docs) {
      const next = spec.merge ? applyUpdate(current, spec.data) : replaceDoc(current._id, spec.data);
      const after = next && !sameDoc(current, next) ? next : current;
      if (after !== current) {
        checkDocSize(after, false);
        record(engine, txn, t.coll, current._id, after);
        updated++;
      }
      first ??= after;
    }
    if (updated) checkUnique(engine, txn, t.coll);
    return { updated, upsertId: null, doc: first };
  });
}

export function txnRemove(engine: Engine, txn: Transaction, t: Target, multi: boolean): number {
  const all = matching(engine, txn, t);
  const docs = multi ? all : all.slice(0, 1);
  if (t.byId) claim(engine, txn, t.coll, t.query._id);
  for (const d of docs) claim(engine, txn, t.coll, d._id);
  for (const d of docs) record(engine, txn, t.coll, d._id, undefined);
  return docs.length;
}

/** Applies every buffered write as one commit (one journal record), then releases the locks. */
export async function txnCommit(engine: Engine, txn: Transaction): Promise<void> {
  const changes = pendingChanges(engine, txn).filter((c) => c.before || c.after);
  let durable: Promise<void>;
  try {
    durable = changes.length ? engine.commit(changes) : Promise.resolve();
  } finally {
    engine.endTransaction(txn);
  }
  await durable;
}
