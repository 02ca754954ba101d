// How database failures surface through wx-server-sdk: an Error with errCode -501001 whose errMsg carries the
// service's code, e.g. "document.update:fail -501001 resource system error. [DATABASE_TRANSACTION_CONFLICT] ..." or
// "[DATABASE_DUPLICATE_WRITE] E11000 duplicate key error ..."; a failed transaction commit rejects with `.code` instead.
function text(err: unknown): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const e = err as { message?: string; errMsg?: string; code?: string };
  return `${e.code ?? ''} ${e.message ?? ''} ${e.errMsg ?? ''}`;
}

export function isWriteConflict(err: unknown): boolean {
  if ((err as { contended?: boolean } | null)?.contended === true) return true;
  return /DATABASE_TRANSACTION_CONFLICT|WriteConflict|write conflict/i.test(text(err));
}

export function isDuplicateKey(err: unknown): boolean {
  return /E11000|DUPLICATE/i.test(text(err));
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
