// The 结算报表 slice (managers and admins): the report of one period, with its loading and error states.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { toStoreError, type StoreError } from '../../store/errors';
import { onSessionReset } from '../../store/session';
import type { Period } from './period';
import type { SettlementReport } from './types';

type Status = 'idle' | 'loading' | 'ready' | 'error';

export interface SettlementState {
  period: Period | null;
  status: Status;
  report: SettlementReport | null;
  error: StoreError | null;
  load: (period: Period) => Promise<void>;
  reset: () => void;
}

const initial = { period: null, status: 'idle', report: null, error: null } as const;

export function createSettlementStore(call: CallFn) {
  return createStore<SettlementState>()((set, get) => ({
    ...initial,

    async load(period) {
      set({ period, status: 'loading', error: null });
      try {
        const report = await call<SettlementReport>('staff', 'settlement', period);
        if (get().period === period) set({ report, status: 'ready' });
      } catch (err) {
        if (get().period === period) set({ report: null, status: 'error', error: toStoreError(err) });
      }
    },

    reset() {
      set({ ...initial });
    },
  }));
}

export const settlementStore = createSettlementStore(cloudCall);
onSessionReset(() => settlementStore.getState().reset());

export function useSettlement<T>(selector: (state: SettlementState) => T): T {
  return useStore(settlementStore, selector);
}
