// The console's 规则 pages in the H5 build served by the local cloud (demo seed) at desktop width: demo-admin raises the
// 银牌 threshold, previews the change (the field before → after, and how many members the new ladder moves), saves it
// with a reason, changes 每元积分, is refused when another admin saved first, and rolls back to the first version.
// The analyst reads the rules without a way to save.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

(canRun ? describe : describe.skip)('console: rules (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  const openRules = async (section: string) => {
    await page.goto(`${cloud.url}/#/packages/admin/rules/index`);
    await settle(page, '/packages/admin/rules/index');
    await visible(page, `.rules-tab[data-section="${section}"]`).click();
  };
  const field = (path: string, index = 0) => page.locator(`.rule-field[data-path="${path}"]:visible`).nth(index);

  test('preview, save, a refused stale save and a rollback, at desktop width', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(page, cloud.url, 'demo-admin');
    await openRules('tiers');
    await field('tiers[].minGrowth', 1).waitFor({ timeout: 15_000 });
    await field('tiers[].minGrowth', 1).locator('input').fill('800');
    await visible(page, '.preview-submit').click();
    await visible(page, '.tier-impact').waitFor({ timeout: 15_000 });
    expect(await page.locator('.preview-change:visible').allTextContents()).toEqual(['升级门槛：501 → 800']);
    expect(await visible(page, '.tier-impact').textContent()).toMatch(/^按会员当前成长值，新等级体系下 0 人等级上升、\d+ 人等级下降/);
    await shot(page, 'console-rules-preview-desktop');
    await page.locator('.save-note:visible input').fill('银牌门槛上调');
    await visible(page, '.save-submit').click();
    await eventually(() => visible(page, '.save-ok').textContent(), '已保存为版本 1');

    await visible(page, '.rules-tab[data-section="points"]').click();
    await field('points.pointsPerYuan').locator('input').fill('2');
    await visible(page, '.preview-submit').click();
    await visible(page, '.save-submit').click();
    await eventually(() => visible(page, '.save-ok').textContent(), '已保存为版本 2');

    // Another admin saves meanwhile: this page's next save is refused, nothing is overwritten.
    await callFunction(cloud.url, 'admin', 'demo-admin', { action: 'setConfig', rules: { points: { registrationBonus: 200 } }, expectedVersion: 2, note: '另一位管理员' });
    await field('points.registrationBonus').locator('input').fill('300');
    await visible(page, '.preview-submit').click();
    await visible(page, '.save-submit').click();
    await eventually(() => visible(page, '.save-error').textContent(), '配置已被他人修改，请刷新后重试');
    const stored = await callFunction<{ version: number; overrides: { points: { registrationBonus: number } } }>(cloud.url, 'admin', 'demo-admin', { action: 'getConfig' });
    expect(stored).toMatchObject({ version: 3, overrides: { points: { registrationBonus: 200 } } });

    await openRules('history');
    await visible(page, '.history-row[data-version="3"]').waitFor({ timeout: 15_000 });
    await visible(page, '.history-row[data-version="1"] .rollback-submit').click();
    await visible(page, '.history-row[data-version="4"]').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.history-row[data-version="4"]').textContent()).toContain('回滚到版本 1');
    await shot(page, 'console-rules-history-desktop');
    const after = await callFunction<{ effective: { points: { pointsPerYuan: number }; tiers: Array<{ minGrowth: number }> } }>(cloud.url, 'admin', 'demo-admin', { action: 'getConfig' });
    expect(after.effective.points.pointsPerYuan).toBe(1);
    expect(after.effective.tiers[1].minGrowth).toBe(800);
  }, 120_000);

  test('the analyst reads the rules and previews, but cannot save', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, cloud.url, 'demo-analyst');
    await openRules('checkin');
    await field('checkin.points').waitFor({ timeout: 15_000 });
    expect(await field('checkin.points').locator('input').isDisabled()).toBe(true);
    expect(await page.locator('.save-submit:visible').count()).toBe(0);
    await shot(page, 'console-rules-analyst-phone');
  }, 60_000);
});
