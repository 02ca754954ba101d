// The console's members section through the local cloud: search by member number, bound phone and nickname prefix
// with paging; the member page (phones masked for the analyst); the ledger; freezing (a frozen member earns but
// cannot redeem); staff notes once per request id; refused input writes nothing.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { item, member, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;
const no: Record<string, string> = {};

const ANALYST = 'cm-analyst';
const OPERATOR = 'cm-operator';
const MANAGER = 'cm-manager';
const ADMIN = 'admin-1';

const admin = (action: string, input: object, openid = ADMIN) => t.call('admin', { action, ...input }, openid);
const search = (input: object, openid = ADMIN) => admin('searchMembers', input, openid);
const detail = (memberNo: string, openid = ADMIN) => admin('memberDetail', { memberNo }, openid);

async function register(openid: string, nickname: string, phone?: string) {
  no[openid] = await member(t, openid);
  const p = await t.call('member', { action: 'updateProfile', nickname }, openid);
  if (!p.body.ok) throw new Error(JSON.stringify(p.body));
  if (phone) {
    const b = await t.call('member', { action: 'bindPhone', code: phone }, openid);
    if (!b.body.ok) throw new Error(JSON.stringify(b.body));
  }
}

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 2 });
  await seedMallFixtures(t, [item('cm-item', { pointsPrice: 10 })]);
  await t.cloud.db.insertMany('staff', [
    { _id: ANALYST, openid: ANALYST, name: '分析员', role: 'analyst', storeId: null, active: true },
    { _id: OPERATOR, openid: OPERATOR, name: '运营甲', role: 'operator', storeId: null, active: true },
    { _id: MANAGER, openid: MANAGER, name: '店长丙', role: 'manager', storeId: 'st-mall', active: true },
  ]);
  await register('cm-a', '张三丰', '13800138000');
  await register('cm-b', '张三');
  await register('cm-c', '李四', '13900139000');
  await register('cm-dot', 'a.b');
  for (let i = 1; i <= 25; i++) await register(`cm-page-${i}`, `翻页${String(i).padStart(2, '0')}`);
}, 120_000);

afterAll(async () => {
  await t.stop();
});

describe('search', () => {
  test('by member number, exact', async () => {
    const r = await search({ keyword: no['cm-a'] });
    expect(r.body.data).toEqual({
      searchedBy: 'memberNo',
      items: [{ memberNo: no['cm-a'], nickname: '张三丰', phone: '138****8000', tierLevel: 0, tierName: expect.any(String), points: 100, growth: expect.any(Number), joinedAt: expect.any(String), frozen: false }],
      nextCursor: null,
    });
    expect((await search({ keyword: no['cm-a'].slice(0, -1) })).body.data.items).toEqual([]);
  });

  test('by bound phone, exact; results mask the phone for every role', async () => {
    for (const who of [ADMIN, OPERATOR, ANALYST, MANAGER]) {
      const r = await search({ keyword: '13900139000' }, who);
      expect(r.body.data.searchedBy).toBe('phone');
      expect(r.body.data.items.map((m: { memberNo: string; phone: string }) => [m.memberNo, m.phone])).toEqual([[no['cm-c'], '139****9000']]);
    }
    expect((await search({ keyword: '13900139001' })).body.data.items).toEqual([]);
  });

  test('by nickname prefix, in nickname order; regex characters are literal', async () => {
    const r = await search({ keyword: '张三' });
    expect(r.body.data.searchedBy).toBe('nickname');
    expect(r.body.data.items.map((m: { nickname: string }) => m.nickname)).toEqual(['张三', '张三丰']);
    expect((await search({ keyword: '三' })).body.data.items).toEqual([]);
    expect((await search({ keyword: 'a.' })).body.data.items.map((m: { nickname: string }) => m.nickname)).toEqual(['a.b']);
    expect((await search({ keyword: '.*' })).body.data.items).toEqual([]);
    // A digit-only nickname search is asked for explicitly.
    expect((await search({ keyword: no['cm-a'], searchBy: 'nickname' })).body.data.items).toEqual([]);
  });

  test('pages through every match once with the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await search({ keyword: '翻页', pageSize: 10, ...(cursor ? { cursor } : {}) });
      expect(r.body.ok).toBe(true);
      seen.push(...r.body.data.items.map((m: { nickname: string }) => m.nickname));
      cursor = r.body.data.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `翻页${String(i + 1).padStart(2, '0')}`));
  });

  test('costs one database request by member number or nickname, two by phone (rules warm)', async () => {
    await search({ keyword: '张' });
    expect((await search({ keyword: no['cm-b'] })).dbOps).toBeLessThanOrEqual(2);
    expect((await search({ keyword: '张' })).dbOps).toBeLessThanOrEqual(2);
    expect((await search({ keyword: '13800138000' })).dbOps).toBeLessThanOrEqual(3);
  });
});

