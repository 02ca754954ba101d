// The web console's sign-in through the local cloud's web front door (as @cloudbase/js-sdk reaches CloudBase): a
// browser's login request, the staff member's confirmation in the mini-program, the custom-login ticket collected
// once, and then web calls whose caller is the staff member the session was issued for (from the platform's context,
// never the payload); member actions refuse web callers; sessions end on sign-out, inactivity, deactivation and role
// changes; console writes from the web are audited with their session.
import crypto from 'crypto';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { member, seedMallFixtures } from '../helpers/mall';
import { anonymousWebUser, isWebUser, ticketWebUser, type WebUser } from '../helpers/webUser';

let t: TestCloud;
let memberNo = '';
const NOW = '2026-06-10T10:00:00+08:00';
let seq = 0;
const key = () => `web-login-${++seq}-${Date.now()}`;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 2 });
  await seedMallFixtures(t);
  await t.cloud.db.insertMany('staff', [
    { _id: 'operator-w', openid: 'operator-w', name: '运营小王', role: 'operator', storeId: null, active: true },
    { _id: 'analyst-w', openid: 'analyst-w', name: '分析小周', role: 'analyst', storeId: null, active: true },
  ]);
  memberNo = await member(t, 'web-member');
  await t.setClock(NOW);
}, 120_000);

afterAll(async () => {
  await t.stop();
});

const admin = (action: string, input: object, openid: string) => t.call('admin', { action, ...input }, openid);

/** A browser opens a request, `openid` confirms it in the mini-program, the browser collects its ticket and signs in. */
async function signInAs(openid: string): Promise<{ web: WebUser; loginId: string }> {
  const browser = await anonymousWebUser(t.url);
  const opened = await browser.call('weblogin', { action: 'open', requestId: key(), browser: 'Chrome 120 · Windows' });
  const loginId = opened.body.data.loginId as string;
  const confirmed = await admin('confirmWebLogin', { loginId }, openid);
  expect(confirmed.body.ok).toBe(true);
  const status = await browser.call('weblogin', { action: 'status', loginId });
  expect(status.body.data.status).toBe('confirmed');
  const web = await ticketWebUser(t.url, status.body.data.ticket);
  if (!isWebUser(web)) throw new Error(`ticket refused: ${JSON.stringify(web)}`);
  return { web, loginId };
}

