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

export interface Identity { openid: string | null; appid: string | null; unionid: string | null; source: string }

/** Identity from the wx context of this invocation only; never from the request payload. */
export function identity(): Identity {
  init();
  const ctx = cloud.getWXContext() as Record<string, string | undefined>;
  return { openid: ctx.OPENID || null, appid: ctx.APPID || null, unionid: ctx.UNIONID || null, source: ctx.SOURCE || '' };
}

export { cloud };