describe('the member page', () => {
  test('profile, tier, growth, points with lots, referral, notes; the full phone for managers, operators and admins', async () => {
    const r = await detail(no['cm-a']);
    expect(r.body.ok).toBe(true);
    const d = r.body.data;
    expect(d.profile).toMatchObject({ memberNo: no['cm-a'], nickname: '张三丰', phone: '13800138000', phoneMasked: false });
    expect(d.points).toMatchObject({ balance: 100, spendable: 100, pending: 0, debt: 0 });
    expect(d.points.lots.reduce((s: number, l: { remaining: number }) => s + l.remaining, 0)).toBe(100);
    expect(d.referral).toEqual({ inviteCode: null, inviter: null, invitees: 0 });
    expect(d.frozen).toBeNull();
    expect(d.can).toEqual({ freeze: true, note: true, adjustPoints: true });
    for (const who of [OPERATOR, MANAGER]) expect((await detail(no['cm-a'], who)).body.data.profile.phone).toBe('13800138000');
  });

  test('the analyst sees the phone masked and may neither freeze nor note', async () => {
    const d = (await detail(no['cm-a'], ANALYST)).body.data;
    expect(d.profile).toMatchObject({ phone: '138****8000', phoneMasked: true });
    expect(d.can).toEqual({ freeze: false, note: false, adjustPoints: false });
    expect(JSON.stringify(d)).not.toContain('13800138000');
  });

  test('referral links: the inviter on the invitee\'s page, the number of invitees and the invite code on the inviter\'s', async () => {
    const { inviteCode } = (await t.call('referral', { action: 'info' }, 'cm-b')).body.data;
    const login = await t.call('member', { action: 'login', inviteCode }, 'cm-invitee');
    expect(login.body.data.invite).toMatchObject({ bound: true });
    const invitee = (await detail(login.body.data.member.memberNo)).body.data;
    expect(invitee.referral).toEqual({ inviteCode: null, inviter: { memberNo: no['cm-b'], nickname: '张三' }, invitees: 0 });
    expect((await detail(no['cm-b'])).body.data.referral).toEqual({ inviteCode, inviter: null, invitees: 1 });
  });

  test('an unknown member is NOT_FOUND', async () => {
    expect((await detail('80000000000')).body.error).toEqual({ code: 'NOT_FOUND', message: '会员不存在' });
  });

  test('the ledger pages the points and the growth history', async () => {
    await t.call('staff', { action: 'recordPurchase', memberNo: no['cm-b'], orderId: 'CM-LEDGER-1', amountFen: 10_000 }, 'clerk-mall');
    const first = await admin('memberLedger', { memberNo: no['cm-b'], kind: 'points', pageSize: 1 });
    expect(first.body.data.items).toHaveLength(1);
    expect(first.body.data.items[0]).toMatchObject({ type: 'earn', issuer: 'staff:clerk-mall' });
    const second = await admin('memberLedger', { memberNo: no['cm-b'], kind: 'points', pageSize: 1, cursor: first.body.data.nextCursor });
    expect(second.body.data.items[0].id).not.toBe(first.body.data.items[0].id);
    const growth = await admin('memberLedger', { memberNo: no['cm-b'], kind: 'growth' }, ANALYST);
    expect(growth.body.data.items.length).toBeGreaterThan(0);
    expect(growth.body.data.items[0].dimension).toBeDefined();
  });
});

