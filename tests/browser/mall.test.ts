// The points mall and the staff workbench in the H5 build served by the local cloud (demo seed): a member redeems
// an item and sees the voucher; a clerk enters a member code and records a purchase, writes the voucher off, and
// sees it refused the second time.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, openScannedMember, settle, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

(canRun ? describe : describe.skip)('points mall and staff pages (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;
  let voucher = '';

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  test('a member sees what they can and cannot redeem, redeems a coupon and sees its voucher', async () => {
    await signInAs(page, cloud.url, 'demo-member-5');
    await visible(page, '.mall-links__item--mall').waitFor();
    expect(await page.locator('.mall-links__item--staff:visible').count()).toBe(0); // members get no staff entry
    await visible(page, '.mall-links__item--mall').click();
    await settle(page, '/packages/mall/index/index');
    await visible(page, '.mall-item[data-id="coupon-20"]').waitFor({ timeout: 15_000 });
    // 普通会员 with few points: the PLUS card names the tier it needs, the umbrella is sold out.
    expect(await visible(page, '.mall-item[data-id="plus-annual"] .mall-item__reason').textContent()).toBe('仅限金牌会员及以上兑换');
    expect(await visible(page, '.mall-item[data-id="umbrella"] .mall-item__reason').textContent()).toBe('已兑完');
    await signInAs(page, cloud.url, 'demo-member-2');
    await visible(page, '.mall-links__item--mall').click();
    await settle(page, '/packages/mall/index/index');
    await visible(page, '.mall-item[data-id="coupon-20"]').click();
    await settle(page, '/packages/mall/detail/index');
    await visible(page, '.redeem-button').click();
    await visible(page, '.confirm-button').click();
    await visible(page, '.voucher__code').waitFor({ timeout: 15_000 });
    voucher = ((await visible(page, '.voucher__code').textContent()) ?? '').replace(/\s+/g, '');
    expect(voucher).toMatch(/^\d{12}$/);
    const stored = cloud.db.find('redemptions', { voucherCode: voucher }).docs[0] as { openid: string; itemId: string; status: string };
    expect(stored).toMatchObject({ openid: 'demo-member-2', itemId: 'coupon-20', status: 'issued' });
    // My redemptions lists it with the same code.
    await visible(page, '.secondary-button').click();
    await settle(page, '/packages/mall/redemptions/index');
    await visible(page, '.voucher-code').first().waitFor({ timeout: 15_000 });
    expect(((await visible(page, '.voucher-code').first().textContent()) ?? '').replace(/\s+/g, '')).toBe(voucher);
  }, 90_000);

  test('a clerk enters a member code, records a purchase, writes the voucher off, and is refused the second time', async () => {
    await signInAs(page, cloud.url, 'demo-clerk');
    await openScannedMember(page, cloud.url, 'demo-member-3');
    await page.locator('.order-id-input:visible input').fill('B-0001');
    await page.locator('.amount-input:visible input').fill('88.00');
    await visible(page, '.purchase-submit').click();
    await visible(page, '.purchase-ok').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.purchase-ok').textContent()).toMatch(/^登记成功：获得 \d+ 积分/);
    expect(cloud.db.find('orders', { _id: 'store-mall-01:B-0001' }).docs[0]).toMatchObject({ paidFen: 8800, issuer: 'staff:demo-clerk', format: 'mall' });

    await page.goBack();
    await settle(page, '/packages/staff/index/index');
    await page.locator('.code-input:visible input').fill(voucher);
    await visible(page, '.code-submit').click();
    await visible(page, '.write-off-ok').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.write-off-ok').textContent()).toContain('核销成功：20 元无门槛代金券');
    await visible(page, '.code-submit').click();
    await visible(page, '.write-off-error').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.write-off-error').textContent()).toMatch(/^该券已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 在 星河广场旗舰店 核销$/);
    expect(await visible(page, '.staff-activity-entry[data-type="writeOff"]').count()).toBe(1);
  }, 90_000);
});
