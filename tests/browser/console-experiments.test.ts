// 积分实验 in the console (H5 build, demo seed) at 375 px and 1280 px: an operator opens a finished experiment's result
// (值得保留 with the SRM check, each metric's effect, interval and p-value, the incremental margin), then plans and
// saves a new experiment with the sample size planner and starts it; an analyst reads the result of a running one as
// 实验尚未结束 with the progress only, and cannot create experiments. The finished experiment's exposures and orders
// are seeded in the documents the analysis reads (its dates lie in the past).
import type { Page } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { assignArm } from '../../cloudfunctions/core/experiments';
import { planProportion } from '../../cloudfunctions/core/experimentStats';
import { browserAvailable, callFunction, fillField, openAs, shot, visible } from '../helpers/browser';
import { useH5Suite } from '../helpers/browser';

const canRun = browserAvailable();
const DAY = 86_400_000;
const day = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
const ARMS = [
  { id: 'a', name: '三倍积分', share: 50, overlay: { points: { pointsPerYuan: 3 } } },
  { id: 'holdout', name: '对照组', share: 50, overlay: {} },
];

/** A finished experiment: enrolment 45 to 40 days ago, a 30-day window; 240 members, the arm repurchasing more. */
async function seedFinished(cloud: LocalCloud) {
  const start = Date.now() - 45 * DAY;
  const saved = await callFunction<{ id: string }>(cloud.url, 'experiments', 'demo-operator', {
    action: 'save', experimentId: 'triple-points', requestId: 'browser-exp-seed-1', name: '三倍积分促复购', hypothesis: '三倍积分让会员 30 天内再次购买',
    arms: ARMS, plannedStart: day(start), plannedEnd: day(start + 5 * DAY), windowDays: 30,
    plan: { baseline: 0.25, relativeLift: 0.8, alpha: 0.05, power: 0.8 }, marginRate: 0.3,
  });
  const doc = cloud.db.find('experiments', { _id: saved.id }).docs[0] as { salt: string };
  await cloud.db.setFields('experiments', { _id: saved.id }, { status: 'stopped', startedAt: new Date(start), stoppedAt: new Date(start + 6 * DAY), version: 3 });
  const openids = Array.from({ length: 240 }, (_, i) => `exp-browser-${String(i).padStart(3, '0')}`);
  for (let i = 0; i < openids.length; i += 12) await Promise.all(openids.slice(i, i + 12).map((o) => callFunction(cloud.url, 'member', o, { action: 'login' })));
  const orders: object[] = [];
  const entries: object[] = [];
  const counter = { a: 0, holdout: 0 };
  for (const [i, openid] of openids.entries()) {
    const arm = assignArm(doc.salt, openid, ARMS) as 'a' | 'holdout';
    const k = counter[arm]++;
    const exposed = new Date(start + (i % 5) * DAY + 3_600_000);
    await cloud.db.setFields('members', { _id: openid }, { experiments: { [saved.id]: arm }, experimentsAt: { [saved.id]: exposed } });
    const habit = 6000 + 1500 * (i % 7);
    const o = (n: number, at: number, fen: number) => ({ _id: `EXPB-${i}-${n}`, openid, memberNo: '0', paidFen: fen, paidAt: new Date(at), status: 'paid', rewards: { orderId: `EXPB-${i}-${n}`, paidFen: fen, pointsEarned: 0, growthEarned: 0, refundedFen: 0, pointsReversed: 0, growthReversed: 0 }, items: [], categories: [], storeId: null, format: 'mall', channel: 'seed', createdAt: new Date(at) });
    const mult = arm === 'a' ? 3 : 1;
    orders.push(o(0, exposed.getTime() - 10 * DAY, habit), o(1, exposed.getTime(), 10_000));
    entries.push({ _id: `EXPB-${i}-e1`, openid, type: 'earn', amount: 100 * mult, key: `order:EXPB-${i}-1`, createdAt: exposed, balanceAfter: 0, reason: '', ref: '', issuer: 'seed' });
    // The arm repurchases 9 in 20, the holdout 5 in 20, spending about their habit.
    if (k % 20 < (arm === 'a' ? 9 : 5)) {
      orders.push(o(2, exposed.getTime() + 5 * DAY, habit + 2000));
      entries.push({ _id: `EXPB-${i}-e2`, openid, type: 'earn', amount: Math.floor((habit + 2000) / 100) * mult, key: `order:EXPB-${i}-2`, createdAt: new Date(exposed.getTime() + 5 * DAY), balanceAfter: 0, reason: '', ref: '', issuer: 'seed' });
    }
  }
  await cloud.db.insertMany('orders', orders);
  await cloud.db.insertMany('point_ledger', entries);
}

