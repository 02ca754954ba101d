// Keeping segment membership current (the segments function's timer, config.json: every 10 minutes):
//   1. the sweep: every member, in chunks by _id, once per Shanghai day and again whenever the live segment versions
//      change (a rule saved, a segment archived, a version pinned); resumable: segment_runs/sweep keeps the cursor,
//      each chunk moves it on the condition that it is still where this run read it (two runs never both move it);
//   2. the changes pass: members whose document was written since its cursor (segment_runs/changes, by updatedAt:
//      an order, a refund, a tier change, a tag, the daily review all write the member), so an order's effect on a
//      segment is seen within one timer run without any request in the order's own path.
// A chunk is: one page of member fields, one read of their membership documents, then only what changed: each
// event inserted under its fixed id (a replay's insert is a duplicate and is skipped), the rule tags set with one
// update per tag, the membership document written. Events first: a run stopped between them repeats the same ids.
import type { FactsSource, MemberActivity } from '../core/segments';
import { activityFromOrders, SEGMENT_MEMBER_FIELDS } from '../core/segments';
import { memberStep, reviveMembership, type LiveSegment, type MemberStep, type SegmentCause, type SegmentRunDoc } from '../core/segmentMembership';
import { addDays, shanghaiDay, shanghaiDayStart } from '../core/time';
import type { Collections, Database } from '../runtime/dbTypes';
import { isDuplicateKey } from '../runtime/dbErrors';
import { liveHash, liveSegments } from '../services/segments';

export const SWEEP_CHUNK = 200;
/** Documents per batch insert. */
const INSERT_BATCH = 100;
export const CHANGES_CHUNK = 100;
/** How far behind now the changes cursor stays (writes still committing when the pass reads). */
export const SETTLE_MS = 5_000;

const projection = Object.fromEntries(SEGMENT_MEMBER_FIELDS.map((f) => [f, true])) as never;

export type MemberRow = FactsSource & { _id: string; updatedAt?: Date | string };

/** Activity rebuilt from orders for members who bought before the summary existed (one batched read). */
export async function backfill(db: Database, rows: MemberRow[], now: Date): Promise<Map<string, MemberActivity>> {
  const need = rows.filter((m) => !m.activity && (m.lifecycle?.purchases?.length ?? 0) > 0).map((m) => m.openid);
  const out = new Map<string, MemberActivity>();
  if (need.length === 0) return out;
  const _ = db.command;
  const from = shanghaiDayStart(addDays(shanghaiDay(now), -366));
  const orders: Array<{ openid: string; paidAt: Date; paidFen: number; format: string; storeId: string | null; categories: string[]; status: string; refundedFen: number }> = [];
  for (let skip = 0; ; skip += 1000) {
    const { data } = await db.collection('orders').where({ openid: _.in(need), paidAt: _.gte(from) })
      .field({ openid: true, paidAt: true, paidFen: true, format: true, storeId: true, categories: true, status: true, rewards: true }).orderBy('_id', 'asc').skip(skip).limit(1000).get();
    for (const o of data) orders.push({ openid: o.openid, paidAt: new Date(o.paidAt), paidFen: o.paidFen, format: o.format, storeId: o.storeId, categories: o.categories ?? [], status: o.status, refundedFen: (o.rewards as { refundedFen?: number } | undefined)?.refundedFen ?? 0 });
    if (data.length < 1000) break;
  }
  for (const id of need) {
    const mine = orders.filter((o) => o.openid === id).map((o) => ({ paidAt: o.paidAt, amountFen: o.paidFen, format: o.format, storeId: o.storeId, categories: o.categories, status: o.status, refundedFen: o.refundedFen }));
    out.set(id, activityFromOrders(mine));
  }
  return out;
}

/**
 * Inserts `docs` in one request (the SDK's add takes an array); when one of them exists already (a replayed or
 * concurrent pass), one by one, skipping the duplicates (`replace`: writing those over instead). Answers how many were new.
 */
async function insertAll<N extends 'segment_events' | 'segment_members'>(db: Database, collection: N, docs: Array<Collections[N]>, replace = false): Promise<number> {
  let added = 0;
  for (let i = 0; i < docs.length; i += INSERT_BATCH) added += await insertBatch(db, collection, docs.slice(i, i + INSERT_BATCH), replace);
  return added;
}

