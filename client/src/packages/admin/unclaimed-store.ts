// 待认领订单 in the console: orders a channel delivered by a phone nobody had bound (catalog.unclaimedOrders), by tab:
// 待认领 (waiting for a member to bind the phone), 已过期 (bound after the late-delivery window: nothing credited),
// 已认领 (credited to the member who bound it).
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type UnclaimedTab = Input<'catalog', 'unclaimedOrders'>['status'];
export type UnclaimedOrder = Output<'catalog', 'unclaimedOrders'>['items'][number];

export interface UnclaimedState {
  tab: UnclaimedTab;
  list: Slot<Output<'catalog', 'unclaimedOrders'>>;
  open: (tab: UnclaimedTab) => Promise<void>;
  reset: () => void;
}

export function createUnclaimedStore(call: CallFn) {
  return createStore<UnclaimedState>()((set, _get, api) => {
    const list = createResource(field(api, 'list'), (status: UnclaimedTab) => call('catalog', 'unclaimedOrders', { status }));
    return {
      tab: 'unclaimed',
      list: idle(),
      open(tab) {
        set({ tab });
        return list.load(tab);
      },
      reset() {
        list.reset();
        set({ tab: 'unclaimed' });
      },
    };
  });
}

export const unclaimedStore = createUnclaimedStore(cloudCall);
onSessionReset(() => unclaimedStore.getState().reset());

export function useUnclaimed<T>(selector: (state: UnclaimedState) => T): T {
  return useStore(unclaimedStore, selector);
}
