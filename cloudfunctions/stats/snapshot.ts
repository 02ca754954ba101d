// The nightly snapshot job: one `daily_stats` document per Shanghai day, computed after the day ends, in resumable
// chunks of members (by openid order). Every chunk is a handful of grouped aggregations over the chunk's openid range
// (members, their ledger, their orders: `_id`/`openid` in the chunk's ids), added into the running totals that the document keeps with its cursor, so a
// run that runs out of time leaves the next run to continue; the last chunk finishes the snapshot. Nothing reads every
// member: a chunk reads its members' ids only, and only a reconciliation mismatch reads per-member rows (of one chunk).
import type { LoyaltyConfig } from '../core/config';
import type { DailyStatsDoc, DailyStatsTotals, DailySnapshot } from '../core/documents';
import { addCounts, addSchedules, arpuFen, breakageRate, emptySchedule, pointsLiability, rate, scheduleFromLots } from '../core/stats';
import { addDays, shanghaiDay, shanghaiDayStart } from '../core/time';
import { monthsLaterDayStart } from '../core/months';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';

const DAY_MS = 86_400_000;
/** Mismatched members listed in a snapshot (the count is always exact). */
const MAX_MISMATCHES = 20;
/** Distinct lot expiry instants one chunk may hold (one grouped row each). */
const MAX_EXPIRY_INSTANTS = 5000;

export const emptyTotals = (asOf: Date): DailyStatsTotals => ({
  members: 0, newMembers: 0, byTier: {}, byStage: {}, balances: 0, ledger: 0,
  dayOrders: 0, dayGmvFen: 0, buyers: 0, repeaters: 0, windowGmvFen: 0,
  pointsByType: {}, entriesByType: {}, breakageExpired: 0, breakageSpent: 0,
  schedule: emptySchedule(asOf), mismatchCount: 0, mismatches: [],
});

function addTotals(a: DailyStatsTotals, b: DailyStatsTotals): DailyStatsTotals {
  return {
    members: a.members + b.members, newMembers: a.newMembers + b.newMembers, byTier: addCounts(a.byTier, b.byTier), byStage: addCounts(a.byStage ?? {}, b.byStage ?? {}),
    balances: a.balances + b.balances, ledger: a.ledger + b.ledger,
    dayOrders: a.dayOrders + b.dayOrders, dayGmvFen: a.dayGmvFen + b.dayGmvFen,
    buyers: a.buyers + b.buyers, repeaters: a.repeaters + b.repeaters, windowGmvFen: a.windowGmvFen + b.windowGmvFen,
    pointsByType: addCounts(a.pointsByType, b.pointsByType), entriesByType: addCounts(a.entriesByType, b.entriesByType),
    breakageExpired: a.breakageExpired + b.breakageExpired, breakageSpent: a.breakageSpent + b.breakageSpent,
    schedule: addSchedules(a.schedule, b.schedule),
    mismatchCount: a.mismatchCount + b.mismatchCount, mismatches: [...a.mismatches, ...b.mismatches].slice(0, MAX_MISMATCHES),
  };
}

interface Window { dayStart: Date; dayEnd: Date; activeFrom: Date; breakageFrom: Date; asOf: Date }

function windowOf(day: string, asOf: Date, config: LoyaltyConfig): Window {
  const dayStart = shanghaiDayStart(day);
  const dayEnd = shanghaiDayStart(addDays(day, 1));
  return {
    dayStart, dayEnd, asOf,
    activeFrom: new Date(dayEnd.getTime() - config.stats.activeDays * DAY_MS),
    breakageFrom: monthsLaterDayStart(dayEnd, -config.stats.breakageMonths),
  };
}

type Row = Record<string, any>;

