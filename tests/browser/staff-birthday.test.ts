// Issue 11 §2: a member sets their birthday once; a later change goes through a store manager with a reason. The
// manager corrects it from the scanned member (修改生日), the header shows the new date, the audit trail has the reason;
// a clerk has no such card.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, openScannedMember, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

(canRun ? describe : describe.skip)('staff correct a birthday with a reason (H5, 375 px)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    await page.setViewportSize({ width: 375, height: 812 });
  });

  test('a manager changes a birthday the member already set; bad input is refused before sending', async () => {
    const member = 'demo-member-4';
    await callFunction(cloud.url, 'member', member, { action: 'updateProfile', birthday: { month: 7, day: 8 } });
    // Set once: the member cannot move it themselves.
    const again = await fetch(`${cloud.url}/functions/member`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': member }, body: JSON.stringify({ action: 'updateProfile', birthday: { month: 8, day: 8 } }) });
    expect(((await again.json()) as { ok: boolean }).ok).toBe(false);

    await signInAs(page, cloud.url, 'demo-mall-manager');
    await openScannedMember(page, cloud.url, member);
    await eventually(() => visible(page, '.member-birthday').textContent(), '生日 7 月 8 日');
    await visible(page, '.birthday-card').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.birthday-card .staff-card__meta').textContent()).toContain('当前 7 月 8 日');

    // Not a day of the year: a toast, nothing sent.
    await page.locator('.birthday-input:visible input').fill('2-30');
    await page.locator('.birthday-reason-input:visible input').fill('会员证件登记有误');
    await visible(page, '.birthday-submit').click();
    await page.getByText('请输入生日，如 3-15').first().waitFor({ timeout: 5_000 });
    expect(cloud.db.find('staff_audit', { action: 'setBirthday' }).total).toBe(0);

    await page.locator('.birthday-input:visible input').fill('9-18');
    await visible(page, '.birthday-submit').click();
    await page.getByText('确认修改', { exact: true }).click();
    await eventually(() => visible(page, '.birthday-ok').textContent(), '已修改为 9 月 18 日');
    await eventually(() => visible(page, '.member-birthday').textContent(), '生日 9 月 18 日');
    expect(await page.locator('.birthday-input:visible input').inputValue()).toBe('');
    await shot(page, 'staff-birthday');

    const stored = cloud.db.find('members', { openid: member }).docs[0] as { birthday: { month: number; day: number } };
    expect(stored.birthday).toMatchObject({ month: 9, day: 18 });
    const audit = cloud.db.find('staff_audit', { action: 'setBirthday' }).docs as Array<{ staff?: string; openid?: string; input?: { reason?: string } }>;
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).toContain('会员证件登记有误');
  }, 90_000);

  test('a clerk has no 修改生日', async () => {
    await signInAs(page, cloud.url, 'demo-clerk');
    await openScannedMember(page, cloud.url, 'demo-member-3');
    await page.locator('.staff-card__meta', { hasText: /^店员 · / }).first().waitFor({ state: 'attached', timeout: 15_000 });
    await visible(page, '.activity-card').waitFor({ timeout: 15_000 });
    expect(await page.locator('.birthday-card').count()).toBe(0);
  }, 60_000);
});
