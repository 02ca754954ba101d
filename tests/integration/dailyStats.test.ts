// The nightly snapshot (cloudfunctions/stats) through the local cloud: a generated population of members with lots,
// a ledger, orders, spends and expiry; the stats timer's snapshot checked figure by figure against a brute-force
// computation here, in chunks smaller than the population; a second run on the same day writes nothing; an injected
// ledger entry that no balance reflects is reported by the next day's reconciliation; the console reads the range.
import { emptySchedule } from '../../cloudfunctions/core/stats';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

const DAY = '2026-06-10';
const AS_OF = '2026-06-11T01:00:00.000+08:00';
const at = (iso: string) => new Date(iso);
const DAY_START = at('2026-06-10T00:00:00+08:00');
const DAY_END = at('2026-06-11T00:00:00+08:00');
const ACTIVE_FROM = new Date(DAY_END.getTime() - 30 * 86_400_000);
const BREAKAGE_FROM = at('2025-06-11T00:00:00+08:00');

interface Seeded { openid: string; tier: number; stage: string | null; createdAt: Date; ledger: Array<{ type: string; amount: number; createdAt: Date }>; lots: Array<{ remaining: number; expiresAt: Date }>; orders: Array<{ paidFen: number; paidAt: Date }> }

// A small deterministic generator: the same population every run.
let seed = 7;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 65536) % n; };
const pick = <T>(xs: T[]) => xs[rnd(xs.length)];
const EARN_DAYS = ['2025-03-02T10:00:00+08:00', '2025-09-15T10:00:00+08:00', '2026-05-20T10:00:00+08:00', '2026-06-10T09:30:00+08:00', '2026-06-10T23:59:59+08:00'];
const EXPIRY_DAYS = ['2026-06-11T00:30:00+08:00', '2026-06-30T23:59:59+08:00', '2026-07-01T00:00:00+08:00', '2026-12-31T23:59:59+08:00', '2027-05-31T23:59:59+08:00', '2027-06-01T00:00:00+08:00', '2027-12-31T23:59:59+08:00'];
const ORDER_DAYS = ['2026-04-01T12:00:00+08:00', '2026-05-11T23:59:59+08:00', '2026-05-12T00:00:00+08:00', '2026-05-12T12:00:00+08:00', '2026-06-01T12:00:00+08:00', '2026-05-25T12:00:00+08:00', '2026-06-10T00:00:00+08:00', '2026-06-10T15:00:00+08:00', '2026-06-11T00:00:00+08:00'];

function population(n: number): Seeded[] {
  const out: Seeded[] = [];
  for (let i = 0; i < n; i++) {
    const openid = `ds-${String(i).padStart(3, '0')}`;
    const ledger: Seeded['ledger'] = [];
    const lots: Seeded['lots'] = [];
    for (let k = rnd(3); k > 0; k--) {
      const earned = 100 + rnd(900);
      ledger.push({ type: 'earn', amount: earned, createdAt: at(pick(EARN_DAYS)) });
      const spent = rnd(2) ? rnd(earned) : 0;
      if (spent) ledger.push({ type: 'spend', amount: -spent, createdAt: at(pick(EARN_DAYS)) });
      const expired = rnd(3) === 0 ? rnd(earned - spent) : 0;
      if (expired) ledger.push({ type: 'expire', amount: -expired, createdAt: at(pick(EARN_DAYS)) });
      lots.push({ remaining: earned - spent - expired, expiresAt: at(pick(EXPIRY_DAYS)) });
    }
    if (rnd(4) === 0) ledger.push({ type: 'adjust', amount: 0, createdAt: at('2026-06-10T08:00:00+08:00') });
    const orders = Array.from({ length: rnd(5) }, () => ({ paidFen: 100 + rnd(50_000), paidAt: at(pick(ORDER_DAYS)) }));
    out.push({ openid, tier: rnd(3), stage: pick([null, 'new', 'active', 'dormant']), createdAt: i % 5 === 0 ? at('2026-06-10T10:00:00+08:00') : at('2026-01-05T10:00:00+08:00'), ledger, lots, orders });
  }
  return out;
}

const POPULATION = population(37);

