// A fake `call` for the client's stores: it answers per `fn.action` from typed handlers (their answers must be the
// contract's Output types), checks every input against the action's input schema and every answer against its output
// schema, as the real functions do at their boundary, and records what was sent.
import { afterEach, expect } from '@jest/globals';
import type { ActionContract, ActionName, FunctionName, Input, Output } from '../../../contract';
import { contract } from '../../../contract';
import { CloudError } from '../../../client/src/services/cloud-error';
import type { CallFn } from '../../../client/src/services/cloud';

type Handler<F extends FunctionName, A extends ActionName<F>> = (input: Input<F, A>, n: number) => Output<F, A> | Promise<Output<F, A>>;
export type Handlers = { [F in FunctionName]?: { [A in ActionName<F>]?: Handler<F, A> } };

// A store that sends an input outside the contract (or a fixture outside it) would only show up as an UNKNOWN error
// in the store; every test file that uses the fake fails on it here instead.
const problems: string[] = [];
afterEach(() => {
  const found = problems.splice(0);
  expect(found).toEqual([]);
});

export interface Sent { fn: string; action: string; input: Record<string, unknown> }

export function fakeCall(handlers: Handlers) {
  const sent: Sent[] = [];
  const call = (async (fn: string, action: string, input: object = {}) => {
    const n = sent.filter((s) => s.fn === fn && s.action === action).length;
    sent.push({ fn, action, input: input as Record<string, unknown> });
    const schema = (contract as unknown as Record<string, Record<string, ActionContract>>)[fn]?.[action];
    const problem = (text: string) => {
      problems.push(text);
      return new Error(text);
    };
    if (!schema) throw problem(`${fn}.${action} is not in the contract`);
    const parsed = schema.input.safeParse(input);
    if (!parsed.success) throw problem(`${fn}.${action} was sent an input outside its contract: ${JSON.stringify(input)}`);
    const handler = (handlers as Record<string, Record<string, (input: unknown, n: number) => unknown> | undefined>)[fn]?.[action];
    if (!handler) throw problem(`unexpected call ${fn}.${action}`);
    const data = await handler(input, n);
    const checked = schema.output.safeParse(data);
    if (!checked.success) throw problem(`the fake answer of ${fn}.${action} is outside its contract: ${checked.error.message}`);
    return data;
  }) as unknown as CallFn;
  return {
    call,
    sent,
    /** How many times `fn.action` was called. */
    count: (fnAction: string) => sent.filter((s) => `${s.fn}.${s.action}` === fnAction).length,
    /** The inputs sent to `fn.action`, in order. */
    inputs: (fnAction: string) => sent.filter((s) => `${s.fn}.${s.action}` === fnAction).map((s) => s.input),
  };
}

export const refusal = (code: string, message = '操作失败') => new CloudError(code, message);

/** A promise settled from outside: to hold an answer back while the test does something else. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
