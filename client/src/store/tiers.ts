import { createStore } from 'zustand/vanilla';
import { call as cloudCall, type CallFn } from '../services/cloud';
import type { TiersView } from '../types/loyalty';
import { toStoreError, type StoreError } from './errors';
import { onSessionReset } from './session';

export interface TiersState {
  view: TiersView | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: StoreError | null;
  /** One member.tiers call; a view already shown stays visible while it reloads. */
  load: () => Promise<void>;
  reset: () => void;
}

const initial = { view: null, status: 'idle', error: null } as const;

export function createTiersStore(call: CallFn) {
  let pending: Promise<void> | null = null;
  let generation = 0;

  return createStore<TiersState>()((set, get) => ({
    ...initial,

    load() {
      if (pending) return pending;
      const started = generation;
      set({ status: get().view ? 'ready' : 'loading', error: null });
      const request: Promise<void> = call<TiersView>('member', 'tiers')
        .then(
          (view) => started === generation && set({ view, status: 'ready' }),
          (err) => started === generation && set({ status: 'error', error: toStoreError(err) }),
        )
        .then(() => undefined)
        .finally(() => {
          if (pending === request) pending = null;
        });
      pending = request;
      return request;
    },

    reset() {
      generation += 1;
      pending = null;
      set({ ...initial });
    },
  }));
}

export const tiersStore = createTiersStore(cloudCall);
onSessionReset(() => tiersStore.getState().reset());
