// 积分调整审批 (admins): adjustments above the approval threshold waiting for a second admin, and the decision; after
// one the list reloads.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export interface AdjustmentsState {
  pending: Slot<Output<'admin', 'adjustmentApprovals'>>;
  decision: ActionSlot<Output<'admin', 'decideAdjustment'>>;
  load: () => Promise<void>;
  decide: (id: string, approve: boolean, reason?: string) => Promise<boolean>;
  reset: () => void;
}

export function createAdjustmentsStore(call: CallFn) {
  return createStore<AdjustmentsState>()((_set, _get, api) => {
    const pending = createResource(field(api, 'pending'), () => call('admin', 'adjustmentApprovals', { status: 'pending' }));
    const decision = createAction(field(api, 'decision'), { fresh: true });
    return {
      pending: idle(),
      decision: ready(),
      load: () => pending.load(),
      async decide(id, approve, reason) {
        const done = await decision.run(() => call('admin', 'decideAdjustment', { id, approve, ...(reason ? { reason } : {}) }));
        void pending.reload();
        return done !== null;
      },
      reset() {
        pending.reset();
        decision.reset();
      },
    };
  });
}

export const adjustmentsStore = createAdjustmentsStore(cloudCall);
onSessionReset(() => adjustmentsStore.getState().reset());

export function useAdjustments<T>(selector: (state: AdjustmentsState) => T): T {
  return useStore(adjustmentsStore, selector);
}
