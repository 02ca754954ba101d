// What staff do for a scanned member besides a purchase: register attendance of an in-store activity (all staff) and
// adjust points (managers and admins; one request id per confirmation, reused when a network error is retried).
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createRequestIds, isUncertain, newRequestId } from '../../store/requestId';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { field } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export interface AdjustInput { memberNo: string; amount: number; reason: string }
export type AdjustResult = Output<'staff', 'adjustPoints'>;

export interface MemberActionsState {
  checkin: ActionSlot<Output<'staff', 'activityCheckin'>>;
  adjust: ActionSlot<AdjustResult>;
  registerActivity: (memberNo: string, activityId: string) => Promise<void>;
  /** Resolves with the result, or null when refused or failed (see adjust.error). */
  adjustPoints: (input: AdjustInput) => Promise<AdjustResult | null>;
  reset: () => void;
}

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
  return createStore<MemberActionsState>()((_set, _get, api) => {
    const checkin = createAction(field(api, 'checkin'), { fresh: true });
    const adjust = createAction(field(api, 'adjust'), { fresh: true });
    return {
      checkin: ready(),
      adjust: ready(),

      async registerActivity(memberNo, activityId) {
        await checkin.run(() => call('staff', 'activityCheckin', { memberNo, activityId }));
      },

      adjustPoints: (input) => adjust.run(() =>
        ids.send(JSON.stringify([input.memberNo, input.amount, input.reason]), (id) => call('staff', 'adjustPoints', { ...input, requestId: id }))),

      reset() {
        ids.reset();
        checkin.reset();
        adjust.reset();
      },
    };
  });
}

export const memberActionsStore = createMemberActionsStore(cloudCall);
onSessionReset(() => memberActionsStore.getState().reset());

export function useMemberActions<T>(selector: (state: MemberActionsState) => T): T {
  return useStore(memberActionsStore, selector);
}
