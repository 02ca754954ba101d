// What staff do for a scanned member besides a purchase: register attendance of an in-store activity (all staff),
// adjust points (managers and admins; one request id per confirmation, reused when a network error is retried) and
// correct a birthday with a reason (managers and admins: members set theirs only once).
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
export interface BirthdayInput { memberNo: string; birthday: { month: number; day: number; year?: number }; reason: string }
export type BirthdayResult = Output<'staff', 'setBirthday'>;

export interface MemberActionsState {
  checkin: ActionSlot<Output<'staff', 'activityCheckin'>>;
  adjust: ActionSlot<AdjustResult>;
  birthday: ActionSlot<BirthdayResult>;
  registerActivity: (memberNo: string, activityId: string) => Promise<void>;
  /** Resolves with the result, or null when refused or failed (see adjust.error). */
  adjustPoints: (input: AdjustInput) => Promise<AdjustResult | null>;
  /** Resolves with the result, or null when refused or failed (see birthday.error). */
  setBirthday: (input: BirthdayInput) => Promise<BirthdayResult | null>;
  /** A new attempt begins: the last refusal is no longer about what is on screen. */
  clearAdjustError: () => void;
  reset: () => void;
}

export { isUncertain };

/** What is wrong with a typed adjustment amount, or null when it is a whole number within ±1,000,000 and not 0. */
export function amountProblem(text: string): string | null {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t) || Number(t) === 0) return '请输入非零整数，如 +50 或 -20';
  return parseAmount(t) === null ? '单次调整不能超过 1,000,000 积分' : null;
}

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
    const birthday = createAction(field(api, 'birthday'), { fresh: true });
    return {
      checkin: ready(),
      adjust: ready(),
      birthday: ready(),

      async registerActivity(memberNo, activityId) {
        await checkin.run(() => call('staff', 'activityCheckin', { memberNo, activityId }));
      },

      adjustPoints: (input) => adjust.run(() =>
        ids.send(JSON.stringify([input.memberNo, input.amount, input.reason]), (id) => call('staff', 'adjustPoints', { ...input, requestId: id }))),

      setBirthday: (input) => birthday.run(() => call('staff', 'setBirthday', input)),

      clearAdjustError: () => adjust.clearError(),

      reset() {
        ids.reset();
        checkin.reset();
        adjust.reset();
        birthday.reset();
      },
    };
  });
}

export const memberActionsStore = createMemberActionsStore(cloudCall);
onSessionReset(() => memberActionsStore.getState().reset());

export function useMemberActions<T>(selector: (state: MemberActionsState) => T): T {
  return useStore(memberActionsStore, selector);
}
