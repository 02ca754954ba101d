// The member card: member.login once per app session (registers a new caller, binds an invite code), then member.home.
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../services/cloud';
import { takeInviteInput } from '../services/invite';
import { createResource, field, idle, type Slot } from './resource';
import { onSessionReset } from './session';

export type MemberHome = Output<'member', 'home'>;

export interface MemberState {
  /** The card (member.home); a login failure lands in its error too. */
  home: Slot<MemberHome>;
  /** member.login unless it already succeeded in this session, then member.home; concurrent calls share one request. */
  loadHome: () => Promise<void>;
  /** A fresh member.home (after the profile changed). */
  reloadHome: () => Promise<void>;
  /** Forget everything (h5 identity switch); answers still on their way are dropped. */
  reset: () => void;
}

export function createMemberStore(call: CallFn, inviteInput: () => { inviteCode?: string } = takeInviteInput) {
  let session: Promise<unknown> | null = null;
  const login = () => {
    if (!session) {
      const attempt: Promise<unknown> = call('member', 'login', inviteInput()).catch((err: unknown) => {
        if (session === attempt) session = null; // a failed login is tried again by the next load
        throw err;
      });
      session = attempt;
    }
    return session;
  };

  return createStore<MemberState>()((_set, _get, api) => {
    const home = createResource(field(api, 'home'), () => login().then(() => call('member', 'home')));
    return {
      home: idle(),
      loadHome: () => home.load(),
      reloadHome: home.reload,
      reset() {
        session = null;
        home.reset();
      },
    };
  });
}

export const memberStore = createMemberStore(cloudCall);
onSessionReset(() => memberStore.getState().reset());
