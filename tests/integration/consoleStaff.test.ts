// The console's staff section through the local cloud: the sections each role sees, one-time invitations (bound to
// the invitee's own openid, once, before they expire, concurrent claims leave one staff member), moving and
// deactivating staff (never oneself; a stale save names who changed it), and the audit log with before and after.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { seedMallFixtures } from '../helpers/mall';

let t: TestCloud;

const NOW = '2026-06-10T10:00:00+08:00';

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 4 });
  await seedMallFixtures(t);
  await t.cloud.db.insertMany('staff', [
    { _id: 'admin-2', openid: 'admin-2', name: '管理员乙', role: 'admin', storeId: null, active: true },
    { _id: 'analyst-1', openid: 'analyst-1', name: '分析师', role: 'analyst', storeId: null, active: true },
    { _id: 'operator-1', openid: 'operator-1', name: '运营甲', role: 'operator', storeId: null, active: true },
  ]);
  await t.setClock(NOW, true);
}, 60_000);

afterAll(async () => {
  await t.stop();
});

const admin = (action: string, input: object = {}, as = 'admin-1') => t.call('admin', { action, ...input }, as);
const join = (openid: string, invitation: string) => t.call('member', { action: 'joinStaff', invitation }, openid);
const invite = (requestId: string, input: object = {}) => admin('inviteStaff', { name: '新店员小赵', role: 'clerk', storeId: 'st-mall', requestId, ...input });

describe('admin.session', () => {
  test('each console role sees the sections the role matrix opens to it; a clerk is refused', async () => {
    const sections = async (openid: string) => (await admin('session', {}, openid)).body.data?.sections;
    expect(await sections('admin-1')).toEqual(['members', 'catalog', 'channels', 'staff', 'rules', 'audit', 'settlement', 'shipments', 'migration', 'unclaimed', 'insight', 'segments', 'tags', 'experiments', 'automation']);
    expect(await sections('analyst-1')).toEqual(['members', 'catalog', 'rules', 'settlement', 'unclaimed', 'insight', 'segments', 'tags', 'experiments', 'automation']);
    expect(await sections('operator-1')).toEqual(['members', 'catalog', 'rules', 'settlement', 'shipments', 'unclaimed', 'insight', 'segments', 'tags', 'experiments', 'automation']);
    expect((await admin('session', {}, 'manager-hotel')).body.data).toMatchObject({ role: 'manager', roleName: '店长', storeName: '测试酒店', sections: ['members', 'catalog', 'settlement', 'unclaimed'] });
    expect((await admin('session', {}, 'clerk-mall')).body.error).toEqual({ code: 'FORBIDDEN', message: '当前岗位无权执行该操作' });
  });
});

