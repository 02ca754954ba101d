// The console's catalog in the H5 build (demo seed) at phone (375) and desktop (1280) widths: an operator creates an
// item (a refused save first shows why), publishes it, and a save over an admin's change is refused naming them; a member sees it in the mall and redeems it; an analyst sees
// the item list and the item but no edit controls; an admin creates a channel and sees its secret once, then only its
// fingerprint; stores and activities list the seed's.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, fillField, openAs, callFunction, eventually, settle, shot, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();
const WIDTHS = [375, 1280];



(canRun ? describe : describe.skip)('console catalog (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    // The demo seed's operator and analyst, in case this seed has none yet.
    for (const s of [
      { _id: 'demo-operator', openid: 'demo-operator', name: '运营 陈晨', role: 'operator', storeId: null, active: true },
      { _id: 'demo-analyst', openid: 'demo-analyst', name: '数据分析 周敏', role: 'analyst', storeId: null, active: true },
    ]) {
      if (cloud.db.find('staff', { _id: s._id }).total === 0) await cloud.db.insertMany('staff', [s]);
    }
  });

  describe.each(WIDTHS)('at %i px', (width) => {
    const name = `浏览器测试券 ${width}`;
    let itemId = '';

    beforeAll(async () => {
      await page.setViewportSize({ width, height: width < 900 ? 812 : 900 });
    });

    test('an operator creates an item (a refused save says why and writes nothing), then publishes it', async () => {
      await openAs(page, cloud.url, 'demo-operator', '/packages/admin/items/index');
      await visible(page, '.catalog-item-row').first().waitFor({ timeout: 15_000 });
      await visible(page, '.catalog-new').click();
      await settle(page, '/packages/admin/item/index');
      await visible(page, '.catalog-input-name').waitFor({ timeout: 15_000 });
      const before = cloud.db.find('mall_items', {}).total;
      await visible(page, '.catalog-save').click();
      await visible(page, '.catalog-save-error').waitFor({ timeout: 15_000 });
      expect(await visible(page, '.catalog-save-error').textContent()).toBe('商品名称不能为空');
      expect(cloud.db.find('mall_items', {}).total).toBe(before);

      await fillField(page, '.catalog-input-name', name);
      await fillField(page, '.catalog-input-category', '优惠券');
      await fillField(page, '.catalog-input-description', '浏览器测试用的代金券');
      await fillField(page, '.catalog-input-pointsPrice', '200');
      await fillField(page, '.catalog-input-faceValue', '20');
      await fillField(page, '.catalog-input-stock', '5');
      await fillField(page, '.catalog-input-perMemberLimit', '2');
      await fillField(page, '.catalog-input-sort', '1');
      expect(await visible(page, '.catalog-preview__name').textContent()).toBe(name);
      await shot(page, `console-item-new-${width}`);
      await visible(page, '.catalog-save').click();
      await settle(page, '/packages/admin/item/index?itemId=');
      await visible(page, '.catalog-editor__version').waitFor({ timeout: 15_000 });
      const doc = cloud.db.find('mall_items', { name }).docs[0] as { _id: string; stock: number; active: boolean; faceValueFen: number; pointsPrice: number };
      expect(doc).toMatchObject({ stock: 5, active: false, faceValueFen: 2000, pointsPrice: 200 });
      itemId = doc._id;

      await visible(page, '.catalog-back').click();
      await settle(page, '/packages/admin/items/index');
      await visible(page, `.catalog-item-row[data-item="${itemId}"]`).click();
      await visible(page, `.catalog-item-detail[data-item="${itemId}"]`).waitFor({ timeout: 15_000 });
      await visible(page, '.catalog-publish').click();
      await eventually(() => visible(page, `.catalog-item-row[data-item="${itemId}"] .catalog-item-row__state`).textContent(), '兑换中');
      expect(cloud.db.find('mall_items', { _id: itemId }).docs[0]).toMatchObject({ active: true, version: 2 });
      await shot(page, `console-items-operator-${width}`);
    }, 90_000);

    test('a save over someone else\'s change is refused naming them; 刷新 loads their version, which then saves', async () => {
      await visible(page, '.catalog-edit').click();
      await settle(page, '/packages/admin/item/index?itemId=');
      await visible(page, '.catalog-editor__version').waitFor({ timeout: 15_000 });
      // Meanwhile an admin changes the price.
      await callFunction(cloud.url, 'catalog', 'demo-admin', {
        action: 'saveItem', itemId, expectedVersion: 2, requestId: `browser-${width}-admin-edit`,
        item: { kind: 'coupon', name, category: '优惠券', description: '浏览器测试用的代金券', pointsPrice: 250, faceValueFen: 2000, perOrderLimit: 0, perMemberLimit: 2, minTierLevel: 0, fundedBy: (cloud.db.find('mall_items', { _id: itemId }).docs[0] as { fundedBy: object }).fundedBy, voucherValidDays: 30, sort: 1 },
      });
      await fillField(page, '.catalog-input-description', '改过的介绍');
      const before = JSON.stringify(cloud.db.find('mall_items', { _id: itemId }).docs);
      await visible(page, '.catalog-save').click();
      await visible(page, '.catalog-save-error').waitFor({ timeout: 15_000 });
      expect(await visible(page, '.catalog-save-error').textContent()).toMatch(/^已被他人修改，请刷新：运营管理员 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改了 所需积分\s+刷新$/);
      expect(JSON.stringify(cloud.db.find('mall_items', { _id: itemId }).docs)).toBe(before);
      await shot(page, `console-item-stale-${width}`);
      await visible(page, '.catalog-reload').click();
      await eventually(() => page.locator('.catalog-input-pointsPrice:visible input').inputValue(), '250');
      expect(await page.locator('.catalog-save-error:visible').count()).toBe(0);
      await fillField(page, '.catalog-input-description', '改过的介绍');
      await visible(page, '.catalog-save').click();
      await visible(page, '.catalog-save-ok').waitFor({ timeout: 15_000 });
      expect(cloud.db.find('mall_items', { _id: itemId }).docs[0]).toMatchObject({ description: '改过的介绍', pointsPrice: 250, version: 4 });
    }, 90_000);

    test('a member sees the item in the mall and redeems it', async () => {
      await openAs(page, cloud.url, 'demo-member-2', '/packages/mall/index/index');
      await visible(page, `.mall-item[data-id="${itemId}"]`).waitFor({ timeout: 15_000 });
      await visible(page, `.mall-item[data-id="${itemId}"]`).click();
      await settle(page, '/packages/mall/detail/index');
      await visible(page, '.redeem-button').click();
      await visible(page, '.confirm-button').click();
      await visible(page, '.voucher__code').waitFor({ timeout: 15_000 });
      expect(cloud.db.find('redemptions', { itemId, openid: 'demo-member-2' }).total).toBe(1);
      expect(cloud.db.find('mall_items', { _id: itemId }).docs[0]).toMatchObject({ stock: 4, sold: 1 });
      expect(cloud.db.find('redemptions', { itemId, openid: 'demo-member-2' }).docs[0]).toMatchObject({ points: 250 });
    }, 90_000);

    test('an analyst sees the item list and the item, but no edit controls', async () => {
      await openAs(page, cloud.url, 'demo-analyst', '/packages/admin/items/index');
      await visible(page, `.catalog-item-row[data-item="${itemId}"]`).click();
      await visible(page, `.catalog-item-detail[data-item="${itemId}"]`).waitFor({ timeout: 15_000 });
      // On a phone the detail (below the list) is scrolled into view.
      await page.waitForTimeout(500);
      const box = await visible(page, '.catalog-item-detail').boundingBox();
      expect(box!.y).toBeLessThan(width < 900 ? 400 : 900);
      expect(await visible(page, `.catalog-item-row[data-item="${itemId}"] .catalog-item-row__stock`).textContent()).toBe('4');
      for (const control of ['.catalog-new', '.catalog-publish', '.catalog-edit', '.catalog-stock-submit']) {
        expect([control, await page.locator(`${control}:visible`).count()]).toEqual([control, 0]);
      }
      await shot(page, `console-items-analyst-${width}`);
    }, 90_000);

    test('an admin creates a channel: the secret shows once, the list only its fingerprint; stores and activities list', async () => {
      const channelId = `web-${width}`;
      await openAs(page, cloud.url, 'demo-admin', '/packages/admin/channels/index');
      await visible(page, '.catalog-channel-row').first().waitFor({ timeout: 15_000 });
      await fillField(page, '.catalog-channel-id', channelId);
      await fillField(page, '.catalog-channel-name', `网页渠道 ${width}`);
      await visible(page, '.catalog-channel-create').click();
      await visible(page, '.catalog-secret-value').waitFor({ timeout: 15_000 });
      const secret = (await visible(page, '.catalog-secret-value').textContent()) ?? '';
      expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
      await visible(page, `.catalog-channel-row[data-channel="${channelId}"]`).waitFor({ timeout: 15_000 });
      await shot(page, `console-channels-${width}`);
      await visible(page, '.catalog-secret-done').click();
      expect(await page.locator('.catalog-secret-value:visible').count()).toBe(0);
      expect(await page.locator('body').textContent()).not.toContain(secret);
      expect(await visible(page, `.catalog-channel-row[data-channel="${channelId}"] .catalog-channel-row__fingerprint`).textContent()).toMatch(/^[0-9a-f]{8}$/);

      await page.goto(`${cloud.url}/#/packages/admin/stores/index`);
      await settle(page, '/packages/admin/stores/index');
      await visible(page, '.catalog-store-row').first().waitFor({ timeout: 15_000 });
      expect(await page.locator('.catalog-store-row:visible').count()).toBe(cloud.db.find('stores', {}).total);
      await shot(page, `console-stores-${width}`);
      await page.goto(`${cloud.url}/#/packages/admin/activities/index`);
      await settle(page, '/packages/admin/activities/index');
      await visible(page, '.catalog-activity-row').first().waitFor({ timeout: 15_000 });
      expect(await page.locator('.catalog-activity-row:visible').count()).toBe(cloud.db.find('activities', {}).total);
      await shot(page, `console-activities-${width}`);
    }, 90_000);
  });
});
