// The local cloud's secrets: one member code secret per data directory, random, kept there and passed to the
// functions, so codes signed with the public default of earlier versions are refused.
import fs from 'fs';
import path from 'path';
import { memberCodeFor } from '../../cloudfunctions/core/codes';
import { DEFAULT_MEMBER_CODE_RULES } from '../../cloudfunctions/core/rules/memberCode';
import { PUBLIC_DEFAULT_CODE_SECRET } from '../../cloudfunctions/runtime/codeSecret';
import { loadSecrets } from '../../localcloud/secrets';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { member, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 2 });
  await seedMallFixtures(t);
});

afterAll(async () => {
  await t.stop();
});

test('the secrets are generated once per data directory, random, and kept there (mode 0600)', () => {
  const file = path.join(t.dataDir, 'secrets.json');
  expect(fs.existsSync(file)).toBe(true);
  expect(fs.statSync(file).mode & 0o077).toBe(0);
  const again = loadSecrets(t.dataDir, {});
  expect(again).toEqual(t.cloud.secrets);
  expect(t.cloud.secrets.memberCodeSecret.length).toBeGreaterThanOrEqual(32);
  expect(t.cloud.secrets.memberCodeSecret).not.toBe(PUBLIC_DEFAULT_CODE_SECRET);
  expect(loadSecrets(null, {}).memberCodeSecret).not.toBe(loadSecrets(null, {}).memberCodeSecret);
});

test('functions sign member codes with the generated secret; a code made with the old public default is refused', async () => {
  await t.setClock('2026-03-01T10:00:05+08:00', true);
  try {
    const memberNo = await member(t, 'secret-shopper');
    const real = await t.call('member', { action: 'code' }, 'secret-shopper');
    expect(real.body.ok).toBe(true);
    const now = new Date('2026-03-01T10:00:05+08:00');
    expect(real.body.data.code).toBe(memberCodeFor(t.cloud.secrets.memberCodeSecret, memberNo, now, DEFAULT_MEMBER_CODE_RULES).code);
    expect((await t.call('staff', { action: 'scanMember', code: real.body.data.code }, 'clerk-mall')).body.data.memberNo).toBe(memberNo);

    const forged = memberCodeFor(PUBLIC_DEFAULT_CODE_SECRET, memberNo, now, DEFAULT_MEMBER_CODE_RULES).code;
    expect(forged).not.toBe(real.body.data.code);
    expect((await t.call('staff', { action: 'scanMember', code: forged }, 'clerk-mall')).body.error).toEqual({ code: 'CODE_INVALID', message: '会员码无效' });
  } finally {
    await t.resetClock();
  }
});