async function insertBatch<N extends 'segment_events' | 'segment_members'>(db: Database, collection: N, docs: Array<Collections[N]>, replace: boolean): Promise<number> {
  try {
    await db.collection(collection).add({ data: docs as never });
    return docs.length;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  let added = 0;
  for (const d of docs) {
    try {
      await db.collection(collection).add({ data: d as never });
      added++;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      if (replace) { const { _id, ...rest } = d as { _id: string }; await db.collection(collection).doc(_id).set({ data: rest as never }); }
    }
  }
  return added;
}

export interface ChunkOutcome { members: number; changed: number; events: number }

/** One chunk of members against the live versions: memberships read in one request, then only the changes written. */
export async function applyChunk(db: Database, rows: MemberRow[], live: LiveSegment[], now: Date, cause: SegmentCause): Promise<ChunkOutcome> {
  if (rows.length === 0) return { members: 0, changed: 0, events: 0 };
  const _ = db.command;
  const ids = rows.map((m) => m._id);
  const [{ data: held }, activity] = await Promise.all([
    db.collection('segment_members').where({ _id: _.in(ids) }).limit(ids.length).get(),
    backfill(db, rows, now),
  ]);
  const before = new Map(held.map((d) => [d._id, reviveMembership(d)]));
  const steps: MemberStep[] = rows.map((m) => memberStep({ ...m, openid: m.openid ?? m._id }, before.get(m._id) ?? null, live, now, cause, { activity: activity.get(m._id) }));
  // Events first, in one batch insert (a replayed pass's duplicate fails the batch: then one by one, duplicates skipped).
  const all = steps.flatMap((s) => s.events);
  const events = await insertAll(db, 'segment_events', all);
  // Rule tags: one update per tag and direction for the whole chunk (member.tags only: no other field, no rev).
  const byTag = new Map<string, { add: string[]; remove: string[] }>();
  for (const s of steps) {
    for (const t of s.addTags) { const e = byTag.get(t) ?? { add: [], remove: [] }; e.add.push(s.openid); byTag.set(t, e); }
    for (const t of s.removeTags) { const e = byTag.get(t) ?? { add: [], remove: [] }; e.remove.push(s.openid); byTag.set(t, e); }
  }
  for (const [tag, { add, remove }] of byTag) {
    if (add.length) await db.collection('members').where({ _id: _.in(add) }).update({ data: { tags: _.addToSet(tag), updatedAt: now } as never });
    if (remove.length) await db.collection('members').where({ _id: _.in(remove) }).update({ data: { tags: _.pull(tag), updatedAt: now } as never });
  }
  // Memberships: new documents in one batch; changes to existing ones grouped by what they set, each group one update
  // whose values are the same for all its members (a replay sets the same again: no counter is incremented).
  const changedSteps = steps.filter((s) => s.membership);
  await insertAll(db, 'segment_members', changedSteps.filter((s) => s.created).map((s) => s.membership!), true);
  const groups = new Map<string, { ids: string[]; data: Record<string, unknown> }>();
  const group = (sig: string, id: string, data: () => Record<string, unknown>) => {
    const g = groups.get(sig) ?? { ids: [], data: data() };
    g.ids.push(id);
    groups.set(sig, g);
  };
  for (const s of changedSteps.filter((x) => !x.created)) {
    for (const { key, n } of s.enter) group(`in|${key}|${n}`, s.openid, () => ({ segs: _.addToSet(key), [`n.${key}`]: n, updatedAt: now }));
    for (const key of [...s.leave, ...s.drop]) group(`out|${key}`, s.openid, () => ({ segs: _.pull(key), updatedAt: now }));
  }
  for (const g of groups.values()) await db.collection('segment_members').where({ _id: _.in(g.ids) }).update({ data: g.data as never });
  const changed = changedSteps.length;
  return { members: rows.length, changed, events };
}

export interface SweepRun { key: string; status: 'done' | 'running' | 'skipped'; chunks: number; members: number; events: number }

/** The sweep of every member for today's key, within `budgetMs` (resumes where the last run stopped). */
export async function runSweep(db: Database, now: Date, budgetMs: number, live?: LiveSegment[], chunk = SWEEP_CHUNK): Promise<SweepRun> {
  const started = Date.now();
  const versions = live ?? (await liveSegments(db));
  const key = `${shanghaiDay(now)}|${liveHash(versions)}`;
  const ref = db.collection('segment_runs').doc('sweep');
  let doc = await ref.get().then((r) => r.data, () => null);
  if (doc?.key === key && doc.status === 'done') return { key, status: 'skipped', chunks: doc.chunks, members: doc.members, events: doc.events };
  if (doc?.key !== key) {
    const fresh = { key, status: 'running' as const, cursor: '', chunks: 0, members: 0, events: 0, startedAt: now, updatedAt: now, finishedAt: null };
    if (!doc) await db.collection('segment_runs').add({ data: { _id: 'sweep', ...fresh } }).catch(() => undefined);
    else await db.collection('segment_runs').where({ _id: 'sweep', key: doc.key, cursor: doc.cursor }).update({ data: fresh });
    doc = (await ref.get()).data;
    if (doc.key !== key) return { key, status: 'running', chunks: 0, members: 0, events: 0 };
  }
  let { cursor, chunks, members, events } = doc;
  const _ = db.command;
  while (Date.now() - started < budgetMs) {
    const { data: rows } = await db.collection('members').where({ _id: _.gt(cursor) }).orderBy('_id', 'asc').limit(chunk).field(projection).get();
    const out = await applyChunk(db, rows as unknown as MemberRow[], versions, now, 'sweep');
    const last = rows.length < chunk;
    const next = {
      cursor: rows.length ? rows[rows.length - 1]._id : cursor, chunks: chunks + 1, members: members + out.members, events: events + out.events, updatedAt: new Date(),
      ...(last ? { status: 'done' as const, finishedAt: new Date() } : {}),
    };
    const { stats } = await db.collection('segment_runs').where({ _id: 'sweep', key, status: 'running', cursor }).update({ data: next });
    if (stats.updated !== 1) return { key, status: 'running', chunks, members, events }; // another run moved on
    ({ cursor, chunks, members, events } = next);
    if (last) return { key, status: 'done', chunks, members, events };
  }
  return { key, status: 'running', chunks, members, events };
}

export interface ChangesRun { members: number; events: number; cursor: string }

/**
 * Members written since the cursor (updatedAt, then _id), oldest first, in chunks. The first pass starts at `now` (the
 * sweep covers everything before). The cursor is the last (updatedAt, _id) done, so members written in the same
 * millisecond (a chunk's rule-tag update) are neither skipped nor repeated at a page boundary.
 */
export async function runChanges(db: Database, now: Date, budgetMs: number, live?: LiveSegment[], chunk = CHANGES_CHUNK): Promise<ChangesRun> {
  const started = Date.now();
  const ref = db.collection('segment_runs').doc('changes');
  const found: SegmentRunDoc | null = await ref.get().then((r) => r.data as unknown as SegmentRunDoc, () => null);
  if (!found) {
    await db.collection('segment_runs').add({ data: { _id: 'changes', cursor: String(now.getTime()), lastId: '', chunks: 0, members: 0, events: 0, startedAt: now, updatedAt: now } }).catch(() => undefined);
    return { members: 0, events: 0, cursor: String(now.getTime()) };
  }
  let doc: SegmentRunDoc = found;
  const versions = live ?? (await liveSegments(db));
  const _ = db.command;
  let total = 0;
  let events = 0;
  while (Date.now() - started < budgetMs) {
    const at = new Date(Number(doc.cursor));
    const lastId = doc.lastId ?? '';
    // Keyset on (updatedAt, _id): many members share one instant (a rule tag's update of a whole chunk, one run's now).
    const { data }: { data: unknown[] } = await db.collection('members')
      .where(_.or([{ updatedAt: _.gt(at) }, { updatedAt: at, _id: _.gt(lastId) }]) as never)
      .orderBy('updatedAt', 'asc').orderBy('_id', 'asc').limit(chunk).field(projection).get();
    const rows = data as unknown as MemberRow[];
    if (rows.length === 0) break;
    const out = await applyChunk(db, rows, versions, now, 'change');
    const last = rows[rows.length - 1];
    // The cursor never passes now − SETTLE_MS: a write dated just before it may still be committing (its transaction
    // began earlier); members written since are looked at again next run (harmless: nothing changed is written).
    const lastAt = new Date(last.updatedAt as string | Date).getTime();
    const clamped = lastAt > now.getTime() - SETTLE_MS;
    const next: Partial<SegmentRunDoc> & Pick<SegmentRunDoc, 'cursor' | 'chunks' | 'members' | 'events'> = {
      cursor: String(clamped ? Math.max(Number(doc.cursor), now.getTime() - SETTLE_MS) : lastAt), lastId: clamped ? '' : last._id,
      chunks: doc.chunks + 1, members: doc.members + out.members, events: doc.events + out.events, updatedAt: new Date(),
    };
    const { stats } = await db.collection('segment_runs').where({ _id: 'changes', cursor: doc.cursor, chunks: doc.chunks }).update({ data: next });
    if (stats.updated !== 1) break; // another run moved on
    doc = { ...doc, ...next };
    total += out.members;
    events += out.events;
    if (rows.length < chunk || clamped) break;
  }
  return { members: total, events, cursor: doc.cursor };
}

/** The timer: the sweep first when one is due, then the changes since the last run. */
export async function runSegmentsTimer(db: Database, now: Date, budgetMs: number) {
  const started = Date.now();
  const live = await liveSegments(db);
  const sweep = await runSweep(db, now, budgetMs * 0.7, live);
  const changes = await runChanges(db, now, Math.max(1000, budgetMs - (Date.now() - started)), live);
  return { sweep, changes, segments: live.length };
}
