// 积分抵扣 in the H5 build at 375 px (demo seed): the clerk asks in 登记消费; the member's own phone (another browser
// context, signed in as the member) shows the request on the member code page and approves it; the clerk's screen
// follows (等待会员确认 → 会员已同意), and only then the purchase records with the deduction. A declined request says
// so on both sides and spends nothing.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, openAs, openScannedMember, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

interface Home { points: { balance: number; spendable: number } }

(canRun ? describe : describe.skip)('积分抵扣: the clerk asks, the member approves on their own phone (H5 at 375 px)', () => {
  let cloud: LocalCloud;
  let page: Page;
  let browser: Browser;
  let phone: Page;
  let phoneContext: BrowserContext;

  useH5Suite(async (suite) => {
    ({ cloud, page, browser } = suite);
    await page.setViewportSize({ width: 375, height: 812 });
    phoneContext = await browser.newContext({ viewport: { width: 375, height: 812 } });
    phone = await phoneContext.newPage();
  });

  afterAll(async () => {
    await phoneContext?.close();
  });

  const home = () => callFunction<Home>(cloud.url, 'member', 'demo-member-2', { action: 'home' });
  const fill = async (receipt: string, yuan: string) => {
    await page.locator('.order-id-input:visible input').fill(receipt);
    await page.locator('.amount-input:visible input').fill(yuan);
  };

  test('approved: the member confirms on the code page, then 登记消费 records with the points', async () => {
    await signInAs(page, cloud.url, 'demo-clerk');
    await openScannedMember(page, cloud.url, 'demo-member-2');
    const before = await home();
    const points = Math.min(before.points.spendable, 6000); // at most 50 % of 120 yuan
    expect(points).toBeGreaterThanOrEqual(100);

    // Without a receipt nothing is asked.
    await visible(page, '.deduction-ask').click();
    await page.waitForTimeout(300);
    expect(await page.locator('.deduction-status:visible').count()).toBe(0);

    await fill('UI-DED-1', '120');
    await visible(page, '.deduction-ask').click();
    const status = visible(page, '.deduction-status');
    await status.waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toBe(`等待会员在手机上确认：${points.toLocaleString('en-US')} 积分抵 ${(points / 100).toFixed(2)} 元`);
    expect(await visible(page, '.deduction-hint').textContent()).toBe('请会员打开小程序「会员码」页面确认，店员不能代为操作');
    // Nothing reserved while the member has not answered.
    expect((await home()).points.spendable).toBe(before.points.spendable);
    await shot(page, 'deduction-clerk-waiting');

    // The member's phone: the code page shows the request.
    await openAs(phone, cloud.url, 'demo-member-2', '/packages/mall/code/index');
    const request = visible(phone, '.deduction-request');
    await request.waitFor({ timeout: 15_000 });
    expect(await visible(phone, '.deduction-request__points').textContent()).toBe(`${points.toLocaleString('en-US')} 积分 抵 ¥${(points / 100).toFixed(2)}`);
    expect(await request.textContent()).toContain('请求使用您的积分抵扣本次消费');
    expect(await request.textContent()).toContain(`订单金额 ¥120.00，抵扣后应付 ¥${((12000 - points) / 100).toFixed(2)}`);
    expect(await visible(phone, '.member-qr').count()).toBe(1); // the code stays on the page
    await shot(phone, 'deduction-member-request');
    await visible(phone, '.deduction-request__approve').click();
    await visible(phone, '.deduction-request__done').waitFor({ timeout: 15_000 });
    expect(await visible(phone, '.deduction-request__done').textContent()).toMatch(new RegExp(`^已同意，${points.toLocaleString('en-US')} 积分已为本次消费预留至 \\d{2}:\\d{2}$`));
    await shot(phone, 'deduction-member-approved');
    expect((await home()).points.spendable).toBe(before.points.spendable - points);

    // The clerk's screen follows within a poll; 登记消费 now carries the deduction.
    await eventually(() => status.getAttribute('data-status'), 'held');
    expect(await status.textContent()).toBe(`会员已同意：${points.toLocaleString('en-US')} 积分抵 ${(points / 100).toFixed(2)} 元，应收现金 ${((12000 - points) / 100).toFixed(2)} 元`);
    expect(await visible(page, '.purchase-submit').textContent()).toBe(`登记消费（积分抵扣 ${(points / 100).toFixed(2)} 元）`);
    // The header's 可用积分 shows what the reservation left; 取消积分抵扣 is offered until the purchase is recorded.
    await eventually(() => visible(page, '.member-points').textContent(), (before.points.spendable - points).toLocaleString('en-US'));
    expect(await visible(page, '.deduction-cancel').textContent()).toBe('取消积分抵扣');
    await shot(page, 'deduction-clerk-approved');
    await visible(page, '.purchase-submit').click();
    await visible(page, '.purchase-ok').waitFor({ timeout: 15_000 });
    const after = await home();
    expect(await visible(page, '.purchase-ok').textContent()).toContain(`（积分抵扣 ${points.toLocaleString('en-US')} 积分，抵 ${(points / 100).toFixed(2)} 元，实收 ${((12000 - points) / 100).toFixed(2)} 元）`);
    // The points are spent; the cash part earns (at the member's tier multiplier, at most ×2, and any campaign).
    const earned = after.points.balance - (before.points.balance - points);
    expect(earned).toBeGreaterThan(0);
    expect(await visible(page, '.purchase-ok').textContent()).toContain(`获得 ${earned.toLocaleString('en-US')} 积分`);
    expect(await page.locator('.deduction-status:visible').count()).toBe(0); // the form is clear for the next receipt
    await shot(page, 'deduction-clerk-recorded');
  }, 120_000);

  test('declined: the clerk reads 会员已拒绝 and records without points', async () => {
    const before = await home();
    await fill('UI-DED-2', '80');
    await visible(page, '.deduction-ask').click();
    const status = visible(page, '.deduction-status');
    await eventually(() => status.getAttribute('data-status'), 'requested');
    await phone.reload();
    await visible(phone, '.deduction-request').waitFor({ timeout: 15_000 });
    await visible(phone, '.deduction-request__decline').click();
    await visible(phone, '.deduction-request__done').waitFor({ timeout: 15_000 });
    expect(await visible(phone, '.deduction-request__done').textContent()).toBe('已拒绝，本次消费不使用积分');
    await eventually(() => status.getAttribute('data-status'), 'declined');
    expect(await status.textContent()).toBe('会员已拒绝积分抵扣，可直接登记消费（不使用积分）');
    expect(await visible(page, '.deduction-ask').textContent()).toBe('重新发起积分抵扣');
    await shot(page, 'deduction-clerk-declined');
    const previous = await visible(page, '.purchase-ok').textContent();
    await visible(page, '.purchase-submit').click();
    await eventually(async () => (await visible(page, '.purchase-ok').textContent()) !== previous, true);
    expect(await visible(page, '.purchase-ok').textContent()).toMatch(/^登记成功：获得 \d+ 积分/);
    expect((await home()).points.balance).toBeGreaterThan(before.points.balance);
  }, 120_000);
});
