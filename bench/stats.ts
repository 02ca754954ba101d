// The nightly snapshot (issue 13 §1): time and database requests of the stats timer over N seeded members (each with
// two lots of two formats and stores, three ledger entries and an order in the activity window; every 10th with a
// redemption, a task claim and an NPS answer, every 50th with a tier change), in chunks of stats.membersPerChunk
// (500), seeded directly with cloud.db.insertMany. STATS_BENCH_N overrides the sizes (comma-separated, default
// 100000); STATS_BENCH_PROJECT (default 1000000) is the size projected from the largest measured one at its time per
// chunk (every chunk is the same indexed work, so the time grows with the number of chunks), with the timer runs it
// needs (45 s of work per run, one run every minute: cloudfunctions/stats/config.json).
import { benchCloud, row } from './lib';

const SIZES = (process.env.STATS_BENCH_N ?? '100000').split(',').map(Number);
const PROJECT = Number(process.env.STATS_BENCH_PROJECT ?? 1_000_000);
const CHUNK = 500;
const RUN_BUDGET_S = 45;
const TIMER_EVERY_MIN = 1;
const BATCH = 20_000;

async function seed(cloud: Awaited<ReturnType<typeof benchCloud>>, n: number) {
  const joined = new Date('2026-01-05T10:00:00+08:00');
  const day = new Date('2026-06-10T12:00:00+08:00');
  for (let from = 0; from < n; from += BATCH) {
    const members = [];
    const ledger = [];
    const orders = [];
    const redemptions = [];
    const claims = [];
    const nps = [];
    const messages = [];
    for (let i = from; i < Math.min(n, from + BATCH); i++) {
      const openid = `bench-${String(i).padStart(8, '0')}`;
      members.push({
        _id: openid, openid, memberNo: `9${String(i).padStart(10, '0')}`, tierLevel: i % 4, createdAt: new Date(joined.getTime() + (i % 150) * 86_400_000),
        ...(i % 7 === 0 ? { referredBy: 'bench-00000000' } : {}), lifecycle: { stage: ['new', 'active', 'dormant'][i % 3], since: joined, previous: null, purchases: [] },
        points: { balance: 300, debt: 0, pending: 0, lots: [
          { lotId: 'a', amount: 200, remaining: 200, earnedAt: joined, availableAt: joined, expiresAt: new Date('2027-01-01T00:00:00+08:00'), format: 'mall', storeId: `mall-${i % 5}`, ref: 'seed' },
          { lotId: 'b', amount: 100, remaining: 100, earnedAt: joined, availableAt: joined, expiresAt: new Date(`2026-0${7 + (i % 3)}-15T00:00:00+08:00`), format: 'hotel', ref: 'seed' },
        ] },
      });
      ledger.push(
        { _id: `${openid}|order:e1`, openid, key: 'order:e1', seq: 1, type: 'earn', amount: 400, balanceAfter: 400, reason: '', ref: '', issuer: 'bench', format: 'mall', createdAt: joined },
        { _id: `${openid}|mall:s1`, openid, key: 'mall:s1', seq: 2, type: 'spend', amount: -80, balanceAfter: 320, reason: '', ref: '', issuer: 'bench', lots: [{ lotId: 'a', amount: 80, format: 'mall', storeId: `mall-${i % 5}` }], createdAt: new Date('2026-03-01T10:00:00+08:00') },
        { _id: `${openid}|expire:x1`, openid, key: 'expire:x1', seq: 3, type: 'expire', amount: -20, balanceAfter: 300, reason: '', ref: '', issuer: 'bench', format: 'hotel', lots: [{ lotId: 'b', amount: 20, format: 'hotel' }], createdAt: new Date('2026-06-10T00:00:00+08:00') },
      );
      orders.push({ _id: `${openid}-o`, openid, memberNo: '', paidFen: 1000 + i, paidAt: i % 10 === 0 ? day : new Date('2026-06-01T12:00:00+08:00'), items: [], categories: [], storeId: `mall-${i % 5}`, format: 'mall', channel: 'bench', status: 'paid', createdAt: joined, rewards: { orderId: `${openid}-o`, paidFen: 1000 + i, pointsEarned: 10, growthEarned: 10, refundedFen: 0, pointsReversed: 0, growthReversed: 0 } });
      if (i % 10 === 0) {
        redemptions.push({ _id: `${openid}-r`, openid, itemId: `item-${i % 20}`, itemName: '咖啡券', quantity: 1, points: 100, status: 'issued', voucherCode: `B${i}`, used: null, cancelled: null, createdAt: day, updatedAt: day });
        claims.push({ _id: `${openid}|task:share:W1`, openid, taskId: 'share', key: 'task:share:W1', result: {}, createdAt: day });
        nps.push({ _id: `${openid}:2026-Q2`, openid, quarter: '2026-Q2', status: 'answered', orderId: null, source: 'bench', messageId: 'm', askedAt: day, expiresAt: day, score: i % 11, comment: null, answeredAt: day });
      }
      if (i % 50 === 0) messages.push({ _id: `tierChanged:${openid}:rev1`, openid, key: 'tierChanged', variables: { fromLevel: 0, toLevel: 1 }, query: '', status: 'skipped', attempts: 0, availableAt: day, expiresAt: null, createdAt: day, updatedAt: day, sentAt: null, templateId: null, data: null, reason: null, errcode: null, source: 'tier' });
    }
    await cloud.db.insertMany('members', members);
    await cloud.db.insertMany('point_ledger', ledger);
    await cloud.db.insertMany('orders', orders);
    if (redemptions.length) await cloud.db.insertMany('redemptions', redemptions);
    if (claims.length) await cloud.db.insertMany('task_claims', claims);
    if (nps.length) await cloud.db.insertMany('nps_responses', nps);
    if (messages.length) await cloud.db.insertMany('messages', messages);
  }
}

