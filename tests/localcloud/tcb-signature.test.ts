// `/tcb` serves only requests signed (TC3-HMAC-SHA256, as @cloudbase/node-sdk signs them) with the local cloud's own
// key pair: the functions' SDK has it in its environment, outside tools get it from LOCALCLOUD_SECRET_ID/KEY or
// `npm start`; anything else is refused and writes nothing.
import { sign } from '@cloudbase/signature-nodejs';
import { FIXTURE_FUNCTIONS, startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, maxWorkersPerFunction: 2 });
});

afterAll(async () => {
  await t.stop();
});

const insert = (id: string) => ({ action: 'database.insertDocument', envName: 'local', collectionName: 'guarded', data: [JSON.stringify({ _id: id })] });
const count = () => t.cloud.db.find('guarded', {}).total;

/** Signs `params` for POST `${t.url}/tcb?env=local` the way the SDK does, with the given key pair. */
function signed(params: Record<string, unknown>, keys: { secretId: string; secretKey: string }, timestamp = Math.floor(Date.now() / 1000) - 1) {
  const url = `${t.url}/tcb?env=local&seqId=test`;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'admin-tool', host: new URL(t.url).host };
  const { authorization } = sign({ secretId: keys.secretId, secretKey: keys.secretKey, method: 'post', url, params, headers, withSignedParams: true, timestamp });
  return { url, headers: { ...headers, authorization, 'x-timestamp': String(timestamp), 'x-signature-expires': '600' } };
}

async function send(url: string, headers: Record<string, string>, body: unknown) {
  const { host: _host, ...rest } = headers;
  const res = await fetch(url, { method: 'POST', headers: rest, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

test('an unsigned request is refused and writes nothing', async () => {
  const before = count();
  const r = await send(`${t.url}/tcb`, { 'content-type': 'application/json' }, insert('unsigned'));
  expect(r.status).toBe(401);
  expect(r.body.code).toBe('SIGN_PARAM_INVALID');
  const forgedHeader = await send(`${t.url}/tcb`, { 'content-type': 'application/json', authorization: 'TC3-HMAC-SHA256 Credential=local/2026-01-01/tcb/tc3_request, SignedHeaders=host, Signature=' + '0'.repeat(64), 'x-timestamp': '1' }, insert('unsigned-2'));
  expect(forgedHeader.status).toBe(401);
  expect(count()).toBe(before);
});

test('a request signed with another key, a tampered body or an old timestamp is refused and writes nothing', async () => {
  const before = count();
  const { secretId } = t.cloud.secrets;
  const wrongKey = signed(insert('wrong-key'), { secretId, secretKey: 'not-the-key' });
  expect((await send(wrongKey.url, wrongKey.headers, insert('wrong-key'))).status).toBe(401);
  const wrongId = signed(insert('wrong-id'), { secretId: 'AKIDother', secretKey: t.cloud.secrets.secretKey });
  expect((await send(wrongId.url, wrongId.headers, insert('wrong-id'))).status).toBe(401);

  const good = signed(insert('original'), t.cloud.secrets);
  expect((await send(good.url, good.headers, insert('tampered'))).status).toBe(401);
  expect((await send(good.url, good.headers, { ...insert('original'), extra: 'unsigned' })).status).toBe(401);
  const old = signed(insert('old'), t.cloud.secrets, Math.floor(Date.now() / 1000) - 3600);
  expect((await send(old.url, old.headers, insert('old'))).status).toBe(401);
  expect(count()).toBe(before);
});

test('a request signed with the local cloud key pair is served', async () => {
  const before = count();
  const good = signed(insert('admin-tool'), t.cloud.secrets);
  const r = await send(good.url, good.headers, insert('admin-tool'));
  expect(r.status).toBe(200);
  expect(r.body.data.insertedIds).toEqual(['admin-tool']);
  expect(count()).toBe(before + 1);
});

test('the unmodified SDK with the key pair (an outside admin tool) reads and writes; functions still work', async () => {
  let sdk: any;
  jest.isolateModules(() => {
    sdk = require('wx-server-sdk');
  });
  sdk.init({ env: 'local', serviceUrl: `${t.url}/tcb`, secretId: t.cloud.secrets.secretId, secretKey: t.cloud.secrets.secretKey });
  const db = sdk.database();
  await db.collection('guarded').add({ data: { _id: 'via-sdk', n: 1 } });
  expect((await db.collection('guarded').doc('via-sdk').get()).data.n).toBe(1);
  const r = await t.call('whoami', { write: true }, 'signed-fn');
  expect(r.status).toBe(200);
  expect(t.cloud.db.find('probe', { openid: 'signed-fn' }).total).toBe(1);
});
