// Profile editing (编辑资料) in the H5 build served by the local cloud: change the nickname and the avatar from the
// member card and see the card and member.home follow; an empty nickname shows the server's message and changes nothing.
import fs from 'fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalCloud } from '../../localcloud';
import { browserAvailable, CHROMIUM, CHROMIUM_ARGS, H5_INDEX, PAGE_TRANSITION_MS } from '../helpers/browser';
import type { MemberHome } from '../../client/src/types/member';

const canRun = browserAvailable();
const OPENID = 'demo-member-2';
const NICKNAME = '测试昵称';
const AVATAR = 'https://example.com/avatars/test.png';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function postMember<T>(baseUrl: string, action: string, input: object = {}): Promise<Envelope<T>> {
  const res = await fetch(`${baseUrl}/functions/member`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': OPENID },
    body: JSON.stringify({ action, ...input }),
  });
  return (await res.json()) as Envelope<T>;
}

async function memberHome(baseUrl: string): Promise<MemberHome> {
  const envelope = await postMember<MemberHome>(baseUrl, 'home');
  if (!envelope.ok) throw new Error(`member.home failed: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.data;
}

const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`);

async function settle(page: Page, urlPart: string) {
  await page.waitForURL((url) => url.href.includes(urlPart), { timeout: 15_000 });
  await page.waitForTimeout(PAGE_TRANSITION_MS);
}

async function openEditor(page: Page) {
  await visible(page, '.profile-link').click();
  await settle(page, '/packages/profile/edit/index');
  await visible(page, '.nickname-input input').waitFor({ timeout: 15_000 });
}

(canRun ? describe : describe.skip)('profile editing (H5 in headless Chromium)', () => {
  let cloud: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!fs.existsSync(H5_INDEX)) throw new Error('client/dist/h5 is missing: run `cd client && NODE_ENV=production npx taro build --type h5` first');
    cloud = await startLocalCloud({ port: 0, seed: 'demo', quiet: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    // The test avatar lives on no reachable host; answer image requests locally instead of dialling out.
    await page.route('https://example.com/**', (route) => route.fulfill({ status: 404, body: '' }));

    await page.goto(`${cloud.url}/`);
    await settle(page, '/pages/login/index');
    await visible(page, `.identity-item[data-openid="${OPENID}"]`).click();
    await page.waitForSelector('.member-card', { timeout: 15_000 });
    await settle(page, '/pages/index/index');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await cloud?.stop();
  });

  test('set a nickname and an avatar URL: the card and member.home show them', async () => {
    const before = await memberHome(cloud.url);
    expect(before.member.nickname).not.toBe(NICKNAME);

    await openEditor(page);
    expect(await visible(page, '.nickname-input input').inputValue()).toBe(before.member.nickname);
    await visible(page, '.nickname-input input').fill(NICKNAME);
    await visible(page, '.avatar-url-input input').fill(AVATAR);
    await visible(page, '.profile-save').click();

    await settle(page, '/pages/index/index');
    await expect(visible(page, '.member-card__nickname').textContent()).resolves.toBe(NICKNAME);
    await expect(visible(page, 'img.member-card__avatar, .member-card__avatar img').first().getAttribute('src')).resolves.toBe(AVATAR);

    const after = await memberHome(cloud.url);
    expect(after.member.nickname).toBe(NICKNAME);
    expect(after.member.avatarUrl).toBe(AVATAR);
  }, 60_000);

  test("an empty nickname shows the server's message and changes nothing", async () => {
    const rejected = await postMember(cloud.url, 'updateProfile', { nickname: '' });
    if (rejected.ok) throw new Error('member.updateProfile accepted an empty nickname');
    expect(rejected.error.code).toBe('INVALID_INPUT');

    await openEditor(page);
    await visible(page, '.nickname-input input').fill('');
    await visible(page, '.profile-save').click();

    await visible(page, '.profile-error').waitFor({ timeout: 15_000 });
    expect((await visible(page, '.profile-error').textContent())?.trim()).toBe(rejected.error.message);
    expect(await visible(page, '.profile-save').textContent()).toBe('保存');
    expect(page.url()).toContain('/packages/profile/edit/index');

    const home = await memberHome(cloud.url);
    expect(home.member.nickname).toBe(NICKNAME);
    expect(home.member.avatarUrl).toBe(AVATAR);
  }, 60_000);
});
