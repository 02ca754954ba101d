// 发货 in the console (H5 build, demo seed): a member redeems the mailed tote bag; an operator finds it under 待发货
// with the address, records the carrier and tracking number, and it moves to 已发货; the member's 我的兑换 shows the
// parcel. At 375 px and 1280 px.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();
const SHIP_TO = { name: '王五', phone: '13900001111', address: '上海市徐汇区漕溪北路 88 号' };

(canRun ? describe : describe.skip)('console 发货 (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  describe.each([375, 1280])('at %i px', (width) => {
    test('an operator ships the waiting parcel; the member sees carrier and tracking number', async () => {
      const member = width === 375 ? 'demo-member-2' : 'demo-member-3';
      const { redemptionId } = await callFunction<{ redemptionId: string }>(cloud.url, 'mall', member, { action: 'redeem', itemId: 'tote-bag', requestId: `ship-browser-${width}`, shipping: SHIP_TO });
      await page.setViewportSize({ width, height: width > 900 ? 900 : 812 });
      await signInAs(page, cloud.url, 'demo-operator');
      await page.goto(`${cloud.url}/#/packages/admin/shipments/index`);
      await settle(page, '/packages/admin/shipments/index');
      const order = visible(page, `.shipment-order[data-id="${redemptionId}"]`);
      await order.waitFor({ timeout: 15_000 });
      expect(await order.locator('.shipment-address').textContent()).toBe(`${SHIP_TO.name} ${SHIP_TO.phone} · ${SHIP_TO.address}`);
      await order.locator('.shipment-carrier input').fill('顺丰速运');
      await order.locator('.shipment-tracking input').fill('sf1029384756');
      await shot(page, `console-shipments-pending-${width}`);
      await order.locator('.shipment-ship').click();
      await eventually(() => page.locator(`.shipment-order[data-id="${redemptionId}"]:visible`).count(), 0);

      await visible(page, '.shipment-tab--shipped').click();
      const shipped = visible(page, `.shipment-order[data-id="${redemptionId}"]`);
      await shipped.waitFor({ timeout: 15_000 });
      expect(await shipped.locator('.shipment-parcel').textContent()).toMatch(/^顺丰速运 SF1029384756 · \d{4}-\d{2}-\d{2} \d{2}:\d{2} 发货$/);
      await shot(page, `console-shipments-shipped-${width}`);

      const mine = await callFunction<{ items: Array<{ id: string; shipment: { status: string; carrier: string; trackingNo: string } }> }>(cloud.url, 'mall', member, { action: 'myRedemptions' });
      expect(mine.items.find((r) => r.id === redemptionId)?.shipment).toMatchObject({ status: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1029384756' });
    }, 120_000);
  });
});
