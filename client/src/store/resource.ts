// The one way stores load and act: a loaded value with its status and error (a Resource), and an action runner with
// its busy flag, error and last result (an Action). Both write into a slot of a zustand/vanilla store through a Host
// (`field(api, 'key')`), and both drop answers that arrive after their reset, so a store that resets on
// onSessionReset never shows what a call of the previous identity answered. Framework-free: no React here.
import type { StoreApi } from 'zustand/vanilla';
import { toStoreError, type StoreError } from './errors';

export type Status = 'idle' | 'loading' | 'ready' | 'error';

/** A loaded value: `data` stays while it reloads (status `loading`), and after a failed reload (status `error`). */
export interface Slot<V> { data: V | null; status: Status; error: StoreError | null }

/** An action's state: `busy` while it runs, the error of the last run, the answer of the last successful run. */
export interface ActionSlot<R> { busy: boolean; error: StoreError | null; result: R | null }

export const idle = <V>(): Slot<V> => ({ data: null, status: 'idle', error: null });
export const ready = <R>(): ActionSlot<R> => ({ busy: false, error: null, result: null });

/** Where a slot lives: read it, merge a change into it. */
export interface Host<T> { get(): T; set(patch: Partial<T>): void }

/** The slot under `key` of a store's state. */
export function field<S, K extends keyof S>(api: Pick<StoreApi<S>, 'getState' | 'setState'>, key: K): Host<S[K]> {
  return {
    get: () => api.getState()[key],
    set: (patch) => api.setState({ [key]: { ...api.getState()[key], ...patch } } as unknown as Partial<S>),
  };
}

export interface Resource<A extends unknown[]> {
  /** Loads; a load under way with the same arguments is shared, one with other arguments is superseded (its answer dropped). */
  load: (...args: A) => Promise<void>;
  /** A fresh request with the last arguments (retry, or after an action changed the value); nothing after a reset. */
  reload: () => Promise<void>;
  /** Back to idle; answers of loads under way are dropped. */
  reset: () => void;
}

export function createResource<V, A extends unknown[] = []>(host: Host<Slot<V>>, fetch: (...args: A) => Promise<V>): Resource<A> {
  let generation = 0;
  let last: A | null = null;
  let pending: { key: string; promise: Promise<void> } | null = null;

  const start = (args: A, key: string): Promise<void> => {
    const mine = ++generation;
    last = args;
    host.set({ status: 'loading', error: null });
    const promise: Promise<void> = fetch(...args)
      .then(
        (data) => { if (mine === generation) host.set({ data, status: 'ready' }); },
        (err) => { if (mine === generation) host.set({ status: 'error', error: toStoreError(err) }); },
      )
      .finally(() => { if (pending?.promise === promise) pending = null; });
    pending = { key, promise };
    return promise;
  };

  return {
    load: (...args) => {
      const key = JSON.stringify(args);
      return pending?.key === key ? pending.promise : start(args, key);
    },
    reload: () => (last ? start(last, JSON.stringify(last)) : Promise.resolve()),
    reset: () => {
      generation += 1;
      last = null;
      pending = null;
      host.set(idle<V>());
    },
  };
}

export interface Action<R> {
  /**
   * Runs `fn` unless a run is under way (then resolves null at once). Resolves with the answer, or null when it failed
   * (the error is in the slot) or the slot was reset meanwhile (the answer is dropped); `done` sees only kept answers.
   */
  run: (fn: () => Promise<R>, done?: (result: R) => void) => Promise<R | null>;
  /** Forgets the last error (a page opens again); a run under way goes on. */
  clearError: () => void;
  /** Back to not busy, no error, no result; the answer of a run under way is dropped. */
  reset: () => void;
}

/** `fresh`: a new run forgets the previous result (otherwise it stays until a new answer replaces it). */
export function createAction<R>(host: Host<ActionSlot<R>>, options: { fresh?: boolean } = {}): Action<R> {
  let generation = 0;
  return {
    async run(fn, done) {
      if (host.get().busy) return null;
      const mine = generation;
      host.set(options.fresh ? { busy: true, error: null, result: null } : { busy: true, error: null });
      try {
        const result = await fn();
        if (mine !== generation) return null;
        host.set({ busy: false, result });
        done?.(result);
        return result;
      } catch (err) {
        if (mine === generation) host.set({ busy: false, error: toStoreError(err) });
        return null;
      }
    },
    clearError: () => host.set({ error: null }),
    reset: () => {
      generation += 1;
      host.set(ready<R>());
    },
  };
}
