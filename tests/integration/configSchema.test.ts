// The rules schema through the local cloud: admin.setConfig refuses keys the rules do not have and stores nothing;
// rules stored before the check (with such a key) still load, without it.
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

const getConfig = async () => (await t.call('admin', { action: 'getConfig' }, 'demo-admin')).body.data;

describe('admin.setConfig with unknown keys', () => {
  test.each([
    [{ unknownRule: 1 }, '配置项 unknownRule 不被支持'],
    [{ points: { pointsPerYaun: 2 } }, '配置项 points.pointsPerYaun 不被支持'],
  ])('%j is INVALID_INPUT naming the key, and nothing is stored', async (rules, message) => {
    const before = await getConfig();
    const r = await t.call('admin', { action: 'setConfig', rules, expectedVersion: before.version }, 'demo-admin');
    expect(r.body.error).toEqual({ code: 'INVALID_INPUT', message: `配置有误：${message}` });
    const after = await getConfig();
    expect(after.version).toBe(before.version);
    expect(after.overrides).toEqual(before.overrides);
    expect(t.cloud.db.find('config_history', {}).total).toBe(0);
  });

  test('rules stored before the check with a misspelt key run without it', async () => {
    await t.cloud.db.insertMany('config', [{ _id: 'loyalty', rules: { points: { registrationBonus: 300, pointsPerYaun: 2 } }, version: 1, updatedBy: 'legacy', note: null }]);
    const { effective } = await getConfig();
    expect(effective.points).toMatchObject({ registrationBonus: 300, pointsPerYuan: 1 });
    expect(effective.points).not.toHaveProperty('pointsPerYaun');
    expect((await t.call('member', { action: 'login' }, 'after-legacy-rules')).body.data.created).toBe(true);
    expect((await t.call('member', { action: 'home' }, 'after-legacy-rules')).body.data.points.balance).toBe(300);
  });
});
