// 回访任务 (人工关怀回访) at the till: the store's open or done follow-up tasks made by automation rules, and the
// outcome of a call (已联系 / 未接通 / 无意向), once per task.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds } from '../../store/requestId';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type FollowupTab = 'open' | 'done';
export type Followup = Output<'automation', 'tasks'>['tasks'][number];
export type Outcome = NonNullable<Followup['outcome']>;

export interface FollowupsState {
  tab: FollowupTab;
  list: Slot<Output<'automation', 'tasks'>>;
  outcome: ActionSlot<Output<'automation', 'recordTaskOutcome'>>;
  load: (tab: FollowupTab) => Promise<void>;
  record: (taskId: string, outcome: Outcome, note: string) => Promise<boolean>;
  reset: () => void;
}

export function createFollowupsStore(call: CallFn) {
  return createStore<FollowupsState>()((set, get, api) => {
    const list = createResource(field(api, 'list'), (status: FollowupTab) => call('automation', 'tasks', { status }));
    const outcome = createAction(field(api, 'outcome'), { fresh: true });
    const ids = createRequestIds();
    return {
      tab: 'open',
      list: idle(),
      outcome: ready(),
      load(tab) {
        set({ tab });
        return list.load(tab);
      },
      async record(taskId, result, note) {
        const body = { taskId, outcome: result, ...(note.trim() ? { note: note.trim() } : {}) };
        const done = await outcome.run(() => ids.send(`outcome:${JSON.stringify(body)}`, (requestId) => call('automation', 'recordTaskOutcome', { ...body, requestId })));
        if (!done) return false;
        void list.load(get().tab);
        return true;
      },
      reset() {
        set({ tab: 'open' });
        list.reset();
        outcome.reset();
      },
    };
  });
}

export const followupsStore = createFollowupsStore(cloudCall);
onSessionReset(() => followupsStore.getState().reset());

export function useFollowups<T>(selector: (state: FollowupsState) => T): T {
  return useStore(followupsStore, selector);
}
