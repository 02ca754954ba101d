// The CloudBase web front door of the local cloud, for @cloudbase/js-sdk 3 pointed at it (`app.registerHost(host)`:
// auth on `/auth/v1/...`, functions on `/v1/functions/<name>`, as the SDK sends them to the environment's gateway).
// Emulated: anonymous sign-in, custom-login tickets (checked as CloudBase checks them, keys.ts), access tokens that
// expire after 2 hours and their refresh, revoke/sign-out, and function calls with a Bearer access token. A function
// called this way gets the caller as CloudBase passes a web user: no WX_OPENID, TCB_UUID (the user), TCB_CUSTOM_USER_ID
// (the ticket's uid) and TCB_ISANONYMOUS_USER, listed in TCB_CONTEXT_KEYS (what node-sdk's auth().getUserInfo() reads).
// Users and tokens live in memory: a restart signs every browser out.
import crypto from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import { readBody, readBodyWithin, sendJson } from '../http';
import { eventOf, MAX_EVENT_BYTES } from '../limits';
import type { InvokeResult, WxContext } from '../functions/pool';
import { verifyTicket, type CustomLoginKey } from './keys';

const ACCESS_TTL_S = 2 * 60 * 60;
const REFRESH_TTL_MS = 30 * 24 * 60 * 60 * 1000;

interface WebUser { uuid: string; customUserId: string | null; anonymous: boolean }
interface Token { uuid: string; expiresAt: number }

export interface WebAuthDeps {
  key: CustomLoginKey;
  invoke: (name: string, event: unknown, context: WxContext) => Promise<InvokeResult | null>;
  now?: () => number;
}

/** OAuth-style refusal, as the CloudBase auth API answers. */
const refuse = (res: ServerResponse, status: number, error: string, description: string) => sendJson(res, status, { error, error_description: description });

export class WebAuth {
  private readonly users = new Map<string, WebUser>();
  private readonly byCustomId = new Map<string, string>();
  private readonly access = new Map<string, Token>();
  private readonly refresh = new Map<string, Token & { loginEnds: number }>();
  private readonly now: () => number;

