// The local cloud's network model (issue 14): a round trip added to every database request keeps every answer the
// same and only delays it, and a function's worker pool can be sized so that many invocations run at once. Only
// lower bounds on elapsed time are asserted (a slow machine cannot fail them); speed itself is for `npm run bench`.
import { parseInstances } from '../../localcloud/cli';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

const LATENCY_MS = 40;

describe('database latency', () => {
  let t: TestCloud;

  beforeAll(async () => {
    t = await startTestCloud({ seed: 'empty', dbLatency: { ms: LATENCY_MS }, instances: { member: 8 } });
  });

  afterAll(() => t.stop());

  test('every database request of an invocation waits a round trip; answers are the same as without', async () => {
    const started = Date.now();
    const login = await t.call('member', { action: 'login' }, 'latency-1');
    const elapsed = Date.now() - started;
    expect(login.body.ok).toBe(true);
    expect(login.body.data.created).toBe(true);
    expect(login.dbOps).toBeGreaterThan(2);
    // The requests of one invocation run one after another or in parallel: at least the longest chain of them, and at
    // the very least one round trip each for the first and the last.
    expect(elapsed).toBeGreaterThanOrEqual(2 * LATENCY_MS);

    t.cloud.db.setLatency({ ms: 0 });
    const again = await t.call('member', { action: 'login' }, 'latency-1');
    expect(again.body.data.created).toBe(false);
    expect(again.body.data.member.memberNo).toBe(login.body.data.member.memberNo);
    t.cloud.db.setLatency({ ms: LATENCY_MS });
    expect(t.cloud.db.getLatency()).toEqual({ ms: LATENCY_MS, jitterMs: 0 });
  });

  test('a sized pool runs invocations at once: a burst of 8 gets 8 workers, beyond the default 4', async () => {
    const all = await Promise.all(Array.from({ length: 8 }, (_, i) => t.call('member', { action: 'login' }, `latency-burst-${i}`)));
    expect(all.every((r) => r.body.ok && r.body.data.created)).toBe(true);
    const pool = t.cloud.functions.functions.get('member')!.pool;
    expect(pool.workerCount()).toBeGreaterThan(4);
    expect(pool.workerCount()).toBeLessThanOrEqual(8);
  });

  test('bad settings are refused', () => {
    expect(() => t.cloud.db.setLatency({ ms: -1 })).toThrow(RangeError);
    expect(parseInstances('mall=100, order=20')).toEqual({ mall: 100, order: 20 });
    expect(parseInstances('')).toEqual({});
    expect(() => parseInstances('mall')).toThrow('--instances takes');
    expect(() => parseInstances('mall=0')).toThrow('--instances takes');
  });
});

test('instances for a function that does not exist are refused', async () => {
  await expect(startTestCloud({ seed: 'empty', instances: { nosuch: 3 } })).rejects.toThrow('instances for unknown functions: nosuch');
});
