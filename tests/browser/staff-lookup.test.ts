// A member whose code will not scan (H5 build, demo seed, 375 px): the clerk types the member's phone, sees the
// member with their unused vouchers (one the store cannot take, saying why), and writes one off from there; it leaves
// the list and today's activity counts it.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();
const PHONE = '13955556666';

(canRun ? describe : describe.skip)('staff look a member up by phone and write a voucher off from the member (H5, 375 px)', () => {
  let cloud: LocalCloud;
  let page: Page;
  let coupon = '';
  let breakfast = '';

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    await page.setViewportSize({ width: 375, height: 812 });
    await cloud.db.insertMany('member_phones', [{ _id: PHONE, openid: 'demo-member-1', boundAt: new Date() }]);
    const redeem = (itemId: string, requestId: string) => callFunction<{ voucher: { code: string } }>(cloud.url, 'mall', 'demo-member-1', { action: 'redeem', itemId, requestId });
    coupon = (await redeem('coupon-20', 'lookup-browser-coupon')).voucher.code;
    breakfast = (await redeem('hotel-breakfast', 'lookup-browser-breakfast')).voucher.code;
  });

  test('by phone: the member and their vouchers; 核销 from the member writes it off once', async () => {
    await signInAs(page, cloud.url, 'demo-clerk');
    await settle(page, '/packages/staff/index/index');
    await page.locator('.code-input:visible input').fill(PHONE);
    await visible(page, '.code-submit').click();
    await settle(page, '/packages/staff/member/index');
    await visible(page, '.held-vouchers').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.member-no').textContent()).toMatch(/^会员号 8\d{10}$/);
    const couponRow = visible(page, `.staff-voucher[data-code="${coupon}"]`);
    const breakfastRow = visible(page, `.staff-voucher[data-code="${breakfast}"]`);
    await couponRow.waitFor({ timeout: 15_000 });
    // The hotel's breakfast cannot be written off in the mall: no button, and the reason.
    expect(await breakfastRow.locator('.voucher-write-off').count()).toBe(0);
    expect(await breakfastRow.locator('.staff-voucher__why').textContent()).toBe('该券不能在本门店核销');
    await shot(page, 'staff-lookup-vouchers-375');

    await couponRow.locator('.voucher-write-off').click();
    await page.getByText('确认核销', { exact: true }).click();
    await visible(page, '.write-off-ok').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.write-off-ok').textContent()).toBe('核销成功：20 元无门槛代金券');
    await eventually(() => page.locator(`.staff-voucher[data-code="${coupon}"]`).count(), 0);
    const redemption = cloud.db.find('redemptions', { voucherCode: coupon }).docs[0] as { status: string; used: { staff: string } };
    expect(redemption).toMatchObject({ status: 'used', used: { staff: 'demo-clerk' } });
    await shot(page, 'staff-lookup-written-off-375');

    // Back on the workbench the day's write-off is counted; 前一天 shows yesterday read only, 今天 comes back.
    await page.goBack();
    await settle(page, '/packages/staff/index/index');
    const today = await visible(page, '.day-pick').textContent();
    expect(Number(await visible(page, '.day-write-offs').textContent())).toBeGreaterThanOrEqual(1);
    await visible(page, '.day-prev').click();
    await eventually(async () => (await visible(page, '.day-pick').textContent()) !== today, true);
    expect(await page.locator('.undo-open:visible').count()).toBe(0);
    expect(await visible(page, '.staff-day .staff-card__title').textContent()).toMatch(/^\d{2}月\d{2}日动态$/);
    await shot(page, 'staff-day-yesterday-375');
    await visible(page, '.day-today').click();
    await eventually(() => visible(page, '.day-pick').textContent(), today);

    // An unknown phone says so on the member screen.
    await page.locator('.code-input:visible input').fill('13900000001');
    await visible(page, '.code-submit').click();
    await settle(page, '/packages/staff/member/index');
    await eventually(() => visible(page, '.scan-error').textContent(), '没有会员绑定这个手机号');
  }, 120_000);
});
