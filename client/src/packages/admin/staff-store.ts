// 员工 in the console (admins): staff with their roles and stores, invitations, and the writes on them; each write has
// one request id per confirmation, and reloads the lists it changed.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds, newRequestId } from '../../store/requestId';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type StaffRow = Output<'admin', 'listStaff'>['items'][number];
export type Invitation = Output<'admin', 'inviteStaff'>;
export type StaffChange = Omit<Input<'admin', 'updateStaff'>, 'requestId' | 'expectedVersion' | 'staffOpenid'>;
/** What the list shows: by store, role, the start of the name; stopped staff too unless `activeOnly`. */
export type StaffFilter = Pick<Input<'admin', 'listStaff'>, 'storeId' | 'role' | 'keyword'> & { activeOnly?: boolean };

const PAGE_SIZE = 50;
const listInput = (f: StaffFilter): Input<'admin', 'listStaff'> => ({
  includeInactive: !f.activeOnly, pageSize: PAGE_SIZE,
  ...(f.storeId ? { storeId: f.storeId } : {}), ...(f.role ? { role: f.role } : {}), ...(f.keyword?.trim() ? { keyword: f.keyword.trim() } : {}),
});

export interface ConsoleStaffState {
  staff: Slot<Output<'admin', 'listStaff'>>;
  filter: StaffFilter;
  /** The next page is on its way. */
  more: boolean;
  invitations: Slot<Output<'admin', 'listInvitations'>>;
  invite: ActionSlot<Invitation>;
  update: ActionSlot<Output<'admin', 'updateStaff'>>;
  revoke: ActionSlot<Invitation>;
  load: () => Promise<void>;
  /** The list again from its first page with `filter`. */
  setFilter: (filter: StaffFilter) => Promise<void>;
  loadMore: () => Promise<void>;
  inviteStaff: (input: Omit<Input<'admin', 'inviteStaff'>, 'requestId'>) => Promise<Invitation | null>;
  updateStaff: (row: StaffRow, change: StaffChange) => Promise<boolean>;
  revokeInvitation: (code: string) => Promise<boolean>;
  reset: () => void;
}

export function createConsoleStaffStore(call: CallFn, requestId: () => string = () => newRequestId('stf')) {
  const ids = createRequestIds(requestId);
  return createStore<ConsoleStaffState>()((set, get, api) => {
    const staff = createResource(field(api, 'staff'), (filter: StaffFilter) => call('admin', 'listStaff', listInput(filter)));
    const invitations = createResource(field(api, 'invitations'), () => call('admin', 'listInvitations'));
    const invite = createAction(field(api, 'invite'), { fresh: true });
    const update = createAction(field(api, 'update'), { fresh: true });
    const revoke = createAction(field(api, 'revoke'), { fresh: true });
    return {
      staff: idle(),
      filter: {},
      more: false,
      invitations: idle(),
      invite: ready(),
      update: ready(),
      revoke: ready(),
      load: () => Promise.all([staff.load(get().filter), invitations.load()]).then(() => undefined),
      setFilter(filter) {
        set({ filter });
        return staff.load(filter);
      },
      async loadMore() {
        const page = get().staff.data;
        if (!page?.nextCursor || get().more) return;
        const filter = get().filter;
        set({ more: true });
        try {
          const next = await call('admin', 'listStaff', { ...listInput(filter), cursor: page.nextCursor });
          if (get().filter === filter && get().staff.data === page) set({ staff: { ...get().staff, data: { ...next, items: [...page.items, ...next.items] } } });
        } finally {
          set({ more: false });
        }
      },
      async inviteStaff(input) {
        const done = await invite.run(() => ids.send(JSON.stringify(['invite', input]), (id) => call('admin', 'inviteStaff', { ...input, requestId: id })));
        if (done) void invitations.reload();
        return done;
      },
      async updateStaff(row, change) {
        const key = JSON.stringify(['update', row.openid, row.version, change]);
        const done = await update.run(() => ids.send(key, (id) => call('admin', 'updateStaff', { staffOpenid: row.openid, expectedVersion: row.version, ...change, requestId: id })));
        // Saved, or refused because someone else saved first: the list shows the state now either way.
        void staff.reload();
        return done !== null;
      },
      async revokeInvitation(code) {
        const done = await revoke.run(() => call('admin', 'revokeInvitation', { code }));
        void invitations.reload();
        return done !== null;
      },
      reset() {
        ids.reset();
        set({ filter: {}, more: false });
        for (const r of [staff, invitations, invite, update, revoke]) r.reset();
      },
    };
  });
}

export const consoleStaffStore = createConsoleStaffStore(cloudCall);
onSessionReset(() => consoleStaffStore.getState().reset());

export function useConsoleStaff<T>(selector: (state: ConsoleStaffState) => T): T {
  return useStore(consoleStaffStore, selector);
}
