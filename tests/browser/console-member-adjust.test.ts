// 调整积分 on a member's console page (H5, demo seed, 1280 px): an operator credits +30 and the page shows the new
// balance; +20,000 is held for a second admin and credits nothing; a refusal of the amount is said before sending.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

(canRun ? describe : describe.skip)('console: adjusting a member\'s points (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  test('applied at once, or held above the threshold', async () => {
    const balance = async () => (await callFunction<{ points: { balance: number } }>(cloud.url, 'member', 'demo-member-4', { action: 'home' })).points.balance;
    const { memberNo } = await callFunction<{ memberNo: string }>(cloud.url, 'member', 'demo-member-4', { action: 'code' });
    const before = await balance();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(page, cloud.url, 'demo-operator');
    await page.goto(`${cloud.url}/#/packages/admin/members/index`);
    await settle(page, '/packages/admin/members/index');
    await page.locator('.member-search-input:visible input').fill(memberNo);
    await visible(page, '.member-search-submit').click();
    await visible(page, `.member-row[data-member-no="${memberNo}"]`).click();
    const card = visible(page, '.member-adjust');
    await card.waitFor({ timeout: 15_000 });

    await card.locator('.member-adjust-amount input').fill('+9999999');
    await card.locator('.member-adjust-reason input').fill('测试');
    await card.locator('.member-adjust-submit').click();
    expect(await card.locator('.member-adjust-error').textContent()).toBe('单次调整不能超过 1,000,000 积分');

    await card.locator('.member-adjust-amount input').fill('+30');
    await card.locator('.member-adjust-reason input').fill('活动补发');
    await card.locator('.member-adjust-submit').click();
    await eventually(async () => (await card.locator('.member-adjust-ok').textContent())?.startsWith('调整成功：+30 积分'), true);
    expect(await balance()).toBe(before + 30);

    await card.locator('.member-adjust-amount input').fill('+20000');
    await card.locator('.member-adjust-reason input').fill('大客户补偿');
    await card.locator('.member-adjust-submit').click();
    await eventually(() => card.locator('.member-adjust-held').textContent(), '+20,000 积分已提交：超过 10,000 积分的调整需另一位管理员审批');
    expect(await balance()).toBe(before + 30);
    await shot(page, 'console-member-adjust-desktop');
  }, 90_000);

  test('an operator replaces a leaked voucher code and cancels a redemption from the member page', async () => {
    const { memberNo } = await callFunction<{ memberNo: string }>(cloud.url, 'member', 'demo-member-1', { action: 'code' });
    const list = await callFunction<{ items: Array<{ id: string; canRedeem: boolean; kind: string; pointsPrice: number }> }>(cloud.url, 'mall', 'demo-member-1', { action: 'list' });
    const coupon = list.items.find((i) => i.kind === 'coupon' && i.canRedeem)!;
    const redeemed = await callFunction<{ redemptionId: string; voucher: { code: string } }>(cloud.url, 'mall', 'demo-member-1', { action: 'redeem', itemId: coupon.id, requestId: 'ui-console-redeem-0001' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(page, cloud.url, 'demo-operator');
    await page.goto(`${cloud.url}/#/packages/admin/members/index`);
    await settle(page, '/packages/admin/members/index');
    await page.locator('.member-search-input:visible input').fill(memberNo);
    await visible(page, '.member-search-submit').click();
    await visible(page, `.member-row[data-member-no="${memberNo}"]`).click();
    const actions = visible(page, `.redemption-actions[data-redemption="${redeemed.redemptionId}"]`);
    await actions.waitFor({ timeout: 15_000 });
    await actions.locator('.redemption-reissue').click();
    await actions.locator('.redemption-reason input').fill('券码截图外泄');
    await actions.locator('.redemption-confirm').click();
    await visible(page, '.redemption-ok').waitFor({ timeout: 15_000 });
    const text = (await visible(page, '.redemption-ok').textContent()) ?? '';
    const code = /新券码 (\d{12})/.exec(text)?.[1];
    expect(code).toBeDefined();
    expect(code).not.toBe(redeemed.voucher.code);
    const mine = await callFunction<{ items: Array<{ id: string; voucher: { code: string } | null }> }>(cloud.url, 'mall', 'demo-member-1', { action: 'myRedemptions' });
    expect(mine.items.find((r) => r.id === redeemed.redemptionId)?.voucher?.code).toBe(code);
    await shot(page, 'console-member-redemption-desktop');

    const again = visible(page, `.redemption-actions[data-redemption="${redeemed.redemptionId}"]`);
    await again.locator('.redemption-cancel').click();
    await again.locator('.redemption-reason input').fill('会员来电要求取消');
    await again.locator('.redemption-confirm').click();
    // Cancelled: the row says so and offers nothing more.
    const row = visible(page, `.member-redemption[data-redemption="${redeemed.redemptionId}"]`);
    await eventually(() => row.locator('.console-badge').textContent(), '已取消');
    expect(await row.locator('.redemption-actions').count()).toBe(0);
  }, 90_000);
});
