// The action runner of the stores: one run at a time (`busy`), the error of the last run, the answer of the last
// successful run, in a slot of a zustand/vanilla store (see `field` in resource.ts); answers that arrive after a
// reset are dropped. Used by subpackages only, so it stays out of the weapp main package.
import { toStoreError, type StoreError } from './errors';
import type { Host } from './resource';

/** An action's state: `busy` while it runs, the error of the last run, the answer of the last successful run. */
export interface ActionSlot<R> { busy: boolean; error: StoreError | null; result: R | null }

export const ready = <R>(): ActionSlot<R> => ({ busy: false, error: null, result: null });

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
    run(fn, done) {
      if (host.get().busy) return Promise.resolve(null);
      const mine = generation;
      host.set(options.fresh ? { busy: true, error: null, result: null } : { busy: true, error: null });
      let running: Promise<R>;
      try {
        running = fn();
      } catch (err) {
        running = Promise.reject(err);
      }
      return running.then(
        (result) => {
          if (mine !== generation) return null;
          host.set({ busy: false, result });
          if (done) done(result);
          return result;
        },
        (err) => {
          if (mine === generation) host.set({ busy: false, error: toStoreError(err) });
          return null;
        },
      );
    },
    clearError: () => host.set({ error: null }),
    reset: () => {
      generation += 1;
      host.set(ready<R>());
    },
  };
}
