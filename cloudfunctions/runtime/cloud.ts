// The only module that touches wx-server-sdk. Everything else gets the database and identity from here.
import cloud from 'wx-server-sdk';
import type { Database } from './dbTypes';

let initialised = false;

function init(): void {
  if (initialised) return;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  initialised = true;
}

export type { Database };

export function database(): Database {
  init();
  return cloud.database() as unknown as Database;
}

export interface Identity {
  openid: string | null;
  appid: string | null;
  unionid: string | null;
  source: string;
  /**
   * A CloudBase web user (the web console, @cloudbase/js-sdk): its uid (TCB_UUID), null for mini-program callers.
   * `customUserId` is the id a custom-login ticket was issued for (TCB_CUSTOM_USER_ID); an anonymous sign-in has none.
   */
  uid: string | null;
  customUserId: string | null;
  anonymous: boolean;
}

/**
 * The CloudBase context of this invocation as @cloudbase/node-sdk's `auth().getUserInfo()` reads it
 * (`getCloudbaseContext` in its src/utils/tcbcontext.ts): the variables that TCB_CONTEXT_KEYS (or WX_CONTEXT_KEYS)
 * names, from process.env. The platform sets them per invocation; a payload can never reach them.
 */
function cloudbaseContext(): Record<string, string | undefined> {
  const listed = `${process.env.TCB_CONTEXT_KEYS ?? ''},${process.env.WX_CONTEXT_KEYS ?? ''}`.split(',').filter(Boolean);
  return Object.fromEntries(listed.map((key) => [key, process.env[key]]));
}

/** Identity from the wx context (and, for web callers, the CloudBase context) of this invocation only; never from the payload. */
export function identity(): Identity {
  init();
  const ctx = cloud.getWXContext() as Record<string, string | undefined>;
  const tcb = cloudbaseContext();
  const openid = ctx.OPENID || null;
  // A mini-program caller is its openid; only a caller without one is a web user.
  const uid = openid ? null : tcb.TCB_UUID || null;
  return {
    openid, appid: ctx.APPID || null, unionid: ctx.UNIONID || null, source: ctx.SOURCE || '',
    uid, customUserId: uid ? tcb.TCB_CUSTOM_USER_ID || null : null, anonymous: uid !== null && tcb.TCB_ISANONYMOUS_USER === 'true',
  };
}

export { cloud };

/**
 * The cloud environment this invocation runs in (its id; `local` on the local cloud): the subscription template
 * registry keeps a template id per environment.
 */
export function cloudEnv(): string {
  init();
  const ctx = cloud.getWXContext() as Record<string, string | undefined>;
  return ctx.ENV || process.env.TCB_ENV || process.env.SCF_NAMESPACE || 'local';
}

export interface SubscribeMessage { touser: string; templateId: string; page: string; data: Record<string, { value: string }>; miniprogramState?: 'developer' | 'trial' | 'formal' }

/**
 * cloud.openapi.subscribeMessage.send (the function's config.json must list `subscribeMessage.send` in
 * `permissions.openapi`). Rejects with WeChat's errCode (43101, 47003, ...) as wx-server-sdk throws it.
 */
export async function sendSubscribeMessage(msg: SubscribeMessage): Promise<void> {
  init();
  await (cloud.openapi as unknown as { subscribeMessage: { send: (m: SubscribeMessage & { lang: string }) => Promise<unknown> } })
    .subscribeMessage.send({ ...msg, lang: 'zh_CN' });
}
