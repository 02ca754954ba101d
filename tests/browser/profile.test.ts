// Profile editing (编辑资料) in the H5 build served by the local cloud: change the nickname and the avatar from the
// member card and see the card and member.home follow; an empty nickname shows the server's message and changes nothing;
// 绑定手机号 (h5: the typed number is the code the local cloud exchanges) shows the masked number and completes the
// phone task, and the same number for another member shows the server's conflict.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, postFunction, settle, signInAs, useH5Suite, visible } from '../helpers/browser';
import type { Output } from '../../contract';

type MemberHome = Output<'member', 'home'>;

const canRun = browserAvailable();
const OPENID = 'demo-member-2';
const NICKNAME = '测试昵称';
const AVATAR = 'https://example.com/avatars/test.png';

const OTHER_OPENID = 'demo-member-3';
const PHONE = '13812345678';

const memberHome = (baseUrl: string) => callFunction<MemberHome>(baseUrl, 'member', OPENID, { action: 'home' });

async function openEditor(page: Page) {
  await visible(page, '.profile-link').click();
  await settle(page, '/packages/profile/edit/index');
  await visible(page, '.nickname-input input').waitFor({ timeout: 15_000 });
}

(canRun ? describe : describe.skip)('profile editing (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    // The test avatar lives on no reachable host; answer image requests locally instead of dialling out.
    await page.route('https://example.com/**', (route) => route.fulfill({ status: 404, body: '' }));

    await page.goto(`${cloud.url}/`);
    await settle(page, '/pages/login/index');
    await visible(page, `.identity-item[data-openid="${OPENID}"]`).click();
    await page.waitForSelector('.member-card', { timeout: 15_000 });
    await settle(page, '/pages/index/index');
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
    const rejected = await postFunction(cloud.url, 'member', OPENID, { action: 'updateProfile', nickname: '' });
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

  test('bind a phone number: the masked number shows and the phone task completes; another member gets a conflict', async () => {
    const phoneTask = async () => {
      const { tasks } = await callFunction<{ tasks: Array<{ id: string; progress: number }> }>(cloud.url, 'task', OPENID, { action: 'list' });
      return tasks.find((task) => task.id === 'phone');
    };
    expect(await phoneTask()).toMatchObject({ progress: 0 });

    await signInAs(page, cloud.url, OPENID);
    await openEditor(page);
    await expect(visible(page, '.profile-phone').textContent()).resolves.toBe('未绑定');
    await visible(page, '.phone-input input').fill(PHONE);
    await visible(page, '.phone-bind').click();
    await eventually(() => visible(page, '.profile-phone').textContent(), '138****5678');
    expect(await visible(page, '.phone-bind').textContent()).toBe('绑定');
    expect(await visible(page, '.profile-phone-error').count()).toBe(0);
    expect(await phoneTask()).toMatchObject({ id: 'phone', progress: 1 });

    await signInAs(page, cloud.url, OTHER_OPENID);
    await openEditor(page);
    await expect(visible(page, '.profile-phone').textContent()).resolves.toBe('未绑定');
    await visible(page, '.phone-input input').fill(PHONE);
    await visible(page, '.phone-bind').click();
    await visible(page, '.profile-phone-error').waitFor({ timeout: 15_000 });
    expect((await visible(page, '.profile-phone-error').textContent())?.trim()).toBe('该手机号已绑定其他会员');
    expect(await visible(page, '.profile-phone').textContent()).toBe('未绑定');
    expect(await visible(page, '.phone-bind').textContent()).toBe('绑定');
  }, 90_000);
});