/** The totals of the members `ids` (one chunk; every match is an indexed equality on _id / openid). */
async function chunkTotals(db: Database, ids: string[], w: Window): Promise<DailyStatsTotals> {
  const _ = db.command;
  const $ = db.command.aggregate;
  if (ids.length === 0) return emptyTotals(w.asOf);
  const range = _.in(ids);
  const during = (from: Date, to: Date) => _.gte(from).and(_.lt(to));
  const run = (coll: 'members' | 'point_ledger' | 'orders', stages: (a: any) => any, limit = 100) =>
    stages(db.collection(coll).aggregate()).limit(limit).end().then((r: { list: Row[] }) => r.list);
  const [tiers, stages, fresh, lots, ledgerDay, ledgerHistory, dayOrders, buyers, reconciled] = await Promise.all([
    run('members', (a) => a.match({ _id: range }).group({ _id: '$tierLevel', n: $.sum(1), balance: $.sum('$points.balance') })),
    run('members', (a) => a.match({ _id: range }).group({ _id: '$lifecycle.stage', n: $.sum(1) })),
    run('members', (a) => a.match({ _id: range, createdAt: during(w.dayStart, w.dayEnd) }).group({ _id: null, n: $.sum(1) })),
    // Lots by their expiry instant (lot expiries are Shanghai day starts or year ends, so a few hundred instants at most).
    run('members', (a) => a.match({ _id: range }).unwind('$points.lots')
      .match({ 'points.lots.remaining': _.gt(0), 'points.lots.expiresAt': _.gte(w.asOf) })
      .group({ _id: '$points.lots.expiresAt', points: $.sum('$points.lots.remaining') }), MAX_EXPIRY_INSTANTS),
    run('point_ledger', (a) => a.match({ openid: range, createdAt: during(w.dayStart, w.dayEnd) }).group({ _id: '$type', points: $.sum('$amount'), entries: $.sum(1) })),
    run('point_ledger', (a) => a.match({ openid: range, type: _.in(['spend', 'expire']), createdAt: during(w.breakageFrom, w.dayEnd) }).group({ _id: '$type', points: $.sum('$amount') })),
    run('orders', (a) => a.match({ openid: range, paidAt: during(w.dayStart, w.dayEnd) }).group({ _id: null, n: $.sum(1), fen: $.sum('$paidFen') })),
    // One row per buyer of the window, then one row: buyers, repeat buyers (2+ orders) and their spend.
    run('orders', (a) => a.match({ openid: range, paidAt: during(w.activeFrom, w.dayEnd) }).group({ _id: '$openid', n: $.sum(1), fen: $.sum('$paidFen') })
      .group({ _id: null, buyers: $.sum(1), repeaters: $.sum($.cond({ if: $.gte(['$n', 2]), then: 1, else: 0 })), fen: $.sum('$fen') })),
    reconcile(db, range, ids.length),
  ]);
  const totals = emptyTotals(w.asOf);
  for (const row of tiers) {
    totals.members += row.n;
    totals.balances += row.balance;
    totals.byTier[String(row._id ?? 0)] = (totals.byTier[String(row._id ?? 0)] ?? 0) + row.n;
  }
  for (const row of stages) totals.byStage[row._id ?? 'none'] = (totals.byStage[row._id ?? 'none'] ?? 0) + row.n;
  totals.newMembers = fresh[0]?.n ?? 0;
  if (lots.length >= MAX_EXPIRY_INSTANTS) throw new Error(`more than ${MAX_EXPIRY_INSTANTS} lot expiry instants in one chunk`);
  totals.schedule = scheduleFromLots(lots.map((row: Row) => ({ expiresAt: new Date(row._id), remaining: row.points as number })), w.asOf);
  for (const row of ledgerDay) {
    totals.pointsByType[row._id] = row.points;
    totals.entriesByType[row._id] = row.entries;
  }
  for (const row of ledgerHistory) {
    if (row._id === 'expire') totals.breakageExpired = -row.points;
    if (row._id === 'spend') totals.breakageSpent = -row.points;
  }
  totals.dayOrders = dayOrders[0]?.n ?? 0;
  totals.dayGmvFen = dayOrders[0]?.fen ?? 0;
  totals.buyers = buyers[0]?.buyers ?? 0;
  totals.repeaters = buyers[0]?.repeaters ?? 0;
  totals.windowGmvFen = buyers[0]?.fen ?? 0;
  Object.assign(totals, reconciled);
  return totals;
}

/**
 * The chunk's ledger total and its members whose balance is not the sum of their own entries, compared member by
 * member (so two wrong balances that cancel out are still found); one grouped row per member of this chunk only.
 */
async function reconcile(db: Database, range: unknown, members: number) {
  const $ = db.command.aggregate;
  const limit = Math.max(1, members);
  const [balances, sums] = await Promise.all([
    db.collection('members').aggregate().match({ _id: range }).group({ _id: '$_id', balance: $.sum('$points.balance') }).limit(limit).end<{ _id: string; balance: number }>(),
    db.collection('point_ledger').aggregate().match({ openid: range }).group({ _id: '$openid', points: $.sum('$amount') }).limit(limit).end<{ _id: string; points: number }>(),
  ]);
  const ledger = new Map(sums.list.map((r) => [r._id, r.points]));
  const found: DailyStatsTotals['mismatches'] = [];
  for (const m of balances.list) {
    if ((ledger.get(m._id) ?? 0) !== m.balance) found.push({ openid: m._id, balance: m.balance, ledger: ledger.get(m._id) ?? 0 });
  }
  found.sort((a, b) => a.openid.localeCompare(b.openid));
  return { ledger: sums.list.reduce((sum, r) => sum + r.points, 0), mismatchCount: found.length, mismatches: found.slice(0, MAX_MISMATCHES) };
}

