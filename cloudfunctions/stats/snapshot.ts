// The nightly snapshot job: one `daily_stats` document per Shanghai day, computed after the day ends, in resumable
// chunks of members (by openid order). Every chunk is a handful of grouped aggregations over the chunk's openid range
// (members, their ledger, their orders: `_id`/`openid` in the chunk's ids), added into the running totals that the document keeps with its cursor, so a
// run that runs out of time leaves the next run to continue; the last chunk finishes the snapshot. Nothing reads every
// member: a chunk reads its members' ids only, and only a reconciliation mismatch reads per-member rows (of one chunk).
import type { LoyaltyConfig } from '../core/config';
import type { DailyStatsDoc, DailyStatsTotals, DailySnapshot } from '../core/documents';
import {
  addCounts, addDeep, addSchedules, arpuFen, breakageRate, cohortTable, emptyMore, emptySchedule, monthsBetween, npsOf, pointsLiability, rate, scheduleFromLots,
  shanghaiMonth, totalsKey, type CohortTable, type MoreTotals,
} from '../core/stats';
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
  schedule: emptySchedule(asOf), mismatchCount: 0, mismatches: [], more: emptyMore(),
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
    // A day whose totals began before these figures existed leaves them out (its snapshot says null, not a part).
    ...(a.more ? { more: addDeep(a.more, b.more ?? emptyMore()) } : {}),
  };
}

interface Window { day: string; month: string; dayStart: Date; dayEnd: Date; monthStart: Date; activeFrom: Date; breakageFrom: Date; asOf: Date }

function windowOf(day: string, asOf: Date, config: LoyaltyConfig): Window {
  const dayStart = shanghaiDayStart(day);
  const dayEnd = shanghaiDayStart(addDays(day, 1));
  return {
    day, month: day.slice(0, 7), dayStart, dayEnd, monthStart: shanghaiDayStart(`${day.slice(0, 7)}-01`), asOf,
    activeFrom: new Date(dayEnd.getTime() - config.stats.activeDays * DAY_MS),
    breakageFrom: monthsLaterDayStart(dayEnd, -config.stats.breakageMonths),
  };
}

type Row = Record<string, any>;

/** One member of a chunk's page: its id and when it joined (the cohort). */
export interface ChunkMember { _id: string; createdAt: Date | string }

