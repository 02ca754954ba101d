// The web console's sign-in page (web-login): a login request shown as a QR code, watched until a staff member
// confirms it in the mini-program; then the page signs in with the ticket it collects (once) and opens the console.
// A request lasts 2 minutes: an expired (or already used) one is replaced by a new one by itself.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { rememberWebSignIn, type WebSignIn } from '../../services/web-console';
import { newRequestId } from '../../store/requestId';
import { toStoreError } from '../../store/errors';
import { onSessionReset, resetSession } from '../../store/session';
import { describeBrowser } from './web-login/browser';

type Status = Output<'weblogin', 'status'>;

export interface WebLoginState {
  phase: 'idle' | 'opening' | 'waiting' | 'signingIn' | 'done';
  loginId: string | null;
  expiresAt: string | null;
  /** How many QR codes this page has shown (a refresh counts). */
  shown: number;
  /** Who confirmed, once signed in. */
  who: WebSignIn | null;
  error: string | null;
  start: () => Promise<void>;
  poll: () => Promise<void>;
}

export interface WebLoginDeps {
  call: CallFn;
  signIn: (ticket: string) => Promise<void>;
  browser: () => string;
  now?: () => number;
}

const INITIAL = { phase: 'idle' as const, loginId: null, expiresAt: null, shown: 0, who: null, error: null };

export function createWebLoginStore(deps: WebLoginDeps) {
  const now = deps.now ?? Date.now;
  let busy = false;
  return createStore<WebLoginState>()((set, get) => {
    /** A new code; `note` stays shown beside it (why the last one did not sign in). */
    const open = async (note: string | null = null) => {
      set({ phase: 'opening' });
      try {
        const opened = await deps.call('weblogin', 'open', { requestId: newRequestId('wl'), browser: deps.browser() });
        set((s) => ({ phase: 'waiting', loginId: opened.loginId, expiresAt: opened.expiresAt, shown: s.shown + 1, error: note }));
      } catch (err) {
        set({ phase: 'idle', error: toStoreError(err).message });
      }
    };
    const signIn = async (status: Status) => {
      set({ phase: 'signingIn' });
      try {
        await deps.signIn(status.ticket as string);
        const who = { name: status.staff?.name ?? '', roleName: status.staff?.roleName ?? '', at: new Date(now()).toISOString() };
        rememberWebSignIn(who);
        // Whatever the console held of an earlier sign-in in this page is forgotten: it opens as who just confirmed.
        resetSession();
        set({ phase: 'done', who, error: null });
      } catch (err) {
        await open(`登录失败：${toStoreError(err).message}，请重新扫码`);
      }
    };
    return {
      ...INITIAL,
      start: () => {
        set(INITIAL);
        return open();
      },
      poll: async () => {
        const { phase, loginId, expiresAt } = get();
        if (busy) return;
        if (phase === 'idle') return open();
        if (phase !== 'waiting' || !loginId) return;
        busy = true;
        try {
          if (expiresAt && new Date(expiresAt).getTime() <= now()) return await open();
          const status = await deps.call('weblogin', 'status', { loginId });
          if (status.status === 'confirmed' && status.ticket) return await signIn(status);
          if (status.status !== 'pending') return await open();
        } catch (err) {
          set({ error: toStoreError(err).message });
        } finally {
          busy = false;
        }
      },
    };
  });
}

export const webLoginStore = createWebLoginStore({
  call: cloudCall,
  signIn: (ticket) => import('../../services/web-sdk').then((sdk) => sdk.signInWithTicket(ticket)),
  browser: () => (typeof navigator === 'undefined' ? '浏览器' : describeBrowser(navigator.userAgent)),
});


onSessionReset(() => webLoginStore.setState(INITIAL));

export function useWebLogin<T>(selector: (state: WebLoginState) => T): T {
  return useStore(webLoginStore, selector);
}
