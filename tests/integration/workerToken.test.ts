// A worker's callback path (`/tcb/w/<token>`) carries a token of one invocation: random, registered when the
// invocation starts and deleted when it ends, so a token seen during one invocation is refused afterwards and never
// acts with the identity of a later invocation on the same worker.
import { FunctionPool } from '../../localcloud/functions/pool';
import { FIXTURE_FUNCTIONS, startTestCloud, type TestCloud } from '../helpers/cloud';
import { sendSignedTcb } from '../helpers/signedTcb';

let t: TestCloud;

beforeAll(async () => {
  // One worker per function: consecutive invocations run in the same process.
  t = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, maxWorkersPerFunction: 1 });
});

afterAll(async () => {
  await t.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The callback token of the one invocation of `openid` in flight, once it has started. */
async function tokenOf(openid: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const tokens = [...FunctionPool.running.entries()].filter(([, inv]) => inv.context.OPENID === openid).map(([token]) => token);
    if (tokens.length === 1) return tokens[0];
    await sleep(20);
  }
  throw new Error(`no invocation of ${openid} in flight`);
}

const insert = (id: string) => ({ action: 'database.insertDocument', envName: 'local', collectionName: 'stolen', data: [JSON.stringify({ _id: id })] });
const invokeWhoami = { action: 'functions.invokeFunction', envName: 'local', function_name: 'whoami', request_data: JSON.stringify({}) };

test('two sequential invocations of the same worker get different tokens, and each writes through its own', async () => {
  const first = t.call('whoami', { sleepMs: 400, write: true }, 'seq-1');
  const firstToken = await tokenOf('seq-1');
  const a = await first;
  const second = t.call('whoami', { sleepMs: 400, write: true }, 'seq-2');
  const secondToken = await tokenOf('seq-2');
  const b = await second;

  expect(a.body.pid).toBe(b.body.pid);
  expect(firstToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(secondToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(secondToken).not.toBe(firstToken);
  // The SDK inside the worker used each invocation's own path: its write was counted for that invocation.
  expect(a.dbOps).toBe(1);
  expect(b.dbOps).toBe(1);
  expect(FunctionPool.running.has(firstToken)).toBe(false);
  expect(FunctionPool.running.has(secondToken)).toBe(false);
});

test('a token captured from a running invocation is refused after it ends, also while a later invocation runs', async () => {
  const keys = t.cloud.secrets;
  const earlier = t.call('whoami', { sleepMs: 400 }, 'victim-1');
  const captured = await tokenOf('victim-1');
  // While it runs, a correctly signed request on its path acts with its identity (the control for what follows).
  const during = await sendSignedTcb(t.url, `/tcb/w/${captured}`, invokeWhoami, keys);
  expect(during.status).toBe(200);
  expect(JSON.parse(during.body.data.response_data).before.OPENID).toBe('victim-1');
  await earlier;

  const before = t.cloud.db.find('stolen', {}).total;
  expect((await sendSignedTcb(t.url, `/tcb/w/${captured}`, insert('after-end'), keys)).status).toBe(403);

  const later = t.call('whoami', { sleepMs: 600 }, 'victim-2');
  const current = await tokenOf('victim-2');
  expect(current).not.toBe(captured);
  const replay = await sendSignedTcb(t.url, `/tcb/w/${captured}`, invokeWhoami, keys);
  expect(replay.status).toBe(403);
  expect((await sendSignedTcb(t.url, `/tcb/w/${captured}`, insert('during-later'), keys)).status).toBe(403);
  const r = await later;
  expect(r.body.before.OPENID).toBe('victim-2');
  // Nothing the captured token sent was counted for, or written as, the later invocation.
  expect(r.dbOps).toBe(0);
  expect(t.cloud.db.find('stolen', {}).total).toBe(before);
});

test('a guessed token is refused even when correctly signed', async () => {
  const inFlight = t.call('whoami', { sleepMs: 400 }, 'guess-victim');
  await tokenOf('guess-victim');
  const before = t.cloud.db.find('stolen', {}).total;
  for (const guess of ['idle', 'whoami-1', 'A'.repeat(32), 'x'.repeat(32)]) {
    expect((await sendSignedTcb(t.url, `/tcb/w/${guess}`, insert(`guess-${guess}`), t.cloud.secrets)).status).toBe(403);
  }
  await inFlight;
  expect(t.cloud.db.find('stolen', {}).total).toBe(before);
});

test('a token is deleted when its invocation times out or its worker crashes', async () => {
  const short = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, maxWorkersPerFunction: 1, timeoutScale: 0.2 });
  try {
    const overrun = short.call('whoami', { sleepMs: 3000 }, 'overrun');
    const timedOut = await tokenOf('overrun');
    expect((await overrun).status).toBe(502);
    expect(FunctionPool.running.has(timedOut)).toBe(false);
    expect((await sendSignedTcb(short.url, `/tcb/w/${timedOut}`, insert('after-timeout'), short.cloud.secrets)).status).toBe(403);

    const crashing = short.call('whoami', { sleepMs: 3000 }, 'crash');
    const crashed = await tokenOf('crash');
    const pids = short.cloud.functions.functions.get('whoami')!.pool.workerPids();
    expect(pids).toHaveLength(1);
    process.kill(pids[0], 'SIGKILL');
    expect((await crashing).status).toBe(502);
    expect(FunctionPool.running.has(crashed)).toBe(false);
    expect((await sendSignedTcb(short.url, `/tcb/w/${crashed}`, insert('after-crash'), short.cloud.secrets)).status).toBe(403);
    expect(short.cloud.db.find('stolen', {}).total).toBe(0);
  } finally {
    await short.stop();
  }
});
