// Who is at the console: name, role, store and the sections the role matrix opens to them (admin.session), loaded
// once per sign-in; every console page's navigation reads it.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type ConsoleSession = Output<'admin', 'session'>;
export type ConsoleSection = ConsoleSession['sections'][number];

/** Whether the signed-in staff member may run `key` (`catalog.saveItem`): the pages hide what the server would refuse. */
export const mayRunAction = (key: string): boolean => sessionStore.getState().session.data?.actions.includes(key) ?? false;

export interface SessionState {
  session: Slot<ConsoleSession>;
  load: () => Promise<void>;
  reset: () => void;
}

export function createSessionStore(call: CallFn) {
  return createStore<SessionState>()((_set, get, api) => {
    const session = createResource(field(api, 'session'), () => call('admin', 'session'));
    return {
      session: idle(),
      load: () => (get().session.data ? Promise.resolve() : session.load()),
      reset: () => session.reset(),
    };
  });
}

export const sessionStore = createSessionStore(cloudCall);
onSessionReset(() => sessionStore.getState().reset());

export function useConsoleSession<T>(selector: (state: SessionState) => T): T {
  return useStore(sessionStore, selector);
}
