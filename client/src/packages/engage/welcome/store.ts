// The invite landing page's slice: referral.invitation for the code the member arrived with. Framework-free.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../../services/cloud';
import { createResource, field, idle, type Slot } from '../../../store/resource';
import { onSessionReset } from '../../../store/session';

export type Invitation = Output<'referral', 'invitation'>;

export interface WelcomeState {
  invitation: Slot<Invitation>;
  load: (inviteCode: string) => Promise<void>;
  retry: () => Promise<void>;
  reset: () => void;
}

export function createWelcomeStore(call: CallFn) {
  return createStore<WelcomeState>()((_set, _get, api) => {
    const invitation = createResource(field(api, 'invitation'), (inviteCode: string) => call('referral', 'invitation', { inviteCode }));
    return { invitation: idle(), load: (code) => invitation.load(code), retry: invitation.reload, reset: invitation.reset };
  });
}

export const welcomeStore = createWelcomeStore(cloudCall);
onSessionReset(() => welcomeStore.getState().reset());

export const useWelcome = <T,>(selector: (s: WelcomeState) => T): T => useStore(welcomeStore, selector);
