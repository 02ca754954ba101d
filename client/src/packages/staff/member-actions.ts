// What staff do for a scanned member besides a purchase: register attendance of an in-store activity (all staff) and
// adjust points (managers and admins; one request id per confirmation, reused when a network error is retried).
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { toStoreError, type StoreError } from '../../store/errors';
import { onSessionReset } from '../../store/session';
import type { ActivityCheckinResult, AdjustResult } from './types';
import { createRequestIds, isUncertain, newRequestId } from '../../store/requestId';

export interface AdjustInput { memberNo: string; amount: number; reason: string }

export interface MemberActionsState {
  checkingIn: boolean;
  checkin: ActivityCheckinResult | null;
  checkinError: StoreError | null;
  adjusting: boolean;
  adjust: AdjustResult | null;
  adjustError: StoreError | null;
  registerActivity: (memberNo: string, activityId: string) => Promise<void>;
  /** Resolves with the result, or null when refused or failed (see adjustError). */
  adjustPoints: (input: AdjustInput) => Promise<AdjustResult | null>;
  reset: () => void;
}

const initial = { checkingIn: false, checkin: null, checkinError: null, adjusting: false, adjust: null, adjustError: null } as const;

export { isUncertain };

/** Accepts "+50", "-20", "50"; anything else (including 0) is null. */
export function parseAmount(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?\d{1,7}$/.test(t)) return null;
  const n = Number(t);
  return n === 0 || Math.abs(n) > 1_000_000 ? null : n;
}

export function createMemberActionsStore(call: CallFn, requestId: () => string = () => newRequestId('adj')) {
  const ids = createRequestIds(requestId);
  return createStore<MemberActionsState>()((set, get) => ({
    ...initial,

    async registerActivity(memberNo, activityId) {
      if (get().checkingIn) return;
      set({ checkingIn: true, checkin: null, checkinError: null });
      try {
        set({ checkin: await call<ActivityCheckinResult>('staff', 'activityCheckin', { memberNo, activityId }), checkingIn: false });
      } catch (err) {
        set({ checkinError: toStoreError(err), checkingIn: false });
      }
    },

    async adjustPoints(input) {
      if (get().adjusting) return null;
      const key = JSON.stringify([input.memberNo, input.amount, input.reason]);
      const id = ids.idFor(key);
      set({ adjusting: true, adjust: null, adjustError: null });
      try {
        const result = await call<AdjustResult>('staff', 'adjustPoints', { ...input, requestId: id });
        ids.settle();
        set({ adjust: result, adjusting: false });
        return result;
      } catch (err) {
        const error = toStoreError(err);
        ids.settle(error.code);
        set({ adjustError: error, adjusting: false });
        return null;
      }
    },

    reset() {
      ids.reset();
      set({ ...initial });
    },
  }));
}

export const memberActionsStore = createMemberActionsStore(cloudCall);
onSessionReset(() => memberActionsStore.getState().reset());

export function useMemberActions<T>(selector: (state: MemberActionsState) => T): T {
  return useStore(memberActionsStore, selector);
}
