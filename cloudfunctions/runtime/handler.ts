// Every function is a map of actions declared in the contract (contract/). The handler routes `event.action`,
// resolves identity from the wx context, validates input against the action's schema at the boundary and wraps every
// outcome in the one envelope.
import type * as z from 'zod/mini';
import type { ActionContract, FunctionContract, OutputOf, ParsedInputOf } from '../../contract/action';
import { deviceCode } from '../../contract/fields';
import { describeIssues } from '../../contract/issues';
import type { AuditChange, StaffDoc, StaffRole } from '../core/documents';
import { rolesFor } from '../core/roles';
import { AppError, failure, success, type Envelope } from '../core/errors';
import { database, identity, type Database, type Identity } from './cloud';
import { auditStaffWrite } from './audit';
import { now } from './clock';
import { checkSessionStaff, liveWebSession } from './webSession';

export interface ActionContext<I> {
  input: I;
  db: Database;
  now: Date;
  caller: Identity;
  /** The client's device code sent beside the action (`device`), null when it sent none. */
  device: string | null;
}

export interface MemberContext<I> extends ActionContext<I> {
  openid: string;
}

export type { StaffRole };

/** The staff record of the caller, as the handler loaded it. */
export type StaffMember = Pick<StaffDoc, 'openid' | 'name' | 'role' | 'storeId' | 'active'>;

export interface StaffContext<I> extends MemberContext<I> {
  staff: StaffMember;
  /** The web console session the call came from (core/webLogin.ts), null from the mini-program. */
  web: { sessionId: string } | null;
  /** Notes a document this write changed (before and after) for the audit trail's entry of the write. */
  recordChange: (change: AuditChange) => void;
}

/** A browser's call (a CloudBase web user, anonymous or signed in by a custom-login ticket): no openid, no staff. */
export interface BrowserContext<I> extends ActionContext<I> {
  browser: { uid: string; customUserId: string | null; anonymous: boolean };
}

type Run<Ctx, A extends ActionContract> = (ctx: Ctx) => Promise<OutputOf<A>>;

/** How one action of contract A is served: who may call it and what runs. */
export type Action<A extends ActionContract> =
  | { auth: 'member'; run: Run<MemberContext<ParsedInputOf<A>>, A> }
  | { auth: 'staff'; audit?: boolean; run: Run<StaffContext<ParsedInputOf<A>>, A> }
  | { auth: 'browser'; run: Run<BrowserContext<ParsedInputOf<A>>, A> }
  | { auth: 'none'; run: Run<ActionContext<ParsedInputOf<A>>, A> };

export const memberAction = <I, O>(run: (ctx: MemberContext<I>) => Promise<O>) => ({ auth: 'member' as const, run });

/** Only active staff (looked up by the caller's openid) whose role the role matrix (core/roles.ts) lists may run it. */
export const staffAction = <I, O>(run: (ctx: StaffContext<I>) => Promise<O>) => ({ auth: 'staff' as const, run });

/** A staff action that writes: as staffAction, and every success is entered in the staff audit trail (audit.ts). */
export const staffWrite = <I, O>(run: (ctx: StaffContext<I>) => Promise<O>) => ({ auth: 'staff' as const, run, audit: true });

/** Only a web caller (CloudBase web SDK user, e.g. the web console's sign-in page); mini-program callers are refused. */
export const browserAction = <I, O>(run: (ctx: BrowserContext<I>) => Promise<O>) => ({ auth: 'browser' as const, run });

/** No user identity required: the action authenticates its caller itself (e.g. a signed request from a channel). */
export const openAction = <I, O>(run: (ctx: ActionContext<I>) => Promise<O>) => ({ auth: 'none' as const, run });

async function loadStaff(db: Database, openid: string, roles: readonly StaffRole[]): Promise<StaffMember> {
  const { data } = await db.collection('staff').where({ _id: openid }).get();
  const staff: StaffMember | undefined = data[0];
  if (!staff || !staff.active) throw new AppError('FORBIDDEN', '仅限门店员工操作');
  if (!roles.includes(staff.role)) throw new AppError('FORBIDDEN', '当前岗位无权执行该操作');
  return staff;
}

/** Parses `raw` against the action's input schema; INVALID_INPUT with a Chinese sentence otherwise. */
export function parseInput<A extends ActionContract>(contract: A, raw: unknown): ParsedInputOf<A> {
  return parseWith(contract.input, raw) as ParsedInputOf<A>;
}

/** Parses `raw` with any contract schema; `root` names where it sits in the input (e.g. 'order'). */
export function parseWith<S extends z.ZodMiniType>(schema: S, raw: unknown, root = ''): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('INVALID_INPUT', describeIssues(parsed.error.issues, root));
  return withoutUndefined(parsed.data) as z.output<S>;
}

