// An action's contract: what it takes, what it answers, and the refusals it can give besides the common ones.
import type * as z from 'zod/mini';
import type { ErrorCode } from './errors';

export interface ActionContract<I extends z.ZodMiniType = z.ZodMiniType, O extends z.ZodMiniType = z.ZodMiniType> {
  input: I;
  output: O;
  errors: readonly ErrorCode[];
}

export const action = <I extends z.ZodMiniType, O extends z.ZodMiniType>(def: { input: I; output: O; errors?: readonly ErrorCode[] }): ActionContract<I, O> =>
  ({ errors: [], ...def });

export type FunctionContract = Record<string, ActionContract>;

/** What the caller sends (before defaults and transforms). */
export type InputOf<A extends ActionContract> = z.input<A['input']>;
/** What the handler receives after parsing. */
export type ParsedInputOf<A extends ActionContract> = z.output<A['input']>;
/** What the action answers in `data`. */
export type OutputOf<A extends ActionContract> = z.output<A['output']>;
