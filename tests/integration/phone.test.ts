// Binding a phone number through WeChat's phone-number code, exchanged by the server with the real SDK's
// cloud.openapi (the local cloud emulates phonenumber.getPhoneNumber).
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
});

afterAll(async () => {
  await t.stop();
});

const phoneOf = (openid: string) => (t.cloud.db.find('members', { openid }).docs[0] as { phone?: string }).phone;

test('a code becomes the bound number, replays are harmless, the phone task completes', async () => {
  await t.call('member', { action: 'login' }, 'phone-a');
  const r = await t.call('member', { action: 'bindPhone', code: '13800138000' }, 'phone-a');
  const none = { credited: 0, pointsEarned: 0, growthEarned: 0, tooLate: 0 };
  expect(r.body).toEqual({ ok: true, data: { phone: '138****8000', changed: true, orders: none } });
  expect(phoneOf('phone-a')).toBe('13800138000');
  expect((await t.call('member', { action: 'bindPhone', code: '13800138000' }, 'phone-a')).body.data).toEqual({ phone: '138****8000', changed: false, orders: none });
  const tasks = (await t.call('task', { action: 'list' }, 'phone-a')).body.data.tasks as Array<{ id: string; progress: number }>;
  expect(tasks.find((x) => x.id === 'phone')).toMatchObject({ progress: 1 });
});

test('a number bound to another member is refused; an expired code is bad input; nothing changes', async () => {
  await t.call('member', { action: 'login' }, 'phone-b');
  await t.call('member', { action: 'bindPhone', code: '13900000001' }, 'phone-b');
  await t.call('member', { action: 'login' }, 'phone-c');
  expect((await t.call('member', { action: 'bindPhone', code: '13900000001' }, 'phone-c')).body.error).toEqual({ code: 'ALREADY_EXISTS', message: '该手机号已绑定其他会员' });
  expect((await t.call('member', { action: 'bindPhone', code: 'invalid' }, 'phone-c')).body.error).toEqual({ code: 'INVALID_INPUT', message: '授权已失效，请重新获取手机号' });
  expect((await t.call('member', { action: 'bindPhone', code: '' }, 'phone-c')).body.error.code).toBe('INVALID_INPUT');
  expect((await t.call('member', { action: 'bindPhone', phone: '13900000001' }, 'phone-c')).body.error.message).toBe('不支持的参数 phone');
  expect(phoneOf('phone-c')).toBeUndefined();
});

test('rebinding moves the claim: the old number is free for someone else', async () => {
  await t.call('member', { action: 'login' }, 'phone-d');
  await t.call('member', { action: 'bindPhone', code: '13700000001' }, 'phone-d');
  await t.call('member', { action: 'bindPhone', code: '13700000002' }, 'phone-d');
  expect(phoneOf('phone-d')).toBe('13700000002');
  await t.call('member', { action: 'login' }, 'phone-e');
  expect((await t.call('member', { action: 'bindPhone', code: '13700000001' }, 'phone-e')).body.data.changed).toBe(true);
});
