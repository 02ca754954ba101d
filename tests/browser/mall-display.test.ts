// The member mall shows an item's image (set in the console) and no raw stock counts: 仅剩 N 件 when few are left,
// 已兑完 (once) when none, nothing otherwise (H5 in headless Chromium, demo seed, 375 px).
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { item } from '../helpers/mall';
import { browserAvailable, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();
const IMAGE = 'https://img.example.com/mall/mug.png';

(canRun ? describe : describe.skip)('mall: images and stock as members see them (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    await cloud.db.insertMany('mall_items', [
      item('ui-mug', { name: '星河马克杯', image: IMAGE, stock: 3, sort: -3 }),
      item('ui-gone', { name: '售罄茶包', stock: 0, sort: -2 }),
      item('ui-plenty', { name: '充足咖啡券', stock: 500, sort: -1 }),
    ]);
  });

  test('the list and the detail', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signInAs(page, cloud.url, 'demo-member-1');
    await visible(page, '.mall-links__item--mall').click();
    await settle(page, '/packages/mall/index/index');
    const mug = visible(page, '.mall-item[data-id="ui-mug"]');
    await mug.waitFor({ timeout: 15_000 });
    expect(await mug.locator('img').first().getAttribute('src')).toBe(IMAGE);
    expect(await mug.locator('.mall-item__meta').textContent()).toBe('仅剩 3 件');
    expect(await page.locator('.mall-item[data-id="ui-gone"] .mall-item__meta').count()).toBe(0);
    expect(await visible(page, '.mall-item[data-id="ui-gone"] .mall-item__reason').textContent()).toBe('已兑完');
    expect(await page.locator('.mall-item[data-id="ui-plenty"] .mall-item__meta').count()).toBe(0);
    expect(await page.locator('.mall-item__meta:visible', { hasText: '库存' }).count()).toBe(0);
    await shot(page, 'mall-images-phone');
    await mug.click();
    await settle(page, '/packages/mall/detail/index');
    await visible(page, '.detail-image').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.detail-card').textContent()).toContain('仅剩 3 件');
  }, 60_000);
});
