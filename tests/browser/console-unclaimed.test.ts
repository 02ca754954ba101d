// 待认领订单 (H5 build, demo seed): the demo POS delivers a paid order by a phone nobody has bound; an operator finds
// it under 待认领 with its amount and how long it can be claimed; a member who binds that phone in 编辑资料 is told
// the order was credited (已补记) and the order moves to 已认领 with their member number. At 375 px and 1280 px.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { DEMO_CHANNEL } from '../../localcloud/seed/demo';
import { sign } from '../../cloudfunctions/runtime/signature';
import { browserAvailable, callFunction, eventually, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

function paidByPhone(orderId: string, phone: string, amountFen: number) {
  const order = { orderId, phone, amountFen, paidAt: new Date(Date.now() - 3_600_000).toISOString(), format: 'mall' };
  const env = { channel: DEMO_CHANNEL._id, timestamp: Date.now(), nonce: `unclaimed-${orderId}` };
  return { action: 'paid', ...env, signature: sign(DEMO_CHANNEL.secret, 'paid', env, order), order };
}

(canRun ? describe : describe.skip)('console 待认领订单 (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  describe.each([375, 1280])('at %i px', (width) => {
    test('an order by an unbound phone waits under 待认领; the member who binds the phone gets it', async () => {
      const phone = width === 375 ? '13912340375' : '13912341280';
      const member = width === 375 ? 'unclaimed-browser-a' : 'unclaimed-browser-b';
      const orderId = `POS-UNCLAIMED-${width}`;
      const paid = await callFunction<{ unclaimed: boolean }>(cloud.url, 'order', 'nobody', paidByPhone(orderId, phone, 25680));
      expect(paid.unclaimed).toBe(true);
      await page.setViewportSize({ width, height: width > 900 ? 900 : 812 });

      await signInAs(page, cloud.url, 'demo-operator');
      await page.goto(`${cloud.url}/#/packages/admin/unclaimed/index`);
      await settle(page, '/packages/admin/unclaimed/index');
      const waiting = visible(page, `.unclaimed-order[data-id="${orderId}"]`);
      await waiting.waitFor({ timeout: 15_000 });
      expect(await waiting.locator('.console-card__title').textContent()).toBe(`256.80 元 · 手机号 ${phone}`);
      expect(await waiting.locator('.unclaimed-until').textContent()).toMatch(/^绑定该手机号的会员可获得积分与成长值，可认领至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      await shot(page, `console-unclaimed-waiting-${width}`);

      // A new member joins and binds the phone in 编辑资料 (the H5 demo takes the typed number as the code).
      await page.goto(`${cloud.url}/#/pages/login/index`);
      await page.locator('.openid-input input').fill(member);
      await visible(page, '.openid-submit').click();
      await page.waitForSelector('.member-card', { timeout: 15_000 });
      await page.goto(`${cloud.url}/#/packages/profile/edit/index`);
      await settle(page, '/packages/profile/edit/index');
      await visible(page, '.phone-input input').fill(phone);
      await visible(page, '.phone-bind').click();
      await visible(page, '.profile-phone-orders').waitFor({ timeout: 15_000 });
      // 256.80 yuan at ×1 → 256 points; growth (256 + 5) × 1.8 = 469.8 → 470.
      expect(await visible(page, '.profile-phone-orders').textContent()).toBe('已补记此前用该手机号的 1 笔消费：积分 +256，成长值 +470');
      await shot(page, `profile-phone-claimed-${width}`);

      await signInAs(page, cloud.url, 'demo-operator');
      await page.goto(`${cloud.url}/#/packages/admin/unclaimed/index`);
      await settle(page, '/packages/admin/unclaimed/index');
      await visible(page, '.unclaimed-tab--claimed').click();
      const claimed = visible(page, `.unclaimed-order[data-id="${orderId}"]`);
      await claimed.waitFor({ timeout: 15_000 });
      const memberNo = (await callFunction<{ member: { memberNo: string } }>(cloud.url, 'member', member, { action: 'home' })).member.memberNo;
      await eventually(() => claimed.locator('.unclaimed-claimed').textContent().then((t) => t?.startsWith(`已计入会员 ${memberNo} · `)), true);
      await shot(page, `console-unclaimed-claimed-${width}`);
    }, 120_000);
  });
});