/** The totals of the members `ids` (one chunk; every match is an indexed equality on _id / openid). */
async function chunkTotals(db: Database, page: ChunkMember[], w: Window): Promise<DailyStatsTotals> {
  const _ = db.command;
  const $ = db.command.aggregate;
  const ids = page.map((m) => m._id);
  if (ids.length === 0) return emptyTotals(w.asOf);
  const range = _.in(ids);
  const during = (from: Date, to: Date) => _.gte(from).and(_.lt(to));
  const run = (coll: 'members' | 'point_ledger' | 'orders', stages: (a: any) => any, limit = 100) =>
    stages(db.collection(coll).aggregate()).limit(limit).end().then((r: { list: Row[] }) => r.list);
  const [groups, fresh, lots, ledgerDay, ledgerHistory, buyers, reconciled] = await Promise.all([
    // Members by tier, stored lifecycle stage and registration channel at once (a few dozen rows at most).
    run('members', (a) => a.match({ _id: range }).group({
      _id: { tier: '$tierLevel', stage: '$lifecycle.stage', channel: $.cond({ if: $.ifNull(['$imported', false]), then: 'import', else: $.cond({ if: $.ifNull(['$referredBy', false]), then: 'referral', else: 'direct' }) }) },
      n: $.sum(1), balance: $.sum('$points.balance'), debt: $.sum('$points.debt'),
    }), 1000),
    run('members', (a) => a.match({ _id: range, createdAt: during(w.dayStart, w.dayEnd) }).group({ _id: null, n: $.sum(1) })),
    // Lots by their expiry instant (lot expiries are Shanghai day starts or year ends, so a few hundred instants at most).
    run('members', (a) => a.match({ _id: range }).unwind('$points.lots')
      .match({ 'points.lots.remaining': _.gt(0), 'points.lots.expiresAt': _.gte(w.asOf) })
      .group({ _id: '$points.lots.expiresAt', points: $.sum('$points.lots.remaining') }), MAX_EXPIRY_INSTANTS),
    // The day's entries by type, source (the key's prefix), format, whether they drew lots, and the day's own check-in.
    run('point_ledger', (a) => a.match({ openid: range, createdAt: during(w.dayStart, w.dayEnd) }).group({
      _id: { type: '$type', source: $.arrayElemAt([$.split(['$key', ':']), 0]), format: $.ifNull(['$format', '']), draws: $.gt([$.size($.ifNull(['$lots', []])), 0]), checkin: $.eq(['$key', `checkin:${w.day}`]) },
      points: $.sum('$amount'), entries: $.sum(1),
    }), 1000),
    run('point_ledger', (a) => a.match({ openid: range, type: _.in(['spend', 'expire']), createdAt: during(w.breakageFrom, w.dayEnd) }).group({ _id: '$type', points: $.sum('$amount') })),
    // One row per buyer of the window, then one row: buyers, repeat buyers (2+ orders) and their spend.
    run('orders', (a) => a.match({ openid: range, paidAt: during(w.activeFrom, w.dayEnd) }).group({ _id: '$openid', n: $.sum(1), fen: $.sum('$paidFen') })
      .group({ _id: null, buyers: $.sum(1), repeaters: $.sum($.cond({ if: $.gte(['$n', 2]), then: 1, else: 0 })), fen: $.sum('$fen') })),
    reconcile(db, range, ids.length),
  ]);
  const more = await moreTotals(db, page, w);
  const totals = emptyTotals(w.asOf);
  const m = more.totals;
  for (const row of groups) {
    const tier = String(row._id?.tier ?? 0);
    const stage = row._id?.stage ?? 'none';
    const channel = row._id?.channel ?? 'direct';
    totals.members += row.n;
    totals.balances += row.balance;
    m.debt += row.debt ?? 0;
    totals.byTier[tier] = (totals.byTier[tier] ?? 0) + row.n;
    totals.byStage[stage] = (totals.byStage[stage] ?? 0) + row.n;
    m.byChannel[channel] = (m.byChannel[channel] ?? 0) + row.n;
  }
  totals.newMembers = fresh[0]?.n ?? 0;
  if (lots.length >= MAX_EXPIRY_INSTANTS) throw new Error(`more than ${MAX_EXPIRY_INSTANTS} lot expiry instants in one chunk`);
  totals.schedule = scheduleFromLots(lots.map((row: Row) => ({ expiresAt: new Date(row._id), remaining: row.points as number })), w.asOf);
  for (const row of ledgerDay) {
    const { type, source, format, draws, checkin } = row._id as { type: string; source: string; format: string; draws: boolean; checkin: boolean };
    totals.pointsByType[type] = (totals.pointsByType[type] ?? 0) + row.points;
    totals.entriesByType[type] = (totals.entriesByType[type] ?? 0) + row.entries;
    const k = totalsKey(type, source);
    const bySource = m.bySource[k] ?? { type, source, points: 0, entries: 0 };
    m.bySource[k] = { ...bySource, points: bySource.points + row.points, entries: bySource.entries + row.entries };
    if (!draws) addTo(m.byFormat, totalsKey(type, format), { type, format }, row.points);
    if (checkin) m.checkins += row.entries;
  }
  for (const row of ledgerHistory) {
    if (row._id === 'expire') totals.breakageExpired = -row.points;
    if (row._id === 'spend') totals.breakageSpent = -row.points;
  }
  totals.dayOrders = more.dayOrders;
  totals.dayGmvFen = more.dayGmvFen;
  totals.buyers = buyers[0]?.buyers ?? 0;
  totals.repeaters = buyers[0]?.repeaters ?? 0;
  totals.windowGmvFen = buyers[0]?.fen ?? 0;
  Object.assign(totals, reconciled);
  totals.more = m;
  return totals;
}

