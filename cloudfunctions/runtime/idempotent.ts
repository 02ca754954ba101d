// Writes that happen once per idempotency key. The key is a unique _id or index (an order id, a request id, a ledger
// key), so a second write of the same request, sequential or concurrent, fails with a duplicate key instead of
// acting twice; these helpers turn that failure into the answer the first write gave.
//
// For writeOnce, "already written" is the database's duplicate-key error, or ALREADY_DONE raised while planning on a
// state that already holds the key (the ledger refuses a lot it already has: a concurrent writer of the same key won,
// and this transaction's retry sees its lot).
import { AppError } from '../core/errors';
import { isDuplicateKey } from './dbErrors';

export const isAlreadyWritten = (err: unknown): boolean =>
  isDuplicateKey(err) || (err instanceof AppError && err.code === 'ALREADY_DONE');

export interface Once<R, S> {
  /** The write. It may resolve null when it finds, inside its transaction, that the request is already done. */
  run: () => Promise<R | null>;
  /** Reads what the first write of the key stored (the order, the claim, the ledger entry...); null when none is. */
  stored: () => Promise<S | null>;
  /** The first write's answer, from what it stored; `once` marks it `replayed: true`. */
  answer: (stored: S) => Omit<R, 'replayed'>;
  /** Whether the stored outcome is for this same request (same member, amount, item...). Default: always. */
  same?: (stored: S) => boolean;
  /** The ALREADY_EXISTS message when the key is used by a different request, e.g. '订单号已存在且内容不一致'. */
  taken?: string;
  /** Look for a stored outcome before writing: a sequential replay then costs one read and no write. */
  first?: boolean;
  /**
   * A failure that is the answer as it is, with no read for a twin's outcome: a refusal decided on a state read in
   * this attempt that showed no twin's write (a flash sale's SOLD_OUT at stock 0 then costs the reads it made).
   */
  settled?: (err: unknown) => boolean;
}

/**
 * Runs `run` once per key: a replay answers the stored outcome with `replayed: true`, or refuses ALREADY_EXISTS when
 * the key holds another request. A replay is found before the write (`first`), when the write resolves null, or when
 * it fails: whatever the failure (a duplicate key, the ledger's ALREADY_DONE, a refusal planned on the state a
 * concurrent twin already changed, such as its points already spent or its refund already counted), a stored outcome
 * means the twin won, so a failing write costs one more read. Nothing stored: the failure stands; a write that
 * resolved null but whose outcome cannot be read yet is CONFLICT (a retry of the same request will find it).
 */
export async function once<R extends { replayed: boolean }, S>(spec: Once<R, S>): Promise<R> {
  const replay = (stored: S): R => {
    if (spec.same && !spec.same(stored)) throw new AppError('ALREADY_EXISTS', spec.taken);
    return { ...spec.answer(stored), replayed: true } as R;
  };
  if (spec.first) {
    const earlier = await spec.stored();
    if (earlier) return replay(earlier);
  }
  let written: R | null;
  try {
    written = await spec.run();
  } catch (err) {
    if (spec.settled?.(err)) throw err;
    const winner = await spec.stored().catch(() => null);
    if (!winner) throw err;
    return replay(winner);
  }
  if (written !== null) return written;
  const winner = await spec.stored();
  if (!winner) throw new AppError('CONFLICT');
  return replay(winner);
}

/**
 * Runs a write whose key makes it once (a log line, a claim document, a keyed reward) and answers null, instead of
 * failing, when the key was already written. For writes whose replay needs no stored answer.
 */
export async function writeOnce<R>(write: () => Promise<R>): Promise<R | null> {
  try {
    return await write();
  } catch (err) {
    if (isAlreadyWritten(err)) return null;
    throw err;
  }
}
