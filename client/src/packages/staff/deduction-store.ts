// 积分抵扣 at the till: the clerk asks (staff.requestDeduction), the member answers on their own phone, the clerk's
// screen follows the request (staff.deduction, every 2 s while it waits) and, once approved, records the purchase
// with its hold id. A receipt asks once: asking again for the same receipt answers the same request.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { formatNumber } from '../../utils/format';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { field } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type Deduction = Output<'staff', 'deduction'>;

export interface DeductionState {
  ask: ActionSlot<Output<'staff', 'requestDeduction'>>;
  /** The request as last read: null until asked. */
  current: Deduction | null;
  request: (input: { memberNo: string; orderId: string; amountFen: number }) => Promise<Deduction | null>;
  cancelling: boolean;
  /** Gives the request (or the approved hold) up: the member's points are free again. */
  cancel: () => Promise<void>;
  /** Reads the request again; the page calls it while the status is `requested`. */
  refresh: () => Promise<void>;
  reset: () => void;
}

export const POLL_MS = 2000;

/** What the clerk reads for each state of the request. */
export function deductionMessage(d: Deduction, yuan: (fen: number) => string): string {
  const what = `${formatNumber(d.points)} 积分抵 ${yuan(d.deductionFen)} 元`;
  switch (d.status) {
    case 'requested': return `等待会员在手机上确认：${what}`;
    case 'held': return `会员已同意：${what}，应收现金 ${yuan(d.cashFen)} 元`;
    case 'captured': return `已抵扣：${what}`;
    case 'declined': return '会员已拒绝积分抵扣，可直接登记消费（不使用积分）';
    case 'expired': return '积分抵扣已过期，请重新发起或直接登记消费';
    case 'released': return '积分抵扣已取消';
  }
}

export function createDeductionStore(call: CallFn) {
  return createStore<DeductionState>()((set, get, api) => {
    const ask = createAction(field(api, 'ask'), { fresh: true });
    let generation = 0;
    return {
      ask: ready(),
      current: null,
      cancelling: false,

      async cancel() {
        const shown = get().current;
        if (!shown || get().cancelling) return;
        const mine = generation;
        set({ cancelling: true });
        try {
          const { replayed: _replayed, ...view } = await call('staff', 'cancelDeduction', { holdId: shown.holdId });
          if (mine === generation) set({ current: view });
        } catch {
          // The status line keeps what was last read; the next poll or a retry tells.
        } finally {
          set({ cancelling: false });
        }
      },

      async request(input) {
        const mine = generation;
        const done = await ask.run(() => call('staff', 'requestDeduction', input));
        if (!done || mine !== generation) return null;
        const { replayed: _replayed, ...view } = done;
        set({ current: view });
        return view;
      },

      async refresh() {
        const shown = get().current;
        if (!shown) return;
        const mine = generation;
        try {
          const next = await call('staff', 'deduction', { holdId: shown.holdId });
          if (mine === generation && get().current?.holdId === next.holdId) set({ current: next });
        } catch {
          // A failed poll is retried by the next one.
        }
      },

      reset() {
        generation += 1;
        ask.reset();
        set({ current: null, cancelling: false });
      },
    };
  });
}

export const deductionStore = createDeductionStore(cloudCall);
onSessionReset(() => deductionStore.getState().reset());

export function useDeduction<T>(selector: (state: DeductionState) => T): T {
  return useStore(deductionStore, selector);
}
