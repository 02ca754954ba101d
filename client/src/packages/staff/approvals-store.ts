// 消费审批: purchases held above the till limits (the store's for a manager, a clerk's own), and a manager's decision;
// after a decision the list and today's activity reload.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';
import { staffStore } from './store';

export type ApprovalTab = 'pending' | 'decided';
export type Approval = Output<'staff', 'approvals'>['items'][number];

export interface ApprovalsState {
  tab: ApprovalTab;
  list: Slot<Output<'staff', 'approvals'>>;
  decision: ActionSlot<Output<'staff', 'decidePurchase'>>;
  load: (tab: ApprovalTab) => Promise<void>;
  /** Approves, or rejects with a reason; resolves true when the decision was taken. */
  decide: (id: string, approve: boolean, reason?: string) => Promise<boolean>;
  reset: () => void;
}

export function createApprovalsStore(call: CallFn, afterDecision: () => void = () => undefined) {
  return createStore<ApprovalsState>()((set, get, api) => {
    const list = createResource(field(api, 'list'), (status: ApprovalTab) => call('staff', 'approvals', { status }));
    const decision = createAction(field(api, 'decision'), { fresh: true });
    return {
      tab: 'pending',
      list: idle(),
      decision: ready(),
      load(tab) {
        set({ tab });
        return list.load(tab);
      },
      async decide(id, approve, reason) {
        const done = await decision.run(() => call('staff', 'decidePurchase', { id, approve, ...(reason ? { reason } : {}) }));
        if (!done) return false;
        void list.load(get().tab);
        afterDecision();
        return true;
      },
      reset() {
        set({ tab: 'pending' });
        list.reset();
        decision.reset();
      },
    };
  });
}

export const approvalsStore = createApprovalsStore(cloudCall, () => void staffStore.getState().loadToday());
onSessionReset(() => approvalsStore.getState().reset());

export function useApprovals<T>(selector: (state: ApprovalsState) => T): T {
  return useStore(approvalsStore, selector);
}
