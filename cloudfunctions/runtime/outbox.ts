// The outbox's documents and their marks, without the follow-ups themselves (services/followUps.ts applies them):
// a follow-up is recorded as an `outbox` document in the transaction of the change that causes it; its _id is its
// idempotency key; it is marked done, or failed with its error and the time of the next try, by compare-and-set on
// its status, so an entry once done stays done and keeps the first answer.
import type { FollowUp, Insert, OutboxDoc, Stored } from '../core/documents';
import type { Database } from './dbTypes';
import { retryOnConflict } from './dbErrors';

/** The timer leaves a new entry to the invocation that recorded it for this long. */
export const GRACE_MS = 60_000;
const BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;

export const followUpId = {
  referralOrder: (orderId: string) => `referralOrder:${orderId}`,
  referralRefund: (orderId: string) => `referralRefund:${orderId}`,
  invite: (inviteeOpenid: string) => `invite:${inviteeOpenid}`,
  inviteReward: (inviteeOpenid: string) => `inviteReward:${inviteeOpenid}`,
};

/** The backoff after `attempts` failed attempts: 30 s, 1 min, 2 min, ... at most an hour. */
export const backoffMs = (attempts: number) => Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** Math.max(0, attempts - 1));

/** The outbox document for `followUp`, to insert in the transaction of the change that causes it. */
export function followUpDoc(id: string, followUp: FollowUp, now: Date, after: string[] = []): OutboxDoc {
  return { _id: id, ...followUp, status: 'pending', after, attempts: 0, lastError: null, createdAt: now, availableAt: new Date(now.getTime() + GRACE_MS), updatedAt: now, doneAt: null };
}

export const followUpInsert = (doc: OutboxDoc): Insert => ({ collection: 'outbox', doc });

export async function findFollowUp(db: Database, id: string): Promise<Stored<OutboxDoc> | null> {
  const { data } = await db.collection('outbox').where({ _id: id }).limit(1).get();
  return data[0] ?? null;
}

const errorText = (err: unknown) => {
  const e = err as { code?: string; message?: string; errMsg?: string } | null;
  return String(e?.errMsg ?? (e?.code && e?.message ? `${e.code}: ${e.message}` : e?.message ?? err)).slice(0, 500);
};

/** Marks the entry done unless it already is (a concurrent applier's mark and answer stand). */
export async function markDone(db: Database, id: string, result: unknown, now: Date): Promise<void> {
  const _ = db.command;
  await retryOnConflict(() => db.collection('outbox').where({ _id: id, status: _.neq('done') })
    .update({ data: { status: 'done', attempts: _.inc(1), doneAt: now, updatedAt: now, ...(result === undefined ? {} : { result }) } }));
}

/** Records a failed attempt and when the timer may try again, unless the entry is done meanwhile. */
export async function markFailed(db: Database, doc: Pick<Stored<OutboxDoc>, '_id' | 'attempts'>, err: unknown, now: Date): Promise<void> {
  const _ = db.command;
  const attempts = (doc.attempts ?? 0) + 1;
  await retryOnConflict(() => db.collection('outbox').where({ _id: doc._id, status: _.neq('done') })
    .update({ data: { status: 'failed', attempts: _.inc(1), lastError: errorText(err), availableAt: new Date(now.getTime() + backoffMs(attempts)), updatedAt: now } }));
}

/**
 * Removes the entries done before `doneBefore` (one indexed remove, `status_doneAt`); pending and failed ones stay
 * until done. A missing prerequisite counts as done (services/followUps.ts), so a later follow-up still applies.
 */
export async function removeDoneFollowUps(db: Database, doneBefore: Date): Promise<number> {
  const _ = db.command;
  const { stats } = await db.collection('outbox').where({ status: 'done', doneAt: _.lt(doneBefore) }).remove();
  return stats.removed;
}
