// Issue 16, member side of the points mall: a refused redemption refreshes what it made stale (bug 3); 取消兑换 is
// offered only while it can work, otherwise the page says what to do (bug 7).
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';
import type { Output } from '../../contract';

const canRun = browserAvailable();
const text = async (page: Page, selector: string) => ((await visible(page, selector).first().textContent()) ?? '').trim();

(canRun ? describe : describe.skip)('points mall, member side (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    await page.setViewportSize({ width: 375, height: 812 });
  });

  test('bug 3: after 积分不足 the detail shows the points the member has now', async () => {
    const openid = 'demo-member-2';
    await signInAs(page, cloud.url, openid);
    const home = await callFunction<Output<'member', 'home'>>(cloud.url, 'member', openid, { action: 'home' });
    const before = home.points.spendable;
    expect(before).toBeGreaterThanOrEqual(1000);

    await page.goto(`${cloud.url}/#/packages/mall/detail/index?id=coupon-20`);
    await visible(page, '.redeem-button').waitFor({ timeout: 15_000 });
    expect(await text(page, '.detail-spendable')).toBe(`我的可用积分：${before.toLocaleString('en-US')}`);
    await visible(page, '.redeem-button').click();
    expect(await text(page, '.confirm-cost')).toContain(`兑换后剩余 ${(before - 1000).toLocaleString('en-US')} 积分`);

    // Meanwhile the member's points go elsewhere: fewer than the coupon costs are left.
    const taken = before - 500;
    await callFunction(cloud.url, 'admin', 'demo-admin', { action: 'adjustPoints', memberNo: home.member.memberNo, amount: -taken, reason: '测试扣减', requestId: 'bug3-take-1' });

    await visible(page, '.confirm-button').click();
    await eventually(() => text(page, '.detail-spendable'), '我的可用积分：500');
    expect(await text(page, '.mall-error')).toBe('积分不足，还差 500 积分');
    expect(await visible(page, '.mall-error').count()).toBe(1);
    expect(await visible(page, '.confirm').count()).toBe(0); // no 兑换后剩余 of the old balance
    expect(await visible(page, '.redeem-button').count()).toBe(0);
    await shot(page, 'bug3-refused-refreshed');
    expect(cloud.db.find('redemptions', { openid, itemId: 'coupon-20' }).total).toBe(0);
  }, 60_000);

  test('bug 7: 取消兑换 shows only within the window, then the page says what to do instead', async () => {
    const openid = 'demo-member-1';
    await signInAs(page, cloud.url, openid);
    const redeem = (itemId: string, extra: Record<string, unknown> = {}) =>
      callFunction(cloud.url, 'mall', openid, { action: 'redeem', itemId, requestId: `bug7-${itemId}`, ...extra });
    await redeem('tote-bag', { shipping: { name: '林晓', phone: '13800002222', address: '上海市黄浦区南京东路 1 号' } });
    await redeem('tumbler');

    await page.goto(`${cloud.url}/#/packages/mall/redemptions/index`);
    for (const item of ['tote-bag', 'tumbler']) {
      const card = visible(page, `.redemption[data-item="${item}"]`);
      await card.waitFor({ timeout: 15_000 });
      expect(await card.locator('.redemption-cancel').count()).toBe(1);
      expect(await card.locator('.cancel-until').textContent()).toMatch(/^\d{2}:\d{2} 前可取消兑换$/);
    }
    await shot(page, 'bug7-within-window');

    // 31 minutes later the member can no longer cancel: no button, and a way forward that fits the item.
    const res = await fetch(`${cloud.url}/_clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: new Date(Date.now() + 31 * 60_000).toISOString() }) });
    expect(res.ok).toBe(true);
    try {
      await page.goto(`${cloud.url}/#/pages/index/index`);
      await page.waitForSelector('.member-card', { timeout: 15_000 });
      await page.goto(`${cloud.url}/#/packages/mall/redemptions/index`);
      const mailed = visible(page, '.redemption[data-item="tote-bag"]');
      await mailed.locator('.cancel-hint').waitFor({ timeout: 15_000 });
      expect(await mailed.locator('.cancel-hint').textContent()).toBe('已超过可取消时间，如需退换请联系客服');
      const pickup = visible(page, '.redemption[data-item="tumbler"]');
      expect(await pickup.locator('.cancel-hint').textContent()).toBe('已超过可取消时间，如需取消请到店出示券码，由工作人员办理');
      expect(await visible(page, '.redemption-cancel').count()).toBe(0);
      await shot(page, 'bug7-after-window');
    } finally {
      await fetch(`${cloud.url}/_clock`, { method: 'DELETE' });
    }
  }, 90_000);
});
