// The staff slice: today's store activity, the scanned member, recording a purchase, writing off a voucher.
// Activity attendance and points adjustments live in member-actions.ts, the settlement report in settlement-store.ts.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export interface StaffState {
  today: Slot<Output<'staff', 'today'>>;
  /** The member of the last scanned code. */
  member: Slot<Output<'staff', 'scanMember'>>;
  purchase: ActionSlot<Output<'staff', 'recordPurchase'>>;
  writeOff: ActionSlot<Output<'staff', 'verifyVoucher'>>;
  loadToday: () => Promise<void>;
  /** Forgets the member shown and the last purchase, and loads the member of `code`. */
  scan: (code: string) => Promise<void>;
  /** For the scanned member; then today's activity reloads. */
  recordPurchase: (input: { orderId: string; amountFen: number }) => Promise<void>;
  verify: (code: string) => Promise<void>;
  clearResults: () => void;
  /** After a points adjustment: the scanned member's balance as the server answered it. */
  applyAdjustment: (memberNo: string, amount: number, balance: number) => void;
  reset: () => void;
}

export const digitsOnly = (code: string) => code.replace(/\D+/g, '');

export function createStaffStore(call: CallFn) {
  return createStore<StaffState>()((set, get, api) => {
    const today = createResource(field(api, 'today'), () => call('staff', 'today'));
    const member = createResource(field(api, 'member'), (code: string) => call('staff', 'scanMember', { code }));
    const purchase = createAction(field(api, 'purchase'));
    const writeOff = createAction(field(api, 'writeOff'), { fresh: true });

    return {
      today: idle(),
      member: idle(),
      purchase: ready(),
      writeOff: ready(),

      loadToday: () => today.load(),

      scan(code) {
        purchase.reset();
        member.reset();
        return member.load(digitsOnly(code));
      },

      async recordPurchase(input) {
        const scanned = get().member.data;
        if (!scanned) return;
        const done = await purchase.run(() => call('staff', 'recordPurchase', { memberNo: scanned.memberNo, ...input }));
        if (done) void today.reload();
      },

      async verify(code) {
        const done = await writeOff.run(() => call('staff', 'verifyVoucher', { code: digitsOnly(code) }));
        if (done) void today.reload();
      },

      clearResults() {
        writeOff.reset();
        member.reset();
      },

      applyAdjustment(memberNo, amount, balance) {
        const scanned = get().member.data;
        if (!scanned || scanned.memberNo !== memberNo) return;
        set({ member: { ...get().member, data: { ...scanned, points: { ...scanned.points, balance, spendable: Math.max(0, scanned.points.spendable + amount) } } } });
      },

      reset() {
        for (const r of [today, member, purchase, writeOff]) r.reset();
      },
    };
  });
}

export const staffStore = createStaffStore(cloudCall);
onSessionReset(() => staffStore.getState().reset());

export function useStaff<T>(selector: (state: StaffState) => T): T {
  return useStore(staffStore, selector);
}
