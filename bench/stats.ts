// The nightly snapshot (issue 13 §1): time and database requests of the stats timer over N seeded members (each with
// two lots, three ledger entries and an order in the activity window), in chunks of stats.membersPerChunk (500).
// STATS_BENCH_N overrides the sizes (comma-separated).
import { benchCloud, row } from './lib';

const SIZES = (process.env.STATS_BENCH_N ?? '2000,10000').split(',').map(Number);

async function seed(cloud: Awaited<ReturnType<typeof benchCloud>>, n: number) {
  const joined = new Date('2026-01-05T10:00:00+08:00');
  const members = [];
  const ledger = [];
  const orders = [];
  for (let i = 0; i < n; i++) {
    const openid = `bench-${String(i).padStart(8, '0')}`;
    members.push({
      _id: openid, openid, memberNo: `9${String(i).padStart(10, '0')}`, tierLevel: i % 4, createdAt: joined,
      points: { balance: 300, debt: 0, pending: 0, lots: [
        { lotId: 'a', amount: 200, remaining: 200, earnedAt: joined, availableAt: joined, expiresAt: new Date('2027-01-01T00:00:00+08:00'), format: '', ref: 'seed' },
        { lotId: 'b', amount: 100, remaining: 100, earnedAt: joined, availableAt: joined, expiresAt: new Date(`2026-0${7 + (i % 3)}-15T00:00:00+08:00`), format: '', ref: 'seed' },
      ] },
    });
    ledger.push(
      { _id: `${openid}|e1`, openid, key: 'e1', seq: 1, type: 'earn', amount: 400, balanceAfter: 400, reason: '', ref: '', issuer: 'bench', createdAt: joined },
      { _id: `${openid}|s1`, openid, key: 's1', seq: 2, type: 'spend', amount: -80, balanceAfter: 320, reason: '', ref: '', issuer: 'bench', createdAt: new Date('2026-03-01T10:00:00+08:00') },
      { _id: `${openid}|x1`, openid, key: 'x1', seq: 3, type: 'expire', amount: -20, balanceAfter: 300, reason: '', ref: '', issuer: 'bench', createdAt: new Date('2026-06-10T00:00:00+08:00') },
    );
    orders.push({ _id: `${openid}-o`, openid, memberNo: '', paidFen: 1000 + i, paidAt: new Date('2026-06-01T12:00:00+08:00'), items: [], categories: [], storeId: null, format: 'mall', channel: 'bench', status: 'paid', createdAt: joined });
  }
  await cloud.db.insertMany('members', members);
  await cloud.db.insertMany('point_ledger', ledger);
  await cloud.db.insertMany('orders', orders);
}

export async function benchStats() {
  console.log('\nNightly snapshot (stats timer): time and database requests');
  for (const n of SIZES) {
    const cloud = await benchCloud('empty');
    try {
      await seed(cloud, n);
      await fetch(`${cloud.url}/_clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: '2026-06-11T00:30:00+08:00', freeze: true }) });
      let runs = 0;
      let ops = 0;
      const started = Date.now();
      for (;;) {
        const res = await fetch(`${cloud.url}/_triggers/stats`, { method: 'POST' });
        ops += Number(res.headers.get('x-localcloud-db-ops'));
        runs += 1;
        const { result } = (await res.json()) as { result: { data: { status: string; chunks: number } } };
        if (result.data.status !== 'running' || runs > 100) break;
      }
      const ms = Date.now() - started;
      const done = cloud.db.find('daily_stats', {}).docs[0] as { chunks: number; snapshot: { reconciliation: { ok: boolean } } };
      row(`${n} members: time (${runs} run${runs > 1 ? 's' : ''}, ${done.chunks} chunks)`, `${(ms / 1000).toFixed(1)} s`);
      row(`${n} members: database requests`, `${ops} (${(ops / done.chunks).toFixed(1)}/chunk)`);
      row(`${n} members: reconciled`, String(done.snapshot.reconciliation.ok));
    } finally {
      await cloud.cleanup();
    }
  }
}
