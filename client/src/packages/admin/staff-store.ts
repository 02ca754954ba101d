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

export interface ConsoleStaffState {
  staff: Slot<Output<'admin', 'listStaff'>>;
  invitations: Slot<Output<'admin', 'listInvitations'>>;
  invite: ActionSlot<Invitation>;
  update: ActionSlot<Output<'admin', 'updateStaff'>>;
  revoke: ActionSlot<Invitation>;
  load: () => Promise<void>;
  inviteStaff: (input: Omit<Input<'admin', 'inviteStaff'>, 'requestId'>) => Promise<Invitation | null>;
  updateStaff: (row: StaffRow, change: StaffChange) => Promise<boolean>;
  revokeInvitation: (code: string) => Promise<boolean>;
  reset: () => void;
}

export function createConsoleStaffStore(call: CallFn, requestId: () => string = () => newRequestId('stf')) {
  const ids = createRequestIds(requestId);
  return createStore<ConsoleStaffState>()((_set, _get, api) => {
    const staff = createResource(field(api, 'staff'), () => call('admin', 'listStaff', { includeInactive: true }));
    const invitations = createResource(field(api, 'invitations'), () => call('admin', 'listInvitations'));
    const invite = createAction(field(api, 'invite'), { fresh: true });
    const update = createAction(field(api, 'update'), { fresh: true });
    const revoke = createAction(field(api, 'revoke'), { fresh: true });
    return {
      staff: idle(),
      invitations: idle(),
      invite: ready(),
      update: ready(),
      revoke: ready(),
      load: () => Promise.all([staff.load(), invitations.load()]).then(() => undefined),
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