async function seedPopulation(people: Seeded[], cloud: TestCloud) {
  const balance = (p: Seeded) => p.ledger.reduce((s, e) => s + e.amount, 0);
  await cloud.cloud.db.insertMany('members', people.map((p) => ({
    _id: p.openid, openid: p.openid, memberNo: `8${p.openid.slice(3).padStart(10, '0')}`, nickname: '', tierLevel: p.tier, ...(p.stage ? { lifecycle: { stage: p.stage, since: p.createdAt, previous: null, purchases: [] } } : {}), createdAt: p.createdAt, updatedAt: p.createdAt,
    points: { balance: balance(p), debt: 0, pending: 0, lots: p.lots.map((l, k) => ({ lotId: `lot:${k}`, amount: l.remaining, remaining: l.remaining, earnedAt: p.createdAt, availableAt: p.createdAt, expiresAt: l.expiresAt, format: '', ref: 'seed' })) },
  })));
  const entries = people.flatMap((p) => {
    let running = 0;
    return p.ledger.map((e, k) => { running += e.amount; return { _id: `${p.openid}|seed:${k}`, openid: p.openid, key: `seed:${k}`, seq: k + 1, type: e.type, amount: e.amount, balanceAfter: running, reason: '测试', ref: 'seed', issuer: 'test', createdAt: e.createdAt }; });
  });
  await cloud.cloud.db.insertMany('point_ledger', entries);
  const orders = people.flatMap((p) => p.orders.map((o, k) => ({ _id: `${p.openid}-o${k}`, openid: p.openid, memberNo: '', paidFen: o.paidFen, paidAt: o.paidAt, items: [], categories: [], storeId: null, format: 'mall', channel: 'test', status: 'paid', createdAt: o.paidAt })));
  await cloud.cloud.db.insertMany('orders', orders);
}

/** Every figure of the snapshot, straight from the seeded arrays. */
function bruteForce(people: Seeded[], extraLedger: Record<string, number> = {}) {
  const inDay = (d: Date) => d >= DAY_START && d < DAY_END;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const all = people.flatMap((p) => p.ledger);
  const ofType = (type: string, f: (d: Date) => boolean) => all.filter((e) => e.type === type && f(e.createdAt));
  const balances = sum(people.map((p) => sum(p.ledger.map((e) => e.amount))));
  const byTier = [0, 1, 2].map((level) => ({ level, members: people.filter((p) => p.tier === level).length })).filter((r) => r.members > 0);
  const windowOrders = people.map((p) => p.orders.filter((o) => o.paidAt >= ACTIVE_FROM && o.paidAt < DAY_END));
  const buyers = windowOrders.filter((os) => os.length > 0).length;
  const repeaters = windowOrders.filter((os) => os.length >= 2).length;
  const windowGmv = sum(windowOrders.flat().map((o) => o.paidFen));
  const inHistory = (d: Date) => d >= BREAKAGE_FROM && d < DAY_END;
  const expired12 = 0 - sum(ofType('expire', inHistory).map((e) => e.amount));
  const spent12 = 0 - sum(ofType('spend', inHistory).map((e) => e.amount));
  const breakage = expired12 + spent12 ? Math.round((expired12 / (expired12 + spent12)) * 10_000) / 10_000 : 0;
  const byType: Record<string, { points: number; entries: number }> = {};
  for (const e of all.filter((x) => inDay(x.createdAt))) {
    byType[e.type] ??= { points: 0, entries: 0 };
    byType[e.type].points += e.amount;
    byType[e.type].entries += 1;
  }
  // Months of the schedule: June 2026 (from AS_OF on) to May 2027; later after that.
  const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05'];
  const monthOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
  const lots = people.flatMap((p) => p.lots).filter((l) => l.remaining > 0 && l.expiresAt >= at(AS_OF));
  const ledgerTotal = balances + sum(Object.values(extraLedger));
  return {
    members: {
      total: people.length, new: people.filter((p) => inDay(p.createdAt)).length, byTier,
      byStage: ['active', 'dormant', 'new', 'none'].map((stage) => ({ stage, members: people.filter((p) => (p.stage ?? 'none') === stage).length })).filter((r) => r.members > 0),
      byChannel: null,
    },
    active: { days: 30, members: buyers, rate: Math.round((buyers / people.length) * 10_000) / 10_000 },
    orders: { count: people.flatMap((p) => p.orders).filter((o) => inDay(o.paidAt)).length, gmvFen: sum(people.flatMap((p) => p.orders).filter((o) => inDay(o.paidAt)).map((o) => o.paidFen)) },
    arpu: { windowGmvFen: windowGmv, perMemberFen: Math.round(windowGmv / people.length), perActiveMemberFen: buyers ? Math.round(windowGmv / buyers) : 0 },
    repurchase: { buyers, repeaters, rate: buyers ? Math.round((repeaters / buyers) * 10_000) / 10_000 : 0 },
    points: {
      issued: byType.earn?.points ?? 0, spent: -(byType.spend?.points ?? 0) || 0, expired: -(byType.expire?.points ?? 0) || 0,
      byType: Object.entries(byType).map(([type, v]) => ({ type, ...v })).sort((a, b) => a.type.localeCompare(b.type)),
    },
    outstandingPoints: balances,
    liability: {
      outstandingPoints: balances, fenPerPoint: 1, grossFen: balances, breakageRate: breakage,
      expectedBreakagePoints: Math.round(balances * breakage), netFen: balances - Math.round(balances * breakage),
      historyMonths: 12, historyExpired: expired12, historySpent: spent12,
    },
    expirySchedule: {
      months: months.map((month) => ({ month, points: sum(lots.filter((l) => monthOf(l.expiresAt) === month).map((l) => l.remaining)) })),
      later: sum(lots.filter((l) => !months.includes(monthOf(l.expiresAt))).map((l) => l.remaining)),
    },
    reconciliation: {
      balances, ledger: ledgerTotal, ok: ledgerTotal === balances && Object.keys(extraLedger).length === 0, mismatchCount: Object.keys(extraLedger).length,
      mismatches: Object.entries(extraLedger).map(([openid, extra]) => {
        const p = people.find((x) => x.openid === openid)!;
        const b = sum(p.ledger.map((e) => e.amount));
        return { openid, balance: b, ledger: b + extra };
      }),
    },
  };
}