describe('staff invitations', () => {
  test('an invitation binds the invitee once; the same request makes the same invitation', async () => {
    const first = await invite('invite-req-0001');
    expect(first.body.data).toMatchObject({ name: '新店员小赵', role: 'clerk', roleName: '店员', storeName: '测试购物中心店', status: 'open', createdBy: '管理员' });
    const code = first.body.data.code as string;
    expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{10}$/);
    expect(first.body.data.path).toBe(`/packages/admin/join/index?invitation=${code}`);
    expect((await invite('invite-req-0001')).body.data.code).toBe(code);
    expect(t.cloud.db.find('staff_invitations', {}).total).toBe(1);

    const joined = await join('new-clerk-1', code);
    expect(joined.body.data).toEqual({ name: '新店员小赵', role: 'clerk', roleName: '店员', storeName: '测试购物中心店', replayed: false });
    expect((await join('new-clerk-1', code)).body.data.replayed).toBe(true);
    expect((await join('someone-else', code)).body.error).toEqual({ code: 'ALREADY_USED', message: '该邀请码已被使用' });
    expect((await t.call('staff', { action: 'today' }, 'new-clerk-1')).body.data.store.name).toBe('测试购物中心店');
    expect((await admin('listInvitations')).body.data.items[0]).toMatchObject({ code, status: 'used', usedBy: 'new-clerk-1' });
  });

  test('concurrent claims of one invitation leave exactly one staff member', async () => {
    const code = (await invite('invite-req-0002', { name: '店长候选', role: 'manager' })).body.data.code as string;
    const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => join(`claimer-${i}`, code)));
    expect(claims.filter((c) => c.body.ok)).toHaveLength(1);
    expect(claims.filter((c) => !c.body.ok).every((c) => c.body.error.code === 'ALREADY_USED')).toBe(true);
    expect(t.cloud.db.find('staff', { name: '店长候选' }).total).toBe(1);
  });

  test('expired, revoked, store-less and already-staff invitations are refused and write nothing', async () => {
    expect((await invite('invite-req-0003', { storeId: null })).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '店员和店长必须指定门店' });
    expect((await invite('invite-req-0004', { storeId: 'st-nowhere' })).body.error).toEqual({ code: 'NOT_FOUND', message: '门店不存在' });
    const analyst = (await invite('invite-req-0005', { name: '分析师二', role: 'analyst', storeId: 'st-mall' })).body.data;
    expect(analyst).toMatchObject({ role: 'analyst', storeId: null });
    expect((await join('clerk-mall', analyst.code)).body.error).toEqual({ code: 'ALREADY_EXISTS', message: '你已是员工账号，无需再次加入' });

    const revoked = (await invite('invite-req-0006')).body.data.code as string;
    expect((await admin('revokeInvitation', { code: revoked })).body.data.status).toBe('revoked');
    expect((await join('late-1', revoked)).body.error).toEqual({ code: 'NOT_FOUND', message: '该邀请已被管理员撤回' });
    expect((await join('late-1', 'ZZZZZZZZZZ')).body.error.code).toBe('NOT_FOUND');

    const old = (await invite('invite-req-0007')).body.data.code as string;
    await t.setClock('2026-06-13T10:00:01+08:00', true);
    try {
      const before = dumpDatabase(t);
      expect((await join('late-2', old)).body.error).toEqual({ code: 'CODE_EXPIRED', message: '邀请码已过期，请联系管理员重新邀请' });
      expect((await admin('revokeInvitation', { code: old })).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该邀请已过期' });
      expect(dumpDatabase(t)).toEqual(before);
    } finally {
      await t.setClock(NOW, true);
    }
  });
});

describe('admin.updateStaff', () => {
  test('move, change role, deactivate; never oneself; a stale save names who saved first; one request saves once', async () => {
    const list = (await admin('listStaff')).body.data.items as Array<{ openid: string; version: number; storeName: string | null }>;
    const clerk = list.find((s) => s.openid === 'clerk-mall')!;
    expect(clerk).toMatchObject({ storeName: '测试购物中心店', version: 0 });

    expect((await admin('updateStaff', { staffOpenid: 'admin-1', role: 'analyst', expectedVersion: 0, requestId: 'upd-self-0001' })).body.error)
      .toEqual({ code: 'NOT_ELIGIBLE', message: '不能修改自己的岗位、门店或启用状态，请由其他管理员操作' });
    expect((await admin('updateStaff', { staffOpenid: 'clerk-mall', role: 'manager', storeId: null, expectedVersion: 0, requestId: 'upd-0001' })).body.error)
      .toEqual({ code: 'NOT_ELIGIBLE', message: '店员和店长必须指定门店' });

    const moved = await admin('updateStaff', { staffOpenid: 'clerk-mall', storeId: 'st-hotel', expectedVersion: 0, requestId: 'upd-0002' });
    expect(moved.body.data).toMatchObject({ storeName: '测试酒店', version: 1, updatedBy: '管理员' });
    expect((await admin('updateStaff', { staffOpenid: 'clerk-mall', storeId: 'st-hotel', expectedVersion: 0, requestId: 'upd-0002' })).body.data.version).toBe(1);
    const stale = await admin('updateStaff', { staffOpenid: 'clerk-mall', role: 'manager', expectedVersion: 0, requestId: 'upd-0003' }, 'admin-2');
    expect(stale.body.error.code).toBe('STALE_VERSION');
    expect(stale.body.error.message).toMatch(/^已被他人修改，请刷新：管理员 于 2026-06-10 10:00 修改了 门店$/);

    const off = await admin('updateStaff', { staffOpenid: 'clerk-mall', active: false, expectedVersion: 1, requestId: 'upd-0004' }, 'admin-2');
    expect(off.body.data).toMatchObject({ active: false, version: 2 });
    expect((await t.call('staff', { action: 'today' }, 'clerk-mall')).body.error).toEqual({ code: 'FORBIDDEN', message: '仅限门店员工操作' });
    expect((await admin('listStaff')).body.data.items.map((s: { openid: string }) => s.openid)).not.toContain('clerk-mall');
    expect((await admin('listStaff', { includeInactive: true })).body.data.items.map((s: { openid: string }) => s.openid)).toContain('clerk-mall');
  });
});

