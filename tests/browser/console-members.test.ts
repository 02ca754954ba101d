// The console's members section in the H5 build (demo seed), at phone width (375) and desktop width (1280): demo-admin
// finds a member by number on a phone, opens the member page (full phone, lots, referral), freezes the member with a
// reason (the member's redemption is then refused) and adds a note; on a desktop a nickname search shows the member
// beside the list; the analyst finds the member by phone, sees the number masked everywhere and no freeze or note form.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, postFunction, settle, shot, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();
jest.setTimeout(60_000);
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };
const MEMBERS_URL = '/packages/admin/members/index';

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Signs in as a demo identity on the H5 sign-in page, then opens the console's members page. */
async function openMembersAs(page: Page, baseUrl: string, openid: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`);
  await page.waitForSelector(`.identity-item[data-openid="${openid}"]`, { timeout: 15_000 });
  await page.click(`.identity-item[data-openid="${openid}"]`);
  await page.waitForURL((url) => !url.href.includes('/pages/login/index'), { timeout: 15_000 });
  await page.waitForTimeout(500);
  await page.goto(`${baseUrl}/#${MEMBERS_URL}`);
  await settle(page, MEMBERS_URL);
  await visible(page, '.member-search-input').waitFor({ timeout: 15_000 });
}

/** Scrolls every scrolled container back to the top (Taro's page scrolls inside its own element). */
async function toTop(page: Page): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0); document.querySelectorAll("*").forEach((e) => { if (e.scrollTop > 0) e.scrollTop = 0; })');
}

async function search(page: Page, keyword: string): Promise<void> {
  await page.locator('.member-search-input:visible input').fill(keyword);
  await visible(page, '.member-search-submit').click();
  await visible(page, '.member-row').first().waitFor({ timeout: 15_000 });
}

