// 附近门店 in the H5 build at 375 px (demo seed: four Shanghai stores): from the member card, with the browser's
// location granted (playwright geolocation, WGS-84, which the page converts to GCJ-02) the stores are listed nearest
// first with their distances, addresses, hours, 导航 and 拨打电话; with location refused, a clear note, 开启定位 and
// every store by name without distances.
import fs from 'fs';
import type { Browser, Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { wgs84ToGcj02 } from '../../client/src/packages/stores/gcj02';
import { browserAvailable, settle, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();
const OPENID = 'demo-member-1';
const SHOTS = '/tmp/shots';

// 人民广场 in GCJ-02, and the WGS-84 point a phone's GPS reports there (the GCJ-02 offset inverted).
const PEOPLES_SQUARE = { latitude: 31.2304, longitude: 121.4737 };
function gpsAt(target: { latitude: number; longitude: number }) {
  let p = { ...target };
  for (let i = 0; i < 5; i++) {
    const g = wgs84ToGcj02(p);
    p = { latitude: p.latitude + target.latitude - g.latitude, longitude: p.longitude + target.longitude - g.longitude };
  }
  return p;
}

const texts = (page: Page, selector: string) => visible(page, selector).allTextContents();

async function openNearby(page: Page) {
  await visible(page, '.mall-links__item--stores').click();
  await settle(page, '/packages/stores/nearby/index');
  await visible(page, '.nearby-store').first().waitFor({ timeout: 20_000 });
}

(canRun ? describe : describe.skip)('附近门店 (H5 at 375 px in headless Chromium)', () => {
  let cloud: LocalCloud;
  let browser: Browser;
  let page: Page;

  useH5Suite(async (suite) => {
    ({ cloud, browser, page } = suite);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.context().grantPermissions(['geolocation'], { origin: cloud.url });
    await page.context().setGeolocation({ ...gpsAt(PEOPLES_SQUARE), accuracy: 20 });
    // 导航 outside WeChat opens a web map: recorded instead of opened.
    // (A page string: the root project has no DOM types.)
    await page.addInitScript({ content: 'window.opened = []; window.open = (url) => { window.opened.push(url); return null; };' });
    await signInAs(page, cloud.url, OPENID);
  });

  test('location granted: nearest first with distances, address, hours, 导航 and 拨打电话', async () => {
    await openNearby(page);
    expect(await texts(page, '.nearby-store__name')).toEqual(['星河广场旗舰店', '星河酒店', '星河广场徐汇店', '星河酒店虹桥店']);
    // 2,640 m, 3,261 m, 5,198 m and 15,197 m from 人民广场 (tests/integration/nearbyStores.test.ts).
    expect(await texts(page, '.nearby-store__distance')).toEqual(['2.6 公里', '3.3 公里', '5.2 公里', '15.2 公里']);
    expect(await texts(page, '.nearby-store__format')).toEqual(['购物中心', '酒店', '购物中心', '酒店']);
    const first = visible(page, '.nearby-store[data-id="store-mall-01"]');
    expect(await first.locator('.nearby-store__address').textContent()).toBe('上海市静安区南京西路 1618 号');
    expect(await first.locator('.nearby-store__hours').textContent()).toBe('营业时间：10:00-22:00');
    expect(await visible(page, '.nearby-caption').textContent()).toBe('按距离由近到远');
    expect(await page.locator('.nearby-notice:visible').count()).toBe(0);
    // Every store has 导航; 拨打电话 only where a phone is known (not 徐汇店).
    expect(await page.locator('.nearby-store__action--navigate:visible').count()).toBe(4);
    expect(await page.locator('.nearby-store:visible .nearby-store__action--call').count()).toBe(3);
    expect(await visible(page, '.nearby-store[data-id="store-mall-02"] .nearby-store__action--call').count()).toBe(0);

    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/nearby.png`, fullPage: true });

    await first.locator('.nearby-store__action--navigate').click();
    const opened = await page.evaluate<string[]>('window.opened');
    expect(opened).toEqual([expect.stringContaining('position=121.447,31.224')]);
  }, 90_000);

  test('location refused: a clear note, 开启定位, and every store by name without distance', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    try {
      const denied = await context.newPage();
      await signInAs(denied, cloud.url, OPENID);
      await openNearby(denied);
      expect(await visible(denied, '.nearby-notice__text').textContent()).toBe(
        '未获得位置授权，无法按距离排序。以下为全部门店，开启定位后可查看离你最近的门店。',
      );
      expect(await visible(denied, '.nearby-notice__action').textContent()).toBe('开启定位');
      expect(await visible(denied, '.nearby-caption').textContent()).toBe('全部门店');
      const names = await texts(denied, '.nearby-store__name');
      expect(names).toHaveLength(4);
      expect(names).toEqual([...names].sort());
      expect(await denied.locator('.nearby-store__distance:visible').count()).toBe(0);
      await denied.screenshot({ path: `${SHOTS}/nearby-denied.png`, fullPage: true });

      // Allowed afterwards: 开启定位 locates again and the list turns to distances.
      await context.grantPermissions(['geolocation'], { origin: cloud.url });
      await context.setGeolocation({ ...gpsAt(PEOPLES_SQUARE), accuracy: 20 });
      await visible(denied, '.nearby-notice__action').click();
      await visible(denied, '.nearby-store__distance').first().waitFor({ timeout: 20_000 });
      expect(await texts(denied, '.nearby-store__name')).toEqual(['星河广场旗舰店', '星河酒店', '星河广场徐汇店', '星河酒店虹桥店']);
    } finally {
      await context.close();
    }
  }, 90_000);
});
