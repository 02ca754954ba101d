// The 结算报表 slice (managers and admins): the report of one period, with its loading and error states.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';
import type { Period } from './period';

export type SettlementReport = Output<'staff', 'settlement'>;

export interface SettlementState {
  /** The period asked for last; the answer of a period left meanwhile is dropped. */
  period: Period | null;
  report: Slot<SettlementReport>;
  load: (period: Period) => Promise<void>;
  reset: () => void;
}

export function createSettlementStore(call: CallFn) {
  return createStore<SettlementState>()((set, _get, api) => {
    const report = createResource(field(api, 'report'), (period: Period) => call('staff', 'settlement', period));
    return {
      period: null,
      report: idle(),
      load(period) {
        set({ period });
        return report.load(period);
      },
      reset() {
        set({ period: null });
        report.reset();
      },
    };
  });
}

export const settlementStore = createSettlementStore(cloudCall);
onSessionReset(() => settlementStore.getState().reset());

export function useSettlement<T>(selector: (state: SettlementState) => T): T {
  return useStore(settlementStore, selector);
}
