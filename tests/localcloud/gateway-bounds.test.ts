// The gateway bounds what it hands to a worker: an event nested deeper than MAX_EVENT_DEPTH or larger than
// MAX_EVENT_BYTES answers the INVALID_INPUT envelope at once, and no worker is left busy by it.
import { FIXTURE_FUNCTIONS, startTestCloud, type TestCloud } from '../helpers/cloud';
import { MAX_EVENT_BYTES, MAX_EVENT_DEPTH } from '../../localcloud/limits';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, maxWorkersPerFunction: 2, timeoutScale: 3 });
});

afterAll(async () => {
  await t.stop();
});

function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

async function post(body: string, openid = 'bounds-user') {
  const res = await fetch(`${t.url}/functions/whoami`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body });
  return { status: res.status, body: (await res.json()) as any };
}

test('a 5,000-deep event answers INVALID_INPUT (请求嵌套层级过深), also four in a row, and the next call answers', async () => {
  for (let i = 0; i < 4; i++) {
    const r = await post(nested(5000));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请求嵌套层级过深' } });
  }
  const arrays = await post(`{"list":${'['.repeat(5000)}${']'.repeat(5000)}}`);
  expect(arrays.body.error.code).toBe('INVALID_INPUT');
  const next = await post('{}', 'after-deep');
  expect(next.status).toBe(200);
  expect(next.body.before.OPENID).toBe('after-deep');
}, 20_000);

test('nesting up to the bound passes; brackets inside strings do not count', async () => {
  const ok = await post(JSON.stringify({ deep: JSON.parse(nested(MAX_EVENT_DEPTH - 1)), text: '{{{{['.repeat(1000) }), 'at-bound');
  expect(ok.status).toBe(200);
  expect(ok.body.before.OPENID).toBe('at-bound');
  const over = await post(JSON.stringify({ deep: JSON.parse(nested(MAX_EVENT_DEPTH)) }));
  expect(over.body.error).toEqual({ code: 'INVALID_INPUT', message: '请求嵌套层级过深' });
});

test('an event over the size bound answers INVALID_INPUT (请求内容过大), and the next call answers', async () => {
  for (const size of [MAX_EVENT_BYTES + 1, 8 * 1024 * 1024]) {
    const r = await post(JSON.stringify({ text: 'x'.repeat(size) }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请求内容过大' } });
  }
  const next = await post(JSON.stringify({ text: 'x'.repeat(10_000) }), 'after-huge');
  expect(next.body.before.OPENID).toBe('after-huge');
}, 20_000);

test('an event the worker cannot take (hand-off fails) frees the worker at once', async () => {
  const pool = t.cloud.functions.functions.get('whoami')!.pool;
  const cyclic: any = { a: 1 };
  cyclic.self = cyclic;
  const r = await pool.invoke(cyclic, { SOURCE: 'wx_http' }, {});
  expect(r.ok).toBe(false);
  const next = await post('{}', 'after-handoff');
  expect(next.body.before.OPENID).toBe('after-handoff');
  expect(pool.busyCount()).toBe(0);
});
