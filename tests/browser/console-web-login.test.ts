// The web console's sign-in in the H5 build served by the local cloud, through the real @cloudbase/js-sdk (the local
// cloud emulates CloudBase's web front door): one browser context is the web console on a desk (its own storage), a
// second one plays the mini-program that scans (signed in locally as the staff member, opening the confirm page the
// QR code names). Covered: confirm (then the console runs over the web transport: a member page read and a note
// written, audited as from the web), the same code refused a second time, a clerk refused with the reason, a code
// expiring and replaced by itself, sign-out, and a session revoked when its staff member is deactivated.
import type { BrowserContext, Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, settle, shot, signInAs, useH5Suite, visible, type H5Suite } from '../helpers/browser';

const canRun = browserAvailable();
const LOGIN = '/packages/admin/web-login/index';
const CONFIRM = '/packages/admin/web-confirm/index';
const HOME = '/packages/admin/index/index';
const T = 30_000;

(canRun ? describe : describe.skip)('web console: sign in by scanning with the mini-program (H5 + @cloudbase/js-sdk in headless Chromium)', () => {
  let suite: H5Suite;
  let cloud: LocalCloud;
  let phone: Page;
  let desk: BrowserContext;
  let web: Page;
  /** Every function call the desk's page made: the web SDK's `/v1/functions/<name>` or the gateway's `/functions/<name>`. */
  let calls: string[] = [];

  useH5Suite(async (s) => {
    suite = s;
    ({ cloud, page: phone } = s);
  });

  beforeEach(async () => {
    desk = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    web = await desk.newPage();
    calls = [];
    web.on('request', (r) => {
      const m = new URL(r.url()).pathname.match(/^(\/v1)?\/functions\/(\w+)$/);
      if (m) calls.push(`${m[1] ? 'web' : 'gateway'}:${m[2]}`);
    });
  });
  afterEach(async () => {
    await desk.close();
  });

  /** The desk opens the sign-in page; answers the request its QR code shows. */
  async function showQr(): Promise<string> {
    await web.goto(`${cloud.url}/#${LOGIN}`);
    await web.waitForSelector('.web-login__qr[data-login^="wl_"]', { timeout: T });
    return (await web.getAttribute('.web-login__qr', 'data-login')) as string;
  }

  /** The phone "scans": opens the confirm page of `loginId` as the signed-in staff member. */
  async function scan(loginId: string): Promise<void> {
    await phone.goto(`${cloud.url}/#${CONFIRM}?login=${loginId}`);
    await settle(phone, CONFIRM);
    await phone.waitForSelector('.web-confirm__who, .web-confirm__error', { timeout: T });
  }

  async function signInNew(openid: string): Promise<void> {
    await phone.goto(`${cloud.url}/#/pages/login/index`);
    await phone.locator('.openid-input input').fill(openid);
    await visible(phone, '.openid-submit').click();
    await phone.waitForSelector('.member-card', { state: 'attached', timeout: T });
  }

  test('confirm: the desk signs in as the scanner and the console runs over the web SDK; the code works once; sign-out', async () => {
    await phone.setViewportSize({ width: 375, height: 812 });
    await signInAs(phone, cloud.url, 'demo-admin');
    const loginId = await showQr();
    expect(await web.textContent('.web-login__expiry')).toMatch(/^二维码 1[12]\d 秒后过期，过期后自动刷新$/);
    await shot(web, 'web-login-desktop-1280');
    await web.setViewportSize({ width: 375, height: 812 });
    await shot(web, 'web-login-phone-375');
    await web.setViewportSize({ width: 1280, height: 800 });

    await scan(loginId);
    expect(await phone.textContent('.web-confirm__who')).toBe('运营管理员');
    expect(await phone.textContent('.web-confirm__role')).toBe('管理员');
    expect(await phone.textContent('.web-confirm__browser')).toMatch(/^Chrome \d+ · Linux$/);
    await shot(phone, 'web-confirm-phone-375');
    await phone.setViewportSize({ width: 1280, height: 800 });
    await shot(phone, 'web-confirm-desktop-1280');
    await phone.setViewportSize({ width: 375, height: 812 });
    await visible(phone, '.web-confirm__submit').click();
    await phone.waitForSelector('.web-confirm__done', { timeout: T });

    // The desk signs in by itself and lands on the console, as the admin, marked as the web console.
    await settle(web, HOME);
    await web.waitForSelector('.console-web__badge', { timeout: T });
    await eventually(() => web.textContent('.console-who'), '管理员 · 运营管理员', T);
    await visible(web, '.console-tile').first().waitFor({ timeout: T });
    await shot(web, 'web-console-home-desktop-1280');

    // The same code a second time: used.
    await scan(loginId);
    expect(await phone.textContent('.web-confirm__closed')).toBe('该二维码已被使用，请在网页上刷新二维码后重新扫码');
    expect(await phone.locator('.web-confirm__submit').count()).toBe(0);

    // One console page over the web transport: a member's page read and a note written, audited as from the web.
    const { member } = await callFunction<{ member: { memberNo: string } }>(cloud.url, 'member', 'demo-member-2', { action: 'home' });
    await web.goto(`${cloud.url}/#/packages/admin/member/index?memberNo=${member.memberNo}`);
    await visible(web, '.member-note-input').waitFor({ timeout: T });
    await web.locator('.member-note-input:visible textarea').fill('网页版备注：电话回访');
    await visible(web, '.member-note-submit').click();
    await eventually(() => visible(web, '.member-note .member-note__text').first().textContent(), '网页版备注：电话回访', T);
    expect(calls.filter((c) => c.startsWith('gateway:'))).toEqual([]);
    expect(calls).toEqual(expect.arrayContaining(['web:weblogin', 'web:admin']));
    const log = await callFunction<{ items: Array<{ action: string; via: string; session: string | null }> }>(cloud.url, 'admin', 'demo-admin', { action: 'auditLog', actionName: 'addMemberNote', pageSize: 1 });
    expect(log.items[0]).toMatchObject({ action: 'addMemberNote', via: 'web', session: expect.stringMatching(/^ws_/) });

    // Sign-out: back to a fresh QR code; the session no longer works.
    await web.goto(`${cloud.url}/#${HOME}`);
    await visible(web, '.console-web__signout').click();
    await settle(web, LOGIN);
    await web.waitForSelector('.web-login__qr[data-login^="wl_"]', { timeout: T });
    expect(await web.textContent('.web-login__ended')).toBe('已退出登录');
    expect(await web.getAttribute('.web-login__qr', 'data-login')).not.toBe(loginId);
    const sessions = cloud.db.find('web_sessions', { _id: log.items[0].session }, { limit: 1 }).docs as Array<{ revokedReason: string | null }>;
    expect(sessions[0].revokedReason).toBe('signed out');
  }, 240_000);

  test('a clerk who scans is told why and cannot confirm; the desk keeps waiting', async () => {
    await phone.setViewportSize({ width: 375, height: 812 });
    await signInAs(phone, cloud.url, 'demo-clerk');
    const loginId = await showQr();
    await scan(loginId);
    expect(await phone.textContent('.web-confirm__refusal')).toBe('店员账号不能登录网页版运营后台，请使用店长、运营、数据分析或管理员账号扫码');
    expect(await phone.locator('.web-confirm__submit').count()).toBe(0);
    await shot(phone, 'web-confirm-clerk-phone-375');
    await web.waitForTimeout(2500);
    expect(web.url()).toContain(LOGIN);
    expect(await web.getAttribute('.web-login__qr', 'data-login')).toBe(loginId);
  }, 180_000);

  test('a code expires after 2 minutes: the desk shows a new one by itself, the old one cannot be confirmed', async () => {
    await signInAs(phone, cloud.url, 'demo-operator');
    const first = await showQr();
    const now = await (await fetch(`${cloud.url}/_clock`)).json() as { now: string };
    await fetch(`${cloud.url}/_clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: new Date(new Date(now.now).getTime() + 125_000).toISOString() }) });
    try {
      await web.waitForSelector(`.web-login__qr[data-login^="wl_"]:not([data-login="${first}"])`, { timeout: T });
      expect(Number(await web.getAttribute('.web-login__qr', 'data-shown'))).toBeGreaterThanOrEqual(2);
      await scan(first);
      expect(await phone.textContent('.web-confirm__closed')).toBe('二维码已过期，请在网页上刷新二维码后重新扫码');
      expect(await phone.locator('.web-confirm__submit').count()).toBe(0);
    } finally {
      await fetch(`${cloud.url}/_clock`, { method: 'DELETE' });
    }
  }, 180_000);

  test('deactivating a staff member ends their web session: the desk is sent back to the QR code, saying why', async () => {
    await cloud.db.insertMany('staff', [{ _id: 'web-op-leaving', openid: 'web-op-leaving', name: '运营 将离职', role: 'operator', storeId: null, active: true }]);
    await signInNew('web-op-leaving');
    const loginId = await showQr();
    await scan(loginId);
    expect(await phone.textContent('.web-confirm__who')).toBe('运营 将离职');
    await visible(phone, '.web-confirm__submit').click();
    await phone.waitForSelector('.web-confirm__done', { timeout: T });
    await settle(web, HOME);
    await eventually(() => web.textContent('.console-who'), '运营 · 运营 将离职', T);

    await callFunction(cloud.url, 'admin', 'demo-admin', { action: 'updateStaff', staffOpenid: 'web-op-leaving', active: false, expectedVersion: 0, requestId: `web-deactivate-${Date.now()}` });
    // The next call (the page opened afresh asks who is at the console) finds the session ended.
    await web.goto(`${cloud.url}/#/packages/admin/members/index`);
    await web.reload();
    await settle(web, LOGIN);
    await web.waitForSelector('.web-login__ended', { timeout: T });
    expect(await web.textContent('.web-login__ended')).toBe('网页登录已失效，请重新扫码登录');
    await web.waitForSelector('.web-login__qr[data-login^="wl_"]', { timeout: T });
  }, 180_000);
});