(canRun ? describe : describe.skip)('console 积分实验 (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });
  beforeAll(async () => { await seedFinished(cloud); }, 180_000);

  describe.each([375, 1280])('at %i px', (width) => {
    test('a finished experiment says plainly it is worth keeping, with the numbers', async () => {
      await page.setViewportSize({ width, height: width > 900 ? 900 : 812 });
      await openAs(page, cloud.url, 'demo-operator', '/packages/admin/experiments/index');
      const row = visible(page, '.experiment-row[data-id="triple-points"]');
      await row.waitFor({ timeout: 15_000 });
      expect(await row.locator('.experiment-status').textContent()).toBe('已停止');
      await row.click();
      const verdict = visible(page, '.experiment-conclusion .experiment-verdict');
      await verdict.waitFor({ timeout: 20_000 });
      expect(await verdict.textContent()).toBe('值得保留');
      expect(await visible(page, '.experiment-conclusion .experiment-reason').first().textContent()).toBe('主要指标显著提升，且增量毛利为正');
      expect(await visible(page, '.experiment-srm-verdict').textContent()).toMatch(/^分组比例正常（卡方 χ² = \d+\.\d\d，自由度 1，p = [01]\.\d{3}；p < 0\.001 视为失衡）$/);
      const primary = visible(page, '.experiment-metric--primary');
      expect(await primary.locator('.experiment-metric__effect').textContent()).toMatch(/^\+\d+\.\d 个百分点（差异显著）$/);
      expect(await primary.locator('.experiment-metric__detail').nth(1).textContent()).toMatch(/^差值区间 \+\d+\.\d 个百分点 至 \+\d+\.\d 个百分点 · 相对提升 \d+\.\d% · z = \d\.\d\d，p (<|=) 0\.\d{3}$/);
      expect(await visible(page, '.experiment-metric--arpu .experiment-metric__detail').nth(1).textContent()).toContain('CUPED 调整后差值区间');
      expect(await visible(page, '.experiment-metric--margin .experiment-metric__effect').textContent()).toMatch(/^\+¥\d+\.\d\d\/人 · 合计 \+¥[\d.]+$/);
      await shot(page, `console-experiment-result-${width}`);
    });

    test('plan, save and start a new experiment; a running one has no verdict yet; an analyst cannot create', async () => {
      const id = `exp-new-${width}`;
      await openAs(page, cloud.url, 'demo-operator', '/packages/admin/experiment/index');
      await fillField(page, '.experiment-id', id);
      await fillField(page, '.experiment-name', `双倍积分 ${width}`);
      await fillField(page, '.experiment-points-per-yuan', '2');
      await fillField(page, '.experiment-baseline', '20');
      await fillField(page, '.experiment-lift', '10');
      await visible(page, '.experiment-plan').click();
      const plan = planProportion({ baseline: 0.2, relativeLift: 0.1, alpha: 0.05, power: 0.8, ratio: 1 });
      const numbers = visible(page, '.experiment-plan-number__value');
      await numbers.first().waitFor({ timeout: 15_000 });
      expect(await numbers.allTextContents()).toEqual([`${plan.perTreatment} 人`, `${plan.control} 人`, `${plan.perTreatment + plan.control} 人`]);
      await shot(page, `console-experiment-plan-${width}`);
      // Shares must add up: an arm of 120 % is refused before anything is saved.
      await fillField(page, '.experiment-share', '120');
      await visible(page, '.experiment-save').click();
      await visible(page, '.experiment-save-error').waitFor({ timeout: 15_000 });
      expect(cloud.db.find('experiments', { _id: id }).docs).toHaveLength(0);
      await fillField(page, '.experiment-share', '50');
      await visible(page, '.experiment-save').click();
      await page.waitForURL((u) => u.href.includes(`experimentId=${id}`), { timeout: 15_000 });
      const start = visible(page, '.experiment-start-button');
      await start.waitFor({ timeout: 15_000 });
      await start.click();
      await visible(page, '.experiment-fixed').waitFor({ timeout: 15_000 });
      expect(await visible(page, '.experiment-status').textContent()).toBe('进行中');
      expect((cloud.db.find('config', { _id: 'loyalty' }).docs[0] as { experiments: Array<{ id: string }> }).experiments.map((x) => x.id)).toContain(id);
      await shot(page, `console-experiment-live-${width}`);

      await openAs(page, cloud.url, 'demo-analyst', `/packages/admin/experiment-result/index?experimentId=${id}`);
      const verdict = visible(page, '.experiment-verdict');
      await verdict.waitFor({ timeout: 20_000 });
      expect(await verdict.textContent()).toBe('实验尚未结束');
      expect(await visible(page, '.experiment-wait').count()).toBe(1);
      expect(await visible(page, '.experiment-metrics').count()).toBe(0);
      await shot(page, `console-experiment-running-${width}`);
      await openAs(page, cloud.url, 'demo-analyst', '/packages/admin/experiments/index');
      await visible(page, `.experiment-row[data-id="${id}"]`).waitFor({ timeout: 15_000 });
      expect(await visible(page, '.experiment-new').count()).toBe(0);
      // Stop it again so the other width starts from the same live list.
      const x = cloud.db.find('experiments', { _id: id }).docs[0] as { version: number };
      await callFunction(cloud.url, 'experiments', 'demo-operator', { action: 'stop', experimentId: id, expectedVersion: x.version });
    });
  });
});
