import type { Engine } from './engine';
import type { Target } from './operations';
import { matchDocs } from './queryEngine';
import { checkDocSize } from './txnOperations';
import type { Doc } from './types';
import { applyUpdate } from './updates';

export interface ModifyAndReturnResult {
  /** 1 when a document matched (as MongoDB's findAndModify reports `n`), even if the update changed nothing. */
  updated: number;
  /** The matched document after the update, or null. */
  doc: Doc | null;
}

/**
 * `database.modifyAndReturnDoc` outside a transaction (the SDK's where().updateAndReturn()): MongoDB's
 * findOneAndUpdate with returnNewDocument: the first matching document in natural order, updated atomically.
 */
export function modifyAndReturn(engine: Engine, t: Target, data: Record<string, any>): Promise<ModifyAndReturnResult> {
  return engine.writeWaitingForLocks<ModifyAndReturnResult>(() => {
    const [before] = matchDocs(engine.collection(t.coll), t.query);
    const blockedBy = before && engine.lockedBy(t.coll, [before._id]);
    if (blockedBy) return { blockedBy };
    if (!before) return { result: { updated: 0, doc: null }, durable: Promise.resolve() };
    const after = applyUpdate(before, data);
    if (!after) return { result: { updated: 1, doc: before }, durable: Promise.resolve() };
    checkDocSize(after, false);
    const durable = engine.commit([{ coll: t.coll, id: before._id, before, after }]);
    return { result: { updated: 1, doc: after }, durable };
  });
}
