// 附近门店: the member's position (if shared), then member.nearbyStores: nearest first with distances, or, when the
// member refused location or it could not be determined, every store by name with a note saying why.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { toStoreError, type StoreError } from '../../store/errors';
import { onSessionReset } from '../../store/session';
import { isDenied, locate as locateMember, type Position } from './location';

export type NearbyStore = Output<'member', 'nearbyStores'>['stores'][number];

export type NearbyPhase = 'idle' | 'locating' | 'loading' | 'ready' | 'error';

export interface NearbyState {
  phase: NearbyPhase;
  /** The list shown; stays while a new one loads. */
  stores: NearbyStore[] | null;
  /** Ordered by distance from the member. */
  located: boolean;
  /** Why the list is not by distance (location refused or unavailable); null otherwise. */
  notice: string | null;
  /** The location was refused: the page offers 开启定位. */
  denied: boolean;
  error: StoreError | null;
  load: () => Promise<void>;
  reset: () => void;
}

export const DENIED_NOTICE = '未获得位置授权，无法按距离排序。以下为全部门店，开启定位后可查看离你最近的门店。';
export const UNAVAILABLE_NOTICE = '暂时无法获取你的位置，以下为全部门店。';

const initial = { phase: 'idle' as NearbyPhase, stores: null, located: false, notice: null, denied: false, error: null };

export function createNearbyStore(call: CallFn, locate: () => Promise<Position>) {
  return createStore<NearbyState>()((set) => {
    let generation = 0;
    return {
      ...initial,
      load: () => {
        const mine = ++generation;
        const current = () => mine === generation;
        set({ phase: 'locating', error: null });
        return locate()
          .then(
            (position) => ({ position, notice: null, denied: false }),
            (err: unknown) => {
              const denied = isDenied(err);
              return { position: null, notice: denied ? DENIED_NOTICE : UNAVAILABLE_NOTICE, denied };
            },
          )
          .then(({ position, notice, denied }) => {
            if (!current()) return;
            set({ phase: 'loading' });
            return call('member', 'nearbyStores', position ?? {}).then(
              (data) => { if (current()) set({ phase: 'ready', stores: data.stores, located: data.located, notice, denied }); },
              (err: unknown) => { if (current()) set({ phase: 'error', error: toStoreError(err), notice, denied }); },
            );
          });
      },
      reset: () => {
        generation += 1;
        set(initial);
      },
    };
  });
}

export const nearbyStore = createNearbyStore(cloudCall, locateMember);
onSessionReset(() => nearbyStore.getState().reset());

export function useNearby<T>(selector: (state: NearbyState) => T): T {
  return useStore(nearbyStore, selector);
}
