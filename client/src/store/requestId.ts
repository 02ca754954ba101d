// One request id per confirmation, for actions the server makes idempotent by it (redeem, adjust points): a retry
// after an uncertain outcome reuses the id, so the server answers the first result instead of acting twice.
import { toStoreError } from './errors';

/** Errors after which the server may or may not have applied the request. */
const UNCERTAIN = new Set(['NETWORK', 'UNKNOWN', 'INTERNAL', 'CONFLICT']);
export const isUncertain = (code: string) => UNCERTAIN.has(code);

export const newRequestId = (prefix = 'r') => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

export function createRequestIds(make: () => string = newRequestId) {
  let pending: { key: string; requestId: string } | null = null;
  /** The id for an action identified by `key` (what is being confirmed): the same until it settles. */
  const idFor = (key: string): string => {
    if (!pending || pending.key !== key) pending = { key, requestId: make() };
    return pending.requestId;
  };
  /** After an answer: success or a definite refusal ends the confirmation; an uncertain failure keeps its id. */
  const settle = (errorCode?: string): void => {
    if (errorCode === undefined || !isUncertain(errorCode)) pending = null;
  };
  return {
    idFor,
    settle,
    /** Sends the confirmation `key` with its id, then settles by the outcome (the error is rethrown). */
    async send<R>(key: string, request: (requestId: string) => Promise<R>): Promise<R> {
      try {
        const result = await request(idFor(key));
        settle();
        return result;
      } catch (err) {
        settle(toStoreError(err).code);
        throw err;
      }
    },
    reset(): void {
      pending = null;
    },
  };
}