export async function benchStats() {
  console.log('\nNightly snapshot (stats timer): time and database requests');
  let last: { n: number; msPerChunk: number } | null = null;
  for (const n of SIZES) {
    const cloud = await benchCloud('empty', { inMemory: true });
    try {
      const seeding = Date.now();
      await seed(cloud, n);
      row(`${n} members: seeded (insertMany)`, `${((Date.now() - seeding) / 1000).toFixed(1)} s`);
      await fetch(`${cloud.url}/_clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: '2026-06-11T00:30:00+08:00', freeze: true }) });
      let runs = 0;
      let failed = 0;
      let ops = 0;
      const started = Date.now();
      for (;;) {
        const res = await fetch(`${cloud.url}/_triggers/stats`, { method: 'POST' }).catch(() => null);
        runs += 1;
        ops += Number(res?.headers.get('x-localcloud-db-ops') ?? 0);
        const { result } = (res ? await res.json().catch(() => ({})) : {}) as { result?: { data?: { status: string; chunks: number } } };
        // A run that failed (a request timed out on this loaded box) is what the next timer run resumes from its cursor.
        if (!result?.data) failed += 1;
        else if (result.data.status !== 'running') break;
        if (runs > 2000) break;
      }
      const ms = Date.now() - started;
      const done = cloud.db.find('daily_stats', {}).docs[0] as { chunks: number; snapshot: { reconciliation: { ok: boolean }; members: { total: number } } };
      row(`${n} members: time (${runs} run${runs > 1 ? 's' : ''}, ${failed} failed, ${done.chunks} chunks)`, `${(ms / 1000).toFixed(1)} s`);
      row(`${n} members: per chunk of ${CHUNK}`, `${(ms / done.chunks / 1000).toFixed(2)} s`);
      row(`${n} members: database requests`, `${ops} (${(ops / done.chunks).toFixed(1)}/chunk)`);
      row(`${n} members: counted, reconciled`, `${done.snapshot.members.total}, ${done.snapshot.reconciliation.ok}`);
      last = { n, msPerChunk: ms / done.chunks };
    } finally {
      await cloud.cleanup();
    }
  }
  if (last && PROJECT > last.n) {
    const chunks = Math.ceil(PROJECT / CHUNK) + 1;
    const seconds = (chunks * last.msPerChunk) / 1000;
    const runs = Math.ceil(seconds / RUN_BUDGET_S);
    row(`PROJECTED ${PROJECT} members (from ${last.n}, not measured)`, `${(seconds / 60).toFixed(0)} min`);
    row(`PROJECTED ${PROJECT}: timer runs (45 s each)`, `${runs} runs`);
    row(`PROJECTED ${PROJECT}: done by (a run per ${TIMER_EVERY_MIN} min)`, `${((runs * TIMER_EVERY_MIN) / 60).toFixed(1)} h after 00:00`);
  }
}
