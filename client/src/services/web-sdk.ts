// @cloudbase/js-sdk for the web console, loaded on first use (its own chunk, about 100 KB gzipped: app, auth and
// functions modules only). Built for an environment it talks to CloudBase; in the local demo to the local cloud on
// this page's own host (`registerHost`: auth on /auth/v1, functions on /v1/functions, localcloud/auth/webAuth.ts).
import cloudbase from '@cloudbase/js-sdk/app';
import '@cloudbase/js-sdk/auth';
import '@cloudbase/js-sdk/functions';
import { WEB_CONSOLE_ENV, WEB_CONSOLE_REGION } from './web-console';

interface WebAuth {
  getLoginState(): Promise<unknown | null>;
  signInAnonymously(): Promise<unknown>;
  signInWithCustomTicket(getTicket: () => Promise<string>): Promise<unknown>;
  signOut(): Promise<unknown>;
}
interface WebApp {
  auth(options?: { persistence: 'local' | 'session' | 'none' }): WebAuth;
  callFunction(options: { name: string; data: object }): Promise<{ result: unknown }>;
  registerHost(host: string, protocol?: string): void;
}

let app: WebApp | null = null;

function web(): { app: WebApp; auth: WebAuth } {
  if (!app) {
    const sdk = cloudbase as unknown as { init(config: object): WebApp };
    app = sdk.init({ env: WEB_CONSOLE_ENV || 'local', ...(WEB_CONSOLE_REGION ? { region: WEB_CONSOLE_REGION } : {}), persistence: 'local' });
    if (!WEB_CONSOLE_ENV) app.registerHost(window.location.host, window.location.protocol);
  }
  return { app, auth: app.auth({ persistence: 'local' }) };
}

/** A function's answer through the web SDK; a browser without a CloudBase login state signs in anonymously first. */
export function webCall(name: string, data: object): Promise<unknown> {
  const { app: a, auth } = web();
  return auth.getLoginState()
    .then((state) => (state ? undefined : auth.signInAnonymously()))
    .then(() => a.callFunction({ name, data }))
    .then((res) => res.result);
}

/** Whether the SDK still has a login state (false: it was signed out, e.g. its tokens were refused). */
export const hasLoginState = (): Promise<boolean> => web().auth.getLoginState().then((s) => s !== null, () => false);

export function signInWithTicket(ticket: string): Promise<void> {
  return web().auth.signInWithCustomTicket(() => Promise.resolve(ticket)).then(() => undefined);
}

export function signOutOfSdk(): Promise<void> {
  return web().auth.signOut().then(() => undefined, () => undefined);
}
