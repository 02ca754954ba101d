// Loyalty journeys in the H5 build served by the local cloud: points and growth history, tier benefits.
import type { Page, Route } from 'playwright-core';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, settle, shot, signInAs, useH5Suite, visible } from '../helpers/browser';
import type { Output } from '../../contract';

type HistoryPage = Output<'member', 'history'>;
type TiersView = Output<'member', 'tiers'>;
type MemberHome = Output<'member', 'home'>;

const canRun = browserAvailable();

/** "+1,200" → 1200, "−80" → -80 (the page prints a true minus sign). */
const amountOf = (text: string) => Number(text.replace(/\u2212/g, '-').replace(/[+,\s]/g, ''));

async function textOf(page: Page, selector: string) {
  return (await visible(page, selector).first().textContent())?.trim() ?? '';
}

async function expectHistoryShows(page: Page, expected: HistoryPage, kind: 'points' | 'growth') {
  await page.waitForSelector(`.history-tab--active[data-kind="${kind}"]`, { timeout: 15_000 });
  if (expected.items.length === 0) {
    await visible(page, '.history-empty').waitFor({ timeout: 15_000 });
    return;
  }
  await eventually(() => visible(page, '.history-item').count(), expected.items.length);
  const first = expected.items[0];
  const firstItem = visible(page, '.history-item').first();
  expect(await firstItem.getAttribute('data-id')).toBe(first.id);
  expect(amountOf((await firstItem.locator('.history-item__amount').textContent()) ?? '')).toBe(first.amount);
  expect(await firstItem.locator('.history-item__reason').textContent()).toBe(first.reason);
  expect(await firstItem.locator('.history-item__time').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(await firstItem.locator(first.amount < 0 ? '.amount--minus' : first.amount > 0 ? '.amount--plus' : '.amount--zero').count()).toBe(1);
  if (kind === 'points') {
    const types: Record<string, string> = { earn: '获得', spend: '使用', expire: '过期', refund: '退还', adjust: '调整', reverse: '退款扣回' };
    // A tag repeating the title's first word is left out (no 使用 · 使用…).
    if (types[first.type]) {
      const repeats = first.reason.startsWith(types[first.type]);
      expect(await firstItem.locator('.history-item__type').count()).toBe(repeats ? 0 : 1);
      if (!repeats) expect(await firstItem.locator('.history-item__type').textContent()).toBe(types[first.type]);
    }
    expect(await firstItem.locator('.history-item__balance').textContent()).toBe(`余额 ${first.balanceAfter?.toLocaleString('en-US')}`);
  } else {
    expect(await visible(page, '.history-item__balance').count()).toBe(0);
    const labels: Record<string, string> = { consumption: '消费', interaction: '互动', social: '社交', lifecycle: '忠诚' };
    if (first.dimension) {
      const repeats = first.reason.startsWith(labels[first.dimension]); // no 消费 · 消费 600.50 元
      expect(await firstItem.locator('.history-item__dimension').count()).toBe(repeats ? 0 : 1);
      if (!repeats) expect(await firstItem.locator('.history-item__dimension').textContent()).toBe(labels[first.dimension]);
    }
  }
  await eventually(() => visible(page, expected.nextCursor ? '.history-more' : '.history-footer').count(), 1);
}

/** Rewrites the page's member.history requests (the client sends the server default page size). */
async function withHistoryInput(page: Page, extra: object, body: () => Promise<void>) {
  const handler = async (route: Route) => {
    const payload = JSON.parse(route.request().postData() || '{}');
    if (payload.action !== 'history') return route.continue();
    return route.continue({ postData: JSON.stringify({ ...payload, ...extra }) });
  };
  await page.route('**/functions/member', handler);
  try {
    await body();
  } finally {
    await page.unroute('**/functions/member', handler);
  }
}

(canRun ? describe : describe.skip)('loyalty pages (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;

  useH5Suite((suite) => { ({ cloud, page } = suite); });

  test('the card of demo-member-1 links to history and tiers and shows the new lines', async () => {
    await signInAs(page, cloud.url, 'demo-member-1');
    const home = await callFunction<MemberHome>(cloud.url, 'member', 'demo-member-1', { action: 'home' });
    await shot(page, 'card-member-1');

    for (const link of ['.tiers-link', '.points-history-link', '.growth-history-link']) {
      expect(await visible(page, link).count()).toBe(1);
    }
    expect(await visible(page, '.tier-valid-until').textContent()).toBe(
      home.tierValidUntil ? `等级有效期至 ${new Date(Date.parse(home.tierValidUntil) + 8 * 3600e3).toISOString().slice(0, 10)}` : '',
    );
    const retain = home.retain?.growthNeeded ?? 0;
    expect(await visible(page, '.retain-needed').count()).toBe(retain > 0 ? 1 : 0);
    if (retain > 0) expect(await textOf(page, '.retain-needed')).toBe(`再获得 ${retain.toLocaleString('en-US')} 成长值可保级`);
    const debt = home.points.debt ?? 0;
    expect(await visible(page, '.points-debt').count()).toBe(debt > 0 ? 1 : 0);
    if (home.points.expiring) {
      expect(await visible(page, '.points-expiring--soon').count()).toBe(home.points.expiringSoon ? 1 : 0);
    }
  }, 30_000);

  test('积分明细 lists the entries member.history returns, then 成长值明细 the growth entries', async () => {
    await visible(page, '.points-history-link').click();
    await settle(page, '/packages/loyalty/history/index');
    expect(page.url()).toContain('kind=points');

    const points = await callFunction<HistoryPage>(cloud.url, 'member', 'demo-member-1', { action: 'history', kind: 'points' });
    expect(points.items.length).toBeGreaterThan(0);
    await expectHistoryShows(page, points, 'points');
    await shot(page, 'history-points');

    await visible(page, '.history-tab[data-kind="growth"]').click();
    const growth = await callFunction<HistoryPage>(cloud.url, 'member', 'demo-member-1', { action: 'history', kind: 'growth' });
    expect(growth.items.length).toBeGreaterThan(0);
    await expectHistoryShows(page, growth, 'growth');
    await shot(page, 'history-growth');

    // Back to the first tab: its pages were kept for this visit.
    await visible(page, '.history-tab[data-kind="points"]').click();
    await expectHistoryShows(page, points, 'points');
  }, 45_000);

  test('加载更多 appends the page after nextCursor', async () => {
    const pageSize = 3;
    const first = await callFunction<HistoryPage>(cloud.url, 'member', 'demo-member-1', { action: 'history', kind: 'points', pageSize });
    expect(first.nextCursor).not.toBeNull();
    const second = await callFunction<HistoryPage>(cloud.url, 'member', 'demo-member-1', { action: 'history', kind: 'points', pageSize, cursor: first.nextCursor });

    await page.goBack();
    await settle(page, '/pages/index/index');
    await withHistoryInput(page, { pageSize }, async () => {
      await visible(page, '.points-history-link').click();
      await settle(page, '/packages/loyalty/history/index');
      await expectHistoryShows(page, first, 'points');
      await visible(page, '.history-more').click();
      const ids = [...first.items, ...second.items].map((e) => e.id);
      await eventually(() => visible(page, '.history-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-id'))), ids);
    });
  }, 45_000);

  test('a failed first page shows the error with 重试, which loads it', async () => {
    await page.goBack();
    await settle(page, '/pages/index/index');
    let failures = 0;
    const failOnce = async (route: Route) => {
      const payload = JSON.parse(route.request().postData() || '{}');
      if (payload.action !== 'history' || failures > 0) return route.continue();
      failures += 1;
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '服务繁忙，请稍后重试' } }) });
    };
    await page.route('**/functions/member', failOnce);
    try {
      await visible(page, '.growth-history-link').click();
      await settle(page, '/packages/loyalty/history/index');
      expect(page.url()).toContain('kind=growth');
      expect(await textOf(page, '.load-state__message')).toBe('服务繁忙，请稍后重试');
      await visible(page, '.load-state__retry').click();
      const growth = await callFunction<HistoryPage>(cloud.url, 'member', 'demo-member-1', { action: 'history', kind: 'growth' });
      await expectHistoryShows(page, growth, 'growth');
    } finally {
      await page.unroute('**/functions/member', failOnce);
    }
  }, 45_000);

  test('等级权益 shows the four tiers with 钻石会员 current for demo-member-1', async () => {
    await page.goBack();
    await settle(page, '/pages/index/index');
    await visible(page, '.tiers-link').click();
    await settle(page, '/packages/loyalty/tiers/index');
    await visible(page, '.tier-item').first().waitFor({ timeout: 15_000 });
    await shot(page, 'tiers-member-1');

    const view = await callFunction<TiersView>(cloud.url, 'member', 'demo-member-1', { action: 'tiers' });
    expect(await visible(page, '.tier-item').count()).toBe(4);
    expect(await visible(page, '.tier-item__name').allTextContents()).toEqual(view.tiers.map((t) => t.name));
    expect(await visible(page, '.tier-item--current').count()).toBe(1);
    expect(await textOf(page, '.tier-item--current .tier-item__name')).toBe('钻石会员');
    expect(await textOf(page, '.tier-item--current .tier-item__status')).toBe('当前等级');
    expect(await textOf(page, '.tiers-summary__current')).toBe('钻石会员');
    expect(await textOf(page, '.tiers-window')).toContain(view.window.mode === 'rolling' ? `近 ${view.window.months} 个月累计` : '自然年累计');
    const rules = await visible(page, '.tier-item[data-level="3"] .tier-rule__value').allTextContents();
    const diamond = view.tiers.find((t) => t.level === 3)!;
    expect(rules).toContain(`成长值达到 ${diamond.minGrowth.toLocaleString('en-US')}`);
    expect(rules).toContain(`保级 ${diamond.retainGrowth.toLocaleString('en-US')} 成长值`);
    expect(rules).toContain(`${diamond.pointsMultiplier} 倍`);
    expect(await visible(page, '.tier-item[data-level="3"] .tier-benefit').count()).toBe(diamond.benefits.length);
  }, 45_000);

  test('after switching to demo-member-3 the tier page marks 银牌会员 and history is theirs', async () => {
    await page.goBack();
    await settle(page, '/pages/index/index');
    await visible(page, '.switch-identity').click();
    await page.waitForSelector('.identity-item[data-openid="demo-member-3"]', { timeout: 15_000 });
    await page.click('.identity-item[data-openid="demo-member-3"]');
    await page.waitForSelector('.member-card', { timeout: 15_000 });
    await settle(page, '/pages/index/index');
    expect(await textOf(page, '.tier-name')).toBe('银牌会员');

    await visible(page, '.tiers-link').click();
    await settle(page, '/packages/loyalty/tiers/index');
    await eventually(() => textOf(page, '.tier-item--current .tier-item__name'), '银牌会员');
    const view = await callFunction<TiersView>(cloud.url, 'member', 'demo-member-3', { action: 'tiers' });
    expect(await visible(page, '.tier-item').count()).toBe(4);
    expect(await visible(page, '.tier-item--locked .tier-item__name').allTextContents()).toEqual(
      view.tiers.filter((t) => t.status === 'locked').map((t) => t.name),
    );
    await shot(page, 'tiers-member-3');

    await page.goBack();
    await settle(page, '/pages/index/index');
    await visible(page, '.points-history-link').click();
    await settle(page, '/packages/loyalty/history/index');
    const points = await callFunction<HistoryPage>(cloud.url, 'member', 'demo-member-3', { action: 'history', kind: 'points' });
    await expectHistoryShows(page, points, 'points');
  }, 60_000);
});
