// HTTP routes of the local cloud. The gateway (`/functions/<name>`) is what the H5 client, tests and outside
// tools call; `/tcb` is the CloudBase endpoint the SDK inside each function talks to.
import type { IncomingMessage, ServerResponse } from 'http';
import fs from 'fs';
import path from 'path';
import type { Clock } from './clock';
import type { Database } from './db';
import type { FunctionRegistry } from './functions/registry';
import { FunctionPool, type WxContext } from './functions/pool';
import { readBody, readBodyBuffer, readBodyWithin, sendJson, serveStatic } from './http';
import { checkEventText, eventOf, MAX_EVENT_BYTES } from './limits';
import { callOpenApi, parseMultipart } from './openapi';
import type { SubscribeMessages } from './subscribeMessages';
import { DEMO_IDENTITIES } from './seed/demo';
import { verifySignature, type KeyPair } from './signature';
import type { LocalStorage } from './storage';
import { WebAuth } from './auth/webAuth';
import type { CustomLoginKey } from './auth/keys';

function parseJsonObject(raw: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8') || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface InvocationRecord { id: number; at: string; functionName: string; action: string | null; openid: string | null; source: string; ok: boolean; ms: number; dbOps: number; error?: string }

export class InvocationLog {
  private records: InvocationRecord[] = [];
  private seq = 0;
  constructor(private readonly capacity: number) {}
  add(r: Omit<InvocationRecord, 'id'>): void {
    this.records.push({ id: ++this.seq, ...r });
    if (this.records.length > this.capacity) this.records.shift();
  }
  recent(): InvocationRecord[] {
    return [...this.records].reverse();
  }
}

interface RouterDeps { keys: KeyPair; db: Database; clock: Clock; log: InvocationLog; functions: () => FunctionRegistry; h5Dir: string; appid: string; quiet: boolean; storage: LocalStorage; customLoginKey: CustomLoginKey; subscribe: SubscribeMessages }

const VIEWER = path.join(__dirname, 'viewer.html');

export function createRouter(deps: RouterDeps) {
  const { db, clock, log } = deps;

  async function invoke(name: string, event: unknown, context: WxContext) {
    const result = await deps.functions().invoke(name, event, context, clock.forFunctions());
    if (!result) return null;
    const action = typeof event === 'object' && event && typeof (event as { action?: unknown }).action === 'string' ? (event as { action: string }).action : null;
    log.add({ at: clock.now().toISOString(), functionName: name, action, openid: context.OPENID ?? (context.TCB ? `web:${context.TCB.CUSTOM_USER_ID ?? context.TCB.UUID}` : null), source: context.SOURCE, ok: result.ok, ms: result.ms, dbOps: result.dbOps, error: result.error });
    if (!result.ok && !deps.quiet) console.error(`[localcloud] ${name}${action ? `.${action}` : ''} failed: ${result.error}`);
    return result;
  }

  // The CloudBase web front door (@cloudbase/js-sdk): auth and function calls of web users (localcloud/auth/).
  const web = new WebAuth({ key: deps.customLoginKey, invoke });

  async function openApi(res: ServerResponse, parts: Record<string, Buffer>, functionName: string | null) {
    const apiName = parts.apiName?.toString('utf8') ?? '';
    // A cloud call needs the API in the calling function's config.json permissions.openapi, as on the real platform.
    const declared = (functionName ? (deps.functions().functions.get(functionName)?.config as { permissions?: { openapi?: unknown } } | undefined)?.permissions?.openapi : null);
    const permitted = (api: string) => Array.isArray(declared) && declared.includes(api);
    const out = parts.action?.toString('utf8') === 'wx.openApi'
      ? callOpenApi(apiName, parts.requestData ?? Buffer.alloc(0), { subscribe: deps.subscribe, permitted })
      : { ok: false as const, message: 'only wx.openApi is emulated' };
    if (!out.ok) return sendJson(res, 200, { code: 'INVALID_PARAM', message: out.message });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': out.body.length });
    res.end(out.body);
  }

  async function tcb(req: IncomingMessage, res: ServerResponse, workerToken: string | null) {
    // `/tcb/w/<token>` is the callback path of one invocation: the token is random per invocation and valid only
    // while it runs, so no one outside can act with the identity of an invocation in flight, and a token seen once
    // is worthless after. An unknown or expired token is refused outright.
    if (workerToken !== null && !FunctionPool.running.has(workerToken)) {
      req.resume();
      return sendJson(res, 403, { code: 'PERMISSION_DENIED', message: 'unknown worker callback path' });
    }
    const raw = await readBodyBuffer(req);
    const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/form-data');
    const params: Record<string, unknown> = multipart ? parseMultipart(raw, String(req.headers['content-type'])) : parseJsonObject(raw);
    // Only requests signed with the local cloud's key pair (the functions' TENCENTCLOUD_SECRETID/SECRETKEY, or
    // LOCALCLOUD_SECRET_ID/KEY for outside tools) are served; a refusal touches nothing.
    const refusal = verifySignature({ method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, params, multipart }, deps.keys);
    if (refusal) return sendJson(res, 401, { code: 'SIGN_PARAM_INVALID', message: `request signature refused: ${refusal}` });
    const caller = workerToken ? FunctionPool.running.get(workerToken) : undefined;
    if (workerToken !== null && !caller) return sendJson(res, 403, { code: 'PERMISSION_DENIED', message: 'worker callback path expired' });
    // Open API calls (cloud.openapi.*) are not database requests: they are not counted.
    if (multipart) return openApi(res, params as Record<string, Buffer>, caller?.functionName ?? null);
    const body = params as { action: string } & Record<string, unknown>;
    // Cloud storage (cloud.uploadFile / getTempFileURL / deleteFile): URLs it hands out point at the address the
    // caller signed (its Host header), so they reach this server the way the caller did (localcloud/storage).
    if (typeof body.action === 'string' && body.action.startsWith('storage.')) {
      return sendJson(res, 200, deps.storage.handle(body.action, body, `http://${String(req.headers.host)}`));
    }
    if (body.action === 'functions.invokeFunction') {
      // SOURCE follows the call chain (wx_client,scf); the caller's user identity goes along.
      const context: WxContext = { ...(caller?.context ?? {}), SOURCE: caller ? `${caller.context.SOURCE},scf` : 'scf' };
      const requestData = String(body.request_data ?? '{}');
      const refusal = checkEventText(requestData);
      if (refusal) return sendJson(res, 200, { code: 'INVALID_PARAM', message: refusal.error.message });
      const event = JSON.parse(requestData);
      const result = await invoke(String(body.function_name), event, context);
      if (!result) return sendJson(res, 200, { code: 'FUNCTION_NOT_FOUND', message: `function ${body.function_name} not found` });
      if (!result.ok) return sendJson(res, 200, { code: 'FUNCTIONS_EXECUTE_FAIL', message: result.error });
      return sendJson(res, 200, { data: { response_data: JSON.stringify(result.result) }, requestId: `local-${Date.now()}` });
    }
    if (caller) caller.dbOps += 1;
    const { action, ...dbParams } = body;
    sendJson(res, 200, await db.handle(action, dbParams));
  }

  async function gateway(req: IncomingMessage, res: ServerResponse, name: string) {
    // Bounds first: an event too large or too deeply nested never reaches a worker (limits.ts).
    const raw = await readBodyWithin(req, MAX_EVENT_BYTES);
    const read = eventOf(raw);
    if ('refusal' in read) {
      return read.notJson ? sendJson(res, 400, { errCode: -501007, errMsg: 'request body is not JSON' }) : sendJson(res, 200, read.refusal);
    }
    const { event } = read;
    const openid = (req.headers['x-wx-openid'] as string | undefined)?.trim() || undefined;
    const context: WxContext = {
      OPENID: openid,
      APPID: openid ? deps.appid : undefined,
      UNIONID: (req.headers['x-wx-unionid'] as string | undefined) || undefined,
      SOURCE: openid ? 'wx_client' : 'wx_http',
      ENV: 'local',
    };
    const result = await invoke(name, event, context);
    if (!result) return sendJson(res, 404, { errCode: -501000, errMsg: `FunctionName parameter could not be found: ${name}` });
    const headers = { 'x-localcloud-db-ops': String(result.dbOps), 'x-localcloud-ms': String(result.ms) };
    if (!result.ok) return sendJson(res, 502, { errCode: -504002, errMsg: `functions execute fail: ${result.error}` }, headers);
    sendJson(res, 200, result.result, headers);
  }

  async function setClock(req: IncomingMessage, res: ServerResponse) {
    const body = JSON.parse((await readBody(req)) || '{}') as { now?: string; freeze?: boolean };
    const at = body.now ? new Date(body.now) : null;
    if (!at || Number.isNaN(at.getTime())) return sendJson(res, 400, { error: 'expected { "now": "<ISO 8601 time>" }' });
    clock.set(at, body.freeze === true);
    sendJson(res, 200, { now: clock.now().toISOString(), frozen: body.freeze === true });
  }

  async function fireTrigger(res: ServerResponse, name: string, triggerName: string | undefined) {
    const trigger = deps.functions().triggers().find((t) => t.functionName === name && (!triggerName || t.name === triggerName));
    if (!trigger) return sendJson(res, 404, { error: `no timer trigger for ${name}` });
    const result = await invoke(name, { Type: 'Timer', TriggerName: trigger.name, Time: clock.now().toISOString() }, { SOURCE: 'wx_trigger' });
    sendJson(res, result?.ok ? 200 : 502, result, { 'x-localcloud-db-ops': String(result?.dbOps ?? 0) });
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://local');
    const p = url.pathname;
    const method = req.method ?? 'GET';
    let m: RegExpMatchArray | null;
    if (method === 'POST' && (m = p.match(/^\/tcb(?:\/w\/([\w.-]+))?$/))) return tcb(req, res, m[1] ?? null);
    if (method === 'POST' && (m = p.match(/^\/functions\/([\w-]+)$/))) return gateway(req, res, m[1]);
    if (WebAuth.serves(p)) return web.handle(req, res, p);
    if ((method === 'PUT' || method === 'POST') && (m = p.match(/^\/_storage\/upload\/([\w-]+)$/))) return deps.storage.upload(req, res, m[1]);
    if ((method === 'GET' || method === 'HEAD') && p.startsWith('/_storage/')) return deps.storage.serve(req, res, url);
    if (p === '/_clock') {
      if (method === 'PUT') return setClock(req, res);
      if (method === 'DELETE') { clock.reset(); return sendJson(res, 200, { now: clock.now().toISOString() }); }
      return sendJson(res, 200, { now: clock.now().toISOString(), real: clock.isReal() });
    }
    if (method === 'POST' && (m = p.match(/^\/_triggers\/([\w-]+)(?:\/([\w-]+))?$/))) return fireTrigger(res, m[1], m[2]);
    if (p === '/_localcloud/identities') return sendJson(res, 200, DEMO_IDENTITIES);
    if (p === '/_localcloud/api/collections') {
      return sendJson(res, 200, db.listCollections().map((name) => ({ name, count: db.find(name, {}, { limit: 0 }).total })));
    }
    if (p === '/_localcloud/api/docs') {
      const name = url.searchParams.get('collection') ?? '';
      const query = url.searchParams.get('query');
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Math.min(200, Number(url.searchParams.get('limit') ?? 50));
      try {
        return sendJson(res, 200, db.find(name, query ? JSON.parse(query) : {}, { offset, limit }));
      } catch (err) {
        return sendJson(res, 400, { error: String(err) });
      }
    }
    if (p === '/_localcloud/api/invocations') return sendJson(res, 200, log.recent());
    // Subscription messages, WeChat's side (subscribeMessages.ts): what was delivered and the consents WeChat holds.
    if (p === '/_localcloud/api/messages') return sendJson(res, 200, deps.subscribe.view(url.searchParams.get('openid') ?? undefined));
    // wx.requestSubscribeMessage as the H5 build's consent dialog reports it: { results: { <templateId>: 'accept' | 'reject' } }.
    if (method === 'POST' && p === '/_wx/requestSubscribeMessage') {
      const openid = (req.headers['x-wx-openid'] as string | undefined)?.trim();
      const body = parseJsonObject(await readBodyBuffer(req)) as { results?: Record<string, string> };
      if (!openid) return sendJson(res, 401, { errMsg: 'requestSubscribeMessage:fail no user' });
      return sendJson(res, 200, deps.subscribe.grant(openid, body.results ?? {}));
    }
    // Tests: the next subscribeMessage.send calls answer these errcodes (e.g. [-1] for one "system busy").
    if (method === 'POST' && p === '/_wx/faults') {
      const body = parseJsonObject(await readBodyBuffer(req)) as { errcodes?: number[] };
      deps.subscribe.injectFaults((body.errcodes ?? []).map(Number));
      return sendJson(res, 200, { ok: true });
    }
    if (p === '/_localcloud' || p === '/_localcloud/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(fs.readFileSync(VIEWER));
    }
    if (method === 'GET' || method === 'HEAD') return serveStatic(deps.h5Dir, p, res);
    sendJson(res, 404, { error: 'not found' });
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((err) => {
      if (!deps.quiet) console.error('[localcloud]', err);
      if (!res.headersSent) sendJson(res, 500, { code: 'DATABASE_REQUEST_FAILED', message: String(err instanceof Error ? err.message : err) });
    });
  };
}
