// Issue 16, bug 2: members read refusals as sentences about what they typed ("昵称不能为空", "头像格式不正确",
// "手机号长度不能少于 5 位"), never a field's code name, and the forms check the contract's rules before sending:
// the message shows inline and no request leaves the page.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, eventually, postFunction, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

/** The actions the page sent, as `fn.action`. */
function recordCalls(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (req) => {
    const m = /\/functions\/(\w+)$/.exec(req.url());
    if (m && req.method() === 'POST') sent.push(`${m[1]}.${JSON.parse(req.postData() || '{}').action}`);
  });
  return sent;
}

(canRun ? describe : describe.skip)('form checks before sending (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;
  let sent: string[];

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    await page.setViewportSize({ width: 375, height: 812 });
    sent = recordCalls(page);
  });

  test('the server names fields in Chinese', async () => {
    const refusal = async (fn: string, event: Record<string, unknown>) => {
      const r = await postFunction(cloud.url, fn, 'demo-member-2', event);
      return r.ok ? 'accepted' : r.error.message;
    };
    expect(await refusal('member', { action: 'updateProfile', nickname: '' })).toBe('昵称不能为空');
    expect(await refusal('member', { action: 'updateProfile', avatarUrl: 'javascript:alert(1)' })).toBe('头像格式不正确');
    expect(await refusal('mall', { action: 'redeem', itemId: 'tote-bag', requestId: 'req-form-1', shipping: { name: '王思远', phone: '123', address: '上海市黄浦区南京东路 1 号' } }))
      .toBe('手机号长度不能少于 5 位');
    expect(await refusal('member', { action: 'updateProfile', nickname: 'x', foo: 1 })).toBe('不支持的参数 foo');
  }, 30_000);

  test('profile edit: an empty nickname and a bad avatar link are refused inline, without a request', async () => {
    await signInAs(page, cloud.url, 'demo-member-2');
    await visible(page, '.profile-link').click();
    await settle(page, '/packages/profile/edit/index');
    await visible(page, '.nickname-input input').waitFor({ timeout: 15_000 });
    sent.length = 0;

    await visible(page, '.nickname-input input').fill('   ');
    await visible(page, '.profile-save').click();
    await visible(page, '.profile-error').waitFor({ timeout: 5_000 });
    expect((await visible(page, '.profile-error').textContent())?.trim()).toBe('昵称不能为空');

    await visible(page, '.nickname-input input').fill('新的昵称');
    await visible(page, '.avatar-url-input input').fill('javascript:alert(1)');
    await visible(page, '.profile-save').click();
    await eventually(async () => (await visible(page, '.profile-error').textContent())?.trim(), '头像格式不正确', 5_000);
    await shot(page, 'bug2-profile-inline-error');
    expect(sent.filter((a) => a === 'member.updateProfile')).toEqual([]);
    expect(page.url()).toContain('/packages/profile/edit/index');
  }, 60_000);

  test('redeem a mailed item: a short phone number is refused inline, without a request', async () => {
    await page.goto(`${cloud.url}/#/packages/mall/detail/index?id=tote-bag`);
    await visible(page, '.redeem-button').waitFor({ timeout: 15_000 });
    await visible(page, '.redeem-button').click();
    await visible(page, '.confirm').waitFor();
    sent.length = 0;
    const fields = page.locator('.confirm:visible .field input');
    await fields.nth(0).fill('王思远');
    await fields.nth(1).fill('123');
    await fields.nth(2).fill('上海市黄浦区南京东路 1 号');
    await visible(page, '.confirm-button').click();
    await visible(page, '.confirm .redeem-error').waitFor({ timeout: 5_000 });
    expect((await visible(page, '.redeem-error').textContent())?.trim()).toBe('手机号长度不能少于 5 位');

    await fields.nth(1).fill('13800001111');
    await fields.nth(2).fill('上海');
    await visible(page, '.confirm-button').click();
    await eventually(async () => (await visible(page, '.confirm .redeem-error').textContent())?.trim(), '收货地址长度不能少于 5 个字', 5_000);
    await shot(page, 'bug2-shipping-inline-error');
    expect(sent.filter((a) => a === 'mall.redeem')).toEqual([]);
    expect(cloud.db.find('redemptions', { itemId: 'tote-bag' }).total).toBe(0);
  }, 60_000);
});
