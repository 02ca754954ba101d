// How database failures surface through wx-server-sdk 4.0.2: an Error with only errCode and errMsg, where
// errMsg = "<api>:fail <errCode> <SDK text>. <the service's message>"; the service's `code` is lost (codes the SDK does
// not know become errCode -501001). The real service's texts (see localcloud/db/errors.ts for the sources):
//   write conflict: code DATABASE_TRANSACTION_CONFLICT, message "[ResourceUnavailable.TransactionConflict] Transaction
//                   is conflict, maybe resource operated by others. ...", so errMsg carries "TransactionConflict";
//   duplicate key:  MongoDB's "E11000 duplicate key error ..." (code DATABASE_DUPLICATE_WRITE per the docs; a real
//                   call was also seen answering DATABASE_REQUEST_FAILED / -502001 with the E11000 text).
// transaction.commit() and rollback() reject with the service's body instead (`code`, `message`).
function text(err: unknown): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const e = err as { message?: string; errMsg?: string; code?: string };
  return `${e.code ?? ''} ${e.message ?? ''} ${e.errMsg ?? ''}`;
}

export function isWriteConflict(err: unknown): boolean {
  if ((err as { contended?: boolean } | null)?.contended === true) return true;
  return /DATABASE_TRANSACTION_CONFLICT|ResourceUnavailable\.TransactionConflict|Transaction is conflict|WriteConflict/i.test(text(err));
}

export function isDuplicateKey(err: unknown): boolean {
  return /E11000|DATABASE_DUPLICATE_WRITE|duplicate key/i.test(text(err));
}

/** Runs `attempt` again on write conflicts (the SDK's own retry does not catch them), with jittered backoff. */
export async function retryOnConflict<T>(attempt: () => Promise<T>, tries = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isWriteConflict(err) || i >= tries) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** Math.min(i, 5)));
    }
  }
}
