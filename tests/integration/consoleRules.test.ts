// The console's rules through the local cloud: a change previewed before saving (each changed rule, a refused one
// with its problems, and for a new tier ladder the members who would qualify higher or lower by their growth), the
// version history with who and why, and rollback to an earlier version as a new version, once per request.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { seedMallFixtures } from '../helpers/mall';

let t: TestCloud;

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '0';
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 2 });
  await seedMallFixtures(t);
  await t.cloud.db.insertMany('staff', [{ _id: 'analyst-1', openid: 'analyst-1', name: '分析师', role: 'analyst', storeId: null, active: true }]);
  // Members at growth 0, 600, 2,500 and 9,000: 普通, 银牌, 金牌, 钻石 under the default ladder (0 / 501 / 1,501 / 3,001).
  for (const [i, growth] of [0, 600, 2500, 9000].entries()) {
    await t.call('member', { action: 'login' }, `grower-${i}`);
    const total = { total: growth, consumption: growth, interaction: 0, social: 0, lifecycle: 0 };
    await t.cloud.db.setFields('members', { openid: `grower-${i}` }, { growth: total });
  }
}, 60_000);

afterAll(async () => {
  await t.stop();
  delete process.env.LOYALTY_CONFIG_TTL_MS;
});

const admin = (action: string, input: object = {}, as = 'admin-1') => t.call('admin', { action, ...input }, as);

describe('admin.previewConfig', () => {
  test('each changed rule by its path; a new ladder says who would move; nothing is written', async () => {
    const { effective } = (await admin('getConfig')).body.data;
    const before = dumpDatabase(t);
    const tiers = effective.tiers.map((tier: { level: number; minGrowth: number }) => (tier.level === 2 ? { ...tier, minGrowth: 3000 } : tier.level === 1 ? { ...tier, minGrowth: 400 } : tier));
    const preview = await admin('previewConfig', { rules: { points: { pointsPerYuan: 2 }, tiers } }, 'analyst-1');
    expect(preview.body.data.valid).toBe(true);
    expect(preview.body.data.changes).toEqual([
      { path: 'points.pointsPerYuan', before: 1, after: 2 },
      { path: 'tiers[1].minGrowth', before: 501, after: 400 },
      { path: 'tiers[2].minGrowth', before: 1501, after: 3000 },
    ]);
    expect(preview.body.data.tierImpact).toMatchObject({ members: 4, up: 0, down: 1 });
    const byLevel = Object.fromEntries(preview.body.data.tierImpact.byLevel.map((l: { level: number; before: number; after: number }) => [l.level, [l.before, l.after]]));
    expect(byLevel).toEqual({ 0: [1, 1], 1: [1, 2], 2: [1, 0], 3: [1, 1] });
    expect((await admin('previewConfig', { rules: { points: { pointsPerYuan: 2 } } })).body.data.tierImpact).toBeNull();
    expect(dumpDatabase(t)).toEqual(before);
  });

  test('a change setConfig would refuse is reported with its problems', async () => {
    const preview = await admin('previewConfig', { rules: { points: { pointsPerYaun: 2 } } });
    expect(preview.body.data).toEqual({ valid: false, problems: ['配置项 points.pointsPerYaun 不被支持'], changes: [], tierImpact: null });
  });
});

describe('history and rollback', () => {
  test('versions with who and why; a rollback saves an earlier version again as a new one, once per request', async () => {
    expect((await admin('setConfig', { rules: { points: { registrationBonus: 300 } }, expectedVersion: 0, note: '注册礼提高' })).body.data.version).toBe(1);
    expect((await admin('setConfig', { rules: { points: { registrationBonus: 500 } }, expectedVersion: 1, note: '双十一' })).body.data.version).toBe(2);
    const history = (await admin('configHistory', {}, 'analyst-1')).body.data;
    expect(history.items.map((v: { version: number; note: string; updatedBy: string }) => [v.version, v.note, v.updatedBy])).toEqual([[2, '双十一', '管理员'], [1, '注册礼提高', '管理员']]);

    expect((await admin('rollbackConfig', { toVersion: 1, expectedVersion: 2, requestId: 'rollback-analyst-1' }, 'analyst-1')).body.error.code).toBe('FORBIDDEN');
    expect((await admin('rollbackConfig', { toVersion: 9, expectedVersion: 2, requestId: 'rollback-0001' })).body.error).toEqual({ code: 'NOT_FOUND', message: '规则版本 9 不存在' });
    expect((await admin('rollbackConfig', { toVersion: 1, expectedVersion: 1, requestId: 'rollback-0002' })).body.error.code).toBe('STALE_VERSION');

    const rolled = await Promise.all([1, 2, 3].map(() => admin('rollbackConfig', { toVersion: 1, expectedVersion: 2, requestId: 'rollback-0003' })));
    const applied = rolled.filter((r) => r.body.ok);
    expect(applied.map((r) => r.body.data)).toContainEqual({ version: 3, rollbackOf: 1, replayed: false });
    expect(applied.every((r) => r.body.data.version === 3)).toBe(true);
    expect((await admin('rollbackConfig', { toVersion: 1, expectedVersion: 2, requestId: 'rollback-0003' })).body.data).toEqual({ version: 3, rollbackOf: 1, replayed: true });
    const config = (await admin('getConfig')).body.data;
    expect(config).toMatchObject({ version: 3, overrides: { points: { registrationBonus: 300 } } });
    expect(config.effective.points.registrationBonus).toBe(300);
    expect((await admin('configHistory')).body.data.items[0]).toMatchObject({ version: 3, note: '回滚到版本 1', rollbackOf: 1 });
    const audit = t.cloud.db.find('staff_audit', { action: 'rollbackConfig', replayed: false }).docs as Array<{ changes: Array<{ before: unknown; after: unknown }> }>;
    expect(audit).toHaveLength(1);
    expect(audit[0].changes[0]).toMatchObject({ before: { points: { registrationBonus: 500 } }, after: { points: { registrationBonus: 300 } } });
  });
});
