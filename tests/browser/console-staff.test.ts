// The console's staff pages in the H5 build served by the local cloud (demo seed), at desktop (1280) and phone (390)
// widths: demo-admin invites a clerk for the mall store, a brand-new WeChat user opens the invitation and lands on the
// store's workbench, the invitation is used up; the admin makes them a manager and deactivates them; the audit log
// shows both saves with the field before and after. An analyst sees no 员工 section.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, eventually, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

(canRun ? describe : describe.skip)('console: staff, invitations, audit log (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  const open = async (path: string) => {
    await page.goto(`${cloud.url}/#${path}`);
    await settle(page, path.split('?')[0]);
  };
  const signInAsNew = async (openid: string) => {
    await page.goto(`${cloud.url}/#/pages/login/index`);
    await page.locator('.openid-input input').fill(openid);
    await visible(page, '.openid-submit').click();
    await page.waitForSelector('.member-card', { timeout: 15_000 });
  };

  test('an admin invites a clerk at desktop width; the invitee joins once and works the till', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(page, cloud.url, 'demo-admin');
    // An admin lands on the console.
    await visible(page, '.console-tile').first().waitFor({ timeout: 15_000 });
    await open('/packages/admin/staff/index');
    await visible(page, '.staff-row').first().waitFor({ timeout: 15_000 });
    // Desktop: the list and the editor/invitation column side by side.
    const list = await visible(page, '.console-split__list').boundingBox();
    const detail = await visible(page, '.console-split__detail').boundingBox();
    expect(detail!.x).toBeGreaterThan(list!.x + list!.width - 1);

    await visible(page, '.invite-submit').click();
    expect(await visible(page, '.invite-error').textContent()).toBe('请填写员工姓名');
    await page.locator('.invite-name:visible input').fill('店员 小赵');
    await visible(page, '.invite-submit').click();
    expect(await visible(page, '.invite-error').textContent()).toBe('店员和店长必须指定门店');
    await visible(page, '.invite-store[data-value="store-mall-01"]').click();
    await visible(page, '.invite-submit').click();
    await visible(page, '.invite-code').waitFor({ timeout: 15_000 });
    const code = ((await visible(page, '.invite-code').textContent()) ?? '').replace('邀请码 ', '');
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    await visible(page, `.invitation-row[data-code="${code}"][data-status="open"]`).waitFor({ timeout: 15_000 });
    await shot(page, 'console-staff-invite-desktop');

    await page.setViewportSize({ width: 390, height: 844 });
    await signInAsNew('wx-new-clerk-zhao');
    await open(`/packages/admin/join/index?invitation=${code}`);
    await visible(page, '.join-submit').click();
    await visible(page, '.join-ok').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.join-ok').textContent()).toBe('加入成功：店员 小赵 · 店员 · 星河广场旗舰店');
    await shot(page, 'console-staff-joined-phone');
    await visible(page, '.join-next').click();
    await settle(page, '/packages/staff/index/index');
    await eventually(() => visible(page, '.staff-card__title').first().textContent(), '星河广场旗舰店');

    await signInAsNew('wx-someone-else');
    await open(`/packages/admin/join/index?invitation=${code}`);
    await visible(page, '.join-submit').click();
    await eventually(() => visible(page, '.join-error').textContent(), '该邀请码已被使用');
  }, 120_000);

  test('the admin changes the new clerk to manager and deactivates them; the audit log shows before and after', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(page, cloud.url, 'demo-admin');
    await open('/packages/admin/staff/index');
    const row = visible(page, '.staff-row[data-openid="wx-new-clerk-zhao"]');
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await visible(page, '.staff-editor .role-chip[data-value="manager"]').click();
    await visible(page, '.staff-save').click();
    await eventually(() => row.locator('.staff-role').textContent(), '店长');
    await visible(page, '.staff-deactivate').click();
    await visible(page, '.staff-activate').waitFor({ timeout: 15_000 });
    await shot(page, 'console-staff-edit-desktop');

    // Your own account cannot be changed here.
    await visible(page, '.staff-row[data-openid="demo-admin"]').click();
    await visible(page, '.staff-editor .console-note').waitFor({ timeout: 15_000 });

    await open('/packages/admin/audit/index');
    const entry = visible(page, '.audit-entry[data-action="updateStaff"]').first();
    await entry.waitFor({ timeout: 15_000 });
    expect(await visible(page, '.audit-entry[data-action="inviteStaff"]').count()).toBeGreaterThan(0);
    await entry.locator('.console-row').click();
    await visible(page, '.audit-field').first().waitFor({ timeout: 15_000 });
    const fields = await page.locator('.audit-field:visible').allTextContents();
    expect(fields).toContain('active: true → false');
    await shot(page, 'console-audit-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'console-audit-phone');
  }, 120_000);

  test('an analyst sees the console without 员工, 渠道 and 操作日志', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, cloud.url, 'demo-analyst');
    await open('/packages/admin/index/index');
    await visible(page, '.console-tile').first().waitFor({ timeout: 15_000 });
    const navigation = await page.locator('.console-nav__item:visible').allTextContents();
    expect(navigation).toEqual(['概览', '会员', '积分商城', '门店', '活动', '规则', '结算报表', '待认领订单', '会员分群', '会员标签', '营销自动化', '积分实验', '数据看板']);
    await shot(page, 'console-home-analyst-phone');
  }, 60_000);
});
