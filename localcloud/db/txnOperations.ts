import type { Engine } from './engine';
import { conflict, invalidParam } from './errors';
import { docIdOf, duplicateId, sameDoc, withIds, type ModifySpec, type Target } from './operations';
import { compileQuery, shapeResults, type FindOptions } from './queryEngine';
import { lockKey, type Transaction } from './transactions';
import type { Change, Doc, DocId } from './types';
import { applyUpdate, replaceDoc } from './updates';

/** Inside a transaction only single-document operations exist (as in CloudBase). */
export function requireDocTarget(t: Target): DocId {
  if (!t.byId) throw invalidParam('only single-document (doc) operations are allowed inside a transaction');
  return docIdOf(t.query);
}

/** The document as this transaction sees it: its own write, else the snapshot as of its start. */
function view(engine: Engine, txn: Transaction, coll: string, id: DocId): Doc | undefined {
  const own = txn.writes.get(lockKey(coll, id));
  if (own) return own.after;
  return engine.collection(coll).asOf(id, txn.startSeq);
}

/** First writer wins: another open transaction's lock, or a commit since our start, aborts us. */
function claim(engine: Engine, txn: Transaction, coll: string, id: DocId): void {
  const holder = engine.txns.holder(coll, id);
  let reason: string | null = null;
  if (holder && holder !== txn) reason = 'is locked by another transaction';
  else if (engine.collection(coll).lastWriteSeq(id) > txn.startSeq) reason = 'was changed after this transaction started';
  if (reason) {
    engine.endTransaction(txn);
    throw conflict(`write conflict: ${coll}/${id} ${reason}; transaction ${txn.id} aborted`);
  }
}

function record(engine: Engine, txn: Transaction, coll: string, id: DocId, after: Doc | undefined): void {
  engine.txns.recordWrite(txn, { coll, id, after });
  try {
    engine.collection(coll).indexes.checkUnique(coll, pendingChanges(engine, txn).filter((c) => c.coll === coll));
  } catch (e) {
    engine.endTransaction(txn);
    throw e;
  }
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
  const doc = view(engine, txn, t.coll, requireDocTarget(t));
  const matched = doc && compileQuery(t.query).test(doc) ? [doc] : [];
  return { total: matched.length, list: shapeResults(matched, opts) };
}

export function txnInsert(engine: Engine, txn: Transaction, coll: string, raw: Record<string, any>[]): DocId[] {
  const docs = withIds(raw);
  for (const d of docs) {
    claim(engine, txn, coll, d._id);
    if (view(engine, txn, coll, d._id)) {
      engine.endTransaction(txn);
      throw duplicateId(coll, d._id);
    }
    record(engine, txn, coll, d._id, d);
  }
  return docs.map((d) => d._id);
}

export function txnModify(engine: Engine, txn: Transaction, t: Target, spec: ModifySpec) {
  const id = requireDocTarget(t);
  claim(engine, txn, t.coll, id);
  const current = view(engine, txn, t.coll, id);
  if (!current) {
    if (!spec.upsert) return { updated: 0, upsertId: null };
    const created = spec.merge ? (applyUpdate({ _id: id }, spec.data, true) ?? { _id: id }) : replaceDoc(id, spec.data);
    record(engine, txn, t.coll, id, created);
    return { updated: 0, upsertId: id };
  }
  const next = spec.merge ? applyUpdate(current, spec.data) : replaceDoc(id, spec.data);
  if (!next || sameDoc(current, next)) return { updated: 0, upsertId: null };
  record(engine, txn, t.coll, id, next);
  return { updated: 1, upsertId: null };
}

export function txnRemove(engine: Engine, txn: Transaction, t: Target): number {
  const id = requireDocTarget(t);
  claim(engine, txn, t.coll, id);
  if (!view(engine, txn, t.coll, id)) return 0;
  record(engine, txn, t.coll, id, undefined);
  return 1;
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
