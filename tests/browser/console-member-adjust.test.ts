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
});
