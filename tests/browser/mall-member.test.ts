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

  useH5Suite((suite) => { ({ cloud, page } = suite); });

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
});
