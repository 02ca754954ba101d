// A web caller's identity as the functions read it (runtime/cloud.ts `identity()`) agrees with what the real
// @cloudbase/node-sdk's `auth().getUserInfo()` reads from the same environment: the variables the platform (and the
// local cloud's worker, localcloud/functions/worker.js) sets for a CloudBase web user and names in TCB_CONTEXT_KEYS.
import tcb from '@cloudbase/node-sdk';
import { identity } from '../../cloudfunctions/runtime/cloud';

const KEYS = ['TCB_CONTEXT_KEYS', 'TCB_UUID', 'TCB_CUSTOM_USER_ID', 'TCB_ISANONYMOUS_USER', 'WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID'];
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

function setContext(vars: Record<string, string>, listed: 'TCB_CONTEXT_KEYS' | 'WX_CONTEXT_KEYS' = 'TCB_CONTEXT_KEYS') {
  for (const k of KEYS) delete process.env[k];
  Object.assign(process.env, vars);
  const names = Object.keys(vars);
  if (names.length) process.env[listed] = names.join(',');
}

afterEach(() => {
  for (const k of KEYS) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
});

const sdkUser = () => tcb.init({ env: 'local', secretId: 'AKIDtest', secretKey: 'test' }).auth().getUserInfo();

test('a custom-login web user: uid and custom user id from the platform context, no openid', () => {
  setContext({ TCB_UUID: 'u-123', TCB_CUSTOM_USER_ID: 'ws_AAAAAAAAAAAAAAAAAAAAAA', TCB_ISANONYMOUS_USER: 'false' });
  const sdk = sdkUser();
  expect(identity()).toMatchObject({ openid: null, uid: sdk.uid, customUserId: sdk.customUserId, anonymous: sdk.isAnonymous });
  expect(sdk).toMatchObject({ uid: 'u-123', customUserId: 'ws_AAAAAAAAAAAAAAAAAAAAAA', isAnonymous: false, openId: '' });
});

test('an anonymous web user has a uid and no custom user id', () => {
  setContext({ TCB_UUID: 'u-anon', TCB_ISANONYMOUS_USER: 'true' });
  const sdk = sdkUser();
  expect(identity()).toMatchObject({ openid: null, uid: 'u-anon', customUserId: null, anonymous: true });
  expect(sdk).toMatchObject({ uid: 'u-anon', customUserId: '', isAnonymous: true });
});

test('variables not named in the context lists are not the caller; a mini-program caller is its openid only', () => {
  setContext({});
  process.env.TCB_CUSTOM_USER_ID = 'ws_AAAAAAAAAAAAAAAAAAAAAA';
  process.env.TCB_UUID = 'u-unlisted';
  expect(sdkUser().customUserId).toBe('');
  expect(identity()).toMatchObject({ openid: null, uid: null, customUserId: null });
  setContext({ WX_OPENID: 'o-1', WX_APPID: 'wx1', TCB_UUID: 'u-also' }, 'WX_CONTEXT_KEYS');
  expect(identity()).toMatchObject({ openid: 'o-1', uid: null, customUserId: null });
});
