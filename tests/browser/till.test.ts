// The till in the H5 build served by the local cloud (demo seed): a clerk's purchase above the single limit is held
// (nothing credited, the form clears), a small one updates the member header to what member.home says; the clerk
// undoes it from today's list; the store's manager sees the held purchase under 消费审批 and approves it, and only then
// are its points credited.
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, openScannedMember, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

interface Home { points: { balance: number; spendable: number } }

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

(canRun ? describe : describe.skip)('the till: limits, approvals and undo (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  const home = () => callFunction<Home>(cloud.url, 'member', 'demo-member-2', { action: 'home' });
  const record = async (receipt: string, yuan: string) => {
    await page.locator('.order-id-input:visible input').fill(receipt);
    await page.locator('.amount-input:visible input').fill(yuan);
    await visible(page, '.purchase-submit').click();
  };
  const inputValue = (selector: string) => page.locator(`${selector}:visible input`).inputValue();

  test('a clerk: a large purchase waits for approval, a small one updates the header, and is undone from today', async () => {
    await signInAs(page, cloud.url, 'demo-clerk');
    // Staff land on the workbench; 返回 brings them to their own member card, with the way back.
    expect(page.url()).toContain('/packages/staff/index/index');
    await page.goBack();
    await settle(page, '/pages/index/index');
    await visible(page, '.mall-links__item--staff').waitFor({ timeout: 15_000 });
    expect(await page.locator('.mall-links__item--console:visible').count()).toBe(0);
    await openScannedMember(page, cloud.url, 'demo-member-2');
    const before = await home();

    await record('UI-BIG-1', '6000');
    await visible(page, '.purchase-held').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.purchase-held').textContent()).toBe('小票 UI-BIG-1（6,000.00 元）超过单笔限额 5,000.00 元，等待店长审批，审批通过后积分到账');
    expect([await inputValue('.order-id-input'), await inputValue('.amount-input')]).toEqual(['', '']);
    expect((await home()).points.balance).toBe(before.points.balance);
    await shot(page, 'till-held');

    await record('UI-SMALL-1', '120');
    await visible(page, '.purchase-ok').waitFor({ timeout: 15_000 });
    const after = await home();
    expect(after.points.balance).toBeGreaterThan(before.points.balance);
    await eventually(() => visible(page, '.member-points').textContent(), grouped(after.points.spendable));
    expect([await inputValue('.order-id-input'), await inputValue('.amount-input')]).toEqual(['', '']);
    await shot(page, 'till-recorded');

    await page.goBack();
    await settle(page, '/packages/staff/index/index');
    const entry = visible(page, '.staff-activity-entry[data-id="purchase:store-mall-01:UI-SMALL-1"]');
    await entry.waitFor({ timeout: 15_000 });
    await entry.locator('.undo-open').click();
    await entry.locator('.undo-submit').click(); // without a reason: nothing is sent
    await page.waitForTimeout(300);
    expect(await entry.locator('.undo-confirm').isVisible()).toBe(true);
    expect((await home()).points.balance).toBe(after.points.balance);
    await entry.locator('.undo-reason input').fill('金额录错');
    await shot(page, 'till-undo-confirm');
    await entry.locator('.undo-submit').click();
    await eventually(async () => (await entry.locator('.staff-activity__title').textContent())?.endsWith('（已撤销）'), true);
    expect((await home()).points.balance).toBe(before.points.balance);
    await shot(page, 'till-today-undone');
  }, 90_000);

  test("the store's manager approves the held purchase; only then are its points credited", async () => {
    const before = await home();
    await signInAs(page, cloud.url, 'demo-mall-manager'); // a manager lands on the workbench
    await visible(page, '.approvals-link').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.pending-count').textContent()).toBe('1');
    await visible(page, '.approvals-link').click();
    await settle(page, '/packages/staff/approvals/index');
    const held = visible(page, '.staff-approval[data-id="store-mall-01:UI-BIG-1"]');
    await held.waitFor({ timeout: 15_000 });
    expect(await held.locator('.approval-message').textContent()).toBe('超过单笔限额 5,000.00 元，等待店长审批');
    await shot(page, 'till-approvals');
    await held.locator('.approve-submit').click();
    await visible(page, '.approvals-empty').waitFor({ timeout: 15_000 });
    const after = await home();
    expect(after.points.balance).toBeGreaterThanOrEqual(before.points.balance + 6000);

    await visible(page, '.approvals-tab[data-tab="decided"]').click();
    const decided = visible(page, '.staff-approval[data-id="store-mall-01:UI-BIG-1"]');
    await decided.waitFor({ timeout: 15_000 });
    expect(await decided.locator('.approval-message').textContent()).toBe('店长 王芳 已审批，已入账');
    await shot(page, 'till-approvals-decided');
  }, 90_000);
});
