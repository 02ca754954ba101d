// Multi-document writes run in a database transaction that our code retries: wx-server-sdk turns a conflict raised
// inside the callback into a plain error its own retry never sees. Only doc().get/update/set/remove and add take part
// in a transaction; where().update()/remove() silently run outside it, so callbacks must not use them.
import { AppError } from '../core/errors';
import { isWriteConflict, retryOnConflict } from './dbErrors';
import type { CollectionName, Collections, Database, Stored, TransactionHandle } from './dbTypes';

export async function inTransaction<T>(db: Database, work: (tx: TransactionHandle) => Promise<T>, tries = 10): Promise<T> {
  try {
    return await retryOnConflict(async () => {
      const tx = await db.startTransaction();
      try {
        const result = await work(tx);
        await tx.commit();
        return result;
      } catch (err) {
        await tx.rollback().catch(() => undefined);
        throw err;
      }
    }, tries);
  } catch (err) {
    // Still contended after every retry: CONFLICT for the caller (not an internal failure), still recognised as a
    // write conflict by an outer retry.
    if (isWriteConflict(err) && !(err instanceof AppError)) throw Object.assign(new AppError('CONFLICT'), { contended: true });
    throw err;
  }
}

/** Reads one document inside a transaction; a missing document is null (the SDK rejects instead). */
export async function getInTransaction<N extends CollectionName>(tx: TransactionHandle, collection: N, id: string): Promise<Stored<Collections[N]> | null> {
  try {
    const { data } = await tx.collection(collection).doc(id).get();
    return data ?? null;
  } catch (err) {
    // wx-server-sdk's own not-found text ("document with _id <id> does not exist"); NOT the service's
    // "[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server ..." of a transaction that
    // was aborted (by a conflict) or expired, which must fail the attempt rather than read as a missing document.
    const msg = String((err as { errMsg?: string }).errMsg ?? (err as Error).message);
    if (/document with _id .* does not exist/.test(msg) && !/TransactionNotExist/.test(msg)) return null;
    throw err;
  }
}
