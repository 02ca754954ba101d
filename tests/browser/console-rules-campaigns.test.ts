// Spend-threshold campaigns in the console's 规则 pages (H5 build, demo seed) at phone width: demo-admin adds
// "满 500 元 送 100 积分 · 积分 ×2" under 积分活动 (消费门槛, 活动倍率, 赠送积分), previews and saves it; an order of
// 500 yuan through the demo POS then earns the campaign's points.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { DEMO_CHANNEL } from '../../localcloud/seed/demo';
import { sign } from '../../cloudfunctions/runtime/signature';
import { browserAvailable, callFunction, eventually, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

(canRun ? describe : describe.skip)('console: spend-threshold campaigns (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  const field = (path: string, index = 0) => page.locator(`.rule-field[data-path="${path}"]:visible`).nth(index);

  test('an admin adds 满 500 元 送 100 积分 with ×2; a 500-yuan order earns it', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signInAs(page, cloud.url, 'demo-admin');
    await page.goto(`${cloud.url}/#/packages/admin/rules/index`);
    await settle(page, '/packages/admin/rules/index');
    await visible(page, '.rules-tab[data-section="points"]').click();
    const list = visible(page, '.rule-list[data-path="points.campaigns"]');
    await list.waitFor({ timeout: 15_000 });
    const before = await list.locator('.rule-item').count();
    await list.locator('.rule-add').click();
    const i = before; // the new item is the last
    expect(await field('points.campaigns[].minFen', i).locator('.console-field__label').textContent()).toBe('消费门槛（分） · 选填');
    expect(await field('points.campaigns[].bonusPoints', i).locator('.console-field__help').textContent()).toContain('如满 500 元送 100 积分填 100');
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    await field('points.campaigns[].name', i).locator('input').fill('满500送100');
    await field('points.campaigns[].from', i).locator('input').fill(today);
    await field('points.campaigns[].to', i).locator('input').fill(today);
    await field('points.campaigns[].minFen', i).locator('input').fill('50000');
    await field('points.campaigns[].multiplier', i).locator('input').fill('2');
    await field('points.campaigns[].bonusPoints', i).locator('input').fill('100');
    await visible(page, '.preview-submit').click();
    await visible(page, '.preview-change').first().waitFor({ timeout: 15_000 });
    await shot(page, 'console-rules-campaign-threshold-375');
    await page.locator('.save-note:visible input').fill('满额活动');
    await visible(page, '.save-submit').click();
    await eventually(() => visible(page, '.save-ok').textContent().then((t) => t?.startsWith('已保存为版本')), true);
    const stored = await callFunction<{ effective: { points: { campaigns: Array<{ name: string; minFen?: number; multiplier?: number; bonusPoints?: number }> } } }>(cloud.url, 'admin', 'demo-admin', { action: 'getConfig' });
    expect(stored.effective.points.campaigns.at(-1)).toMatchObject({ name: '满500送100', minFen: 50000, multiplier: 2, bonusPoints: 100 });

    // demo-member-5 (普通会员, ×1) pays 500 yuan at the demo POS: 500 × 2 + 100 (unless today is the 18th: ×2 either way).
    const { member } = await callFunction<{ member: { memberNo: string } }>(cloud.url, 'member', 'demo-member-5', { action: 'home' });
    const order = { orderId: `POS-THRESHOLD-${Date.now()}`, memberNo: member.memberNo, amountFen: 50000, paidAt: new Date(Date.now() - 60_000).toISOString(), format: 'mall' };
    const env = { channel: DEMO_CHANNEL._id, timestamp: Date.now(), nonce: `threshold-${Date.now()}` };
    const paid = await callFunction<{ pointsEarned: number; multiplier: number }>(cloud.url, 'order', 'nobody', { action: 'paid', ...env, signature: sign(DEMO_CHANNEL.secret, 'paid', env, order), order });
    expect(paid).toMatchObject({ pointsEarned: 1100, multiplier: 2 });
  }, 120_000);
});