describe('the QR sign-in', () => {
  test('a request is shown to the scanner (browser, who, role), confirmed once, and its ticket collected once by its own browser', async () => {
    const browser = await anonymousWebUser(t.url);
    const requestId = key();
    const opened = await browser.call('weblogin', { action: 'open', requestId, browser: 'Chrome 120 · Windows' });
    expect(opened.body.data).toMatchObject({ loginId: expect.stringMatching(/^wl_[A-Za-z0-9_-]{22}$/), replayed: false });
    const { loginId, expiresAt } = opened.body.data;
    expect(new Date(expiresAt).getTime() - new Date(NOW).getTime()).toBeGreaterThanOrEqual(119_000);
    // a retry of the same open answers the same request
    expect((await browser.call('weblogin', { action: 'open', requestId, browser: 'Chrome 120 · Windows' })).body.data).toMatchObject({ loginId, replayed: true });
    expect((await browser.call('weblogin', { action: 'status', loginId })).body.data).toMatchObject({ status: 'pending', ticket: null, staff: null });

    const shown = await admin('webLoginRequest', { loginId }, 'manager-hotel');
    expect(shown.body.data).toMatchObject({ loginId, status: 'pending', browser: 'Chrome 120 · Windows', allowed: true, refusal: null, staff: { name: expect.any(String), role: 'manager', roleName: '店长', storeName: '测试酒店' } });

    // another browser cannot collect it: the QR code is public, the ticket is not
    const other = await anonymousWebUser(t.url);
    expect((await other.call('weblogin', { action: 'status', loginId })).body.error).toEqual({ code: 'NOT_FOUND', message: '登录请求不存在，请刷新二维码' });

    const confirmed = await admin('confirmWebLogin', { loginId }, 'manager-hotel');
    expect(confirmed.body.data).toMatchObject({ loginId, browser: 'Chrome 120 · Windows', replayed: false, staff: { role: 'manager' } });
    expect((await admin('confirmWebLogin', { loginId }, 'manager-hotel')).body.data.replayed).toBe(true);
    expect((await admin('confirmWebLogin', { loginId }, 'admin-1')).body.error).toEqual({ code: 'ALREADY_DONE', message: '该登录二维码已被使用，请在网页上刷新二维码后重新扫码' });

    const collected = await browser.call('weblogin', { action: 'status', loginId });
    expect(collected.body.data).toMatchObject({ status: 'confirmed', ticket: expect.stringContaining('/@@/'), staff: { role: 'manager', roleName: '店长' } });
    // once: the next answer is `used`, without a ticket
    expect((await browser.call('weblogin', { action: 'status', loginId })).body.data).toMatchObject({ status: 'used', ticket: null });
    expect((await admin('webLoginRequest', { loginId }, 'manager-hotel')).body.data.status).toBe('used');

    const web = await ticketWebUser(t.url, collected.body.data.ticket);
    if (!isWebUser(web)) throw new Error('ticket refused');
    const session = await web.call('admin', { action: 'session' });
    expect(session.body.data).toMatchObject({ openid: 'manager-hotel', role: 'manager', storeName: '测试酒店' });
  });

  test('a clerk sees why not and cannot confirm; a mini-program caller cannot open a request', async () => {
    const browser = await anonymousWebUser(t.url);
    const { loginId } = (await browser.call('weblogin', { action: 'open', requestId: key(), browser: 'Safari 17 · macOS' })).body.data;
    expect((await admin('webLoginRequest', { loginId }, 'clerk-mall')).body.data).toMatchObject({
      allowed: false, refusal: '店员账号不能登录网页版运营后台，请使用店长、运营、数据分析或管理员账号扫码', staff: { role: 'clerk' },
    });
    expect((await admin('confirmWebLogin', { loginId }, 'clerk-mall')).body.error).toEqual({ code: 'FORBIDDEN', message: '当前岗位无权执行该操作' });
    expect((await browser.call('weblogin', { action: 'status', loginId })).body.data.status).toBe('pending');
    expect((await t.call('weblogin', { action: 'open', requestId: key(), browser: 'x' }, 'admin-1')).body.error).toEqual({ code: 'FORBIDDEN', message: '该操作仅限网页端使用' });
    expect((await t.call('weblogin', { action: 'open', requestId: key(), browser: 'x' })).body.error.code).toBe('UNAUTHENTICATED');
  });

  test('a request expires after 2 minutes: not confirmable, shown as expired', async () => {
    const browser = await anonymousWebUser(t.url);
    const { loginId } = (await browser.call('weblogin', { action: 'open', requestId: key(), browser: 'Edge 120 · Windows' })).body.data;
    await t.setClock(new Date(new Date(NOW).getTime() + 121_000).toISOString());
    try {
      expect((await admin('confirmWebLogin', { loginId }, 'admin-1')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '登录二维码已过期，请在网页上刷新二维码后重新扫码' });
      expect((await browser.call('weblogin', { action: 'status', loginId })).body.data).toMatchObject({ status: 'expired', ticket: null });
      expect((await admin('webLoginRequest', { loginId }, 'admin-1')).body.data.status).toBe('expired');
    } finally {
      await t.setClock(NOW);
    }
  });

  test('a ticket of another key or another environment is refused by the front door', async () => {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ env: 'local', uid: 'ws_AAAAAAAAAAAAAAAAAAAAAA', iat: Date.now(), exp: Date.now() + 60_000 })).toString('base64url');
    const signature = crypto.sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
    const forged = await ticketWebUser(t.url, `some-key/@@/${header}.${payload}.${signature}`);
    expect(isWebUser(forged)).toBe(false);
  });
});