/** The snapshot from the finished totals. */
export function snapshotOf(t: DailyStatsTotals, config: LoyaltyConfig): DailySnapshot {
  const breakage = breakageRate(t.breakageExpired, t.breakageSpent);
  const byType = Object.entries(t.pointsByType).map(([type, points]) => ({ type, points, entries: t.entriesByType[type] ?? 0 })).sort((a, b) => a.type.localeCompare(b.type));
  const byStage = Object.entries(t.byStage ?? {}).map(([stage, members]) => ({ stage, members })).sort((a, b) => a.stage.localeCompare(b.stage));
  const byTier = Object.entries(t.byTier).map(([level, members]) => ({ level: Number(level), members })).sort((a, b) => a.level - b.level);
  return {
    members: { total: t.members, new: t.newMembers, byTier, byStage, byChannel: null },
    active: { days: config.stats.activeDays, members: t.buyers, rate: rate(t.buyers, t.members) },
    orders: { count: t.dayOrders, gmvFen: t.dayGmvFen },
    arpu: { windowGmvFen: t.windowGmvFen, perMemberFen: arpuFen(t.windowGmvFen, t.members), perActiveMemberFen: arpuFen(t.windowGmvFen, t.buyers) },
    repurchase: { buyers: t.buyers, repeaters: t.repeaters, rate: rate(t.repeaters, t.buyers) },
    points: {
      issued: t.pointsByType.earn ?? 0,
      spent: -(t.pointsByType.spend ?? 0),
      expired: -(t.pointsByType.expire ?? 0),
      byType,
    },
    outstandingPoints: t.balances,
    liability: { ...pointsLiability(t.balances, config.settlement.fenPerPoint, breakage), historyMonths: config.stats.breakageMonths, historyExpired: t.breakageExpired, historySpent: t.breakageSpent },
    expirySchedule: t.schedule,
    reconciliation: { balances: t.balances, ledger: t.ledger, ok: t.balances === t.ledger && t.mismatchCount === 0, mismatchCount: t.mismatchCount, mismatches: t.mismatches },
  };
}

export interface SnapshotRun { day: string; status: 'done' | 'running' | 'skipped'; chunks: number }

/**
 * Works on the snapshot of the Shanghai day before `now` within `budgetMs`: starts it, adds chunks, finishes it.
 * A finished day is left alone (a second run writes nothing). Each chunk's totals are written with the cursor they
 * move past, on the condition that the cursor is still where this run read it, so two runs never add a chunk twice.
 */
export async function runDailySnapshot(db: Database, now: Date, budgetMs: number): Promise<SnapshotRun> {
  const started = Date.now();
  const day = addDays(shanghaiDay(now), -1);
  const ref = db.collection('daily_stats').doc(day);
  const doc: DailyStatsDoc | null = await ref.get().then((r) => r.data as unknown as DailyStatsDoc, () => null);
  if (doc?.status === 'done') return { day, status: 'skipped', chunks: doc.chunks };
  const config = await loadConfig(db);
  if (!doc) {
    const fresh: DailyStatsDoc = { _id: day, day, status: 'running', cursor: '', chunks: 0, asOf: now, startedAt: now, updatedAt: now, totals: emptyTotals(now), snapshot: null };
    await db.collection('daily_stats').add({ data: fresh }).catch(() => undefined); // a concurrent run added it first
  }
  const current: DailyStatsDoc = doc ?? (await ref.get()).data as unknown as DailyStatsDoc;
  const asOf = new Date(current.asOf);
  const w = windowOf(day, asOf, config);
  let { cursor, chunks, totals } = current;
  totals = { ...totals, schedule: { ...totals.schedule } };
  const _ = db.command;
  while (Date.now() - started < budgetMs) {
    const size = config.stats.membersPerChunk;
    // The chunk: the next `size` member ids (ids only), then grouped aggregations over exactly those members.
    const { data: page } = await db.collection('members').where({ _id: _.gt(cursor) }).orderBy('_id', 'asc').limit(size).field({ _id: true }).get();
    const ids = page.map((m) => m._id);
    const next = addTotals(totals, await chunkTotals(db, ids, w));
    const last = ids.length < size;
    const data = {
      cursor: ids.length ? ids[ids.length - 1] : cursor, chunks: chunks + 1, totals: next, updatedAt: new Date(),
      ...(last ? { status: 'done' as const, snapshot: snapshotOf(next, config), finishedAt: new Date() } : {}),
    };
    const { stats } = await db.collection('daily_stats').where({ _id: day, status: 'running', cursor, chunks }).update({ data });
    if (stats.updated !== 1) return { day, status: 'running', chunks }; // another run moved on: leave it to that one
    cursor = data.cursor;
    chunks = data.chunks;
    totals = next;
    if (last) return { day, status: 'done', chunks };
  }
  return { day, status: 'running', chunks };
}
