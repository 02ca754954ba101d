// The staff slice: today's store activity, the scanned member, recording a purchase (or its hold for approval),
// writing off a voucher, undoing a purchase or a write-off of the day. Activity attendance and points adjustments
// live in member-actions.ts, held purchases in approvals-store.ts, the settlement report in settlement-store.ts.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

/** The member at the till: by their code, or looked up by phone or member number when the code will not scan. */
export type MemberAtTill = Output<'staff', 'scanMember'> | Output<'staff', 'findMember'>;
type Lookup = { code: string } | { keyword: string };

export interface StaffState {
  /** A day of the store (today unless another day was chosen), its first page and the pages loaded after it. */
  today: Slot<Output<'staff', 'today'>>;
  /** The next page of the day is on its way. */
  more: boolean;
  /** The member of the last scanned code or lookup, with their unused vouchers. */
  member: Slot<MemberAtTill>;
  purchase: ActionSlot<Output<'staff', 'recordPurchase'>>;
  writeOff: ActionSlot<Output<'staff', 'verifyVoucher'>>;
  undo: ActionSlot<Output<'staff', 'undoPurchase'> | Output<'staff', 'reverseWriteOff'>>;
  loadToday: () => Promise<void>;
  /** Another day of the store (null: today); its first page. */
  showDay: (day: string | null) => Promise<void>;
  loadMore: () => Promise<void>;
  /** Forgets the member shown and the last purchase, and loads the member of `code`. */
  scan: (code: string) => Promise<void>;
  /** The same, by the member's bound phone or member number (11 digits). */
  find: (keyword: string) => Promise<void>;
  /**
   * For the scanned member; then the member shown takes the state the purchase left and today's activity reloads.
   * Resolves true when it was recorded or held (the form may be cleared).
   */
  recordPurchase: (input: { orderId: string; amountFen: number; holdId?: string }) => Promise<boolean>;
  /** Writes a voucher off; when it is one of the shown member's, their vouchers reload. */
  verify: (code: string) => Promise<void>;
  /** Undoes a purchase of today by its receipt number (a staff refund); today reloads. */
  undoPurchase: (receipt: string, reason: string) => Promise<boolean>;
  /** A manager reverses a write-off of today by its voucher code; today reloads. */
  reverseWriteOff: (code: string, reason: string) => Promise<boolean>;
  clearResults: () => void;
  /** After a points adjustment: the scanned member's balance as the server answered it. */
  applyAdjustment: (memberNo: string, amount: number, balance: number) => void;
  /** The member header after a birthday correction. */
  applyBirthday: (memberNo: string, birthday: { month: number; day: number; year: number | null } | null) => void;
  reset: () => void;
}

export const digitsOnly = (code: string) => code.replace(/\D+/g, '');

export function createStaffStore(call: CallFn) {
  return createStore<StaffState>()((set, get, api) => {
    const today = createResource(field(api, 'today'), (day: string | null) => call('staff', 'today', day ? { day } : {}));
    const member = createResource(field(api, 'member'), (by: Lookup): Promise<MemberAtTill> =>
      ('code' in by ? call('staff', 'scanMember', { code: by.code }) : call('staff', 'findMember', { keyword: by.keyword })));
    const purchase = createAction(field(api, 'purchase'));
    const writeOff = createAction(field(api, 'writeOff'), { fresh: true });
    const undo = createAction(field(api, 'undo'), { fresh: true });
    // The member shown, as a staff write left them (a recorded purchase, an undo answer their new state).
    const showMember = (view: Omit<Output<'staff', 'scanMember'>, 'codeExpiresAt' | 'vouchers'>) => {
      const shown = get().member.data;
      if (shown && shown.memberNo === view.memberNo) set({ member: { ...get().member, data: { ...shown, ...view } } });
    };

    return {
      today: idle(),
      more: false,
      member: idle(),
      purchase: ready(),
      writeOff: ready(),
      undo: ready(),

      loadToday: () => today.load(null),

      showDay: (day) => today.load(day),

      async loadMore() {
        const shown = get().today.data;
        if (!shown?.nextCursor || get().more) return;
        set({ more: true });
        try {
          const next = await call('staff', 'today', { day: shown.day, cursor: shown.nextCursor });
          if (get().today.data === shown) set({ today: { ...get().today, data: { ...next, items: [...shown.items, ...next.items] } } });
        } finally {
          set({ more: false });
        }
      },

      scan(code) {
        purchase.reset();
        member.reset();
        return member.load({ code: digitsOnly(code) });
      },

      find(keyword) {
        purchase.reset();
        member.reset();
        return member.load({ keyword: digitsOnly(keyword) });
      },

      async recordPurchase(input) {
        const scanned = get().member.data;
        if (!scanned) return false;
        const done = await purchase.run(() => call('staff', 'recordPurchase', { memberNo: scanned.memberNo, ...input }));
        if (!done) return false;
        if (done.status === 'recorded') showMember(done.member);
        void today.reload();
        return true;
      },

      async undoPurchase(receipt, reason) {
        const done = await undo.run(() => call('staff', 'undoPurchase', { orderId: receipt, reason }));
        if (!done) return false;
        if ('member' in done) showMember(done.member);
        void today.reload();
        return true;
      },

      async reverseWriteOff(code, reason) {
        const done = await undo.run(() => call('staff', 'reverseWriteOff', { code, reason }));
        if (done) void today.reload();
        return done !== null;
      },

      async verify(code) {
        const done = await writeOff.run(() => call('staff', 'verifyVoucher', { code: digitsOnly(code) }));
        if (!done) return;
        void today.reload();
        if (get().member.data?.vouchers.some((v) => v.code === digitsOnly(code))) void member.reload();
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

      applyBirthday(memberNo, birthday) {
        const scanned = get().member.data;
        if (!scanned || scanned.memberNo !== memberNo) return;
        set({ member: { ...get().member, data: { ...scanned, birthday } } });
      },

      reset() {
        set({ more: false });
        for (const r of [today, member, purchase, writeOff, undo]) r.reset();
      },
    };
  });
}

export const staffStore = createStaffStore(cloudCall);
onSessionReset(() => staffStore.getState().reset());

export function useStaff<T>(selector: (state: StaffState) => T): T {
  return useStore(staffStore, selector);
}