describe('web callers', () => {
  test('are the staff member of their session: reads and audited writes marked web with the session', async () => {
    const { web } = await signInAs('operator-w');
    expect((await web.call('admin', { action: 'session' })).body.data).toMatchObject({ openid: 'operator-w', name: '运营小王', role: 'operator' });
    // an openid in the payload is refused as unknown input, never taken as the caller
    expect((await web.call('admin', { action: 'session', openid: 'admin-1' })).body.error.code).toBe('INVALID_INPUT');
    const noted = await web.call('admin', { action: 'addMemberNote', memberNo, text: '网页端备注', requestId: key() });
    expect(noted.body.ok).toBe(true);
    const sessions = t.cloud.db.find('web_sessions', { staff: 'operator-w' }, { limit: 10 }).docs as Array<{ _id: string }>;
    const log = await admin('auditLog', { staffOpenid: 'operator-w', pageSize: 5 }, 'admin-1');
    const entry = log.body.data.items.find((e: { action: string }) => e.action === 'addMemberNote');
    expect(entry).toMatchObject({ via: 'web', staffOpenid: 'operator-w', role: 'operator' });
    expect(sessions.map((s) => s._id)).toContain(entry.session);
    // the confirmation itself is audited, from the mini-program
    const confirm = (await admin('auditLog', { staffOpenid: 'operator-w', actionName: 'confirmWebLogin', pageSize: 5 }, 'admin-1')).body.data.items[0];
    expect(confirm).toMatchObject({ via: 'miniprogram', session: null });
    // the role matrix still holds: an operator from the web is refused admin-only actions
    expect((await web.call('admin', { action: 'listStaff' })).body.error).toEqual({ code: 'FORBIDDEN', message: '当前岗位无权执行该操作' });
  });

  test('member-facing actions refuse web callers, signed in or anonymous; staff actions need a session', async () => {
    const { web } = await signInAs('admin-1');
    const anonymous = await anonymousWebUser(t.url);
    const MINI = { code: 'FORBIDDEN', message: '该操作仅限在微信小程序内使用' };
    for (const caller of [web, anonymous]) {
      expect((await caller.call('member', { action: 'home' })).body.error).toEqual(MINI);
      expect((await caller.call('member', { action: 'login' })).body.error).toEqual(MINI);
      expect((await caller.call('mall', { action: 'list' })).body.error).toEqual(MINI);
      expect((await caller.call('checkin', { action: 'checkin' })).body.error).toEqual(MINI);
    }
    expect((await anonymous.call('admin', { action: 'session' })).body.error).toEqual({ code: 'UNAUTHENTICATED', message: '请先扫码登录网页版运营后台' });
    expect((await anonymous.call('staff', { action: 'today' })).body.error.code).toBe('UNAUTHENTICATED');
    // no member was registered for a web user
    expect(t.cloud.db.find('members', { openid: { $exists: false } }, { limit: 1 }).total).toBe(0);
  });

  test('sign-out ends the session; a second sign-out still answers', async () => {
    const { web } = await signInAs('analyst-w');
    expect((await web.call('admin', { action: 'session' })).body.ok).toBe(true);
    expect((await web.call('weblogin', { action: 'signOut' })).body.data).toEqual({ signedOut: true });
    expect((await web.call('admin', { action: 'session' })).body.error).toEqual({ code: 'UNAUTHENTICATED', message: '网页登录已失效，请重新扫码登录' });
    expect((await web.call('weblogin', { action: 'signOut' })).body.data).toEqual({ signedOut: true });
  });

  test('deactivation and a role change end the staff member\'s sessions', async () => {
    await t.cloud.db.insertMany('staff', [
      { _id: 'leaving-w', openid: 'leaving-w', name: '将离职', role: 'operator', storeId: null, active: true },
      { _id: 'moving-w', openid: 'moving-w', name: '将转岗', role: 'operator', storeId: null, active: true },
    ]);
    const leaving = (await signInAs('leaving-w')).web;
    const moving = (await signInAs('moving-w')).web;
    expect((await leaving.call('admin', { action: 'session' })).body.ok).toBe(true);
    expect((await admin('updateStaff', { staffOpenid: 'leaving-w', active: false, expectedVersion: 0, requestId: key() }, 'admin-1')).body.ok).toBe(true);
    expect((await leaving.call('admin', { action: 'session' })).body.error).toEqual({ code: 'UNAUTHENTICATED', message: '网页登录已失效，请重新扫码登录' });
    expect(t.cloud.db.find('web_sessions', { staff: 'leaving-w' }, { limit: 5 }).docs).toEqual([expect.objectContaining({ revokedReason: 'deactivated' })]);

    expect((await admin('updateStaff', { staffOpenid: 'moving-w', role: 'analyst', expectedVersion: 0, requestId: key() }, 'admin-1')).body.ok).toBe(true);
    expect((await moving.call('admin', { action: 'session' })).body.error.code).toBe('UNAUTHENTICATED');
  });

  test('a session a role change did not reach through updateStaff still ends at its next call', async () => {
    await t.cloud.db.insertMany('staff', [{ _id: 'edited-w', openid: 'edited-w', name: '手工改岗', role: 'operator', storeId: null, active: true }]);
    const { web } = await signInAs('edited-w');
    await t.cloud.db.setFields('staff', { _id: 'edited-w' }, { role: 'admin' });
    expect((await web.call('admin', { action: 'session' })).body.error).toEqual({ code: 'UNAUTHENTICATED', message: '你的岗位或门店已变更，请重新扫码登录' });
  });

  test('a session ends after staff.webSessionIdleMinutes (default 8 hours) without a call, and a call keeps it', async () => {
    const { web } = await signInAs('admin-1');
    const at = (minutes: number) => t.setClock(new Date(new Date(NOW).getTime() + minutes * 60_000).toISOString());
    try {
      await at(470);
      expect((await web.call('admin', { action: 'session' })).body.ok).toBe(true);
      await at(470 + 479);
      expect((await web.call('admin', { action: 'session' })).body.ok).toBe(true);
      await at(470 + 479 + 481);
      expect((await web.call('admin', { action: 'session' })).body.error).toEqual({ code: 'UNAUTHENTICATED', message: '长时间未操作，已退出登录，请重新扫码登录' });
    } finally {
      await t.setClock(NOW);
    }
  });
});
