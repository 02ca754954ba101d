// The outbox: writes to another member that a change causes (the inviter's reward for an invitee's first order, its
// reversal on a full refund) are recorded as `outbox` documents in the transaction of that change, so they exist
// exactly when the change does. Right after the commit the same invocation applies them; the `jobs` timer retries
// whatever is still pending or failed (a crash, a contended member, a broken state fixed later). Applying is
// idempotent: each follow-up's own writes carry ledger keys and check the state they change, and the entry is marked
// done with a compare-and-set on its status, so a follow-up applied twice (the invocation and the timer at once, or a
// retry after a crash between the write and the mark) changes the other member once.
import type { FollowUp, FollowUpKind, Insert, OutboxDoc, Stored } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import { retryOnConflict } from '../runtime/dbErrors';
import { applyReferralOrder, applyReferralRefund } from './referralRewards';

/** The timer leaves a new entry to the invocation that recorded it for this long. */
export const GRACE_MS = 60_000;
const BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;
/** How deep a follow-up applies the follow-ups it waits for. */
const MAX_DEPTH = 3;

export const followUpId = {
  referralOrder: (orderId: string) => `referralOrder:${orderId}`,
  referralRefund: (refundId: string) => `referralRefund:${refundId}`,
};

/** The backoff after `attempts` failed attempts: 30 s, 1 min, 2 min, ... at most an hour. */
export const backoffMs = (attempts: number) => Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** Math.max(0, attempts - 1));

/** The outbox document for `followUp`, to insert in the transaction of the change that causes it. */
export function followUpDoc(id: string, followUp: FollowUp, now: Date, after: string[] = []): OutboxDoc {
  return { _id: id, ...followUp, status: 'pending', after, attempts: 0, lastError: null, createdAt: now, availableAt: new Date(now.getTime() + GRACE_MS), updatedAt: now, doneAt: null };
}

export const followUpInsert = (doc: OutboxDoc): Insert => ({ collection: 'outbox', doc });

type Payload<K extends FollowUpKind> = Extract<FollowUp, { kind: K }>['payload'];
const appliers: { [K in FollowUpKind]: (db: Database, payload: Stored<Payload<K>>, now: Date) => Promise<void> } = {
  referralOrder: (db, p, now) => applyReferralOrder(db, p, now),
  referralRefund: (db, p, now) => applyReferralRefund(db, p, now),
};

const run = (db: Database, doc: Stored<OutboxDoc> | OutboxDoc, now: Date): Promise<void> =>
  (appliers[doc.kind] as (db: Database, payload: unknown, now: Date) => Promise<void>)(db, doc.payload, now);

export async function findFollowUp(db: Database, id: string): Promise<Stored<OutboxDoc> | null> {
  const { data } = await db.collection('outbox').where({ _id: id }).limit(1).get();
  return data[0] ?? null;
}

const errorText = (err: unknown) => {
  const e = err as { code?: string; message?: string; errMsg?: string } | null;
  return String(e?.errMsg ?? (e?.code && e?.message ? `${e.code}: ${e.message}` : e?.message ?? err)).slice(0, 500);
};

/**
 * Applies one follow-up (after the ones it waits for) and marks it done; on failure records the error, counts the
 * attempt and sets when the timer may retry it. Never throws: answers whether it is done.
 */
export async function applyFollowUp(db: Database, doc: Stored<OutboxDoc> | OutboxDoc, now: Date, depth = 0): Promise<boolean> {
  if (doc.status === 'done') return true;
  const _ = db.command;
  try {
    for (const id of doc.after ?? []) {
      const first = await findFollowUp(db, id);
      if (!first || first.status === 'done') continue;
      if (depth >= MAX_DEPTH || !(await applyFollowUp(db, first, now, depth + 1))) throw new Error(`waiting for ${id}`);
    }
    await run(db, doc, now);
    // Compare-and-set: only an entry not yet done becomes done (a concurrent applier may have marked it).
    await retryOnConflict(() => db.collection('outbox').where({ _id: doc._id, status: _.neq('done') })
      .update({ data: { status: 'done', attempts: _.inc(1), doneAt: now, updatedAt: now } }));
    return true;
  } catch (err) {
    console.error(`[outbox] ${doc._id} failed:`, err);
    const attempts = (doc.attempts ?? 0) + 1;
    await retryOnConflict(() => db.collection('outbox').where({ _id: doc._id, status: _.neq('done') })
      .update({ data: { status: 'failed', attempts: _.inc(1), lastError: errorText(err), availableAt: new Date(now.getTime() + backoffMs(attempts)), updatedAt: now } }))
      .catch((e) => console.error(`[outbox] ${doc._id}: recording the failure failed`, e));
    return false;
  }
}

/** Applies follow-ups just recorded by this invocation, in order; an entry that fails is left to the timer. */
export async function applyFollowUps(db: Database, docs: OutboxDoc[], now: Date): Promise<void> {
  for (const doc of docs) await applyFollowUp(db, doc, now);
}

export interface OutboxRun { applied: number; failed: number; remaining: boolean }

/**
 * The timer's pass: pending or failed entries whose time has come, oldest first, a bounded batch within the budget.
 * Each entry is tried once per pass; a failure waits for its backoff.
 */
export async function applyDueFollowUps(db: Database, now: Date, opts: { limit?: number; budgetMs?: number } = {}, clock: () => number = Date.now): Promise<OutboxRun> {
  const started = clock();
  const limit = opts.limit ?? 100;
  const budgetMs = opts.budgetMs ?? 15_000;
  const _ = db.command;
  const { data } = await db.collection('outbox').where({ status: _.in(['pending', 'failed']), availableAt: _.lte(now) })
    .orderBy('availableAt', 'asc').limit(limit).get();
  const out: OutboxRun = { applied: 0, failed: 0, remaining: data.length === limit };
  for (const doc of data) {
    if (clock() - started >= budgetMs) { out.remaining = true; break; }
    // An entry already applied in this pass as another's prerequisite repeats as a no-op (its mark is a CAS).
    if (await applyFollowUp(db, doc, now)) out.applied += 1;
    else out.failed += 1;
  }
  return out;
}

export interface OutboxSummary { pending: number; failed: number; oldestAgeSeconds: number | null }

/** What the audit reports: entries not yet done, and how old the oldest of them is. */
export async function outboxSummary(db: Database, now: Date): Promise<OutboxSummary> {
  const _ = db.command;
  const outbox = db.collection('outbox');
  const [pending, failed, oldest] = await Promise.all([
    outbox.where({ status: 'pending' }).count(),
    outbox.where({ status: 'failed' }).count(),
    outbox.where({ status: _.in(['pending', 'failed']) }).orderBy('createdAt', 'asc').limit(1).field({ createdAt: true }).get(),
  ]);
  const first = oldest.data[0];
  const age = first ? Math.max(0, Math.floor((now.getTime() - new Date(first.createdAt).getTime()) / 1000)) : null;
  return { pending: pending.total, failed: failed.total, oldestAgeSeconds: age };
}
