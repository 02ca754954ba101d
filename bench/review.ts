// The nightly review at scale (issue 14 §3), at 0 and 10 ms per database round trip: BENCH_REVIEW_MEMBERS due members
// (default 5,000; the figure is 100,000) of a realistic night (bench/fixtures/reviewPopulation.ts BENCH_MIX:
// three in four change nothing, some expire points, a few change tier or stage), seeded straight into the database,
// reviewed by the jobs timer run after run (each its own invocation and time budget) until none is due. Prints the
// review's own database requests per member (its run record counts them; the invocation also runs the outbox and
// benefits passes) and its function time, with the projection to 100,000 and 1,000,000 members. Two projections: the
// wall time per member measured here times the members (on this shared 2-core machine, where the local cloud's
// database and every other process compete for the same cores), and a model of an instance of its own: the review's
// CPU per member (measured in the function) plus its round trips at the given latency, CONCURRENCY at a time. Pages
// are independent, so both grow linearly with the members; the due query is an indexed range on the real database
// (the local cloud scans for it).
import os from 'os';
import { DEFAULT_CONFIG } from '../cloudfunctions/core/config';
import { CONCURRENCY, PAGE_SIZE } from '../cloudfunctions/jobs/dailyReview';
import { BENCH_MIX, reviewPopulation } from './fixtures/reviewPopulation';
import { benchCloud, row } from './lib';

const MEMBERS = Number(process.env.BENCH_REVIEW_MEMBERS ?? 5000);
// BENCH_REVIEW_LATENCIES: the round trips to run at, comma-separated (default "0,10").
const REQUESTS_BUDGET = 3;
/** 100,000 due members within 15 minutes of function time. */
const TIME_BUDGET_MS = 15 * 60_000;
/** The review's share of one jobs run (jobs/index.ts: 45 s less the outbox pass and the benefits pass's 10 s). */
const RUN_MS = 35_000;

interface Run { reviewed: number; written: number; quiet: number; failures: number; requests: number; ms: number; cpuMs: number; remaining: boolean; expiredPoints: number; tierChanges: number }

async function trigger(url: string) {
  const res = await fetch(`${url}/_triggers/jobs`, { method: 'POST' });
  const body = (await res.json()) as { ok: boolean; error?: string; ms: number; result: { data: Run } };
  if (!body.ok) throw new Error(`jobs run failed: ${body.error}`);
  return { run: body.result.data, dbOps: Number(res.headers.get("x-localcloud-db-ops")), ms: body.ms };
}

const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

async function night(latencyMs: number): Promise<void> {
  const cloud = await benchCloud('empty', { inMemory: true });
  try {
    const now = new Date();
    const seedStart = Date.now();
    const population = reviewPopulation({ n: MEMBERS, now, mix: BENCH_MIX, config: DEFAULT_CONFIG });
    for (const [collection, docs] of [['members', population.members], ['point_ledger', population.ledger], ['growth_ledger', population.growth], ['orders', population.orders]] as const) {
      for (let i = 0; i < docs.length; i += 20_000) await cloud.db.insertMany(collection, docs.slice(i, i + 20_000) as object[]);
    }
    await fetch(`${cloud.url}/_clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: now.toISOString(), freeze: true }) });
    const at = `${latencyMs} ms`;
    console.log(`  -- ${MEMBERS.toLocaleString('en-US')} due members (seeded in ${((Date.now() - seedStart) / 1000).toFixed(0)} s), database round trip ${at}`);
    cloud.db.setLatency({ ms: latencyMs, jitterMs: latencyMs / 5 });
    const total: Run = { reviewed: 0, written: 0, quiet: 0, failures: 0, requests: 0, ms: 0, cpuMs: 0, remaining: true, expiredPoints: 0, tierChanges: 0 };
    const load = os.loadavg()[0];
    let invocations = 0;
    let invocationMs = 0;
    let invocationOps = 0;
    while (total.remaining && invocations < 200) {
      const { run, dbOps, ms } = await trigger(cloud.url);
      invocations += 1;
      invocationMs += ms;
      invocationOps += dbOps;
      for (const k of ['reviewed', 'written', 'quiet', 'failures', 'requests', 'ms', 'cpuMs', 'expiredPoints', 'tierChanges'] as const) total[k] += run[k];
      total.remaining = run.remaining;
    }
    cloud.db.setLatency({ ms: 0 });
    const left = cloud.db.find('members', { reviewAt: { $lte: now } }, { limit: 1 }).total;
    const perMember = total.requests / Math.max(1, total.reviewed);
    const msPerMember = total.ms / Math.max(1, total.reviewed);
    row(`review: members reviewed (${at})`, `${total.reviewed} of ${MEMBERS}`, String(MEMBERS), total.reviewed === MEMBERS && left === 0 && total.failures === 0);
    row(`review: changed / quiet (${at})`, `${total.written} / ${total.quiet}`);
    row(`review: expired points, tier changes (${at})`, `${total.expiredPoints}, ${total.tierChanges}`);
    row(`review: db requests per member (${at})`, perMember.toFixed(2), String(REQUESTS_BUDGET), perMember <= REQUESTS_BUDGET);
    row(`review: invocations, review time (${at})`, `${invocations}, ${(total.ms / 1000).toFixed(1)} s`);
    row(`review: members per second of function time (${at})`, (1000 / msPerMember).toFixed(0));
    row(`review: whole invocations (${at})`, `${(invocationMs / 1000).toFixed(1)} s, ${invocationOps} db requests`);
    // Measured: the review's wall time on this machine, whose 2 cores every process here shares (load average below).
    const at100k = msPerMember * 100_000;
    row(`review: 100,000 members, measured here (${at})`, `${minutes(at100k)}${MEMBERS === 100_000 ? '' : ' (linear)'}`, minutes(TIME_BUDGET_MS), at100k <= TIME_BUDGET_MS);
    row(`review: machine load average meanwhile (${at})`, `${load.toFixed(0)} / ${((os.loadavg()[0] + load) / 2).toFixed(0)}`);
    // The model for an instance of its own: its CPU per member (measured in the function) plus the round trips it
    // waits for, CONCURRENCY at a time, and the page's own sequential reads (page, growth, messages: 4 a page).
    const cpuPerMember = total.cpuMs / Math.max(1, total.reviewed);
    const waitPerMember = (perMember * latencyMs) / CONCURRENCY + (4 * latencyMs) / PAGE_SIZE;
    const model = cpuPerMember + waitPerMember;
    row(`review: function CPU per member (${at})`, `${cpuPerMember.toFixed(2)} ms`);
    row(`review: model per member: CPU + round trips (${at})`, `${model.toFixed(2)} ms`);
    row(`review: 100,000 members, model (${at})`, minutes(model * 100_000), minutes(TIME_BUDGET_MS), model * 100_000 <= TIME_BUDGET_MS);
    row(`review: 1,000,000 members, model (${at})`, `${minutes(model * 1_000_000)} in ${Math.ceil((model * 1_000_000) / RUN_MS)} runs`);
    row(`review: 1,000,000 members, measured rate (${at})`, `${minutes(msPerMember * 1_000_000)} in ${Math.ceil((msPerMember * 1_000_000) / RUN_MS)} runs`);
  } finally {
    await cloud.cleanup();
  }
}

export async function benchReview(): Promise<void> {
  console.log('\nNightly review');
  for (const latency of (process.env.BENCH_REVIEW_LATENCIES ?? "0,10").split(",").map(Number)) await night(latency);
}