(canRun ? describe : describe.skip)('console members (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;
  let memberNo = '';
  let inviterNo = '';

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    // demo-member-5 was invited by demo-member-1; give it a bound phone to look up.
    await callFunction(cloud.url, 'member', 'demo-member-5', { action: 'bindPhone', code: '13800138000' });
    memberNo = (await callFunction<{ member: { memberNo: string } }>(cloud.url, 'member', 'demo-member-5', { action: 'home' })).member.memberNo;
    inviterNo = (await callFunction<{ member: { memberNo: string } }>(cloud.url, 'member', 'demo-member-1', { action: 'home' })).member.memberNo;
  });

  test('phone: demo-admin finds a member by number, opens the page, freezes with a reason and adds a note', async () => {
    await page.setViewportSize(PHONE);
    await openMembersAs(page, cloud.url, 'demo-admin');
    await search(page, memberNo);
    const row = visible(page, `.member-row[data-member-no="${memberNo}"]`);
    expect(await row.locator('.member-row__name').textContent()).toBe('周小满');
    const detail = await callFunction<{ points: { balance: number } }>(cloud.url, 'admin', 'demo-admin', { action: 'memberDetail', memberNo });
    expect(await row.locator('.member-row__points').textContent()).toBe(grouped(detail.points.balance));
    await row.click();

    await settle(page, '/packages/admin/member/index');
    await visible(page, '.member-detail').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.member-detail-name').textContent()).toBe('周小满');
    expect(await visible(page, '.member-phone').textContent()).toBe('手机号 13800138000');
    expect(await visible(page, '.member-points-balance .member-stat__value').textContent()).toBe(grouped(detail.points.balance));
    expect(await visible(page, '.member-inviter').textContent()).toBe(`邀请人：林晓（${inviterNo}）`);
    await visible(page, '.member-ledger-row').first().waitFor({ timeout: 15_000 });

    // Too short a reason is refused on the page; then the freeze.
    await page.locator('.member-freeze-reason:visible input').fill('刷');
    await visible(page, '.member-freeze-submit').click();
    expect(await visible(page, '.member-form-error').textContent()).toBe('请填写冻结原因（至少 2 个字）');
    await page.locator('.member-freeze-reason:visible input').fill('疑似刷单，待核实');
    await visible(page, '.member-freeze-submit').click();
    await visible(page, '.member-frozen-badge').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.member-frozen-note').textContent()).toContain('冻结：疑似刷单，待核实');
    expect(await visible(page, '.member-freeze-submit').textContent()).toBe('解冻');

    // The frozen member cannot redeem; earning is shown in the integration tests.
    const refused = await postFunction(cloud.url, 'mall', 'demo-member-5', { action: 'redeem', itemId: 'coupon-20', requestId: 'browser-frozen-1' });
    expect(refused).toEqual({ ok: false, error: { code: 'NOT_ELIGIBLE', message: '会员账户已冻结，暂不能兑换' } });

    await page.locator('.member-note-input:visible textarea').fill('电话核实中，暂缓兑换');
    await visible(page, '.member-note-submit').click();
    await eventually(() => visible(page, '.member-note .member-note__text').first().textContent(), '电话核实中，暂缓兑换');
    await shot(page, 'console-members-phone-member-actions');
    await toTop(page);
    await shot(page, 'console-members-phone-member');

    await page.goBack();
    await settle(page, MEMBERS_URL);
    await shot(page, 'console-members-phone-search');
  });

  test('desktop: a nickname search shows the member beside the list', async () => {
    await page.setViewportSize(DESKTOP);
    await openMembersAs(page, cloud.url, 'demo-admin');
    await search(page, '周');
    await visible(page, `.member-row[data-member-no="${memberNo}"]`).click();
    await visible(page, '.members-detail-pane .member-detail').waitFor({ timeout: 15_000 });
    expect(page.url()).toContain(MEMBERS_URL);
    expect(await visible(page, '.members-detail-pane .member-detail-name').textContent()).toBe('周小满');
    expect(await visible(page, `.member-row[data-member-no="${memberNo}"] .member-row__frozen`).textContent()).toBe('已冻结');
    // List and detail side by side.
    const list = await visible(page, '.console-split__list').boundingBox();
    const pane = await visible(page, '.members-detail-pane').boundingBox();
    expect(list && pane && pane.x >= list.x + list.width - 1).toBe(true);
    // Unfreeze beside the list: the row follows.
    await page.locator('.members-detail-pane .member-freeze-reason:visible input').fill('核实无误');
    await visible(page, '.members-detail-pane .member-freeze-submit').click();
    await visible(page, '.member-freeze-ok').waitFor({ timeout: 15_000 });
    expect(await visible(page, `.member-row[data-member-no="${memberNo}"] .member-row__frozen`).count()).toBe(0);
    await visible(page, '.member-ledger-tab[data-kind="growth"]').click();
    await visible(page, '.member-ledger-row').first().waitFor({ timeout: 15_000 });
    await toTop(page);
    await shot(page, 'console-members-desktop-admin');
  });

  test('desktop: the member page shows the lifecycle stage and churn risk once the daily job has judged the member', async () => {
    await page.setViewportSize(DESKTOP);
    // The member is due now (the demo seed dates their next review later): the job judges their stage.
    await cloud.db.setFields('members', { memberNo }, { reviewAt: new Date(Date.now() - 60_000) });
    expect((await fetch(`${cloud.url}/_triggers/jobs`, { method: 'POST' })).status).toBe(200);
    const detail = await callFunction<{ lifecycle: { name: string; riskScore: number } | null }>(cloud.url, 'admin', 'demo-admin', { action: 'memberDetail', memberNo });
    expect(detail.lifecycle).not.toBeNull();
    await openMembersAs(page, cloud.url, 'demo-admin');
    await search(page, memberNo);
    await visible(page, `.member-row[data-member-no="${memberNo}"]`).click();
    await visible(page, '.members-detail-pane .member-detail').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.members-detail-pane .member-stage').textContent()).toBe(detail.lifecycle!.name);
    const line = await visible(page, '.members-detail-pane .member-lifecycle').textContent();
    expect(line).toContain(`生命周期 ${detail.lifecycle!.name}`);
    expect(line).toContain(`流失风险 ${detail.lifecycle!.riskScore}/100`);
    await toTop(page);
    await shot(page, 'console-members-desktop-lifecycle');
  });

  test('analyst, desktop and phone: found by phone, the number masked everywhere, no freeze or note form', async () => {
    await page.setViewportSize(DESKTOP);
    await openMembersAs(page, cloud.url, 'demo-analyst');
    await search(page, '13800138000');
    const row = visible(page, `.member-row[data-member-no="${memberNo}"]`);
    expect(await row.locator('.member-row__phone').textContent()).toBe('138****8000');
    await row.click();
    await visible(page, '.members-detail-pane .member-detail').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.member-phone').textContent()).toBe('手机号 138****8000（已脱敏）');
    expect(await visible(page, '.member-freeze').count()).toBe(0);
    expect(await visible(page, '.member-note-input').count()).toBe(0);
    expect(await visible(page, '.member-note .member-note__text').first().textContent()).toBe('电话核实中，暂缓兑换');
    expect(await visible(page, '.members-detail-pane').textContent()).not.toContain('13800138000');
    await shot(page, 'console-members-desktop-analyst');

    await page.setViewportSize(PHONE);
    await openMembersAs(page, cloud.url, 'demo-analyst');
    await search(page, '13800138000');
    await visible(page, `.member-row[data-member-no="${memberNo}"]`).click();
    await settle(page, '/packages/admin/member/index');
    await visible(page, '.member-detail').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.member-phone').textContent()).toBe('手机号 138****8000（已脱敏）');
    expect(await visible(page, '.member-freeze').count()).toBe(0);
    await shot(page, 'console-members-phone-analyst');
  });
});
