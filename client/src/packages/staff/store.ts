// The staff slice: today's store activity, the scanned member, recording a purchase, writing off a voucher.
// Activity attendance and points adjustments live in member-actions.ts, the settlement report in settlement-store.ts.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { toStoreError, type StoreError } from '../../store/errors';
import { onSessionReset } from '../../store/session';
import type { PurchaseResult, ScannedMember, StaffToday, WriteOffResult } from './types';

export interface StaffState {
  today: StaffToday | null;
  todayError: StoreError | null;
  member: ScannedMember | null;
  memberError: StoreError | null;
  purchase: PurchaseResult | null;
  purchaseError: StoreError | null;
  busy: boolean;
  writeOff: WriteOffResult | null;
  writeOffError: StoreError | null;
  loadToday: () => Promise<void>;
  scan: (code: string) => Promise<boolean>;
  recordPurchase: (input: { orderId: string; amountFen: number }) => Promise<void>;
  verify: (code: string) => Promise<void>;
  clearResults: () => void;
  /** After a points adjustment: the scanned member's balance as the server answered it. */
  applyAdjustment: (memberNo: string, amount: number, balance: number) => void;
  reset: () => void;
}

const initial = { today: null, todayError: null, member: null, memberError: null, purchase: null, purchaseError: null, busy: false, writeOff: null, writeOffError: null } as const;

export const digitsOnly = (code: string) => code.replace(/\D+/g, '');

export function createStaffStore(call: CallFn) {
  return createStore<StaffState>()((set, get) => ({
    ...initial,

    async loadToday() {
      try {
        set({ today: await call<StaffToday>('staff', 'today'), todayError: null });
      } catch (err) {
        set({ todayError: toStoreError(err) });
      }
    },

    async scan(code) {
      set({ busy: true, memberError: null, member: null, purchase: null, purchaseError: null });
      try {
        set({ member: await call<ScannedMember>('staff', 'scanMember', { code: digitsOnly(code) }), busy: false });
        return true;
      } catch (err) {
        set({ memberError: toStoreError(err), busy: false });
        return false;
      }
    },

    async recordPurchase(input) {
      const member = get().member;
      if (!member || get().busy) return;
      set({ busy: true, purchaseError: null });
      try {
        const purchase = await call<PurchaseResult>('staff', 'recordPurchase', { memberNo: member.memberNo, ...input });
        set({ purchase, busy: false });
        void get().loadToday();
      } catch (err) {
        set({ purchaseError: toStoreError(err), busy: false });
      }
    },

    async verify(code) {
      set({ busy: true, writeOff: null, writeOffError: null });
      try {
        set({ writeOff: await call<WriteOffResult>('staff', 'verifyVoucher', { code: digitsOnly(code) }), busy: false });
        void get().loadToday();
      } catch (err) {
        set({ writeOffError: toStoreError(err), busy: false });
      }
    },

    clearResults() {
      set({ writeOff: null, writeOffError: null, memberError: null });
    },

    applyAdjustment(memberNo, amount, balance) {
      const member = get().member;
      if (!member || member.memberNo !== memberNo) return;
      set({ member: { ...member, points: { ...member.points, balance, spendable: Math.max(0, member.points.spendable + amount) } } });
    },

    reset() {
      set({ ...initial });
    },
  }));
}

export const staffStore = createStaffStore(cloudCall);
onSessionReset(() => staffStore.getState().reset());

export function useStaff<T>(selector: (state: StaffState) => T): T {
  return useStore(staffStore, selector);
}