/** Adds `points` to the row `key` of a map of labelled rows. */
function addTo<L extends Record<string, string>>(map: Record<string, L & { points: number }>, key: string, labels: L, points: number) {
  map[key] = { ...labels, points: (map[key]?.points ?? 0) + points } as L & { points: number };
}

/**
 * The chunk's part of the figures added later: lots per format and store, lot draws of the day, the day's orders per
 * format and store, refunds, tier changes, task claims, referrals, the mall, NPS answers and the cohorts. Each is one
 * grouped request over the chunk's members (an indexed equality on openid or _id, then the day's range).
 */
async function moreTotals(db: Database, page: ChunkMember[], w: Window): Promise<{ totals: MoreTotals; dayOrders: number; dayGmvFen: number }> {
  const _ = db.command;
  const $ = db.command.aggregate;
  const ids = page.map((m) => m._id);
  const range = _.in(ids);
  const during = (from: Date, to: Date) => _.gte(from).and(_.lt(to));
  const run = (coll: 'members' | 'point_ledger' | 'orders' | 'refunds' | 'messages' | 'task_claims' | 'referrals' | 'redemptions' | 'benefit_vouchers' | 'nps_responses', stages: (a: any) => any, limit = 1000) =>
    stages(db.collection(coll).aggregate()).limit(limit).end().then((r: { list: Row[] }) => r.list);
  const months = (field: string) => $.dateToString({ date: field, format: '%Y-%m', timezone: 'Asia/Shanghai' });
  const count = { n: $.sum(1) };
  const [lotRows, draws, sales, refunds, olderRefunds, tierMoves, taskRows, taskMembers, firstOrders, invitees, redeemed, cancelled, mallUsed, benefitUsed, nps, bought, redeemedMonths] = await inBatches<Row[]>([
    () => run('members', (a) => a.match({ _id: range }).unwind('$points.lots').match({ 'points.lots.remaining': _.gt(0) })
      .group({ _id: { format: $.ifNull(['$points.lots.format', '']), storeId: $.ifNull(['$points.lots.storeId', '']) }, points: $.sum('$points.lots.remaining') })),
    () => run('point_ledger', (a) => a.match({ openid: range, createdAt: during(w.dayStart, w.dayEnd), 'lots.0': _.exists(true) }).unwind('$lots')
      .group({ _id: { type: '$type', format: $.ifNull(['$lots.format', '']), storeId: $.ifNull(['$lots.storeId', '']) }, points: $.sum($.multiply(['$lots.amount', $.cond({ if: $.lt(['$amount', 0]), then: -1, else: 1 })])) })),
    () => run('orders', (a) => a.match({ openid: range, paidAt: during(w.dayStart, w.dayEnd) })
      .group({ _id: { format: $.ifNull(['$format', '']), storeId: $.ifNull(['$storeId', '']) }, orders: $.sum(1), fen: $.sum('$paidFen'), points: $.sum($.ifNull(['$rewards.pointsEarned', 0])) })),
    // Refunds are kept on their order; those recorded before that are in `refunds`.
    () => run('orders', (a) => a.match({ openid: range, 'refunds.refundedAt': during(w.dayStart, w.dayEnd) }).unwind('$refunds')
      .match({ 'refunds.refundedAt': during(w.dayStart, w.dayEnd) }).group({ _id: null, n: $.sum(1), fen: $.sum('$refunds.refundFen') })),
    () => run('refunds', (a) => a.match({ openid: range, refundedAt: during(w.dayStart, w.dayEnd) }).group({ _id: null, n: $.sum(1), fen: $.sum('$refundFen') })),
    () => run('messages', (a) => a.match({ openid: range, key: 'tierChanged', createdAt: during(w.dayStart, w.dayEnd) })
      .group({ _id: $.gt(['$variables.toLevel', '$variables.fromLevel']), ...count })),
    () => run('task_claims', (a) => a.match({ openid: range, createdAt: during(w.dayStart, w.dayEnd) }).group({ _id: '$taskId', ...count })),
    () => run('task_claims', (a) => a.match({ openid: range, createdAt: during(w.dayStart, w.dayEnd) }).group({ _id: '$openid' }).group({ _id: null, ...count })),
    () => run('referrals', (a) => a.match({ _id: range, firstOrderAt: during(w.dayStart, w.dayEnd) }).group({ _id: null, ...count })),
    // Invitees bound in the activity window: whether bound during the day, whether their first order came by its end.
    () => run('referrals', (a) => a.match({ _id: range, boundAt: during(w.activeFrom, w.dayEnd) })
      .group({ _id: { today: $.gte(['$boundAt', w.dayStart]), ordered: $.and([$.neq([$.ifNull(['$firstOrderAt', null]), null]), $.lt(['$firstOrderAt', w.dayEnd])]) }, ...count })),
    () => run('redemptions', (a) => a.match({ openid: range, createdAt: during(w.dayStart, w.dayEnd) })
      .group({ _id: '$itemId', itemName: $.max('$itemName'), n: $.sum(1), units: $.sum('$quantity'), points: $.sum('$points') })),
    () => run('redemptions', (a) => a.match({ openid: range, 'cancelled.at': during(w.dayStart, w.dayEnd) }).group({ _id: null, ...count })),
    () => run('redemptions', (a) => a.match({ openid: range, 'used.at': during(w.dayStart, w.dayEnd) }).group({ _id: '$used.storeId', ...count })),
    () => run('benefit_vouchers', (a) => a.match({ openid: range, 'used.at': during(w.dayStart, w.dayEnd) }).group({ _id: '$used.storeId', ...count })),
    () => run('nps_responses', (a) => a.match({ openid: range, answeredAt: during(w.monthStart, w.dayEnd) }).group({ _id: { score: '$score', today: $.gte(['$answeredAt', w.dayStart]) }, ...count })),
    // Cohorts: each member's months with a purchase (an order not refunded in full) and with a redemption (not cancelled).
    () => run('orders', (a) => a.match({ openid: range, paidAt: _.lt(w.dayEnd), status: _.neq('refunded') }).group({ _id: '$openid', months: $.addToSet(months('$paidAt')) })),
    () => run('redemptions', (a) => a.match({ openid: range, createdAt: _.lt(w.dayEnd), status: _.neq('cancelled') }).group({ _id: '$openid', months: $.addToSet(months('$createdAt')) })),
  ], PARALLEL);
  const t = emptyMore();
  for (const row of lotRows) {
    const { format, storeId } = row._id as { format: string; storeId: string };
    t.lots += row.points;
    addTo(t.lotsByFormat, totalsKey(format), { format }, row.points);
    addTo(t.lotsByStore, totalsKey(storeId), { storeId }, row.points);
  }
  for (const row of draws) {
    const { type, format, storeId } = row._id as { type: string; format: string; storeId: string };
    addTo(t.byFormat, totalsKey(type, format), { type, format }, row.points);
    addTo(t.byStore, totalsKey(type, storeId), { type, storeId }, row.points);
  }
  let dayOrders = 0;
  let dayGmvFen = 0;
  for (const row of sales) {
    const { format, storeId } = row._id as { format: string; storeId: string };
    t.sales[totalsKey(format, storeId)] = { format, storeId, orders: row.orders, gmvFen: row.fen, points: row.points };
    dayOrders += row.orders;
    dayGmvFen += row.fen;
  }
  t.refunds = (refunds[0]?.n ?? 0) + (olderRefunds[0]?.n ?? 0);
  t.refundFen = (refunds[0]?.fen ?? 0) + (olderRefunds[0]?.fen ?? 0);
  for (const row of tierMoves) { if (row._id) t.promotions += row.n; else t.demotions += row.n; }
  for (const row of taskRows) t.taskClaims[totalsKey(String(row._id))] = { taskId: String(row._id), claims: row.n };
  t.taskMembers = taskMembers[0]?.n ?? 0;
  t.referralFirstOrders = firstOrders[0]?.n ?? 0;
  for (const row of invitees) {
    t.referralWindowInvited += row.n;
    if (row._id?.today) t.referralsRegistered += row.n;
    if (row._id?.ordered) t.referralWindowOrdered += row.n;
  }
  for (const row of redeemed) t.redemptions[totalsKey(String(row._id))] = { itemId: String(row._id), itemName: String(row.itemName ?? ''), redemptions: row.n, units: row.units, points: row.points };
  t.cancelled = cancelled[0]?.n ?? 0;
  for (const row of mallUsed) { t.writeOffsMall += row.n; addCount(t.writeOffsByStore, String(row._id ?? ''), row.n); }
  for (const row of benefitUsed) { t.writeOffsBenefit += row.n; addCount(t.writeOffsByStore, String(row._id ?? ''), row.n); }
  for (const row of nps) {
    const k = `s${row._id.score}`;
    t.npsMonth[k] = (t.npsMonth[k] ?? 0) + row.n;
    if (row._id.today) t.npsDay[k] = (t.npsDay[k] ?? 0) + row.n;
  }
  // The cohort of each member of the page (its join month), then the months since joining of their purchases/redemptions.
  const joined = new Map(page.map((p) => [p._id, shanghaiMonth(new Date(p.createdAt))]));
  for (const month of joined.values()) {
    t.cohorts[month] ??= { members: 0, buyers: {}, redeemers: {} };
    t.cohorts[month].members += 1;
  }
  const spread = (rows: Row[], into: 'buyers' | 'redeemers') => {
    for (const row of rows) {
      const cohort = joined.get(row._id);
      if (!cohort) continue;
      for (const month of row.months as string[]) {
        const since = monthsBetween(cohort, month);
        if (since < 0) continue; // before joining (an order delivered late under an earlier date): not retention
        const counts = t.cohorts[cohort][into];
        counts[`m${since}`] = (counts[`m${since}`] ?? 0) + 1;
      }
    }
  };
  spread(bought, 'buyers');
  spread(redeemedMonths, 'redeemers');
  return { totals: t, dayOrders, dayGmvFen };
}

