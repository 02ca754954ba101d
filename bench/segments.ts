// The segments timer's nightly sweep (issue 12 §2): N seeded members (tiers, stages, points with lots, an activity
// summary, tags), 5 segments (one a rule tag), the timer triggered until the sweep is done. Reported: time, timer
// runs, throughput, database requests per member, for the first sweep (every member entering a segment is an event
// and a membership write) and for the next night's (a day later: only members whose time-driven facts moved). At 0 and
// 10 ms per database round trip. SEGMENTS_BENCH_N overrides the sizes ("10000" or "10000,2000": at 0 ms, at 10 ms).
import { benchCloud, row } from './lib';

const [N0, N10] = (process.env.SEGMENTS_BENCH_N ?? '10000,2000').split(',').map(Number).concat([2000]).slice(0, 2);
const TARGET = 100_000;
/** The sweep's share of the timer's 45 s per run (cloudfunctions/segments: runSegmentsTimer) and the schedule (every 10 minutes). */
const RUN_BUDGET_S = 31.5; // 45 s × 0.7
const RUNS_PER_DAY = 144;

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-06-15T02:00:00+08:00');
const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

const RULES = [
  { match: 'all', items: [{ field: 'tierLevel', op: 'gte', value: 2 }, { field: 'orders', op: 'gte', value: 1, days: 30 }] },
  { match: 'any', items: [{ field: 'stage', op: 'in', value: ['dormant', 'churned'] }, { field: 'riskScore', op: 'gt', value: 70 }] },
  { match: 'all', items: [{ field: 'spendFen', op: 'between', value: [5000, 40000], days: 90 }, { match: 'any', items: [{ field: 'formats', op: 'has', value: 'cafe', days: 90 }, { field: 'stores', op: 'any', value: ['s2', 's3'] }] }] },
  { match: 'all', items: [{ field: 'points', op: 'gte', value: 1000 }, { field: 'expiring', op: 'gt', value: 0, days: 30 }] },
  { match: 'any', items: [{ field: 'birthday', op: 'current' }, { field: 'lastPurchase', op: 'before', value: 60 }, { field: 'tags', op: 'any', value: ['vip'] }] },
];

async function seed(cloud: Awaited<ReturnType<typeof benchCloud>>, n: number) {
  const members = [];
  for (let i = 0; i < n; i++) {
    const openid = `sb-${String(i).padStart(8, '0')}`;
    const ago = [0, 5, 29, 45, 61, 100, 200][i % 7];
    const paid = NOW - ago * DAY_MS;
    members.push({
      _id: openid, openid, memberNo: `6${String(i).padStart(10, '0')}`, nickname: '', tierLevel: i % 4, createdAt: new Date(NOW - 400 * DAY_MS), updatedAt: new Date(NOW - 400 * DAY_MS),
      points: { balance: (i * 37) % 3000, debt: 0, pending: 0, lots: [{ lotId: 'a', amount: 500, remaining: 500, earnedAt: new Date(NOW - 10 * DAY_MS), availableAt: new Date(NOW - 10 * DAY_MS), expiresAt: new Date(NOW + ((i % 60) + 1) * DAY_MS), format: '', ref: 'seed' }] },
      lifecycle: { stage: ['new', 'active', 'occasional', 'dormant', 'churned'][i % 5], since: new Date(NOW - DAY_MS), previous: null, purchases: [{ orderId: `${openid}-o`, at: new Date(paid) }] },
      riskScore: (i * 13) % 101, birthday: { month: 1 + (i % 12), day: 1, setAt: new Date(NOW - 50 * DAY_MS) }, ...(i % 9 === 0 ? { tags: ['vip'] } : {}),
      activity: { days: [{ d: day(paid), n: 1, f: 1000 + (i % 40) * 1000 }], formats: [{ k: ['mall', 'cafe', 'hotel'][i % 3], d: day(paid) }], stores: [{ k: `s${1 + (i % 4)}`, d: day(paid) }] },
    });
  }
  for (let i = 0; i < members.length; i += 5000) await cloud.db.insertMany('members', members.slice(i, i + 5000));
  await cloud.db.insertMany('staff', [{ _id: 'sb-operator', openid: 'sb-operator', name: '运营', role: 'operator', storeId: null, active: true }]);
}

async function sweep(cloud: Awaited<ReturnType<typeof benchCloud>>, label: string, n: number) {
  let runs = 0;
  let ops = 0;
  const started = Date.now();
  type Run = { sweep: { status: string; chunks: number; events: number; members: number } };
  let last: Run;
  for (;;) {
    const res = await fetch(`${cloud.url}/_triggers/segments`, { method: 'POST' });
    ops += Number(res.headers.get('x-localcloud-db-ops'));
    runs += 1;
    last = ((await res.json()) as { result: { data: Run } }).result.data;
    if (last.sweep.status !== 'running' || runs > 500) break;
  }
  const s = (Date.now() - started) / 1000;
  const perMember = s / n;
  row(`${label}: time (${runs} timer run${runs > 1 ? 's' : ''}, ${last!.sweep.chunks} chunks)`, `${s.toFixed(1)} s`);
  row(`${label}: throughput`, `${Math.round(n / s)} members/s`);
  row(`${label}: database requests`, `${ops} (${(ops / n).toFixed(3)}/member)`);
  row(`${label}: events recorded`, String(last!.sweep.events));
  const runsFor = Math.ceil((TARGET * perMember) / RUN_BUDGET_S);
  row(`${label}: projected ${TARGET / 1000}k members`, `${Math.round(TARGET * perMember)} s, ${runsFor} runs`, `${RUNS_PER_DAY} runs × ${RUN_BUDGET_S} s`, runsFor <= RUNS_PER_DAY);
  return { s, ops };
}

async function bench(latencyMs: number, n: number) {
  const cloud = await benchCloud('empty');
  try {
    await seed(cloud, n);
    const clock = (ms: number) => fetch(`${cloud.url}/_clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: new Date(ms).toISOString() }) });
    await clock(NOW);
    for (const [i, rule] of RULES.entries()) {
      const res = await fetch(`${cloud.url}/functions/segments`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': 'sb-operator' },
        body: JSON.stringify({ action: 'save', requestId: `bench-seg-${i}`, title: `分群${i}`, rule, ...(i === 3 ? { tag: '将过期' } : {}) }),
      });
      if (!((await res.json()) as { ok: boolean }).ok) throw new Error('segment not saved');
    }
    cloud.db.setLatency({ ms: latencyMs, jitterMs: latencyMs / 5 });
    const at = `${n} members, ${latencyMs} ms`;
    await sweep(cloud, `first sweep (${at})`, n);
    await clock(NOW + DAY_MS);
    await sweep(cloud, `next night (${at})`, n);
  } finally {
    cloud.db.setLatency({ ms: 0 });
    await cloud.cleanup();
  }
}

export async function benchSegments() {
  console.log('\nSegments: the nightly sweep (segments timer, chunks of 200 members, 45 s per run, every 10 minutes)');
  await bench(0, N0);
  await bench(10, N10);
}
