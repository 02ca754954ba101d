// Tasks count what the member did, from where they did it (H5, demo seed, 375 px): opening the mall from the card
// completes 逛逛积分商城; 去完成 on 分享小程序 does not complete it without a share; 完善个人资料 and 绑定手机号 lead to
// 编辑资料; 晒图评价 says where reviews are written.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

interface Tasks { tasks: Array<{ id: string; progress: number; status: string }> }

(canRun ? describe : describe.skip)('tasks count what the member did (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  const OPENID = 'wx-task-walker';
  const progress = async (id: string) => (await callFunction<Tasks>(cloud.url, 'task', OPENID, { action: 'list' })).tasks.find((t) => t.id === id)?.progress;

  test('the mall opened from the card counts; a tap on 去完成 for sharing does not', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${cloud.url}/#/pages/login/index`);
    await page.locator('.openid-input input').fill(OPENID);
    await visible(page, '.openid-submit').click();
    await page.waitForSelector('.member-card', { timeout: 15_000 });
    expect(await progress('browseMall')).toBe(0);
    await visible(page, '.mall-links__item--mall').click();
    await settle(page, '/packages/mall/index/index');
    await eventually(() => progress('browseMall'), 1);

    await page.goto(`${cloud.url}/#/packages/engage/tasks/index`);
    await settle(page, '/packages/engage/tasks/index');
    const share = visible(page, '.task-item[data-id="share"]');
    await share.waitFor({ timeout: 15_000 });
    await share.locator('.task-go').click();
    await page.waitForTimeout(500);
    expect(await progress('share')).toBe(0);

    expect(await visible(page, '.task-item[data-id="review"] .task-elsewhere').textContent()).toBe('在渠道商城下单后发表带图评价即可完成');
    await shot(page, 'tasks-honest-phone');
    await visible(page, '.task-item[data-id="profile"] .task-go').click();
    await settle(page, '/packages/profile/edit/index');
  }, 60_000);
});
