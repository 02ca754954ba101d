// Kills in the middle of a burst of money-like writes: function workers SIGKILLed while they run, and the whole local
// cloud SIGKILLed and restarted on its data directory. Every request is retried until it answers success; then
// the ledger audit finds no drift, nothing lost, nothing doubled, and the outbox drained by the jobs timer.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Database, type IndexFile } from '../../localcloud/db';
import { auditBurst, BURST_ITEM, fireAll, planBurst, registerBurstMembers, retryUntilOk, type Answer, type BurstRequest } from '../helpers/burst';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { freePort, startCloudProcess, type CloudProcess } from '../helpers/cloudProcess';
import { item } from '../helpers/mall';
import { TEST_CHANNEL } from '../helpers/orders';

const ADMIN = { _id: 'kill-admin', openid: 'kill-admin', name: '审计员', role: 'admin', storeId: null, active: true };
const FIXTURES: Record<string, object[]> = {
  channels: [TEST_CHANNEL],
  staff: [ADMIN],
  mall_items: [item(BURST_ITEM, { stock: 1000, pointsPrice: 10 })],
};
const CLEAN = { drift: [], lost: [], doubled: [], unexpected: [], outbox: { pending: 0, failed: 0 } };

/** The answer of a retry, without what only says it is one. */
const firstAnswer = (a: Answer & { ok: true }) => ({ ...a.data, replayed: undefined });

describe('worker processes killed mid-burst', () => {
  let t: TestCloud;

  beforeAll(async () => {
    t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 4 });
    for (const [collection, docs] of Object.entries(FIXTURES)) await t.cloud.db.insertMany(collection, docs);
  });

  afterAll(async () => {
    await t.stop();
  });

  /** SIGKILLs a worker of `names` that is running an invocation, every `everyMs`, up to `max` times. */
  function killBusyWorkers(names: string[], everyMs: number, max: number) {
    const killed: number[] = [];
    const timer = setInterval(() => {
      const pids = names.flatMap((n) => t.cloud.functions.functions.get(n)!.pool.workerPids({ busy: true }));
      if (pids.length === 0 || killed.length >= max) return;
      const pid = pids[Math.floor(Math.random() * pids.length)];
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      } catch {
        // it finished and exited meanwhile
      }
    }, everyMs);
    return { stop: () => clearInterval(timer), killed };
  }

  test('orders, refunds and redemptions: retried until each succeeds, the audit finds nothing wrong', async () => {
    const members = await registerBurstMembers(t.url, 'kw');
    const requests = planBurst('KW', members);
    const killer = killBusyWorkers(['order', 'mall'], 120, 10);
    let first: Map<string, Answer | null>;
    try {
      first = await fireAll(t.url, requests);
    } finally {
      killer.stop();
    }
    const failed = requests.filter((r) => !first.get(r.id)?.ok);
    // The kills landed on invocations in flight: some requests got no answer.
    expect(killer.killed.length).toBeGreaterThanOrEqual(4);
    expect(failed.filter((r) => first.get(r.id) === null).length).toBeGreaterThan(0);

    const answers = await retryUntilOk(t.url, requests);
    for (const req of requests) {
      const a = first.get(req.id);
      // What was answered before stays the answer.
      if (a?.ok) expect(firstAnswer(answers.get(req.id)!)).toEqual(firstAnswer(a));
    }
    expect(await auditBurst(t.url, ADMIN.openid, requests, answers)).toEqual(CLEAN);
  }, 90_000);
});

describe('the whole local cloud killed mid-burst and restarted on its data directory', () => {
  let dataDir: string;
  let cloud: CloudProcess | null = null;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-kill-'));
    const indexes = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cloudfunctions', 'database', 'indexes.json'), 'utf8')) as IndexFile;
    const db = await Database.open({ dataDir, indexes, now: () => new Date() });
    for (const [collection, docs] of Object.entries(FIXTURES)) await db.insertMany(collection, docs);
    await db.close();
  });

  afterAll(async () => {
    await cloud?.killAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('every answer given before the kill survives it; retried, the audit finds nothing wrong', async () => {
    const port = await freePort();
    cloud = await startCloudProcess(dataDir, port);
    const members = await registerBurstMembers(cloud.url, 'kp');
    const requests = planBurst('KP', members);

    // Killed (with its workers) once a third of the burst has been answered: every answer received was given
    // before the process died.
    const answeredBeforeKill = new Map<string, Answer & { ok: true }>();
    const running = cloud;
    let killing: Promise<void> | null = null;
    await fireAll(running.url, requests, (req: BurstRequest, a) => {
      answeredBeforeKill.set(req.id, a as Answer & { ok: true });
      if (!killing && answeredBeforeKill.size >= requests.length / 3) killing = running.killAll();
    });
    await killing;
    expect(answeredBeforeKill.size).toBeGreaterThanOrEqual(requests.length / 3);
    expect(answeredBeforeKill.size).toBeLessThan(requests.length);

    cloud = await startCloudProcess(dataDir, port);
    const answers = await retryUntilOk(cloud.url, requests);
    // Acknowledged = durable: each request answered before the kill is found done, with the same answer.
    for (const [id, a] of answeredBeforeKill) {
      expect({ id, replayed: answers.get(id)!.data.replayed }).toEqual({ id, replayed: true });
      expect(firstAnswer(answers.get(id)!)).toEqual(firstAnswer(a));
    }
    expect(await auditBurst(cloud.url, ADMIN.openid, requests, answers)).toEqual(CLEAN);
    await cloud.stop();
    cloud = null;
  }, 120_000);
});