const runTimer = async () => {
  const r = await fetch(`${t.url}/_triggers/stats`, { method: 'POST' });
  expect(r.status).toBe(200);
  return ((await r.json()) as { result: { data: { day: string; status: string; chunks: number } } }).result.data;
};
const snapshots = (from: string, to: string, openid = 'ds-analyst') => t.call('stats', { action: 'snapshots', from, to }, openid);

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
  await t.cloud.db.insertMany('config', [{ _id: 'loyalty', rules: { stats: { membersPerChunk: 8 } }, version: 1 }]);
  await t.cloud.db.insertMany('staff', [{ _id: 'ds-analyst', openid: 'ds-analyst', name: '分析', role: 'analyst', storeId: null, active: true }]);
  await seedPopulation(POPULATION, t);
});

afterAll(async () => {
  await t.stop();
});

test('the snapshot of a day equals the brute-force figures, in chunks; a second run the same day writes nothing', async () => {
  // The population has what each figure needs, so none of the checks below is vacuous.
  const expected = bruteForce(POPULATION);
  expect(expected.members.new).toBeGreaterThan(0);
  expect(expected.members.byStage.length).toBeGreaterThan(2);
  expect(expected.repurchase.repeaters).toBeGreaterThan(0);
  expect(expected.liability.historyExpired).toBeGreaterThan(0);
  expect(expected.liability.historySpent).toBeGreaterThan(0);
  expect(expected.points.spent).toBeGreaterThan(0);
  expect(expected.orders.count).toBeGreaterThan(0);
  expect(expected.expirySchedule.later).toBeGreaterThan(0);
  expect(expected.expirySchedule.months[0].points).toBeGreaterThan(0);

  await t.setClock(AS_OF, true);
  expect(await runTimer()).toEqual({ day: DAY, status: 'done', chunks: Math.ceil(POPULATION.length / 8) });
  const stored = t.cloud.db.find('daily_stats', {}).docs;
  expect(stored).toHaveLength(1);

  const { body } = await snapshots(DAY, DAY);
  expect(body.error).toBeUndefined();
  expect(body.data.snapshots).toHaveLength(1);
  const { day, asOf, ...figures } = body.data.snapshots[0];
  expect([day, asOf]).toEqual([DAY, at(AS_OF).toISOString()]);
  expect(figures).toEqual(expected);

  await t.setClock('2026-06-11T09:00:00+08:00', true);
  expect(await runTimer()).toEqual({ day: DAY, status: 'skipped', chunks: Math.ceil(POPULATION.length / 8) });
  expect(t.cloud.db.find('daily_stats', {}).docs).toEqual(stored);
});

