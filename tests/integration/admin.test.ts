// Admin actions through the local cloud: rules as checked configuration, roles, the ledger audit, history paging.
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '0'; // workers inherit it: a rule change is seen by the next call
  t = await startTestCloud({ seed: 'demo' });
});

afterAll(async () => {
  delete process.env.LOYALTY_CONFIG_TTL_MS;
  await t.stop();
});

describe('admin.getConfig / admin.setConfig', () => {
  test('only admins read or change the rules', async () => {
    expect((await t.call('admin', { action: 'getConfig' }, 'demo-clerk')).body.error).toEqual({ code: 'FORBIDDEN', message: '当前岗位无权执行该操作' });
    expect((await t.call('admin', { action: 'getConfig' }, 'demo-member-1')).body.error).toEqual({ code: 'FORBIDDEN', message: '仅限门店员工操作' });
    expect((await t.call('admin', { action: 'getConfig' })).body.error.code).toBe('UNAUTHENTICATED');
    const r = await t.call('admin', { action: 'getConfig' }, 'demo-admin');
    expect(r.body.data).toMatchObject({ version: 0, overrides: {} });
    expect(r.body.data.effective.tiers.map((x: { name: string }) => x.name)).toEqual(['普通会员', '银牌会员', '金牌会员', '钻石会员']);
  });

  test('a valid change is stored, versioned and used by the next call; a stale version is STALE_VERSION', async () => {
    const set = await t.call('admin', { action: 'setConfig', rules: { points: { registrationBonus: 300 } }, expectedVersion: 0, note: '注册礼调整' }, 'demo-admin');
    expect(set.body).toMatchObject({ ok: true, data: { version: 1 } });
    const login = await t.call('member', { action: 'login' }, 'after-config-change');
    expect(login.body.data.created).toBe(true);
    const home = (await t.call('member', { action: 'home' }, 'after-config-change')).body.data;
    expect(home.points.balance).toBe(300);
    const stale = await t.call('admin', { action: 'setConfig', rules: { points: { registrationBonus: 50 } }, expectedVersion: 0 }, 'demo-admin');
    expect(stale.body.error).toEqual({ code: 'STALE_VERSION', message: '配置已被他人修改，请刷新后重试' });
    const back = await t.call('admin', { action: 'setConfig', rules: {}, expectedVersion: 1 }, 'demo-admin');
    expect(back.body.data.version).toBe(2);
    expect(t.cloud.db.find('config_history', {}).total).toBe(2);
  });

  test.each([
    [{ growth: { weights: { consumption: 0.9 } } }, '成长值四项权重之和必须等于 1'],
    [{ tiers: [{ level: 0, name: '会员', minGrowth: 10, pointsMultiplier: 1, benefits: [] }] }, '最低等级的成长值门槛必须为 0'],
    [{ points: { pointsPerYuan: -1 } }, '每元积分必须在 0-100 之间'],
  ])('invalid rules %j are refused with the reason and change nothing', async (rules, reason) => {
    const before = (await t.call('admin', { action: 'getConfig' }, 'demo-admin')).body.data.version;
    const r = await t.call('admin', { action: 'setConfig', rules, expectedVersion: before }, 'demo-admin');
    expect(r.body.error.code).toBe('INVALID_INPUT');
    expect(r.body.error.message).toContain(reason);
    expect((await t.call('admin', { action: 'getConfig' }, 'demo-admin')).body.data.version).toBe(before);
  });
});

describe('admin.adjustPoints', () => {
  test('a manager adjusts with a reason recorded in the ledger; a clerk may not; a replay adjusts once', async () => {
    const memberNo = (await t.call('member', { action: 'home' }, 'demo-member-3')).body.data.member.memberNo;
    const input = { action: 'adjustPoints', memberNo, amount: 88, reason: '客诉补偿', requestId: 'comp-000001' };
    expect((await t.call('admin', input, 'demo-clerk')).body.error.code).toBe('FORBIDDEN');
    const [a, b] = await Promise.all([t.call('admin', input, 'demo-manager'), t.call('admin', input, 'demo-manager')]);
    expect([a.body.data.replayed, b.body.data.replayed].sort()).toEqual([false, true]);
    const entries = t.cloud.db.find('point_ledger', { openid: 'demo-member-3', key: 'adjust:comp-000001' }).docs;
    expect(entries).toEqual([expect.objectContaining({ type: 'adjust', amount: 88, reason: '客诉补偿', issuer: 'staff:demo-manager' })]);
  });
});

describe('admin.audit', () => {
  test('every demo balance reconciles with its ledger and lots; a tampered balance is reported', async () => {
    const clean = await t.call('admin', { action: 'audit' }, 'demo-admin');
    expect(clean.body.data.drift).toEqual([]);
    expect(clean.body.data.checked).toBeGreaterThanOrEqual(5);
    await t.cloud.db.handle('database.modifyDocument', {
      collectionName: 'members', query: JSON.stringify({ _id: 'demo-member-5' }), queryType: 'DOC', multi: false, merge: true, upsert: false,
      data: JSON.stringify({ $inc: { 'points.balance': { $numberInt: '7' } } }),
    });
    const dirty = await t.call('admin', { action: 'audit' }, 'demo-admin');
    expect(dirty.body.data.drift).toEqual([expect.objectContaining({ memberNo: expect.any(String), balance: expect.any(Number) })]);
    expect(dirty.body.data.drift[0].balance - dirty.body.data.drift[0].ledgerSum).toBe(7);
  });
});

describe('member.history and member.tiers', () => {
  test('history pages through every points entry newest first without gaps or repeats', async () => {
    const all: Array<{ id: string; createdAt: string }> = [];
    let cursor: string | undefined;
    do {
      const r = await t.call('member', { action: 'history', kind: 'points', pageSize: 4, ...(cursor ? { cursor } : {}) }, 'demo-member-1');
      all.push(...r.body.data.items);
      cursor = r.body.data.nextCursor ?? undefined;
    } while (cursor);
    expect(all.length).toBe(t.cloud.db.find('point_ledger', { openid: 'demo-member-1' }, { limit: 1000 }).total);
    expect(new Set(all.map((x) => x.id)).size).toBe(all.length);
    const growth = await t.call('member', { action: 'history', kind: 'growth' }, 'demo-member-1');
    expect(growth.body.data.items[0]).toEqual(expect.objectContaining({ dimension: expect.stringMatching(/consumption|interaction|social|lifecycle/) }));
    expect((await t.call('member', { action: 'history', kind: 'coins' }, 'demo-member-1')).body.error.code).toBe('INVALID_INPUT');
    expect((await t.call('member', { action: 'history', kind: 'points', pageSize: 500 }, 'demo-member-1')).body.error.message).toBe('每页条数不能大于 50');
  });

  test('tiers lists every tier relative to the caller', async () => {
    const r = (await t.call('member', { action: 'tiers' }, 'demo-member-3')).body.data;
    expect(r.tiers.map((x: { status: string }) => x.status)).toEqual(['reached', 'current', 'locked', 'locked']);
    expect(r.tiers[2]).toMatchObject({ name: '金牌会员', minGrowth: 1501, retainGrowth: 1200, growthNeeded: 1501 - r.growth });
  });
});
