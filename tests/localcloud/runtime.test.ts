// The local cloud as a function runtime: identity per invocation, call chains, the gateway's headers,
// the movable clock, timer triggers, failures and timeouts, all through the real wx-server-sdk.
import { FIXTURE_FUNCTIONS, startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, maxWorkersPerFunction: 4, timeoutScale: 0.4 });
});

afterAll(async () => {
  await t.stop();
});

afterEach(async () => {
  await t.resetClock();
});

test('concurrent invocations each see only their own identity', async () => {
  const openids = Array.from({ length: 40 }, (_, i) => `iso-${i}`);
  const results = await Promise.all(openids.map((id) => t.call('whoami', { write: true }, id)));
  results.forEach((r, i) => {
    expect(r.status).toBe(200);
    expect(r.body.before.OPENID).toBe(openids[i]);
    expect(r.body.after.OPENID).toBe(openids[i]);
    expect(r.body.before.SOURCE).toBe('wx_client');
  });
  // 40 calls over at most 4 warm instances: instances are reused, one invocation at a time each.
  expect(new Set(results.map((r) => r.body.pid)).size).toBeLessThanOrEqual(4);
  const written = t.cloud.db.find('probe', {}, { limit: 100 }).docs as Array<{ openid: string }>;
  expect(written.map((d) => d.openid).sort()).toEqual([...openids].sort());
});

test('an anonymous caller has no OPENID', async () => {
  const r = await t.call('whoami', {});
  expect(r.body.before.OPENID).toBeUndefined();
  expect(r.body.before.SOURCE).toBe('wx_http');
});

test('cloud.callFunction reaches the other function with the caller identity and the SOURCE chain', async () => {
  const r = await t.call('caller', { write: true }, 'chain-user');
  expect(r.status).toBe(200);
  expect(r.body.own.OPENID).toBe('chain-user');
  expect(r.body.callee.before.OPENID).toBe('chain-user');
  expect(r.body.callee.before.SOURCE).toBe('wx_client,scf');
});

test('x-localcloud-db-ops counts the database requests of that invocation only', async () => {
  expect((await t.call('whoami', {}, 'ops')).dbOps).toBe(0);
  expect((await t.call('whoami', { write: true }, 'ops')).dbOps).toBe(1);
  // The callee's write belongs to the callee's invocation, not the caller's.
  expect((await t.call('caller', { write: true }, 'ops')).dbOps).toBe(0);
});

test('PUT /_clock moves the time functions and db.serverDate() see; DELETE returns to real time', async () => {
  await t.setClock('2030-01-01T00:00:00.000Z', true);
  const r = await t.call('whoami', { write: true }, 'clock-user');
  expect(r.body.now).toBe('2030-01-01T00:00:00.000Z');
  const probe = (t.cloud.db.find('probe', { openid: 'clock-user' }).docs[0] as { at: Date }).at;
  expect(new Date(probe).toISOString()).toBe('2030-01-01T00:00:00.000Z');

  await t.setClock('2031-06-01T00:00:00.000Z');
  const running = new Date((await t.call('whoami', {}, 'clock-user')).body.now).getTime();
  expect(running).toBeGreaterThanOrEqual(Date.parse('2031-06-01T00:00:00.000Z'));
  expect(running).toBeLessThan(Date.parse('2031-06-01T00:01:00.000Z'));

  await t.resetClock();
  const real = new Date((await t.call('whoami', {}, 'clock-user')).body.now).getTime();
  expect(Math.abs(real - Date.now())).toBeLessThan(5000);
  const bad = await fetch(`${t.url}/_clock`, { method: 'PUT', body: JSON.stringify({ now: 'tomorrow' }) });
  expect(bad.status).toBe(400);
});

test('a timer trigger fires from its config.json when the clock passes its time', async () => {
  const before = t.cloud.db.find('ticks', {}).total;
  const fire = await fetch(`${t.url}/_triggers/ticker`, { method: 'POST' });
  expect(fire.status).toBe(200);
  const ticks = t.cloud.db.find('ticks', {}).docs as Array<{ trigger: string; source: string }>;
  expect(ticks.length).toBe(before + 1);
  expect(ticks[ticks.length - 1]).toMatchObject({ trigger: 'daily', source: 'wx_trigger' });
  expect(t.cloud.functions.triggers().map((x) => `${x.functionName}/${x.name}/${x.cron.expression}`)).toEqual(['ticker/daily/0 0 3 * * * *']);
});

test('a function that throws answers 502 with the platform error, and the next call still works', async () => {
  const r = await t.call('whoami', { fail: true }, 'x');
  expect(r.status).toBe(502);
  expect(r.body.errCode).toBe(-504002);
  expect((await t.call('whoami', {}, 'x')).status).toBe(200);
});

test('a function that overruns its timeout is killed and answers an error', async () => {
  const r = await t.call('whoami', { sleepMs: 60_000 }, 'slow');
  expect(r.status).toBe(502);
  expect(r.body.errMsg).toMatch(/timed out/);
  expect((await t.call('whoami', {}, 'after-timeout')).body.before.OPENID).toBe('after-timeout');
}, 60_000);

test('unknown functions are 404', async () => {
  expect((await t.call('nope', {})).status).toBe(404);
});
