// CloudBase custom login (自定义登录): a ticket that signs a browser in as one custom user id, issued with the
// environment's custom-login private key by @cloudbase/node-sdk's own `auth().createTicket` (wx-server-sdk 4.0.2
// depends on node-sdk 3.17.2 but does not expose its auth). The key is the JSON file the CloudBase console downloads
// (环境 → 登录授权 → 自定义登录 → 私钥下载: private_key_id, private_key, env_id), given to the function as
// CUSTOM_LOGIN_KEY; the local cloud generates its own and checks its tickets the same way (localcloud/auth/).
import tcb from '@cloudbase/node-sdk';
import { AppError } from '../core/errors';

interface CustomLoginKey { private_key_id: string; private_key: string; env_id: string }

function loginKey(): CustomLoginKey {
  const raw = process.env.CUSTOM_LOGIN_KEY;
  let key: Partial<CustomLoginKey> | null = null;
  try {
    key = raw ? (JSON.parse(raw) as Partial<CustomLoginKey>) : null;
  } catch { /* reported below */ }
  if (!key || typeof key.private_key_id !== 'string' || typeof key.private_key !== 'string' || typeof key.env_id !== 'string') {
    console.error('[config] CUSTOM_LOGIN_KEY is not set or is not the custom-login private key JSON (private_key_id, private_key, env_id): the web console cannot sign anyone in');
    throw new AppError('INTERNAL');
  }
  // The platform names the function's environment; a key of another environment would issue tickets it refuses.
  const env = process.env.TCB_ENV || process.env.SCF_NAMESPACE;
  if (env && env !== key.env_id) {
    console.error(`[config] CUSTOM_LOGIN_KEY belongs to environment ${key.env_id}, this function runs in ${env}`);
    throw new AppError('INTERNAL');
  }
  return key as CustomLoginKey;
}

/** A ticket for `uid` (4-32 characters); the login state it gives lasts until `expireAt` at the latest. */
export function createLoginTicket(uid: string, expireAt: Date): string {
  const credentials = loginKey();
  const app = tcb.init({ env: credentials.env_id, credentials });
  return app.auth().createTicket(uid, { refresh: 60 * 60 * 1000, expire: expireAt.getTime() });
}
