import { startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
});

afterAll(async () => {
  await t.stop();
});

test('a member sets nickname and avatar; the profile task then counts as complete', async () => {
  await t.call('member', { action: 'login' }, 'profile-1');
  const profileTask = async () => ((await t.call('task', { action: 'list' }, 'profile-1')).body.data.tasks as Array<{ id: string; progress: number; status: string }>).find((x) => x.id === 'profile');
  expect(await profileTask()).toMatchObject({ progress: 0, status: 'inProgress' });
  const r = await t.call('member', { action: 'updateProfile', nickname: ' 小明 ', avatarUrl: 'https://thirdwx.qlogo.cn/mmopen/abc/132' }, 'profile-1');
  expect(r.body).toMatchObject({ ok: true, data: { member: { nickname: '小明', avatarUrl: 'https://thirdwx.qlogo.cn/mmopen/abc/132' } } });
  expect(await profileTask()).toMatchObject({ progress: 1, status: 'claimable' });
  const claim = await t.call('task', { action: 'claim', taskId: 'profile' }, 'profile-1');
  expect(claim.body.ok).toBe(true);
  expect(await profileTask()).toMatchObject({ status: 'claimed' });
});

test('bad profile input is refused and changes nothing', async () => {
  await t.call('member', { action: 'login' }, 'profile-2');
  const name = (t.cloud.db.find('members', { openid: 'profile-2' }).docs[0] as { nickname: string }).nickname;
  expect((await t.call('member', { action: 'updateProfile' }, 'profile-2')).body.error).toEqual({ code: 'INVALID_INPUT', message: '请填写昵称、头像或生日' });
  expect((await t.call('member', { action: 'updateProfile', nickname: '   ' }, 'profile-2')).body.error.code).toBe('INVALID_INPUT');
  expect((await t.call('member', { action: 'updateProfile', avatarUrl: 'javascript:alert(1)' }, 'profile-2')).body.error).toEqual({ code: 'INVALID_INPUT', message: '头像格式不正确' });
  expect((await t.call('member', { action: 'updateProfile', nickname: 'x', openid: 'demo-member-1' }, 'profile-2')).body.error.message).toBe('不支持的参数 openid');
  expect((t.cloud.db.find('members', { openid: 'profile-2' }).docs[0] as { nickname: string }).nickname).toBe(name);
  expect((await t.call('member', { action: 'updateProfile', nickname: 'x' }, 'nobody')).body.error.code).toBe('NOT_FOUND');
});
