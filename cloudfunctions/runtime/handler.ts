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

export type Action =
  | { auth: 'member'; input: Schema<any>; run: (ctx: MemberContext<any>) => Promise<unknown> }
  | { auth: 'none'; input: Schema<any>; run: (ctx: ActionContext<any>) => Promise<unknown> };

export function memberAction<I, O>(input: Schema<I>, run: (ctx: MemberContext<I>) => Promise<O>): Action {
  return { auth: 'member', input, run };
}

// Fields the platform injects into the event; they are not part of an action's input.
const PLATFORM_FIELDS = new Set(['action', 'userInfo', 'tcbContext']);

export function defineFunction(actions: Record<string, Action>) {
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    try {
      if (typeof event !== 'object' || event === null) throw new AppError('INVALID_INPUT', '请求格式不正确');
      const { action: name } = event as { action?: unknown };
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(actions, name)) {
        throw new AppError('INVALID_INPUT', typeof name === 'string' ? `不支持的操作：${name}` : '缺少参数 action');
      }
      const action = actions[name];
      const caller = identity();
      const raw = Object.fromEntries(Object.entries(event).filter(([k]) => !PLATFORM_FIELDS.has(k)));
      if (action.auth === 'member' && !caller.openid) throw new AppError('UNAUTHENTICATED');
      const input = action.input.parse(raw, 'input');
      const ctx = { input, db: database(), now: now(), caller };
      const data = action.auth === 'member' ? await action.run({ ...ctx, openid: caller.openid as string }) : await action.run(ctx);
      return success(data);
    } catch (err) {
      if (!(err instanceof AppError)) console.error('[internal]', err);
      return failure(err);
    }
  };
}
