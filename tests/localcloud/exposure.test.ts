// What an outside request can reach: the local cloud listens on 127.0.0.1 unless told otherwise, and a worker's
// callback path (`/tcb/w/<token>`) carries a random per-process token, so no one can act as an invocation in flight.
import { FunctionPool } from '../../localcloud/functions/pool';
import { FIXTURE_FUNCTIONS, startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, maxWorkersPerFunction: 2 });
});

afterAll(async () => {
  await t.stop();
});

test('it listens on 127.0.0.1 by default', () => {
  expect(t.cloud.host).toBe('127.0.0.1');
});

test('a worker callback path is an unguessable token; a sequential or made-up one is refused and writes nothing', async () => {
  const inFlight = t.call('whoami', { sleepMs: 800 }, 'victim');
  await new Promise((r) => setTimeout(r, 300));
  const tokens = [...FunctionPool.running.entries()].filter(([, inv]) => inv.context.OPENID === 'victim').map(([token]) => token);
  expect(tokens).toHaveLength(1);
  expect(tokens[0]).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(tokens[0]).not.toMatch(/whoami/);

  const before = t.cloud.db.find('stolen', {}).total;
  for (const guess of ['whoami-1', 'whoami-2', 'whoami-3', 'caller-1', 'x'.repeat(32)]) {
    const res = await fetch(`${t.url}/tcb/w/${guess}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.insertDocument', collectionName: 'stolen', data: ['{"_id":"x"}'] }),
    });
    expect(res.status).toBe(403);
  }
  expect(t.cloud.db.find('stolen', {}).total).toBe(before);
  expect((await inFlight).body.before.OPENID).toBe('victim');
});