  constructor(private readonly deps: WebAuthDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Whether this front door serves `path`. */
  static serves(path: string): boolean {
    return path.startsWith('/auth/v1/') || /^\/v1\/functions\/[\w-]+$/.test(path);
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const m = path.match(/^\/v1\/functions\/([\w-]+)$/);
    if (m && method === 'POST') return this.callFunction(req, res, m[1]);
    if (method === 'POST' && path === '/auth/v1/signin/anonymously') return this.issue(res, this.newUser(null));
    if (method === 'POST' && path === '/auth/v1/signin/custom') return this.signInCustom(req, res);
    if (method === 'POST' && path === '/auth/v1/token') return this.refreshToken(req, res);
    if (method === 'GET' && path === '/auth/v1/user/me') return this.me(req, res);
    if (method === 'POST' && (path === '/auth/v1/revoke' || path === '/auth/v1/user/signout')) return this.revoke(req, res);
    req.resume();
    refuse(res, 404, 'not_found', `not emulated by the local cloud: ${method} ${path}`);
  }

  private newUser(customUserId: string | null): WebUser {
    const user: WebUser = { uuid: crypto.randomUUID().replace(/-/g, ''), customUserId, anonymous: customUserId === null };
    this.users.set(user.uuid, user);
    if (customUserId) this.byCustomId.set(customUserId, user.uuid);
    return user;
  }

  private issue(res: ServerResponse, user: WebUser, loginEnds = this.now() + REFRESH_TTL_MS): void {
    const now = this.now();
    // JWT-shaped like the platform's (the SDK may read its claims); the local cloud only looks it up.
    const claims = { sub: user.uuid, iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + ACCESS_TTL_S, scope: user.anonymous ? 'anonymous' : 'user', jti: crypto.randomBytes(12).toString('hex') };
    const accessToken = [{ alg: 'HS256', typ: 'JWT' }, claims].map((p) => Buffer.from(JSON.stringify(p)).toString('base64url')).join('.') + '.' + crypto.randomBytes(24).toString('base64url');
    const refreshToken = crypto.randomBytes(32).toString('base64url');
    this.access.set(accessToken, { uuid: user.uuid, expiresAt: now + ACCESS_TTL_S * 1000 });
    this.refresh.set(refreshToken, { uuid: user.uuid, expiresAt: Math.min(loginEnds, now + REFRESH_TTL_MS), loginEnds });
    sendJson(res, 200, { token_type: 'Bearer', access_token: accessToken, refresh_token: refreshToken, expires_in: ACCESS_TTL_S, scope: claims.scope, sub: user.uuid, groups: [] });
  }

  private async jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
    try {
      const value: unknown = JSON.parse((await readBody(req)) || '{}');
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  private async signInCustom(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.jsonBody(req);
    if (body.provider_id !== 'custom' || typeof body.ticket !== 'string') return refuse(res, 400, 'invalid_argument', 'provider_id custom and a ticket are required');
    const checked = verifyTicket(body.ticket, this.deps.key, this.now());
    if (!checked.ok) return refuse(res, 400, 'invalid_ticket', checked.reason);
    const known = this.byCustomId.get(checked.claims.uid);
    const user = (known && this.users.get(known)) || this.newUser(checked.claims.uid);
    this.issue(res, user, typeof checked.claims.expire === 'number' ? checked.claims.expire : undefined);
  }

  private async refreshToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.jsonBody(req);
    const token = typeof body.refresh_token === 'string' ? this.refresh.get(body.refresh_token) : undefined;
    if (body.grant_type !== 'refresh_token' || !token || token.expiresAt <= this.now()) return refuse(res, 400, 'invalid_grant', 'refresh token invalid or expired');
    this.refresh.delete(body.refresh_token as string);
    const user = this.users.get(token.uuid);
    if (!user) return refuse(res, 400, 'invalid_grant', 'user not found');
    this.issue(res, user, token.loginEnds);
  }

  /** The user of a request's Bearer access token, if it is known and not expired. */
  private bearer(req: IncomingMessage): WebUser | null {
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? this.access.get(auth.slice(7)) : undefined;
    if (!token || token.expiresAt <= this.now()) return null;
    return this.users.get(token.uuid) ?? null;
  }

  private me(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    const user = this.bearer(req);
    if (!user) return refuse(res, 401, 'unauthenticated', 'access token invalid or expired');
    sendJson(res, 200, { sub: user.uuid, name: user.customUserId ?? '', groups: [{ id: user.anonymous ? 'anonymous' : 'user' }], ...(user.customUserId ? { custom_user_id: user.customUserId } : {}) });
  }

  private async revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.jsonBody(req);
    const user = this.bearer(req);
    const token = typeof body.token === 'string' ? this.access.get(body.token) : undefined;
    const uuid = user?.uuid ?? token?.uuid;
    // Signing out ends every token of that user on this gateway.
    if (uuid) {
      for (const [k, t] of this.access) if (t.uuid === uuid) this.access.delete(k);
      for (const [k, t] of this.refresh) if (t.uuid === uuid) this.refresh.delete(k);
    }
    sendJson(res, 200, {});
  }

  private async callFunction(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const user = this.bearer(req);
    const raw = await readBodyWithin(req, MAX_EVENT_BYTES);
    if (!user) return sendJson(res, 401, { code: 'INVALID_ACCESS_TOKEN', message: 'access token invalid or expired' });
    const read = eventOf(raw);
    if ('refusal' in read) {
      return read.notJson ? sendJson(res, 400, { code: 'INVALID_PARAM', message: 'request body is not JSON' }) : sendJson(res, 200, read.refusal);
    }
    const { event } = read;
    // A web user has no WeChat identity: no OPENID, its CloudBase user in the TCB_* context instead.
    const context: WxContext = {
      SOURCE: '',
      ENV: 'local',
      TCB: { UUID: user.uuid, ISANONYMOUS_USER: user.anonymous ? 'true' : 'false', ...(user.customUserId ? { CUSTOM_USER_ID: user.customUserId } : {}) },
    };
    const result = await this.deps.invoke(name, event, context);
    if (!result) return sendJson(res, 404, { code: 'FUNCTION_NOT_FOUND', message: `function ${name} not found` });
    if (!result.ok) return sendJson(res, 502, { code: 'FUNCTIONS_EXECUTE_FAIL', message: result.error });
    sendJson(res, 200, result.result, { 'x-localcloud-db-ops': String(result.dbOps) });
  }
}
