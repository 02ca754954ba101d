// The daily review: every member whose reviewAt has passed gets expiry, pending release, lifecycle growth, dormancy
// decay, the growth window, the tier evaluation and the lifecycle stage applied (core/reviewPlan.ts), and the
// points-expiring message queued. Works inside the function's time budget; a later run resumes with whoever is still
// due (a reviewed member is not due again before the next Shanghai day, so nobody is reviewed twice in a day).
//
// In pages, with few database requests per member (docs/scaling.md "The nightly review"):
//   1. one query reads a page of due members, whole documents (lots are on the member);
//   2. one query per 1,000 entries reads the growth entries of the whole page (`_.in`), and, for members from before
//      lifecycle stages only, one their purchases;
//   3. each member is planned in memory; a member whose review changes nothing but its next review time (and churn
//      risk) is "quiet": quiet members with the same new values are written by ONE conditional update (each
//      matched on its `rev` as read, so a write that came in between is never overwritten); a member whose state
//      changes goes through its own transaction (memberRepo.writeMember, re-checked on `rev`), several at once;
//   4. the page's points-expiring messages: one query for those already queued, one batch insert of the others.
// A member whose batch data went stale (an order came in between), or whose group update failed, is reviewed alone
// with fresh reads; one that fails is left due for the next run (failures isolated per member).
import type { ReviewRun } from '../core/documents';
import type { LoyaltyConfig } from '../core/config';
import type { MemberDoc } from '../core/member';
import type { GrowthEntry } from '../core/growth';
import type { Purchase } from '../core/lifecycleStage';
import type { NewMessage } from '../core/notify';
import { planReview, quietReview, reviewGrowthSince, type QuietReview, type ReviewPlan } from '../core/reviewPlan';
import { shanghaiDay } from '../core/time';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import { countingDb } from '../runtime/countingDb';
import { isDuplicateKey } from '../runtime/dbErrors';
import { growthOfMembers, purchasesOfMembers } from '../runtime/memberBatch';
import { growthSince, reviveMember, writeMember } from '../runtime/memberRepo';
import { enqueueMessage, messageDoc } from '../services/messages';

/** Members read per page (a query answers at most 1,000; whole member documents are a few KB). */
export const PAGE_SIZE = 200;
/** Members (transactions) and group updates in flight at once inside one invocation. */
export const CONCURRENCY = 16;

export interface ReviewOptions { pageSize?: number; concurrency?: number }

export type { ReviewRun };

interface Prefetched { member: MemberDoc; entries: GrowthEntry[]; backfill: Purchase[] | null }
/** Quiet members of a page that get the same values. */
interface QuietGroup { quiet: QuietReview; members: Array<{ member: MemberDoc; plan: ReviewPlan }> }

/**
 * Reviews one member in its transaction; with `prefetched` (the member as its page read it, with its batch-read
 * entries) the first attempt reads nothing more, and if the member changed since (its `rev`), the next attempt reads
 * afresh. Null when the member is not due any more (another run, or an earlier attempt, reviewed it today).
 */
export async function reviewMember(db: Database, openid: string, now: Date, config: LoyaltyConfig, prefetched?: Prefetched): Promise<ReviewPlan | null> {
  let first = prefetched;
  return writeMember(db, openid, {
    now,
    baseline: prefetched?.member,
    load: async (member): Promise<Omit<Prefetched, 'member'>> => {
      const pre = first;
      first = undefined;
      if (pre && pre.member === member) return pre;
      // Reviewed meanwhile (the plan will write nothing): nothing to read.
      if (member.reviewAt.getTime() > now.getTime()) return { entries: [], backfill: null };
      const [entries, backfill] = await Promise.all([
        growthSince(db, openid, reviewGrowthSince(member, now, config)),
        member.lifecycle ? null : purchasesOfMembers(db, [openid], now).then((m) => m.get(openid) ?? []),
      ]);
      return { entries, backfill };
    },
  }, ({ member, lots, extra }) => {
    if (member.reviewAt.getTime() > now.getTime()) return { write: null, result: null };
    const plan = planReview(member, lots, extra.entries, extra.backfill, now, config);
    return { write: plan.write, result: plan };
  });
}