// Absent optionals (and nulls read as absent) must not reach the database as explicit undefined fields.
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
  return out;
}

export interface FunctionDefinition<C extends FunctionContract> {
  /** The function's name (its folder): staff actions find their roles in the matrix under `<name>.<action>`. */
  name: string;
  contract: C;
  actions: { [K in keyof C]: Action<C[K]> };
  /** Runs for the function's timer trigger; only the platform (SOURCE wx_trigger, no user) can start it. */
  onTimer?: (ctx: { db: Database; now: Date; trigger: string }) => Promise<unknown>;
}

function isTimerEvent(event: object, caller: Identity): event is { Type: 'Timer'; TriggerName: string } {
  return (event as { Type?: unknown }).Type === 'Timer' && caller.source === 'wx_trigger' && !caller.openid && !caller.uid;
}

// Fields the platform injects into the event, and the client's envelope beside the action (`device`); they are not
// part of an action's input.
const ENVELOPE_FIELDS = new Set(['action', 'userInfo', 'tcbContext', 'device']);

function deviceOf(event: { device?: unknown }): string | null {
  if (event.device === undefined || event.device === null) return null;
  if (!deviceCode().safeParse(event.device).success) throw new AppError('INVALID_INPUT', '设备码格式不正确，请重启小程序后重试');
  return event.device as string;
}

export function defineFunction<C extends FunctionContract>({ name: fn, contract, actions, onTimer }: FunctionDefinition<C>) {
  const served = actions as Record<string, Action<ActionContract>>;
  const roles: Record<string, readonly StaffRole[]> = {};
  for (const [name, action] of Object.entries(served)) {
    if (action.auth !== 'staff') continue;
    const row = rolesFor(`${fn}.${name}`);
    if (!row) throw new Error(`${fn}.${name} is a staff action without a row in the role matrix (core/roles.ts)`);
    roles[name] = row;
  }
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    try {
      if (typeof event !== 'object' || event === null) throw new AppError('INVALID_INPUT', '请求格式不正确');
      if (onTimer && isTimerEvent(event, identity())) {
        return success(await onTimer({ db: database(), now: now(), trigger: event.TriggerName }));
      }
      const { action: name } = event as { action?: unknown };
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(served, name)) {
        throw new AppError('INVALID_INPUT', typeof name === 'string' ? `不支持的操作：${name}` : '缺少参数 action');
      }
      const action = served[name];
      const caller = identity();
      const raw = Object.fromEntries(Object.entries(event).filter(([k]) => !ENVELOPE_FIELDS.has(k)));
      // Who may call: a mini-program user (openid), a web user (CloudBase uid: the web console), or anyone ('none').
      if (action.auth !== 'none' && !caller.openid && !caller.uid) throw new AppError('UNAUTHENTICATED');
      const device = deviceOf(event);
      // The input is checked first, as for staff actions (a bad request says what is wrong, whoever sends it).
      const input = parseInput(contract[name], raw);
      if (action.auth === 'member' && !caller.openid) throw new AppError('FORBIDDEN', '该操作仅限在微信小程序内使用');
      if (action.auth === 'browser' && !caller.uid) throw new AppError('FORBIDDEN', '该操作仅限网页端使用');
      const ctx = { input, db: database(), now: now(), caller, device };
      if (action.auth === 'none') return success(await action.run(ctx));
      if (action.auth === 'browser') {
        return success(await action.run({ ...ctx, browser: { uid: caller.uid as string, customUserId: caller.customUserId, anonymous: caller.anonymous } }));
      }
      if (action.auth === 'member') return success(await action.run({ ...ctx, openid: caller.openid as string }));
      // A web caller is the staff member its session (named by its custom-login user id) was issued for.
      const session = caller.openid ? null : await liveWebSession(ctx.db, caller.customUserId, ctx.now);
      const openid = session ? session.staff : (caller.openid as string);
      const staff = await loadStaff(ctx.db, openid, roles[name]);
      if (session) await checkSessionStaff(ctx.db, session, staff, ctx.now);
      const web = session ? { sessionId: session._id } : null;
      const changes: AuditChange[] = [];
      const result = await action.run({ ...ctx, openid, staff, web, recordChange: (c) => void changes.push(c) });
      if (action.audit) await auditStaffWrite(ctx.db, { fn, action: name, staff, device, web, input: input as object, result, changes }, ctx.now);
      return success(result);
    } catch (err) {
      if (!(err instanceof AppError)) console.error('[internal]', err);
      return failure(err);
    }
  };
}
