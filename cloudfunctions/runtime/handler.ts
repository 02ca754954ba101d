// Every function is a map of actions. The handler routes `event.action`, resolves identity from the wx
// context, validates input at the boundary and wraps every outcome in the one envelope.
import { AppError, failure, success, type Envelope } from '../core/errors';
import type { Schema } from '../core/validate';
import { database, identity, type Database, type Identity } from './cloud';
import { now } from './clock';

export interface ActionContext<I> {
  input: I;
  db: Database;
  now: Date;
  caller: Identity;
}

export interface MemberContext<I> extends ActionContext<I> {
  openid: string;
}

export type StaffRole = 'clerk' | 'manager' | 'admin';

export interface StaffMember { openid: string; name: string; role: StaffRole; storeId: string | null; active: boolean }

export interface StaffContext<I> extends MemberContext<I> {
  staff: StaffMember;
}

export type Action =
  | { auth: 'member'; input: Schema<any>; run: (ctx: MemberContext<any>) => Promise<unknown> }
  | { auth: 'staff'; roles: StaffRole[]; input: Schema<any>; run: (ctx: StaffContext<any>) => Promise<unknown> }
  | { auth: 'none'; input: Schema<any>; run: (ctx: ActionContext<any>) => Promise<unknown> };

export function memberAction<I, O>(input: Schema<I>, run: (ctx: MemberContext<I>) => Promise<O>): Action {
  return { auth: 'member', input, run };
}

/** Only active staff with one of `roles` (looked up by the caller's openid) may run it. */
export function staffAction<I, O>(roles: StaffRole[], input: Schema<I>, run: (ctx: StaffContext<I>) => Promise<O>): Action {
  return { auth: 'staff', roles, input, run };
}

/** No user identity required: the action authenticates its caller itself (e.g. a signed request from a channel). */
export function openAction<I, O>(input: Schema<I>, run: (ctx: ActionContext<I>) => Promise<O>): Action {
  return { auth: 'none', input, run };
}

async function loadStaff(db: Database, openid: string, roles: StaffRole[]): Promise<StaffMember> {
  const { data } = await db.collection('staff').where({ _id: openid }).get();
  const staff = data[0] as StaffMember | undefined;
  if (!staff || !staff.active) throw new AppError('FORBIDDEN', '仅限门店员工操作');
  if (!roles.includes(staff.role)) throw new AppError('FORBIDDEN', '当前岗位无权执行该操作');
  return staff;
}

export interface FunctionDefinition {
  actions: Record<string, Action>;
  /** Runs for the function's timer trigger; only the platform (SOURCE wx_trigger, no user) can start it. */
  onTimer?: (ctx: { db: Database; now: Date; trigger: string }) => Promise<unknown>;
}

function isTimerEvent(event: object, caller: Identity): event is { Type: 'Timer'; TriggerName: string } {
  return (event as { Type?: unknown }).Type === 'Timer' && caller.source === 'wx_trigger' && !caller.openid;
}

// Fields the platform injects into the event; they are not part of an action's input.
const PLATFORM_FIELDS = new Set(['action', 'userInfo', 'tcbContext']);

export function defineFunction({ actions, onTimer }: FunctionDefinition) {
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    try {
      if (typeof event !== 'object' || event === null) throw new AppError('INVALID_INPUT', '请求格式不正确');
      if (onTimer && isTimerEvent(event, identity())) {
        return success(await onTimer({ db: database(), now: now(), trigger: event.TriggerName }));
      }
      const { action: name } = event as { action?: unknown };
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(actions, name)) {
        throw new AppError('INVALID_INPUT', typeof name === 'string' ? `不支持的操作：${name}` : '缺少参数 action');
      }
      const action = actions[name];
      const caller = identity();
      const raw = Object.fromEntries(Object.entries(event).filter(([k]) => !PLATFORM_FIELDS.has(k)));
      if (action.auth !== 'none' && !caller.openid) throw new AppError('UNAUTHENTICATED');
      const input = action.input.parse(raw, 'input');
      const ctx = { input, db: database(), now: now(), caller };
      if (action.auth === 'none') return success(await action.run(ctx));
      const openid = caller.openid as string;
      if (action.auth === 'member') return success(await action.run({ ...ctx, openid }));
      const staff = await loadStaff(ctx.db, openid, action.roles);
      return success(await action.run({ ...ctx, openid, staff }));
    } catch (err) {
      if (!(err instanceof AppError)) console.error('[internal]', err);
      return failure(err);
    }
  };
}
