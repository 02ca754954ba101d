// The console's staff and audit stores: one request id per confirmation (a retry after a network error reuses it, a
// new change gets a new one), lists reload after writes and after a refused stale save; audit pages append, and an
// answer for a filter left meanwhile is dropped.
import { describe, expect, test } from '@jest/globals';
import { createAuditStore } from '../../../client/src/packages/admin/audit-store';
import { createConsoleStaffStore, type StaffRow } from '../../../client/src/packages/admin/staff-store';
import { CloudError } from '../../../client/src/services/cloud-error';
import { deferred, fakeCall, refusal } from './fakes';

const row = (version: number): StaffRow => ({
  openid: 'clerk-1', name: '店员 小李', role: 'clerk', roleName: '店员', storeId: 'st-1', storeName: '旗舰店', active: true, version, updatedAt: null, updatedBy: null,
});
const staffList = (version: number) => ({ items: [row(version)], nextCursor: null, stores: [{ id: 'st-1', name: '旗舰店' }] });

describe('console staff store', () => {
  test('a save reuses its request id after a network error, a new change gets a new one; a stale refusal reloads the list', async () => {
    let ids = 0;
    const fake = fakeCall({
      admin: {
        listStaff: () => staffList(1),
        listInvitations: () => ({ items: [] }),
        updateStaff: (input, n) => {
          if (n === 0) throw new CloudError('NETWORK', '网络异常');
          if (n === 2) throw refusal('STALE_VERSION', '已被他人修改，请刷新：管理员 于 2026-06-10 10:00 修改了 门店');
          return { ...row(input.expectedVersion + 1), role: input.role ?? 'clerk', roleName: '店长', replayed: false };
        },
      },
    });
    const store = createConsoleStaffStore(fake.call, () => `req-${(ids += 1)}-abcdef`);
    await store.getState().load();
    expect(await store.getState().updateStaff(row(1), { role: 'manager' })).toBe(false);
    expect(await store.getState().updateStaff(row(1), { role: 'manager' })).toBe(true);
    expect(await store.getState().updateStaff(row(1), { active: false })).toBe(false);
    expect(store.getState().update.error).toEqual({ code: 'STALE_VERSION', message: '已被他人修改，请刷新：管理员 于 2026-06-10 10:00 修改了 门店' });
    expect(fake.inputs('admin.updateStaff').map((i) => i.requestId)).toEqual(['req-1-abcdef', 'req-1-abcdef', 'req-2-abcdef']);
    expect(fake.inputs('admin.updateStaff')[0]).toEqual({ staffOpenid: 'clerk-1', expectedVersion: 1, role: 'manager', requestId: 'req-1-abcdef' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.count('admin.listStaff')).toBe(4);
  });

  test('a filter reloads from the first page; 加载更多 appends the next page by cursor, once per tap', async () => {
    const next = deferred<ReturnType<typeof staffList>>();
    const fake = fakeCall({
      admin: {
        listStaff: (input) => (input.cursor === 'page-2' ? next.promise : { ...staffList(1), nextCursor: input.role ? null : 'page-2' }),
        listInvitations: () => ({ items: [] }),
      },
    });
    const store = createConsoleStaffStore(fake.call);
    await store.getState().load();
    expect(fake.inputs('admin.listStaff')).toEqual([{ includeInactive: true, pageSize: 50 }]);
    const more = store.getState().loadMore();
    expect(store.getState().more).toBe(true);
    void store.getState().loadMore(); // a second tap while the page is on its way sends nothing
    next.resolve({ items: [{ ...row(1), openid: 'clerk-2', name: '店员 小王' }], nextCursor: null, stores: [] });
    await more;
    expect(store.getState().staff.data?.items.map((s) => s.openid)).toEqual(['clerk-1', 'clerk-2']);
    expect(fake.inputs('admin.listStaff')[1]).toEqual({ includeInactive: true, pageSize: 50, cursor: 'page-2' });

    await store.getState().setFilter({ role: 'clerk', storeId: 'st-1', keyword: ' 店员 ', activeOnly: true });
    expect(fake.inputs('admin.listStaff')[2]).toEqual({ includeInactive: false, pageSize: 50, role: 'clerk', storeId: 'st-1', keyword: '店员' });
    expect(store.getState().staff.data?.items.map((s) => s.openid)).toEqual(['clerk-1']);
    expect(store.getState().staff.data?.nextCursor).toBeNull();
    expect(fake.count('admin.listStaff')).toBe(3);
  });

  test('an invitation is sent once per confirmation and the invitations reload', async () => {
    const fake = fakeCall({
      admin: {
        listStaff: () => staffList(0),
        listInvitations: () => ({ items: [] }),
        inviteStaff: (input) => ({
          code: 'ABCDEFGHJK', name: input.name, role: input.role, roleName: '店员', storeId: input.storeId ?? null, storeName: '旗舰店', status: 'open',
          expiresAt: '2026-06-13T02:00:00.000Z', createdBy: '管理员', createdAt: '2026-06-10T02:00:00.000Z', usedBy: null, usedAt: null, path: '/packages/admin/join/index?invitation=ABCDEFGHJK',
        }),
      },
    });
    const store = createConsoleStaffStore(fake.call, () => 'invite-req-0001');
    await store.getState().load();
    const invitation = await store.getState().inviteStaff({ name: '店员 小赵', role: 'clerk', storeId: 'st-1' });
    expect(invitation?.code).toBe('ABCDEFGHJK');
    expect(fake.inputs('admin.inviteStaff')).toEqual([{ name: '店员 小赵', role: 'clerk', storeId: 'st-1', requestId: 'invite-req-0001' }]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.count('admin.listInvitations')).toBe(2);
  });
});

describe('audit store', () => {
  const entry = (id: string) => ({
    id, at: '2026-06-10T02:00:00.000Z', fn: 'admin', action: 'updateStaff', staffOpenid: 'admin-1', staffName: '管理员', role: 'admin' as const, roleName: '管理员',
    storeId: null, device: null, replayed: false, outcome: null, input: {}, changes: [], via: 'miniprogram' as const, session: null,
  });

  test('more appends the next page; a search for another filter drops the answer of the one left', async () => {
    const slow = deferred<{ items: ReturnType<typeof entry>[]; nextCursor: string | null }>();
    const fake = fakeCall({
      admin: {
        auditLog: (input) => {
          if (input.actionName === 'slow') return slow.promise;
          return input.cursor ? { items: [entry('b')], nextCursor: null } : { items: [entry('a')], nextCursor: 'a' };
        },
      },
    });
    const store = createAuditStore(fake.call);
    await store.getState().search({});
    await store.getState().more();
    expect(store.getState().items.map((e) => e.id)).toEqual(['a', 'b']);
    expect(fake.inputs('admin.auditLog')).toEqual([{}, { cursor: 'a' }]);

    const left = store.getState().search({ actionName: 'slow' });
    await store.getState().search({ actionName: 'updateStaff' });
    slow.resolve({ items: [entry('stale')], nextCursor: null });
    await left;
    expect(store.getState().items.map((e) => e.id)).toEqual(['a']);
    expect(store.getState().filter).toEqual({ actionName: 'updateStaff' });
  });
});
