// 积分调整审批 on the console home in the H5 build (demo seed), at desktop width: an operator's +20,000 adjustment is
// held; demo-admin sees it on the console home and approves it, and only then does the member's balance change.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

(canRun ? describe : describe.skip)('console: large points adjustments wait for a second admin (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  test('held until demo-admin approves it on the console home', async () => {
    const balance = async () => (await callFunction<{ points: { balance: number } }>(cloud.url, 'member', 'demo-member-3', { action: 'home' })).points.balance;
    const { memberNo } = await callFunction<{ memberNo: string }>(cloud.url, 'member', 'demo-member-3', { action: 'code' });
    const before = await balance();
    const held = await callFunction<{ status: string }>(cloud.url, 'admin', 'demo-operator', { action: 'adjustPoints', memberNo, amount: 20_000, reason: '大客户补偿', requestId: 'ui-big-adjust-0001' });
    expect(held.status).toBe('held');
    expect(await balance()).toBe(before);

    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(page, cloud.url, 'demo-admin');
    await page.goto(`${cloud.url}/#/packages/admin/index/index`);
    await settle(page, '/packages/admin/index/index');
    const row = visible(page, '.adjustment-row[data-id="ui-big-adjust-0001"]');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('+20,000 积分');
    await shot(page, 'console-adjustment-approvals-desktop');
    await row.locator('.adjustment-approve').click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await balance()).toBe(before + 20_000);
  }, 90_000);
});
