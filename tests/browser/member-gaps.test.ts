// Issue 16, the gaps a member expects (H5 in headless Chromium at 375 px, demo seed): the home screen (member code on
// the card, the icon grid, 我的券包, the points-expiry reminder, the tab bar), the mall's 只看我能兑换的 with sold-out and
// coming-soon states, 我的兑换's tabs with a mailed item's shipping status, earlier months of the check-in calendar,
// the invite landing page, and consistency (thousands separators, masked leaderboard names, 取消兑换 dialog buttons).
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';
import type { Output } from '../../contract';

const canRun = browserAvailable();
const text = async (page: Page, selector: string) => ((await visible(page, selector).first().textContent()) ?? '').trim();
const grouped = (n: number) => n.toLocaleString('en-US');
const rid = (name: string) => `gaps-${name}-${Date.now()}`;

type Home = Output<'member', 'home'>;
type MallList = Output<'mall', 'list'>;
type Calendar = Output<'checkin', 'calendar'>;

(canRun ? describe : describe.skip)('member screens: the gaps of issue 16 (H5 in headless Chromium, 375 px)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    await page.setViewportSize({ width: 375, height: 812 });
  });

  test('home: card with tier, growth and points; member code one tap away; icon grid; 我的券包; expiry reminder; tab bar', async () => {
    const openid = 'demo-member-1';
    // The demo seed's own redemptions leave vouchers in the wallet too: two more are counted on top.
    const seeded = (await callFunction<Output<'mall', 'wallet'>>(cloud.url, 'mall', openid, { action: 'wallet' })).vouchers;
    await callFunction(cloud.url, 'mall', openid, { action: 'redeem', itemId: 'coupon-20', requestId: rid('home-coupon') });
    await callFunction(cloud.url, 'mall', openid, { action: 'redeem', itemId: 'tumbler', requestId: rid('home-tumbler') });
    const wallet = await callFunction<Output<'mall', 'wallet'>>(cloud.url, 'mall', openid, { action: 'wallet' });
    expect(wallet.vouchers).toBe(seeded + 2);
    await signInAs(page, cloud.url, openid);
    const home = await callFunction<Home>(cloud.url, 'member', openid, { action: 'home' });

    expect(await text(page, '.tier-name')).toBe(home.tier.name);
    expect(await text(page, '.points-balance')).toBe(grouped(home.points.balance));
    expect(home.points.balance).toBeGreaterThanOrEqual(1000); // the separator shows
    expect(await text(page, '.points-balance')).toContain(',');
    expect(await visible(page, '.progress__bar').count()).toBe(1);

    const labels = await visible(page, '.home-grid__label').allTextContents();
    expect(labels).toEqual(['签到', '任务', '积分商城', '我的兑换', '积分明细', '会员等级', '邀请好友', '排行榜', '附近门店', '编辑资料']);
    // (no DOM types in the root project: the image's fields are read as plain properties)
    const icons = await visible(page, '.home-grid__svg img').evaluateAll((imgs) => imgs.map((i) => { const img = i as unknown as { src: string; naturalWidth: number }; return [img.src.slice(0, 26), img.naturalWidth > 0]; }));
    expect(icons).toHaveLength(10);
    for (const [src, drawn] of icons) {
      expect(src).toBe('data:image/svg+xml;base64,');
      expect(drawn).toBe(true);
    }
    // Five to a row at 375 px: the first five share one top, the sixth starts the second row.
    const tops = await visible(page, '.home-grid__item').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tops.slice(0, 5)).size).toBe(1);
    expect(tops[5]).toBeGreaterThan(tops[0]);

    await eventually(() => text(page, '.wallet-entry__count'), `${wallet.vouchers} 张可用 ›`);
    expect(await text(page, '.wallet-entry__title')).toBe('我的券包');

    expect(await visible(page, '.home-tabbar__label').allTextContents()).toEqual(['首页', '会员码', '积分商城', '我的']);
    expect(await text(page, '.home-tabbar__item--active')).toBe('首页');
    const bar = await visible(page, '.home-tabbar').boundingBox();
    expect(Math.round(bar!.y + bar!.height)).toBe(812); // fixed at the bottom of the screen

    if (home.points.expiring) {
      expect(await text(page, '.points-expiring__text')).toBe(`${grouped(home.points.expiring.amount)} 积分将于 ${home.points.expiring.date} 过期`);
    }
    await shot(page, 'gaps-home');

    // The member code, one tap from the card.
    await visible(page, '.member-card__code').click();
    await settle(page, '/packages/mall/code/index');
    await visible(page, '.code-card').waitFor({ timeout: 15_000 });
    await page.goBack();
    await settle(page, '/pages/index/index');

    // 我的券包 opens the 卡券包 on 待使用 with those vouchers.
    await visible(page, '.wallet-entry').click();
    await settle(page, '/packages/mall/wallet/index');
    await eventually(() => text(page, '.redemption-tab--active'), '待使用');
    await eventually(() => visible(page, '.coupon .voucher-code').count(), wallet.vouchers);
    await page.goBack();
    await settle(page, '/pages/index/index');

    // The tab bar's 积分商城.
    await visible(page, '.home-tabbar__item--mall').click();
    await settle(page, '/packages/mall/index/index');
    await visible(page, '.mall-item').first().waitFor({ timeout: 15_000 });
    await page.goBack();
    await settle(page, '/pages/index/index');
  }, 90_000);

  test('home: the expiry reminder says how many points expire when, and opens the mall', async () => {
    // Late in the year the registration lot of a new member is about to expire.
    const openid = `gaps-expiry-${Date.now()}`;
    const year = new Date().getUTCFullYear();
    await fetch(`${cloud.url}/_clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: `${year - 1}-12-30T10:00:00+08:00` }) });
    try {
      await callFunction(cloud.url, 'member', openid, { action: 'login' });
      await fetch(`${cloud.url}/_clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: `${year}-12-20T10:00:00+08:00` }) });
      const home = await callFunction<Home>(cloud.url, 'member', openid, { action: 'home' });
      expect(home.points.expiring).not.toBeNull();
      await page.evaluate('localStorage.clear()');
      await page.goto(`${cloud.url}/#/pages/login/index`);
      await visible(page, '.openid-input input').fill(openid);
      await visible(page, '.openid-submit').click();
      await visible(page, '.points-expiring').waitFor({ timeout: 15_000 });
      expect(await text(page, '.points-expiring__text')).toBe(`${grouped(home.points.expiring!.amount)} 积分将于 ${home.points.expiring!.date} 过期`);
      expect(await text(page, '.points-expiring__go')).toBe('去兑换 ›');
      expect(await visible(page, '.points-expiring--soon').count()).toBe(home.points.expiringSoon ? 1 : 0);
      await shot(page, 'gaps-home-expiring');
      await visible(page, '.points-expiring').click();
      await settle(page, '/packages/mall/index/index');
      await visible(page, '.mall-item').first().waitFor({ timeout: 15_000 });
    } finally {
      await fetch(`${cloud.url}/_clock`, { method: 'DELETE' });
    }
  }, 60_000);

  test('mall: 只看我能兑换的 shows what the server says the member can redeem; sold-out and coming-soon states; no raw stock', async () => {
    const openid = 'demo-member-4'; // 银牌: enough points for some items, not the 金牌-only ones
    await signInAs(page, cloud.url, openid);
    const list = await callFunction<MallList>(cloud.url, 'mall', openid, { action: 'list' });
    const can = list.items.filter((i) => i.canRedeem).map((i) => i.id);
    expect(can.length).toBeGreaterThan(0);
    expect(can.length).toBeLessThan(list.items.length);

    await visible(page, '.mall-links__item--mall').click();
    await settle(page, '/packages/mall/index/index');
    await eventually(() => visible(page, '.mall-item').count(), list.items.length);
    const soon = visible(page, '.mall-item[data-id="spa-trial"]');
    expect(await soon.locator('.mall-item__state').textContent()).toBe('未开始');
    expect(await soon.locator('.mall-item__reason').textContent()).toMatch(/^\d{1,2}月\d{1,2}日 \d{2}:\d{2} 开抢$/);
    const gone = visible(page, '.mall-item[data-id="umbrella"]');
    expect(await gone.locator('.mall-item__state').textContent()).toBe('已兑完');
    expect(await page.locator('.mall-item:visible', { hasText: '库存' }).count()).toBe(0);
    for (const t of await visible(page, '.mall-item__price').allTextContents()) expect(t).toMatch(/^\d{1,3}(,\d{3})* 积分$/);
    await shot(page, 'gaps-mall-all');

    await visible(page, '.mall-filter').click();
    await eventually(async () => visible(page, '.mall-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), can);
    expect(await visible(page, '.mall-filter--on').count()).toBe(1);
    expect(await visible(page, '.mall-item__reason').count()).toBe(0);
    await shot(page, 'gaps-mall-mine');
    await visible(page, '.mall-filter').click();
    await eventually(() => visible(page, '.mall-item').count(), list.items.length);
  }, 60_000);

  test('我的兑换: 待使用 / 已使用 / 已取消 from the server; a mailed item shows 已发货 with carrier and tracking number', async () => {
    const openid = 'demo-member-2';
    const { member: m } = await callFunction<Home>(cloud.url, 'member', openid, { action: 'home' });
    await callFunction(cloud.url, 'admin', 'demo-admin', { action: 'adjustPoints', memberNo: m.memberNo, amount: 5000, reason: '测试充值', requestId: rid('topup') });
    const tote = await callFunction<Output<'mall', 'redeem'>>(cloud.url, 'mall', openid, {
      action: 'redeem', itemId: 'tote-bag', requestId: rid('tote'), shipping: { name: '王思远', phone: '13800138000', address: '上海市黄浦区南京东路 100 号' },
    });
    const kept = await callFunction<Output<'mall', 'redeem'>>(cloud.url, 'mall', openid, { action: 'redeem', itemId: 'hotel-breakfast', requestId: rid('kept') });
    const dropped = await callFunction<Output<'mall', 'redeem'>>(cloud.url, 'mall', openid, { action: 'redeem', itemId: 'hotel-breakfast', requestId: rid('dropped') });
    await callFunction(cloud.url, 'mall', openid, { action: 'cancel', redemptionId: dropped.redemptionId });
    // What a staff "mark shipped" action will store (no such action yet: issue 16 leaves it to the console side).
    await cloud.db.setFields('redemptions', { _id: tote.redemptionId }, { shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: new Date(), deliveredAt: null } });

    await signInAs(page, cloud.url, openid);
    await visible(page, '.mall-links__item--redemptions').click();
    await settle(page, '/packages/mall/redemptions/index');
    await eventually(() => text(page, '.redemption-tab--active'), '待使用');
    const mailed = visible(page, `.redemption[data-id="${tote.redemptionId}"]`);
    await mailed.waitFor({ timeout: 15_000 });
    expect(await mailed.locator('.redemption__status').textContent()).toBe('已发货');
    expect(await mailed.locator('.redemption-tracking').textContent()).toBe('顺丰速运 · 运单号 SF1234567890');
    expect(await mailed.locator('.redemption-cancel').count()).toBe(0);
    expect(await mailed.locator('.cancel-hint').textContent()).toBe('商品已发货，如需退换请联系客服');
    expect(await visible(page, `.redemption[data-id="${kept.redemptionId}"]`).count()).toBe(1);
    expect(await visible(page, `.redemption[data-id="${dropped.redemptionId}"]`).count()).toBe(0);
    await shot(page, 'gaps-redemptions-to-use');

    // 取消兑换's dialog says plainly which button does what.
    await visible(page, `.redemption[data-id="${kept.redemptionId}"] .redemption-cancel`).click();
    await page.getByText('暂不取消').waitFor({ timeout: 10_000 });
    expect(await page.getByText('确认取消').count()).toBeGreaterThan(0);
    await page.waitForTimeout(600); // the dialog fades in
    await shot(page, 'gaps-cancel-dialog');
    await page.getByText('暂不取消').click();

    await visible(page, '.redemption-tab--closed').click();
    await eventually(() => text(page, '.redemption-tab--active'), '已取消');
    await eventually(async () => visible(page, '.redemption').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), [dropped.redemptionId]);
    expect(await text(page, '.redemption__status')).toBe('已取消');
    await shot(page, 'gaps-redemptions-closed');

    await visible(page, '.redemption-tab--used').click();
    await eventually(() => text(page, '.redemption-tab--active'), '已使用');
    await eventually(() => text(page, '.redemptions-empty'), '没有已使用的兑换');
    // Signed for: the mailed item moves to 已使用 as 已签收.
    await cloud.db.setFields('redemptions', { _id: tote.redemptionId }, { shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: new Date(Date.now() - 86400e3), deliveredAt: new Date() } });
    await visible(page, '.redemption-tab--toUse').click();
    await eventually(() => visible(page, `.redemption[data-id="${tote.redemptionId}"]`).count(), 0);
    await visible(page, '.redemption-tab--used').click();
    await eventually(() => visible(page, `.redemption[data-id="${tote.redemptionId}"] .redemption__status`).count(), 1);
    expect(await text(page, `.redemption[data-id="${tote.redemptionId}"] .redemption__status`)).toBe('已签收');
    await shot(page, 'gaps-redemptions-used');
  }, 90_000);

  test('check-in calendar: back month by month to the month the member joined, days from the history', async () => {
    const openid = 'demo-member-1';
    await signInAs(page, cloud.url, openid);
    const current = await callFunction<Calendar>(cloud.url, 'checkin', openid, { action: 'calendar' });
    const prevMonth = (m: string) => { const [y, mo] = m.split('-').map(Number); return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`; };
    const title = (m: string) => `${m.slice(0, 4)} 年 ${Number(m.slice(5))} 月`;
    expect(current.firstMonth < current.month).toBe(true);

    await visible(page, '.engage-links__item--checkin').click();
    await settle(page, '/packages/engage/checkin/index');
    await eventually(() => text(page, '.calendar-title'), title(current.month));
    expect(await visible(page, '.calendar-nav__next--off').count()).toBe(1);
    expect(await text(page, '.checkin-balance__value')).toBe(grouped(current.balance));

    let month = current.month;
    let withDays = 0;
    while (month > current.firstMonth) {
      month = prevMonth(month);
      await visible(page, '.calendar-nav__prev').click();
      const asked = await callFunction<Calendar>(cloud.url, 'checkin', openid, { action: 'calendar', month });
      await eventually(() => text(page, '.calendar-title'), title(month));
      await eventually(async () => visible(page, '.calendar-day--checked').evaluateAll((els) => els.map((e) => e.getAttribute('data-day'))), asked.checkedDays);
      expect(await text(page, '.calendar-month-total')).toBe(`当月签到 ${asked.checkedDays.length} 天`);
      if (asked.checkedDays.length > 0) withDays += 1;
      if (withDays === 1 && asked.checkedDays.length > 0) await shot(page, 'gaps-checkin-earlier-month');
    }
    expect(withDays).toBeGreaterThan(0); // the seed's check-ins reach back before this month
    expect(await visible(page, '.calendar-nav__prev--off').count()).toBe(1);
    await visible(page, '.calendar-nav__prev').click(); // nothing before the month the member joined
    expect(await text(page, '.calendar-title')).toBe(title(current.firstMonth));
    await visible(page, '.calendar-nav__next').click();
    await eventually(() => text(page, '.calendar-title'), title(current.firstMonth === current.month ? current.month : (() => { const [y, m] = current.firstMonth.split('-').map(Number); return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`; })()));
  }, 90_000);

  test('invite landing page: who invites (masked), what both get, 立即加入 registers with the code', async () => {
    const info = await callFunction<Output<'referral', 'info'>>(cloud.url, 'referral', 'demo-member-1', { action: 'info' });
    await signInAs(page, cloud.url, 'demo-member-3');
    await visible(page, '.switch-identity').click();
    await settle(page, '/pages/login/index');
    await page.goto(`${cloud.url}/?inviteCode=${info.inviteCode}`);
    await settle(page, '/pages/login/index');
    const openid = `gaps-invitee-${Date.now()}`;
    await visible(page, '.openid-input input').fill(openid);
    await visible(page, '.openid-submit').click();
    await settle(page, '/packages/engage/welcome/index');
    await visible(page, '.welcome-title').waitFor({ timeout: 15_000 });
    expect(await text(page, '.welcome-title')).toBe('林** 邀请你加入会员中心');
    expect(await text(page, '.welcome-gift--you .welcome-gift__points')).toBe(grouped(info.rules.welcomePoints));
    expect(await text(page, '.welcome-gift--inviter .welcome-gift__points')).toBe(grouped(info.rules.inviterRegisteredPoints));
    expect(await text(page, '.welcome-join')).toBe('立即加入');
    // Nothing is spent before the member joins.
    expect(cloud.db.find('members', { _id: openid }).total).toBe(0);
    await shot(page, 'gaps-invite-landing');

    await visible(page, '.welcome-join').click();
    await visible(page, '.invite-notice--ok').waitFor({ timeout: 15_000 });
    expect(await text(page, '.invite-notice')).toBe(`已通过好友邀请注册，获得 ${info.rules.welcomePoints} 积分`);
    const after = await callFunction<Output<'referral', 'info'>>(cloud.url, 'referral', 'demo-member-1', { action: 'info' });
    expect(after.totals.invited).toBe(info.totals.invited + 1);
    await shot(page, 'gaps-invite-joined');
  }, 90_000);

  test('leaderboards mask every name alike, the member\'s own row marked （我）; scores grouped', async () => {
    await signInAs(page, cloud.url, 'demo-member-1');
    await visible(page, '.engage-links__item--leaderboard').click();
    await settle(page, '/packages/engage/leaderboard/index');
    await visible(page, '.board-me').waitFor({ timeout: 15_000 });
    await visible(page, '.board-tab:not(.board-tab--active)').click();
    await eventually(() => text(page, '.board-tab--active'), '积分榜');
    const rows = await visible(page, '.board-row').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^\d+\. .\*\*(（我）)?\d{1,3}(,\d{3})* 积分$/);
    expect(rows.filter((r) => r.includes('（我）'))).toHaveLength(1);
    expect(await text(page, '.board-row--me')).toMatch(/^\d+\. 林\*\*（我）/);
    await shot(page, 'gaps-leaderboard');
  }, 60_000);

  test('history: no tag repeats the first word of its line (消费 · 消费 600.50 元)', async () => {
    await signInAs(page, cloud.url, 'demo-member-1');
    for (const kind of ['growth', 'points']) {
      await page.goto(`${cloud.url}/#/packages/loyalty/history/index?kind=${kind}`);
      await visible(page, '.history-item').first().waitFor({ timeout: 15_000 });
      const rows = await visible(page, '.history-item').evaluateAll((els) => els.map((e) => ({
        title: e.querySelector('.history-item__reason')?.textContent ?? '',
        tags: Array.from(e.querySelectorAll('.history-item__type, .history-item__dimension')).map((t) => (t as { textContent: string | null }).textContent ?? ''),
      })));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) for (const tag of row.tags) expect(row.title.startsWith(tag)).toBe(false);
      if (kind === 'growth') await shot(page, 'gaps-history-growth');
    }
  }, 60_000);
});