describe('freezing', () => {
  const redeem = (openid: string, requestId: string) => t.call('mall', { action: 'redeem', itemId: 'cm-item', requestId }, openid);

  test('a frozen member cannot redeem but still earns; unfrozen, they redeem again', async () => {
    const f = await admin('freezeMember', { memberNo: no['cm-c'], frozen: true, reason: '疑似刷单', requestId: 'cm-freeze-1' }, OPERATOR);
    expect(f.body.data).toEqual({ memberNo: no['cm-c'], frozen: { reason: '疑似刷单', at: expect.any(String), byName: '运营甲' }, replayed: false });
    expect((await search({ keyword: no['cm-c'] })).body.data.items[0].frozen).toBe(true);
    expect((await detail(no['cm-c'])).body.data.frozen).toMatchObject({ reason: '疑似刷单', byName: '运营甲' });

    const before = dumpDatabase(t);
    expect((await redeem('cm-c', 'cm-redeem-1')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '会员账户已冻结，暂不能兑换' });
    expect(dumpDatabase(t)).toEqual(before);

    const earned = await t.call('staff', { action: 'recordPurchase', memberNo: no['cm-c'], orderId: 'CM-FROZEN-1', amountFen: 5_000 }, 'clerk-mall');
    expect(earned.body.ok).toBe(true);
    expect(earned.body.data.pointsEarned).toBeGreaterThan(0);

    const u = await admin('freezeMember', { memberNo: no['cm-c'], frozen: false, reason: '核实无误', requestId: 'cm-unfreeze-1' });
    expect(u.body.data).toEqual({ memberNo: no['cm-c'], frozen: null, replayed: false });
    const redeemed = await redeem('cm-c', 'cm-redeem-2');
    expect(redeemed.body.ok).toBe(true);

    // The member page lists the redemption with its voucher; the analyst sees only the code's last 4 digits.
    const code = redeemed.body.data.voucher.code as string;
    expect((await detail(no['cm-c'])).body.data.redemptions).toEqual([{
      redemptionId: redeemed.body.data.redemptionId, itemName: '商品 cm-item', kind: 'coupon', quantity: 1, points: 10, status: 'issued',
      voucher: { code, expiresAt: expect.any(String), expired: false }, createdAt: expect.any(String), usedAt: null, usedStoreName: null,
    }]);
    expect((await detail(no['cm-c'], ANALYST)).body.data.redemptions[0].voucher.code).toBe(`****${code.slice(-4)}`);
  });

  test('a replay changes nothing; the same request id for the opposite change, or a repeated state, is refused', async () => {
    const input = { memberNo: no['cm-b'], frozen: true, reason: '风控核查', requestId: 'cm-freeze-2' };
    expect((await admin('freezeMember', input)).body.data.replayed).toBe(false);
    const before = dumpDatabase(t);
    const again = await admin('freezeMember', input);
    expect(again.body.data).toMatchObject({ frozen: { reason: '风控核查' }, replayed: true });
    expect((await admin('freezeMember', { ...input, frozen: false })).body.error).toEqual({ code: 'ALREADY_EXISTS', message: '该请求号已用于其他操作' });
    expect((await admin('freezeMember', { ...input, requestId: 'cm-freeze-3' })).body.error).toEqual({ code: 'ALREADY_DONE', message: '该会员已处于冻结状态' });
    const { staff_audit: auditBefore, ...restBefore } = before;
    const { staff_audit: auditAfter, ...restAfter } = dumpDatabase(t);
    expect(restAfter).toEqual(restBefore);
    // The replay is entered in the audit trail as a replay, with no change.
    expect((auditAfter as object[]).length).toBe((auditBefore as object[]).length + 1);
    const entries = t.cloud.db.find('staff_audit', { action: 'freezeMember', 'input.requestId': 'cm-freeze-2' }).docs as Array<{ replayed: boolean; changes?: unknown[] }>;
    expect(entries.map((e) => [e.replayed, e.changes?.length ?? 0])).toEqual([[false, 1], [true, 0]]);
    expect((await admin('freezeMember', { ...input, frozen: false, requestId: 'cm-unfreeze-2' })).body.data.frozen).toBeNull();
    expect((await admin('freezeMember', { ...input, frozen: false, requestId: 'cm-unfreeze-3' })).body.error.code).toBe('ALREADY_DONE');
  });
});

