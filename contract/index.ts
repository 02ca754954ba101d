// The contract: every function's actions, their input and output schemas and their refusals. The functions
// validate against it at the boundary; the client's call helper is typed by it; docs/actions.md is checked against it.
import type { ActionContract, InputOf, OutputOf } from './action';
import { admin } from './admin';
import { automation } from './automation';
import { consoleCatalog as catalog } from './consoleCatalog';
import { checkin, referral, task } from './engage';
import { mall } from './mall';
import { member } from './member';
import { migration } from './migration';
import { notify } from './notify';
import { order } from './order';
import { staff } from './staff';
import { segments } from './segments';
import { experiments } from './experiments';
import { stats } from './stats';
import { survey } from './survey';
import { weblogin } from './webLogin';

export const contract = { member, checkin, task, referral, mall, staff, order, admin, catalog, migration, weblogin, notify, stats, segments, automation, experiments, survey };

export type Contract = typeof contract;
export type FunctionName = keyof Contract;
export type ActionName<F extends FunctionName> = keyof Contract[F] & string;
type At<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends ActionContract ? Contract[F][A] : never;
export type Input<F extends FunctionName, A extends ActionName<F>> = InputOf<At<F, A>>;
export type Output<F extends FunctionName, A extends ActionName<F>> = OutputOf<At<F, A>>;

export type { ActionContract, FunctionContract, InputOf, OutputOf, ParsedInputOf } from './action';
export type { ErrorCode } from './errors';

/** What a handler receives after parsing (server side). */
export type ParsedInput<F extends FunctionName, A extends ActionName<F>> = import('./action').ParsedInputOf<At<F, A>>;
