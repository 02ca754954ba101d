import { createStore } from 'zustand/vanilla';
import { call as cloudCall, type CallFn } from '../services/cloud';
import { takeInviteInput } from '../services/invite';
import type { LoginResult, MemberHome } from '../types/member';
import { toStoreError as toError, type StoreError } from './errors';
import { onSessionReset } from './session';

export type MemberStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface MemberState {
  home: MemberHome | null;
  status: MemberStatus;
  error: StoreError | null;
  /** Calls member.login at most once per app session (registers a new caller). */
  login: () => Promise<void>;
  /** One member.home call; the result renders the member card. */
  loadHome: () => Promise<void>;
  /** Forget everything (h5 identity switch). */
  reset: () => void;
}

const initial = { home: null, status: 'idle', error: null } as const;

export function createMemberStore(call: CallFn) {
  let session: Promise<void> | null = null;
  let pendingHome: Promise<void> | null = null;
  // Answers that arrive after a reset belong to the previous identity and are dropped.
  let generation = 0;

  return createStore<MemberState>()((set) => ({
    ...initial,

    login() {
      if (!session) {
        session = call<LoginResult>('member', 'login', takeInviteInput()).then(
          () => undefined,
          (err) => {
            session = null;
            set({ status: 'error', error: toError(err) });
            throw err;
          },
        );
      }
      return session;
    },

    loadHome() {
      if (pendingHome) return pendingHome;
      const started = generation;
      set({ status: 'loading', error: null });
      pendingHome = call<MemberHome>('member', 'home')
        .then(
          (home) => started === generation && set({ home, status: 'ready' }),
          (err) => started === generation && set({ status: 'error', error: toError(err) }),
        )
        .then(() => undefined)
        .finally(() => {
          pendingHome = null;
        });
      return pendingHome;
    },

    reset() {
      generation += 1;
      session = null;
      pendingHome = null;
      set({ ...initial });
    },
  }));
}

export const memberStore = createMemberStore(cloudCall);
onSessionReset(() => memberStore.getState().reset());
