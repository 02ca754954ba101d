// The tier ladder (member.tiers); a view already shown stays visible while it reloads.
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../services/cloud';
import { createResource, field, idle, type Slot } from './resource';
import { onSessionReset } from './session';

export type TiersView = Output<'member', 'tiers'>;

export interface TiersState {
  view: Slot<TiersView>;
  load: () => Promise<void>;
  reset: () => void;
}

export function createTiersStore(call: CallFn) {
  return createStore<TiersState>()((_set, _get, api) => {
    const view = createResource(field(api, 'view'), () => call('member', 'tiers'));
    return { view: idle(), load: () => view.load(), reset: view.reset };
  });
}

export const tiersStore = createTiersStore(cloudCall);
onSessionReset(() => tiersStore.getState().reset());