/** Requests of one chunk in flight at once: a chunk's dozen and a half aggregations go in waves, not all at once. */
const PARALLEL = 6;

/** Runs the tasks `size` at a time, answering their results in order. */
async function inBatches<T>(tasks: Array<() => Promise<T>>, size: number): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < tasks.length; i += size) out.push(...(await Promise.all(tasks.slice(i, i + size).map((task) => task()))));
  return out;
}

function addCount(map: Record<string, { storeId: string; count: number }>, storeId: string, n: number) {
  const k = totalsKey(storeId);
  map[k] = { storeId, count: (map[k]?.count ?? 0) + n };
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
export function snapshotOf(t: DailyStatsTotals, config: LoyaltyConfig, w: Pick<Window, 'month'>): DailySnapshot {
  const breakage = breakageRate(t.breakageExpired, t.breakageSpent);
  const byType = Object.entries(t.pointsByType).map(([type, points]) => ({ type, points, entries: t.entriesByType[type] ?? 0 })).sort((a, b) => a.type.localeCompare(b.type));
  const byStage = Object.entries(t.byStage ?? {}).map(([stage, members]) => ({ stage, members })).sort((a, b) => a.stage.localeCompare(b.stage));
  const byTier = Object.entries(t.byTier).map(([level, members]) => ({ level: Number(level), members })).sort((a, b) => a.level - b.level);
  return {
    members: { total: t.members, new: t.newMembers, byTier, byStage, byChannel: t.more ? rows(t.more.byChannel).map(([channel, members]) => ({ channel, members })) : null },
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
    ...moreOf(t, config, w),
  };
}

/** A map's entries sorted by key. */
const rows = <V>(map: Record<string, V>) => Object.entries(map).sort(([a], [b]) => a.localeCompare(b));
/** A map of labelled rows as a list sorted by its key. */
const list = <V>(map: Record<string, V>) => rows(map).map(([, v]) => v);

/** The figures added later; null each when the day's totals began before them (a day resumed across the upgrade). */
function moreOf(t: DailyStatsTotals, config: LoyaltyConfig, w: Pick<Window, 'month'>): Pick<DailySnapshot, 'tiers' | 'sales' | 'pointsDetail' | 'engagement' | 'referrals' | 'mall' | 'nps'> {
  const m = t.more;
  if (!m) return { tiers: null, sales: null, pointsDetail: null, engagement: null, referrals: null, mall: null, nps: null };
  const sales = list(m.sales);
  const byFormat = new Map<string, { format: string; orders: number; gmvFen: number; points: number }>();
  for (const r of sales) {
    const f = byFormat.get(r.format) ?? { format: r.format, orders: 0, gmvFen: 0, points: 0 };
    byFormat.set(r.format, { format: r.format, orders: f.orders + r.orders, gmvFen: f.gmvFen + r.gmvFen, points: f.points + r.points });
  }
  const taskClaims = list(m.taskClaims);
  const byItem = list(m.redemptions);
  return {
    tiers: { promotions: m.promotions, demotions: m.demotions },
    sales: {
      refunds: m.refunds, refundFen: m.refundFen,
      byFormat: [...byFormat.values()].sort((a, b) => a.format.localeCompare(b.format)),
      byStore: sales.filter((r) => r.storeId !== '').map((r) => ({ storeId: r.storeId, format: r.format, orders: r.orders, gmvFen: r.gmvFen, points: r.points })),
    },
    pointsDetail: {
      bySource: list(m.bySource),
      byFormat: list(m.byFormat),
      byStore: list(m.byStore),
      outstanding: { lots: m.lots, debt: m.debt, byFormat: list(m.lotsByFormat), byStore: list(m.lotsByStore) },
    },
    engagement: {
      checkins: { members: m.checkins, rate: rate(m.checkins, t.members) },
      tasks: { claims: taskClaims.reduce((s, r) => s + r.claims, 0), members: m.taskMembers, byTask: taskClaims },
    },
    referrals: {
      registered: m.referralsRegistered, firstOrders: m.referralFirstOrders,
      window: { days: config.stats.activeDays, invited: m.referralWindowInvited, ordered: m.referralWindowOrdered, rate: rate(m.referralWindowOrdered, m.referralWindowInvited) },
    },
    mall: {
      redemptions: byItem.reduce((s, r) => s + r.redemptions, 0), units: byItem.reduce((s, r) => s + r.units, 0), points: byItem.reduce((s, r) => s + r.points, 0),
      cancelled: m.cancelled, byItem,
      writeOffs: { mall: m.writeOffsMall, benefit: m.writeOffsBenefit, total: m.writeOffsMall + m.writeOffsBenefit, byStore: list(m.writeOffsByStore) },
    },
    nps: { day: npsOf(m.npsDay), month: { month: w.month, ...npsOf(m.npsMonth) } },
  };
}

/** The cohort tables of a finished day (null when its totals began before cohorts were counted). */
export const cohortsOf = (t: DailyStatsTotals, w: Pick<Window, 'month'>): CohortTable | null => (t.more ? cohortTable(t.more.cohorts, w.month) : null);

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
    const { data: page } = await db.collection('members').where({ _id: _.gt(cursor) }).orderBy('_id', 'asc').limit(size).field({ _id: true, createdAt: true }).get();
    const ids = page.map((m) => m._id);
    const next = addTotals(totals, await chunkTotals(db, page as unknown as ChunkMember[], w));
    const last = ids.length < size;
    const data = {
      cursor: ids.length ? ids[ids.length - 1] : cursor, chunks: chunks + 1, totals: next, updatedAt: new Date(),
      ...(last ? { status: 'done' as const, snapshot: snapshotOf(next, config, w), cohorts: cohortsOf(next, w), finishedAt: new Date() } : {}),
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