/** Bounded concurrency: `run` on every item, at most `limit` at once, none started once `stop()` says so. */
async function pool<T>(items: T[], limit: number, stop: () => boolean, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function reviewDueMembers(sdkDb: Database, now: Date, budgetMs: number, clock: () => number = Date.now, opts: ReviewOptions = {}): Promise<ReviewRun> {
  const wall = Date.now();
  const cpu = process.cpuUsage();
  const counted = countingDb(sdkDb);
  const run = await reviewPages(counted.db, now, budgetMs, clock, opts);
  const used = process.cpuUsage(cpu);
  return { ...run, requests: counted.requests(), ms: Date.now() - wall, cpuMs: Math.round((used.user + used.system) / 1000) };
}

async function reviewPages(db: Database, now: Date, budgetMs: number, clock: () => number, opts: ReviewOptions): Promise<Omit<ReviewRun, 'requests' | 'ms' | 'cpuMs'>> {
  const started = clock();
  const overBudget = () => clock() - started >= budgetMs;
  const pageSize = opts.pageSize ?? PAGE_SIZE;
  const concurrency = opts.concurrency ?? CONCURRENCY;
  const config = await loadConfig(db);
  const _ = db.command;
  const run: Omit<ReviewRun, 'requests' | 'ms' | 'cpuMs'> = { day: shanghaiDay(now), reviewed: 0, expiredPoints: 0, tierChanges: 0, remaining: false, failures: 0, written: 0, quiet: 0 };
  const failed = new Set<string>();

  const reviewed = (plan: ReviewPlan, written: boolean, messages: NewMessage[]) => {
    run.reviewed += 1;
    if (written) run.written += 1;
    else run.quiet += 1;
    run.expiredPoints += plan.summary.expiredPoints;
    if (plan.summary.tier.change === 'upgrade' || plan.summary.tier.change === 'downgrade') run.tierChanges += 1;
    if (plan.message) messages.push(plan.message);
  };
  const fail = (openid: string, err: unknown) => {
    // One broken member must not stall everyone behind them; it stays due and is retried next run.
    failed.add(openid);
    run.failures += 1;
    console.error(`[review] ${openid}:`, err);
  };
  /** Alone, in its transaction (fresh reads unless `prefetched`). */
  const single = async (openid: string, messages: NewMessage[], prefetched?: Prefetched) => {
    try {
      const plan = await reviewMember(db, openid, now, config, prefetched);
      if (plan) reviewed(plan, true, messages);
    } catch (err) {
      fail(openid, err);
    }
  };

  while (!overBudget()) {
    // No sort: any due member will do (reviewed ones leave the due set), and sorting every due member for each page
    // would cost more than the page.
    const where = failed.size > 0 ? { reviewAt: _.lte(now), _id: _.nin([...failed]) } : { reviewAt: _.lte(now) };
    // A failed page read ends the run (what is left stays due for the next one) rather than failing the whole job.
    const page = await db.collection('members').where(where).limit(pageSize).get()
      .catch(() => db.collection('members').where(where).limit(pageSize).get())
      .catch((err: unknown) => { console.error('[review] page read failed:', err); return null; });
    if (!page) break;
    const { data } = page;
    if (data.length === 0) return run;
    const members = data.map(reviveMember);
    const messages: NewMessage[] = [];

    let entries: Map<string, GrowthEntry[]>;
    let backfills: Map<string, Purchase[]>;
    try {
      const since = new Date(Math.min(...members.map((m) => reviewGrowthSince(m, now, config).getTime())));
      [entries, backfills] = await Promise.all([
        growthOfMembers(db, members.map((m) => m.openid), since),
        purchasesOfMembers(db, members.filter((m) => !m.lifecycle).map((m) => m.openid), now),
      ]);
    } catch (err) {
      console.error('[review] batch read failed, reviewing the page one member at a time:', err);
      await pool(members, concurrency, overBudget, (m) => single(m.openid, messages));
      await queueMessages(db, messages, now);
      continue;
    }

    // Plan every member of the page in memory.
    const groups = new Map<string, QuietGroup>();
    const changed: Prefetched[] = [];
    // A document without `rev` (older than revisions) cannot be matched on it: its transaction sets one.
    const hasRev = new Set(data.filter((d) => typeof (d as { rev?: unknown }).rev === 'number').map((d) => String(d._id)));
    for (const member of members) {
      try {
        const since = reviewGrowthSince(member, now, config).getTime();
        const pre: Prefetched = { member, entries: (entries.get(member.openid) ?? []).filter((e) => e.at.getTime() >= since), backfill: member.lifecycle ? null : backfills.get(member.openid) ?? [] };
        const plan = planReview(member, member.points.lots, pre.entries, pre.backfill, now, config);
        const quiet = hasRev.has(member.openid) ? quietReview(member, plan.write, now) : null;
        if (!quiet) {
          changed.push(pre);
          continue;
        }
        const key = `${quiet.reviewAt.getTime()}|${quiet.riskScore ?? ''}`;
        const group = groups.get(key) ?? { quiet, members: [] };
        groups.set(key, group);
        group.members.push({ member, plan });
      } catch (err) {
        fail(member.openid, err);
      }
    }

    type Task = { kind: 'group'; group: QuietGroup } | { kind: 'member'; pre: Prefetched };
    const tasks: Task[] = [...[...groups.values()].map((group) => ({ kind: 'group' as const, group })), ...changed.map((pre) => ({ kind: 'member' as const, pre }))];
    await pool(tasks, concurrency, overBudget, async (task) => {
      if (task.kind === 'member') return single(task.pre.member.openid, messages, task.pre);
      const { quiet, members: group } = task.group;
      let updated = 0;
      try {
        const match = group.map(({ member }) => ({ _id: member.openid, rev: member.rev }));
        const { stats } = await db.collection('members').where(_.and([{ _id: _.in(match.map((m) => m._id)) }, _.or(match)]))
          .update({ data: { reviewAt: quiet.reviewAt, ...(quiet.riskScore === undefined ? {} : { riskScore: quiet.riskScore }), rev: _.inc(1), updatedAt: now } });
        updated = stats.updated;
      } catch (err) {
        console.error('[review] group update failed, reviewing its members one at a time:', err);
      }
      if (updated === group.length) {
        for (const { plan } of group) reviewed(plan, false, messages);
        return;
      }
      // Some changed meanwhile (or the update failed): those the update reached carry its values and their rev + 1;
      // the others are reviewed alone with fresh reads (not due any more: someone else reviewed them).
      const ids = group.map(({ member }) => member.openid);
      const after = await db.collection('members').where({ _id: _.in(ids) }).field({ _id: true, rev: true, reviewAt: true }).limit(ids.length).get()
        .then((r) => new Map(r.data.map((d) => [String(d._id), d])), () => new Map<string, { rev?: number; reviewAt?: Date }>());
      for (const { member, plan } of group) {
        const doc = after.get(member.openid);
        const reviewAt = doc?.reviewAt ? new Date(doc.reviewAt).getTime() : null;
        const ours = updated > 0 && doc && doc.rev === member.rev + 1 && reviewAt === quiet.reviewAt.getTime();
        if (ours) reviewed(plan, false, messages);
        // Still due (written by someone else meanwhile, or the update failed): alone, afresh. Not due any more without
        // our update: another run reviewed it.
        else if (reviewAt === null || reviewAt <= now.getTime()) await single(member.openid, messages);
      }
    });
    await queueMessages(db, messages, now);
  }
  run.remaining = true;
  return run;
}

/**
 * Points-expiring messages, once per expiry date (the id): the ones not yet queued in one batch insert. A message
 * queued meanwhile by someone else makes the batch fail; then each is queued alone (a duplicate is a no-op). A failure
 * is logged, not thrown: the member's review is done, and the message is a courtesy.
 */
async function queueMessages(db: Database, messages: NewMessage[], now: Date): Promise<void> {
  if (messages.length === 0) return;
  try {
    const _ = db.command;
    const { data } = await db.collection('messages').where({ _id: _.in(messages.map((m) => m.id)) }).field({ _id: true }).limit(messages.length).get();
    const queued = new Set(data.map((d) => String(d._id)));
    const fresh = messages.filter((m) => !queued.has(m.id));
    if (fresh.length === 0) return;
    try {
      await db.collection('messages').add({ data: fresh.map((m) => messageDoc(m, now)) });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      for (const m of fresh) await enqueueMessage(db, m, now);
    }
  } catch (err) {
    console.error('[messages] points expiring:', err);
  }
}
