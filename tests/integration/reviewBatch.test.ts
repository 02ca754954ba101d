// The daily review in pages (issue 14 §3) on a seeded population of a few thousand members (bench/fixtures/
// reviewPopulation.ts: quiet ones, expiring lots, pending points, tier periods ending, growth crossing a threshold,
// members turning dormant or churned, members from before lifecycle stages, members not due), checked member by member
// against a brute-force computation from the seeded documents alone (the per-member flow: dailyReviewFlow, stageStep,
// memberDocuments, as the review computed it before pages); interrupted by its time budget and resumed by two runs at
// once, with members written by someone else between the page read and the review's write; a run the same day
// changes nothing more. In one process with the real wx-server-sdk against the local cloud's database.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { dailyReviewFlow } from '../../cloudfunctions/core/flows';
import { growthWindowStart, type GrowthEntry } from '../../cloudfunctions/core/growth';
import { stageStep, withStage, HISTORY_DAYS } from '../../cloudfunctions/core/lifecycleStage';
import type { MemberDoc } from '../../cloudfunctions/core/member';
import { applyMemberSet, memberDocuments } from '../../cloudfunctions/core/memberDocuments';
import { messageId, pointsExpiringMessage } from '../../cloudfunctions/core/notify';
import { soonestExpiring } from '../../cloudfunctions/core/points';
import { shanghaiDay, shanghaiDayStart, addDays } from '../../cloudfunctions/core/time';
import { reviewDueMembers } from '../../cloudfunctions/jobs/dailyReview';
import { reviveMember } from '../../cloudfunctions/runtime/memberRepo';
import { BENCH_MIX, TEST_MIX, reviewPopulation, type Population } from '../../bench/fixtures/reviewPopulation';
import { startDbServer, type DbServer } from '../localcloud/helpers/dbServer';

const N = Number(process.env.REVIEW_TEST_MEMBERS ?? 2400);
const NOW = new Date('2026-09-15T03:10:00+08:00');
const config = DEFAULT_CONFIG;

let s: DbServer;
let population: Population;
/** Members written by "someone else" between the first page read and the review's writes. */
const STALE = new Set<string>();

beforeAll(async () => {
  s = await startDbServer({ fsync: false });
  population = reviewPopulation({ n: N, now: NOW, mix: TEST_MIX, prefix: 'rb' });
  await s.database.insertMany('members', population.members);
  await s.database.insertMany('point_ledger', population.ledger);
  await s.database.insertMany('growth_ledger', population.growth);
  await s.database.insertMany('orders', population.orders);
}, 300_000);

afterAll(async () => {
  await s.close();
});

const all = (collection: string, query: object = {}) => s.database.find(collection, query, { limit: 10_000_000 }).docs as any[];
const byOwner = (docs: any[]) => {
  const map = new Map<string, any[]>();
  for (const d of docs) map.set(d.openid, [...(map.get(d.openid) ?? []), d]);
  return map;
};
/** Dates as times, keys sorted, undefined dropped: equal documents compare equal. */
const canonical = (x: unknown): unknown => {
  if (x instanceof Date) return x.getTime();
  if (Array.isArray(x)) return x.map(canonical);
  if (x && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().filter((k) => (x as any)[k] !== undefined).map((k) => [k, canonical((x as any)[k])]));
  return x;
};

const meanwhile = (openid: string) => ({
  _id: `${openid}|meanwhile`, openid, seq: 999_000, dimension: 'interaction', event: 'activity', raw: 7, amount: 7, at: new Date(NOW.getTime() - 60_000), reason: '互动', key: 'meanwhile',
});

interface Expected { member: MemberDoc; entryIds: string[]; messageIds: string[] }

/** What `member` (as stored right before its review) should become, from its own documents alone. */
function bruteForce(member: MemberDoc, growth: any[], orders: any[]): Expected {
  const ends = member.tierValidUntil && member.tierValidUntil < NOW ? new Date(member.tierValidUntil.getTime() - 1) : NOW;
  const since = growthWindowStart(ends, config);
  const entries: GrowthEntry[] = growth.map((g) => ({ ...g, at: new Date(g.at) })).filter((g) => g.at >= since).sort((a, b) => a.at.getTime() - b.at.getTime());
  const historyFrom = NOW.getTime() - HISTORY_DAYS * 86_400_000;
  const backfill = member.lifecycle ? [] : orders.filter((o) => o.status !== 'refunded' && new Date(o.paidAt).getTime() >= historyFrom)
    .map((o) => ({ orderId: String(o._id), at: new Date(o.paidAt) })).sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, 100);
  const flow = dailyReviewFlow(member, member.points.lots, entries, NOW, config);
  const stage = stageStep(member, { backfill }, NOW, config.stages, 'review', shanghaiDay(NOW));
  const write = withStage({ ...flow.write, inserts: [] }, stage);
  const { set, inserts } = memberDocuments(member, write, NOW);
  const messages = [];
  if (write.tier.tierLevel !== member.tierLevel) messages.push(messageId('tierChanged', member.openid, `rev${set.rev}`));
  const expiring = pointsExpiringMessage(member.openid, soonestExpiring(flow.write.ledger.state.lots, NOW), NOW, config.notify.pointsExpiringDays);
  if (expiring) messages.push(expiring.id);
  return { member: applyMemberSet(member, set), entryIds: [...inserts, ...write.inserts].map((i) => String(i.doc._id)), messageIds: messages };
}