describe('notes', () => {
  test('a note is kept once per request id and shown on the member page, newest first', async () => {
    const input = { memberNo: no['cm-a'], text: '来电咨询积分过期', requestId: 'cm-note-1' };
    const first = await admin('addMemberNote', input, MANAGER);
    expect(first.body.data).toEqual({ note: { id: expect.any(String), text: '来电咨询积分过期', byName: '店长丙', roleName: '店长', at: expect.any(String) }, replayed: false });
    const before = dumpDatabase(t);
    const again = await admin('addMemberNote', input, MANAGER);
    expect(again.body.data).toEqual({ ...first.body.data, replayed: true });
    expect((await admin('addMemberNote', { ...input, text: '另一条' }, MANAGER)).body.error).toEqual({ code: 'ALREADY_EXISTS', message: '该请求号已用于其他备注' });
    expect(t.cloud.db.find('member_notes', {}).docs).toEqual(before.member_notes);
    await admin('addMemberNote', { ...input, text: '已电话回访', requestId: 'cm-note-2' }, OPERATOR);
    expect((await detail(no['cm-a'], ANALYST)).body.data.notes.map((n: { text: string; byName: string }) => [n.text, n.byName])).toEqual([['已电话回访', '运营甲'], ['来电咨询积分过期', '店长丙']]);
  });
});

test('refused input and refused callers write nothing', async () => {
  const before = dumpDatabase(t);
  const refusals: Array<[string, object, string, string]> = [
    ['freezeMember', { memberNo: no['cm-a'], frozen: true, reason: ' ', requestId: 'cm-bad-1' }, ADMIN, '原因长度不能少于 2 个字'],
    ['freezeMember', { memberNo: no['cm-a'], frozen: 'yes', reason: '测试', requestId: 'cm-bad-2' }, ADMIN, '冻结状态'],
    ['freezeMember', { memberNo: '80000000000', frozen: true, reason: '测试', requestId: 'cm-bad-3' }, ADMIN, '会员不存在'],
    ['freezeMember', { memberNo: no['cm-a'], frozen: true, reason: '测试', requestId: 'cm-bad-4' }, ANALYST, '当前岗位无权执行该操作'],
    ['freezeMember', { memberNo: no['cm-a'], frozen: true, reason: '测试', requestId: 'cm-bad-5' }, MANAGER, '当前岗位无权执行该操作'],
    ['addMemberNote', { memberNo: no['cm-a'], text: 'x'.repeat(201), requestId: 'cm-bad-6' }, ADMIN, '备注内容'],
    ['addMemberNote', { memberNo: no['cm-a'], text: '   ', requestId: 'cm-bad-7' }, ADMIN, '备注内容'],
    ['addMemberNote', { memberNo: no['cm-a'], text: '好', requestId: 'cm-bad-8', openid: 'cm-b' }, ADMIN, '不支持的参数 openid'],
    ['addMemberNote', { memberNo: '80000000000', text: '好', requestId: 'cm-bad-9' }, ADMIN, '会员不存在'],
    ['addMemberNote', { memberNo: no['cm-a'], text: '好', requestId: 'cm-bad-10' }, ANALYST, '当前岗位无权执行该操作'],
    ['searchMembers', { keyword: '' }, ADMIN, '搜索内容'],
    ['searchMembers', { keyword: '张', searchBy: 'openid' }, ADMIN, '搜索方式'],
    ['searchMembers', { keyword: '张', cursor: 'not a cursor' }, ADMIN, '分页位置'],
    ['searchMembers', { keyword: '张' }, 'cm-a', '仅限门店员工操作'],
    ['searchMembers', { keyword: '张' }, 'clerk-mall', '当前岗位无权执行该操作'],
  ];
  for (const [action, input, who, message] of refusals) {
    const r = await admin(action, input, who);
    expect([action, input, r.body.ok]).toEqual([action, input, false]);
    expect(r.body.error.message).toContain(message);
  }
  expect(dumpDatabase(t)).toEqual(before);
});
