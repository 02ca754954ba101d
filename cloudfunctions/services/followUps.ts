// The outbox: writes to another member that a change causes (the inviter's reward for an invitee's first order, its
// reversal on a full refund, the invite binding a new member registered with and the inviter's reward for it) are
// recorded as `outbox` documents in the transaction of that change (runtime/outbox.ts), so they exist exactly when
// the change does. Right after the commit the same invocation applies them; the `jobs` timer retries whatever is
// still pending or failed (a crash, a contended member, a broken state fixed later). Applying is idempotent: each
// follow-up's own writes carry ledger keys and check the state they change, and the entry is marked done with a
// compare-and-set on its status, so a follow-up applied twice (the invocation and the timer at once, or a retry after
// a crash between the write and the mark) changes the other member once.
import type { FollowUp, FollowUpKind, OutboxDoc, Stored } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import { findFollowUp, markDone, markFailed } from '../runtime/outbox';
import { applyReferralOrder, applyReferralRefund, bindInvite, rewardInviter } from './referralRewards';

/** How deep a follow-up applies the follow-ups it waits for. */
const MAX_DEPTH = 3;

type Payload<K extends FollowUpKind> = Stored<Extract<FollowUp, { kind: K }>['payload']>;
type Applier<K extends FollowUpKind> = (db: Database, payload: Payload<K>, now: Date) => Promise<unknown>;

const appliers: { [K in FollowUpKind]: Applier<K> } = {
  referralOrder: (db, p, now) => applyReferralOrder(db, p, now),
  referralRefund: (db, p, now) => applyReferralRefund(db, p, now),
  invite: (db, p, now) => bindInvite(db, p.inviteeOpenid, p.code, true, now, (reward, id) => settle(db, reward, id, now)),
  inviteReward: (db, p, now) => rewardInviter(db, p.inviteeOpenid, now),
};

/** Applies the inviter-reward follow-up a binding recorded (or finds it by id): whether the inviter is rewarded. */
async function settle(db: Database, recorded: OutboxDoc | null, id: string, now: Date): Promise<boolean> {
  const doc = recorded ?? (await findFollowUp(db, id));
  if (!doc) return false;
  const applied = await applyFollowUp(db, doc, now);
  return applied.done && applied.result === true;
}

export type Applied = { done: true; result: unknown } | { done: false };

/**
 * Applies one follow-up (after the ones it waits for) and marks it done with its answer; on failure records the
 * error, counts the attempt and sets when the timer may retry it. Never throws.
 */
export async function applyFollowUp(db: Database, doc: Stored<OutboxDoc> | OutboxDoc, now: Date, depth = 0): Promise<Applied> {
  if (doc.status === 'done') return { done: true, result: doc.result };
  let result: unknown;
  try {
    for (const id of doc.after ?? []) {
      const first = await findFollowUp(db, id);
      if (!first || first.status === 'done') continue;
      if (depth >= MAX_DEPTH || !(await applyFollowUp(db, first, now, depth + 1)).done) throw new Error(`waiting for ${id}`);
    }
    const apply = appliers[doc.kind] as Applier<FollowUpKind>;
    result = await apply(db, doc.payload as Payload<FollowUpKind>, now);
    await markDone(db, doc._id, result ?? null, now);
  } catch (err) {
    console.error(`[outbox] ${doc._id} failed:`, err);
    await markFailed(db, doc, err, now).catch((e) => console.error(`[outbox] ${doc._id}: recording the failure failed`, e));
    return { done: false };
  }
  return { done: true, result };
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
    if ((await applyFollowUp(db, doc, now)).done) out.applied += 1;
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