describe('admin.listStaff', () => {
  test('pages through any number of staff by name (no row twice, none left out), filtered by store, role and name start', async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({
      _id: `page-staff-${String(i).padStart(3, '0')}`, openid: `page-staff-${String(i).padStart(3, '0')}`,
      // Names repeat across pages, so the cursor must break ties by openid.
      name: `批量店员${String(i % 40).padStart(2, '0')}`, role: i % 2 ? 'clerk' : 'manager', storeId: i % 3 ? 'st-mall' : 'st-hotel', active: true,
    }));
    await t.cloud.db.insertMany('staff', many);
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const r = await admin('listStaff', { keyword: '批量店员', pageSize: 50, ...(cursor ? { cursor } : {}) });
      pages.push(r.body.data.items.map((s: { openid: string }) => s.openid));
      cursor = r.body.data.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 30]);
    const seen = pages.flat();
    const expected = [...many].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a._id < b._id ? -1 : 1)).map((s) => s._id);
    expect(seen).toEqual(expected);

    const hotelManagers = (await admin('listStaff', { keyword: '批量', role: 'manager', storeId: 'st-hotel' })).body.data.items as Array<{ role: string; storeId: string }>;
    expect(hotelManagers.length).toBe(many.filter((s) => s.role === 'manager' && s.storeId === 'st-hotel').length);
    expect(hotelManagers.every((s) => s.role === 'manager' && s.storeId === 'st-hotel')).toBe(true);
    expect((await admin('listStaff', { keyword: '批量店员07' })).body.data.items.map((s: { name: string }) => s.name)).toEqual(Array(4).fill('批量店员07'));
    // A regex character in the name search is a character, not a pattern.
    expect((await admin('listStaff', { keyword: '.*' })).body.data.items).toEqual([]);
    expect((await admin('listStaff', { cursor: 'bm90LWpzb24' })).body.error).toEqual({ code: 'INVALID_INPUT', message: '翻页位置无效，请从第一页重新加载' });
  });
});

describe('admin.auditLog', () => {
  test('console writes are there with who, what and before/after; filters and paging', async () => {
    // Entries of one instant (the test's clock is frozen) have no order among them: read them all, then page.
    const all = (await admin('auditLog', { actionName: 'updateStaff' })).body.data.items as Array<{ id: string; staffName: string; replayed: boolean; input: object; changes: object[] }>;
    expect(all.map((e) => [e.staffName, e.replayed]).sort()).toEqual([['管理员', false], ['管理员', true], ['管理员乙', false]]);
    const off = all.find((e) => e.staffName === '管理员乙')!;
    expect(off).toMatchObject({ action: 'updateStaff', roleName: '管理员', fn: 'admin', input: { staffOpenid: 'clerk-mall', active: false } });
    expect(off.changes).toEqual([expect.objectContaining({ collection: 'staff', id: 'clerk-mall', before: expect.objectContaining({ active: true, version: 1 }), after: expect.objectContaining({ active: false, version: 2 }) })]);
    expect(all.find((e) => e.replayed)!.changes).toEqual([]);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await admin('auditLog', { actionName: 'updateStaff', pageSize: 2, ...(cursor ? { cursor } : {}) })).body.data as { items: Array<{ id: string }>; nextCursor: string | null };
      pages.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.map((e) => e.id));

    const mine = await admin('auditLog', { staffOpenid: 'admin-1', from: '2026-06-10', to: '2026-06-10' });
    expect(new Set(mine.body.data.items.map((e: { action: string }) => e.action))).toEqual(new Set(['inviteStaff', 'revokeInvitation', 'updateStaff']));
    expect((await admin('auditLog', { from: '2026-06-11' })).body.data.items).toEqual([]);
    expect((await admin('auditLog', {}, 'analyst-1')).body.error.code).toBe('FORBIDDEN');
  });
});