const COMPARED = ['points', 'growth', 'tierLevel', 'tierSince', 'tierValidUntil', 'highTierSince', 'giftedLevels', 'lastActiveAt', 'reviewAt', 'lifecycle', 'riskScore', 'rev', 'benefitsAt'] as const;

test('interrupted by its budget, resumed by two runs at once, every member becomes what the brute force says; a rerun changes nothing', async () => {
  const stored = population.members.filter((m) => population.kinds.get(m.openid) !== 'notDue');
  const due = stored.length;
  // Written by someone else after the first page was read: a new growth entry and the member's rev moved on.
  const firstPage = stored.slice(0, 60);
  for (const m of firstPage.filter((_, i) => i % 6 === 0)) STALE.add(m.openid);
  const database = s.database;
  const handle = database.handle.bind(database);
  let intercepted = false;
  database.handle = async (action: string, params: Record<string, any>) => {
    const answer = await handle(action, params);
    if (!intercepted && action === 'database.getDocument' && params.collectionName === 'members' && JSON.stringify(params.query ?? '').includes('reviewAt')) {
      intercepted = true;
      for (const openid of STALE) {
        const m = all('members', { _id: openid })[0];
        await database.insertMany('growth_ledger', [meanwhile(openid)]);
        await database.setFields('members', { _id: openid }, { rev: m.rev + 1 });
      }
    }
    return answer;
  };
  // The state each member is reviewed from: as seeded, with the writes made meanwhile.
  const ledgerBefore = byOwner(all('point_ledger'));
  const growthBefore = byOwner([...all('growth_ledger'), ...[...STALE].map(meanwhile)]);
  const ordersBy = byOwner(all('orders'));

  // A budget that runs out part way (a clock that moves 1 ms per look), small pages to make several.
  let ticks = 0;
  const first = await reviewDueMembers(s.db, NOW, 400, () => ticks++, { pageSize: 150, concurrency: 8 });
  database.handle = handle;
  expect(intercepted).toBe(true);
  expect(first.remaining).toBe(true);
  expect(first.reviewed).toBeGreaterThan(0);
  expect(first.reviewed).toBeLessThan(due);
  expect(first.failures).toBe(0);
  const leftAfterFirst = all('members', { reviewAt: { $lte: NOW } }).length;
  expect(leftAfterFirst).toBe(due - first.reviewed);

  // Two runs at once finish the night; nobody is reviewed by both.
  const [a, b] = await Promise.all([
    reviewDueMembers(s.db, NOW, 600_000, Date.now, { pageSize: 150, concurrency: 8 }),
    reviewDueMembers(s.db, NOW, 600_000, Date.now, { pageSize: 150, concurrency: 8 }),
  ]);
  expect(a.remaining || b.remaining).toBe(false);
  expect(a.failures + b.failures).toBe(0);
  expect(all('members', { reviewAt: { $lte: NOW } })).toHaveLength(0);
  expect(first.reviewed + a.reviewed + b.reviewed).toBeGreaterThanOrEqual(due);
  // This population changes far more members than a night does (the budget is checked on a realistic one below);
  // still, a page costs a few requests per member, not ten.
  expect(first.requests / first.reviewed).toBeLessThan(4.5);

  // Member by member against the brute force.
  const members = new Map(all('members').map((d) => [d._id as string, d]));
  const ledgerAfter = byOwner(all('point_ledger'));
  const growthAfter = byOwner(all('growth_ledger'));
  const transitions = byOwner(all('lifecycle_transitions'));
  const messages = byOwner(all('messages'));
  const kindsSeen = new Map<string, number>();
  for (const seeded of population.members) {
    const kind = population.kinds.get(seeded.openid)!;
    const after = members.get(seeded.openid);
    if (kind === 'notDue') {
      expect(canonical(after)).toEqual(canonical(seeded));
      continue;
    }
    const before = reviveMember(STALE.has(seeded.openid) ? { ...seeded, rev: seeded.rev + 1 } as any : seeded as any);
    const expected = bruteForce(before, growthBefore.get(seeded.openid) ?? [], ordersBy.get(seeded.openid) ?? []);
    const got = reviveMember(after);
    for (const key of COMPARED) expect([seeded.openid, kind, key, canonical(got[key])]).toEqual([seeded.openid, kind, key, canonical(expected.member[key])]);
    // Exactly the entries the brute force writes, nothing twice (ids are the idempotency keys).
    const newEntries = [...(ledgerAfter.get(seeded.openid) ?? []), ...(growthAfter.get(seeded.openid) ?? []), ...(transitions.get(seeded.openid) ?? [])]
      .map((d) => String(d._id)).filter((id) => ![...(ledgerBefore.get(seeded.openid) ?? []), ...(growthBefore.get(seeded.openid) ?? [])].some((d) => d._id === id));
    expect([seeded.openid, newEntries.sort()]).toEqual([seeded.openid, [...expected.entryIds].sort()]);
    expect([seeded.openid, (messages.get(seeded.openid) ?? []).map((d) => String(d._id)).sort()]).toEqual([seeded.openid, [...expected.messageIds].sort()]);
    // And what must hold whatever the computation: the balance is the ledger's sum and the lots' (less debt), no live
    // lot is past its expiry, the member is not due again before tomorrow.
    const sum = (ledgerAfter.get(seeded.openid) ?? []).reduce((t, e) => t + e.amount, 0);
    expect([seeded.openid, got.points.balance]).toEqual([seeded.openid, sum]);
    expect(got.points.balance).toBe(got.points.lots.reduce((t, l) => t + l.remaining, 0) - got.points.debt);
    expect(got.points.lots.filter((l) => l.remaining > 0 && l.expiresAt <= NOW)).toHaveLength(0);
    expect(got.reviewAt.getTime()).toBeGreaterThanOrEqual(shanghaiDayStart(addDays(shanghaiDay(NOW), 1)).getTime());
    if (kind === 'expire' && (ledgerAfter.get(seeded.openid) ?? []).some((e) => e.type === 'expire')) kindsSeen.set('expired', (kindsSeen.get('expired') ?? 0) + 1);
    if (kind === 'upgrade' && got.tierLevel > seeded.tierLevel) kindsSeen.set('upgraded', (kindsSeen.get('upgraded') ?? 0) + 1);
    if (kind === 'period' && got.tierLevel < seeded.tierLevel) kindsSeen.set('downgraded', (kindsSeen.get('downgraded') ?? 0) + 1);
    if (kind === 'dormant' && got.lifecycle?.stage === 'dormant') kindsSeen.set('dormant', (kindsSeen.get('dormant') ?? 0) + 1);
    if (kind === 'churned' && got.lifecycle?.stage === 'churned') kindsSeen.set('churned', (kindsSeen.get('churned') ?? 0) + 1);
    if (kind === 'legacy' && got.lifecycle) kindsSeen.set('legacy', (kindsSeen.get('legacy') ?? 0) + 1);
    if (kind === 'warn' && (messages.get(seeded.openid) ?? []).some((d) => d.key === 'pointsExpiring')) kindsSeen.set('warned', (kindsSeen.get('warned') ?? 0) + 1);
  }
  // The population really exercised every path.
  for (const k of ['expired', 'upgraded', 'downgraded', 'dormant', 'churned', 'legacy', 'warned']) expect([k, (kindsSeen.get(k) ?? 0) > 10]).toEqual([k, true]);
  expect(first.quiet + a.quiet + b.quiet).toBeGreaterThan(due / 5);

  // The same day again: nothing due, nothing written.
  const snapshot = ['members', 'point_ledger', 'growth_ledger', 'lifecycle_transitions', 'messages'].map((c) => canonical(all(c)));
  const again = await reviewDueMembers(s.db, new Date(NOW.getTime() + 3 * 3600_000), 600_000);
  expect(again.reviewed).toBe(0);
  expect(['members', 'point_ledger', 'growth_ledger', 'lifecycle_transitions', 'messages'].map((c) => canonical(all(c)))).toEqual(snapshot);
}, 600_000);

test('a realistic night (most members change nothing) costs at most 3 database requests per member', async () => {
  // Later the same day, a new population of due members (everyone above is reviewed until tomorrow).
  const later = new Date(NOW.getTime() + 3600_000);
  const night = reviewPopulation({ n: 1200, now: later, mix: BENCH_MIX, prefix: 'rq', seed: 3 });
  await s.database.insertMany('members', night.members);
  await s.database.insertMany('point_ledger', night.ledger);
  await s.database.insertMany('growth_ledger', night.growth);
  await s.database.insertMany('orders', night.orders);
  s.requests.length = 0;
  const run = await reviewDueMembers(s.db, later, 600_000);
  expect(run.remaining).toBe(false);
  expect(run.failures).toBe(0);
  expect(run.reviewed).toBe(1200);
  // The run's own count is what the database answered.
  expect(run.requests).toBe(s.requests.length);
  expect(run.quiet).toBeGreaterThan(600);
  expect(run.requests / run.reviewed).toBeLessThanOrEqual(3);
}, 300_000);