test('a ledger entry that no balance reflects is reported by the reconciliation, with the member; concurrent runs count each chunk once', async () => {
  // Two entries no balance reflects, in one chunk, that cancel out in the chunk's total: found member by member.
  await t.cloud.db.insertMany('point_ledger', [
    { _id: 'ds-004|injected', openid: 'ds-004', key: 'injected', seq: 99, type: 'adjust', amount: 5, balanceAfter: 0, reason: '注入', ref: 'test', issuer: 'test', createdAt: at('2025-01-01T00:00:00+08:00') },
    { _id: 'ds-006|injected', openid: 'ds-006', key: 'injected', seq: 99, type: 'adjust', amount: -5, balanceAfter: 0, reason: '注入', ref: 'test', issuer: 'test', createdAt: at('2025-01-01T00:00:00+08:00') },
  ]);
  await t.setClock('2026-06-12T01:00:00+08:00', true);
  // Three runs at once: each chunk is added by exactly one of them (the cursor guard), one finishes the day.
  const runs = await Promise.all([runTimer(), runTimer(), runTimer()]);
  expect(runs.filter((r) => r.status === 'done')).toEqual([{ day: '2026-06-11', status: 'done', chunks: Math.ceil(POPULATION.length / 8) }]);
  expect(t.cloud.db.find('daily_stats', {}).docs).toHaveLength(2);
  const { body } = await snapshots('2026-06-01', '2026-06-30');
  expect(body.data.snapshots.map((s: { day: string }) => s.day)).toEqual([DAY, '2026-06-11']);
  const { reconciliation } = body.data.snapshots[1];
  const expected = bruteForce(POPULATION, { 'ds-004': 5, 'ds-006': -5 }).reconciliation;
  expect(expected.mismatchCount).toBe(2);
  expect(reconciliation).toEqual(expected);
  expect(reconciliation.ok).toBe(false);
  const before = bruteForce(POPULATION);
  expect(body.data.snapshots[1].members).toEqual({ ...before.members, new: 0 });
  expect(body.data.snapshots[1].outstandingPoints).toBe(before.outstandingPoints);
});

test('a range with the start after the end is refused, and nothing is written', async () => {
  const before = t.cloud.db.find('daily_stats', {}).docs;
  const { body } = await snapshots('2026-06-12', '2026-06-01');
  expect(body.error).toEqual({ code: 'INVALID_INPUT', message: expect.stringContaining('开始日期不能晚于结束日期') });
  expect(t.cloud.db.find('daily_stats', {}).docs).toEqual(before);
});

test('a day a run left half done is resumed from its cursor: the chunks already in the totals are not read again', async () => {
  const other = await startTestCloud({ seed: 'empty' });
  try {
    await other.cloud.db.insertMany('config', [{ _id: 'loyalty', rules: { stats: { membersPerChunk: 8 } }, version: 1 }]);
    await other.cloud.db.insertMany('staff', [{ _id: 'ds-analyst', openid: 'ds-analyst', name: '分析', role: 'analyst', storeId: null, active: true }]);
    await seedPopulation(POPULATION, other);
    // As an interrupted run leaves it: two chunks (members 0-15) done, here with empty totals so that what the resumed
    // run adds is exactly the rest of the population.
    const empty = {
      members: 0, newMembers: 0, byTier: {}, byStage: {}, balances: 0, ledger: 0, dayOrders: 0, dayGmvFen: 0, buyers: 0, repeaters: 0, windowGmvFen: 0,
      pointsByType: {}, entriesByType: {}, breakageExpired: 0, breakageSpent: 0, schedule: emptySchedule(at(AS_OF)), mismatchCount: 0, mismatches: [],
    };
    await other.cloud.db.insertMany('daily_stats', [{ _id: DAY, day: DAY, status: 'running', cursor: POPULATION[15].openid, chunks: 2, asOf: at(AS_OF), startedAt: at(AS_OF), updatedAt: at(AS_OF), totals: empty, snapshot: null }]);
    await other.setClock('2026-06-11T02:00:00+08:00', true);
    const r = await fetch(`${other.url}/_triggers/stats`, { method: 'POST' });
    expect(((await r.json()) as { result: { data: unknown } }).result.data).toEqual({ day: DAY, status: 'done', chunks: 2 + Math.ceil((POPULATION.length - 16) / 8) });
    const { body } = await other.call('stats', { action: 'snapshots', from: DAY, to: DAY }, 'ds-analyst');
    const { day, asOf, ...figures } = body.data.snapshots[0];
    expect([day, asOf]).toEqual([DAY, at(AS_OF).toISOString()]);
    expect(figures).toEqual(bruteForce(POPULATION.slice(16)));
  } finally {
    await other.stop();
  }
});
