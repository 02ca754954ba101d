// The one way stores load: a loaded value with its status and error (a Resource), written into a slot of a
// zustand/vanilla store through a Host (`field(api, 'key')`). Loads are shared while under way, and answers that arrive
// after a reset are dropped, so a store that resets on onSessionReset never shows what a call of the previous identity
// answered. Actions (busy, error, result) are in action.ts. Framework-free: no React here. Written without async
// functions: this module is in the weapp main package, where each async function costs a regenerator state machine.
import type { StoreApi } from 'zustand/vanilla';
import { toStoreError, type StoreError } from './errors';

export type Status = 'idle' | 'loading' | 'ready' | 'error';

/** A loaded value: `data` stays while it reloads (status `loading`), and after a failed reload (status `error`). */
export interface Slot<V> { data: V | null; status: Status; error: StoreError | null }

export const idle = <V>(): Slot<V> => ({ data: null, status: 'idle', error: null });

/** What a page shows of a slot. */
export interface SlotView<V> {
  data: V | null;
  /** Nothing to show yet (first load under way). */
  loading: boolean;
  /** Nothing to show and the load failed: the page shows the error with a retry in place of the content. */
  failed: StoreError | null;
  /** A refresh failed over data still shown: the page keeps the data and shows a banner with a retry. */
  stale: StoreError | null;
}

/** A failed refresh never takes loaded data off the screen: it is `stale` (a banner), `failed` only without data. */
export function viewOf<V>(slot: Slot<V>): SlotView<V> {
  const error = slot.status === 'error' ? slot.error : null;
  return {
    data: slot.data,
    loading: slot.data === null && (slot.status === 'loading' || slot.status === 'idle'),
    failed: slot.data === null ? error : null,
    stale: slot.data === null ? null : error,
  };
}

/** Where a slot lives: read it, merge a change into it. */
export interface Host<T> { get(): T; set(patch: Partial<T>): void }

/** The slot under `key` of a store's state. */
export function field<S, K extends keyof S>(api: Pick<StoreApi<S>, 'getState' | 'setState'>, key: K): Host<S[K]> {
  return {
    get: () => api.getState()[key],
    set: (patch) => api.setState({ [key]: { ...api.getState()[key], ...patch } } as unknown as Partial<S>),
  };
}

export interface Resource<P> {
  /** Loads; a load under way for the same `param` is shared, one for another `param` is superseded (its answer dropped). */
  load: (param: P) => Promise<void>;
  /** A fresh request for the last `param` (retry, or after an action changed the value); nothing after a reset. */
  reload: () => Promise<void>;
  /** Back to idle; answers of loads under way are dropped. */
  reset: () => void;
  /**
   * The parameter of the answer in the slot (null before the first answer): after a failed or superseded load for
   * another parameter the slot still holds this one's data, and a page must not label it as the one asked for.
   */
  shown: () => { param: P } | null;
}

/** `fetch` takes at most one parameter (none: `P` is void, and `load()` takes none either). */
export function createResource<V, P = void>(host: Host<Slot<V>>, fetch: (param: P) => Promise<V>): Resource<P> {
  let generation = 0;
  let last: { param: P } | null = null;
  let pending: { key: string; promise: Promise<void> } | null = null;
  let shown: { param: P } | null = null;

  const start = (param: P, key: string): Promise<void> => {
    const mine = ++generation;
    last = { param };
    host.set({ status: 'loading', error: null });
    const promise: Promise<void> = fetch(param)
      .then(
        (data) => {
          if (mine !== generation) return;
          shown = { param };
          host.set({ data, status: 'ready' });
        },
        (err) => { if (mine === generation) host.set({ status: 'error', error: toStoreError(err) }); },
      )
      .then(() => { if (pending && pending.promise === promise) pending = null; });
    pending = { key, promise };
    return promise;
  };

  return {
    load: (param) => {
      const key = JSON.stringify([param]);
      return pending && pending.key === key ? pending.promise : start(param, key);
    },
    reload: () => (last ? start(last.param, JSON.stringify([last.param])) : Promise.resolve()),
    reset: () => {
      generation += 1;
      last = null;
      pending = null;
      shown = null;
      host.set(idle<V>());
    },
    shown: () => shown,
  };
}
