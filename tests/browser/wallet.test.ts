// 卡券包 and 生日 in the H5 build at 375 px (demo seed): the daily job issues demo-member-1's 钻石 benefits, the card's
// 我的券包 opens the 卡券包 with benefit and mall vouchers (digits, a QR with its quiet zone on tap), a claimable
// benefit is claimed once, a write-off moves a voucher to 已使用 and a new month moves the rest to 已过期; the card
// lists the benefits' terms; a member sets their birthday once in 编辑资料 and the card shows the birthday gift.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, openAs, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';
import type { Output } from '../../contract';

const canRun = browserAvailable();
const text = async (page: Page, selector: string) => ((await visible(page, selector).first().textContent()) ?? '').trim();
type Coupons = Output<'mall', 'coupons'>;

async function setClock(cloud: LocalCloud, iso: string) {
  const res = await fetch(`${cloud.url}/_clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: iso, freeze: true }) });
  expect(res.ok).toBe(true);
}
const runJob = async (cloud: LocalCloud) => expect((await fetch(`${cloud.url}/_triggers/jobs`, { method: 'POST' })).status).toBe(200);

(canRun ? describe : describe.skip)('卡券包 and 生日 (H5 in headless Chromium, 375 px)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    await page.setViewportSize({ width: 375, height: 812 });
  });

  test('the wallet: benefit vouchers with digits and QR, a claim once, 已使用 after a write-off, 已过期 next month', async () => {
    const openid = 'demo-member-1';
    await runJob(cloud);
    const before = await callFunction<Coupons>(cloud.url, 'mall', openid, { action: 'coupons', tab: 'toUse' });
    const benefit = before.items.filter((c) => c.source === 'benefit');
    expect(benefit.filter((c) => c.title === '免费停车')).toHaveLength(4);
    expect(before.claimable.map((b) => b.title)).toEqual(['酒店延迟退房']);

    await signInAs(page, cloud.url, openid);
    const wallet = await callFunction<Output<'mall', 'wallet'>>(cloud.url, 'mall', openid, { action: 'wallet' });
    await eventually(() => text(page, '.wallet-entry__count'), `${wallet.vouchers} 张可用 ›`);
    // The card's benefits say what each gives, from its definition.
    await eventually(async () => (await visible(page, '.benefit-item__terms').allTextContents()).includes('每月 4 张 · 限购物中心使用 · 当月有效'), true);

    await visible(page, '.wallet-entry').click();
    await settle(page, '/packages/mall/wallet/index');
    await eventually(() => text(page, '.redemption-tab--active'), '待使用');
    await eventually(() => visible(page, '.coupon .voucher-code').count(), before.items.length);
    const parking = visible(page, '.coupon[data-source="benefit"]').filter({ hasText: '免费停车' }).first();
    expect(await parking.locator('.coupon__meta').first().textContent()).toMatch(/^限购物中心使用 · 有效期至 \d{4}-\d{2}-\d{2}$/);
    const digits = (await parking.locator('.voucher-code').textContent())!.trim();
    expect(digits).toMatch(/^\d{4} \d{4} \d{4}$/);
    await parking.locator('.coupon__qr-toggle').click();
    await parking.locator('.qr__image img, img.qr__image').first().waitFor({ timeout: 5000 });
    const box = await parking.locator('.qr').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(375);
    await shot(page, 'wallet-to-use');

    // Claim 酒店延迟退房: 2 vouchers, the claim card goes away; a second claim is not offered.
    await visible(page, '.coupon--claimable .coupon__claim').click();
    await eventually(() => visible(page, '.coupon--claimable').count(), 0);
    await eventually(() => visible(page, '.coupon[data-source="benefit"]').filter({ hasText: '酒店延迟退房' }).count(), 2);
    const again = await callFunction<Coupons>(cloud.url, 'mall', openid, { action: 'coupons', tab: 'toUse' });
    expect(again.claimable).toEqual([]);

    // A clerk of the mall writes the parking voucher off: 已使用 shows it with the store.
    const code = digits.replace(/\s/g, '');
    await callFunction(cloud.url, 'staff', 'demo-clerk', { action: 'verifyVoucher', code });
    await visible(page, '.wallet-tab--used').click();
    await eventually(() => text(page, '.redemption-tab--active'), '已使用');
    await eventually(() => visible(page, '.coupon--used').filter({ hasText: '免费停车' }).count(), 1);
    expect(await visible(page, '.coupon--used').filter({ hasText: '免费停车' }).first().textContent()).toContain('于 星河广场旗舰店 核销');

    // Next month: this month's parking vouchers are 已过期 (3 left unused), no code shown.
    const now = new Date();
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 2, 4));
    await setClock(cloud, next.toISOString());
    await visible(page, '.wallet-tab--expired').click();
    await eventually(() => text(page, '.redemption-tab--active'), '已过期');
    await eventually(() => visible(page, '.coupon--expired').filter({ hasText: '免费停车' }).count(), 3);
    expect(await visible(page, '.coupon--expired .voucher-code').count()).toBe(0);
    await shot(page, 'wallet-expired');
    await fetch(`${cloud.url}/_clock`, { method: 'DELETE' });
  }, 120_000);

  test('birthday: set once in 编辑资料 (a second step confirms), then shown locked; the card shows the birthday gift', async () => {
    const openid = 'demo-member-2';
    await signInAs(page, cloud.url, openid);
    await visible(page, '.profile-link').click();
    await settle(page, '/packages/profile/edit/index');
    await visible(page, '.birthday-save').waitFor({ timeout: 15_000 });
    // 4 月 31 日 does not exist: refused on the phone, nothing sent.
    await visible(page, '.birthday-month input').fill('4');
    await visible(page, '.birthday-day input').fill('31');
    await visible(page, '.birthday-save').click();
    await visible(page, '.birthday-confirm').click();
    await eventually(() => text(page, '.birthday-error'), '生日日期不存在');
    expect((await callFunction<Output<'member', 'home'>>(cloud.url, 'member', openid, { action: 'home' })).birthday).toBeNull();

    const month = Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(5, 7));
    await visible(page, '.birthday-day input').fill('9');
    await visible(page, '.birthday-month input').fill(String(month));
    await visible(page, '.birthday-year input').fill('1992');
    await visible(page, '.birthday-save').click();
    expect(await text(page, '.profile-birthday-confirm .profile-hint')).toBe(`确认生日为 ${month} 月 9 日？设置后不能自行修改`);
    await shot(page, 'profile-birthday-confirm');
    await visible(page, '.birthday-confirm').click();
    await eventually(() => text(page, '.profile-birthday'), `1992 年 ${month} 月 9 日`);
    expect(await text(page, '.birthday-locked')).toBe('生日已设置，如需修改请到门店由工作人员办理');
    await shot(page, 'profile-birthday-set');
    const home = await callFunction<Output<'member', 'home'>>(cloud.url, 'member', openid, { action: 'home' });
    expect(home.birthday).toEqual({ month, day: 9, year: 1992 });

    // 金牌 in the birthday month: the gift is due; after the job it is in the wallet and the card says so.
    await runJob(cloud);
    await page.goBack();
    await settle(page, '/pages/index/index');
    await page.reload();
    await page.waitForSelector('.member-card', { timeout: 15_000 });
    await eventually(() => text(page, '.benefit-birthday'), `🎂 ${home.birthdayGift!.title}：${month} 月 · 已发放到卡券包`);
    await shot(page, 'home-birthday-gift');
  }, 120_000);

  test('结算报表 lists the month’s benefit write-offs apart from points (the parking voucher the mall wrote off: same format, not billed)', async () => {
    await openAs(page, cloud.url, 'demo-mall-manager', '/packages/staff/settlement/index');
    await eventually(() => text(page, '.settlement-benefits .staff-card__title'), '权益券成本（业态间）');
    await eventually(() => text(page, '.settlement-benefit'), '购物中心 发放 → 购物中心 核销：1 张，面值 0.00 元（同业态，不结算）');
    await shot(page, 'settlement-benefits');
  }, 60_000);
});
