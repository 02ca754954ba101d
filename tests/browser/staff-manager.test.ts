// The manager's tools on the staff workbench in the H5 build served by the local cloud (demo seed): a manager enters a
// member code, registers an activity, adjusts points (the balance shown is the one member.home returns), and reads the
// 结算报表 (the rows a direct staff.settlement call returns); a clerk gets neither 调整积分 nor 结算报表.
import fs from 'fs';
import type { Page } from 'playwright-core';
import type { Output } from '../../contract';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, openScannedMember, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

type Report = Output<'staff', 'settlement'>;

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const yuan = (fen: number) => `${fen < 0 ? '-' : ''}¥${grouped(Math.floor(Math.abs(fen) / 100))}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
const shanghaiDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);


/** The rows and totals the page shows, as text, against what the report says they should be. */
async function expectReport(page: Page, report: Report): Promise<void> {
  if (report.rows.length === 0) {
    await visible(page, '.settlement-empty').waitFor({ timeout: 15_000 });
    return;
  }
  await visible(page, '.settlement-row').first().waitFor({ timeout: 15_000 });
  const shown = await page.locator('.settlement-row:visible').evaluateAll((rows) => rows.map((r) => ({
    issuer: r.getAttribute('data-issuer'),
    redeemer: r.getAttribute('data-redeemer'),
    points: r.querySelector('.settlement-row__points')?.textContent,
    value: r.querySelector('.settlement-row__value')?.textContent,
  })));
  expect(shown).toEqual(report.rows.map((r) => ({ issuer: r.issuerFormat, redeemer: r.redeemerFormat, points: grouped(r.points), value: yuan(r.valueFen) })));
  const pair = (await visible(page, '.settlement-row__pair').first().textContent()) ?? '';
  expect(pair).toContain(`${report.rows[0].issuerName} → ${report.rows[0].redeemerName}`);
  expect(await visible(page, '.settlement-total--all .settlement-total__points').textContent()).toBe(grouped(report.totals.points));
  expect(await visible(page, '.settlement-total--all .settlement-total__value').textContent()).toBe(yuan(report.totals.valueFen));
}

(canRun ? describe : describe.skip)('staff manager tools (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  test('a manager registers an activity and adjusts points for a scanned member', async () => {
    await signInAs(page, cloud.url, 'demo-manager');
    const memberNo = await openScannedMember(page, cloud.url, 'demo-member-3');

    await page.locator('.activity-input:visible input').fill('YOGA0612');
    await visible(page, '.activity-submit').click();
    await visible(page, '.activity-ok').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.activity-ok').textContent()).toMatch(/^已登记参与活动/);
    await visible(page, '.activity-submit').click(); // once per member and activity
    await eventually(() => visible(page, '.activity-ok').textContent(), '该会员已登记过本次活动');

    await visible(page, '.adjust-card').waitFor({ timeout: 15_000 });
    await page.locator('.adjust-amount-input:visible input').fill('+50');
    await page.locator('.adjust-reason-input:visible input').fill('活动补发积分');
    await visible(page, '.adjust-submit').click();
    expect(await visible(page, '.adjust-confirm-box').textContent()).toContain(`确认为会员 ${memberNo} 调整 +50 积分？原因：活动补发积分`);
    await visible(page, '.adjust-confirm').click();
    await visible(page, '.adjust-ok').waitFor({ timeout: 15_000 });
    const home = await callFunction<{ points: { balance: number } }>(cloud.url, 'member', 'demo-member-3', { action: 'home' });
    expect(await visible(page, '.adjust-ok').textContent()).toBe(`调整成功：+50 积分，当前余额 ${grouped(home.points.balance)} 积分`);
    const ledger = cloud.db.find('point_ledger', { type: 'adjust', issuer: 'staff:demo-manager' }).docs as Array<{ amount: number; reason: string }>;
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ amount: 50, reason: '活动补发积分' });

    // Taking away more than the member has is refused with the server's Chinese message.
    await page.locator('.adjust-amount-input:visible input').fill(`-${home.points.balance + 1000}`);
    await page.locator('.adjust-reason-input:visible input').fill('测试扣减');
    await visible(page, '.adjust-submit').click();
    await visible(page, '.adjust-confirm').click();
    await visible(page, '.adjust-error').waitFor({ timeout: 15_000 });
    expect(await visible(page, '.adjust-error').textContent()).toMatch(/^积分不足/);
  }, 90_000);

  test('a manager reads the 结算报表 of this month and of a custom period', async () => {
    await page.goBack();
    await settle(page, '/packages/staff/index/index');
    await visible(page, '.settlement-link').click();
    await settle(page, '/packages/staff/settlement/index');
    const thisMonth = { from: `${shanghaiDay().slice(0, 8)}01`, to: shanghaiDay() };
    const monthReport = await callFunction<Report>(cloud.url, 'staff', 'demo-manager', { action: 'settlement', ...thisMonth });
    await eventually(() => visible(page, '.settlement-period').textContent(), `${thisMonth.from} 至 ${thisMonth.to}`);
    await expectReport(page, monthReport);

    const custom = { from: shanghaiDay(-60), to: shanghaiDay() };
    const report = await callFunction<Report>(cloud.url, 'staff', 'demo-manager', { action: 'settlement', ...custom });
    expect(report.rows.length).toBeGreaterThan(0); // the demo seed redeems points within the last 60 days
    await visible(page, '.period-tab--custom').click();
    await page.locator('.period-from:visible input').fill(custom.from);
    await page.locator('.period-to:visible input').fill(custom.to);
    await visible(page, '.period-submit').click();
    await eventually(() => visible(page, '.settlement-period').textContent(), `${custom.from} 至 ${custom.to}`);
    await visible(page, '.settlement-report').waitFor({ timeout: 15_000 });
    await expectReport(page, report);

    // 导出 CSV: the same rows and totals, for Excel (UTF-8 with BOM).
    const download = page.waitForEvent('download', { timeout: 15_000 });
    await visible(page, '.settlement-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`积分结算-${custom.from}-${custom.to}.csv`);
    const csv = fs.readFileSync((await file.path())!, 'utf8');
    expect(csv.startsWith(`\ufeff结算周期,${custom.from} 至 ${custom.to}`)).toBe(true);
    const lines = csv.split('\r\n');
    for (const r of report.rows) expect(lines).toContain([r.issuerName, r.redeemerName, r.points, (r.valueFen / 100).toFixed(2), r.crossFormat ? '是' : '否'].join(','));
    expect(lines).toContain(`合计,,${report.totals.points},${(report.totals.valueFen / 100).toFixed(2)},`);
    expect(lines).toContain(`账本核对,${report.reconciled ? '一致' : '不一致'},兑换积分,${report.ledger.spent},退回积分,${report.ledger.returned}`);
    for (const r of report.stores.rows) expect(lines).toContain([r.issuerStoreName, r.redeemerStoreName, r.points, (r.valueFen / 100).toFixed(2), r.crossStore ? '是' : '否'].join(','));
    for (const b of report.stores.byStore) expect(lines).toContain([b.storeName, (b.balanceFen / 100).toFixed(2), b.issued, b.redeemed].join(','));

    // 按门店: the same period between stores; every store's balance says 应付 or 应收.
    expect(report.stores.rows.length).toBeGreaterThan(0);
    expect(report.stores.totals.points).toBe(report.totals.points);
    await visible(page, '.settlement-view--stores').click();
    await visible(page, '.settlement-store-row').first().waitFor({ timeout: 15_000 });
    const storeRows = await page.locator('.settlement-store-row:visible').evaluateAll((rows) => rows.map((r) => [
      r.querySelector('.settlement-row__pair')?.textContent, r.querySelector('.settlement-row__points')?.textContent, r.querySelector('.settlement-row__value')?.textContent,
    ]));
    expect(storeRows).toEqual(report.stores.rows.map((r) => [`${r.issuerStoreName} → ${r.redeemerStoreName}${r.crossStore || !r.issuerStoreId ? '' : '本店'}`, grouped(r.points), yuan(r.valueFen)]));
    const balances = await page.locator('.settlement-store-balance:visible .settlement-balance__value').allTextContents();
    expect(balances).toEqual(report.stores.byStore.map((b) => (b.balanceFen > 0 ? `应付 ${yuan(b.balanceFen)}` : b.balanceFen < 0 ? `应收 ${yuan(-b.balanceFen)}` : '无')));
    await shot(page, 'settlement-stores');
  }, 90_000);

  test('a clerk sees neither 结算报表 nor 调整积分, but can register an activity', async () => {
    await signInAs(page, cloud.url, 'demo-clerk');
    await openScannedMember(page, cloud.url, 'demo-member-3');
    // The staff home (kept in the DOM) has loaded staff.today: the role is known.
    await page.locator('.staff-card__meta', { hasText: /^店员 · / }).first().waitFor({ state: 'attached', timeout: 15_000 });
    await visible(page, '.activity-card').waitFor({ timeout: 15_000 });
    expect(await page.locator('.adjust-card').count()).toBe(0);
    await page.goBack();
    await settle(page, '/packages/staff/index/index');
    expect(await page.locator('.settlement-link').count()).toBe(0);
  }, 90_000);
});
