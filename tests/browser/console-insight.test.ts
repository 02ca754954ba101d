// 数据看板 (H5 build, demo seed) at 375 px and 1280 px: the stats timer writes yesterday's real snapshot, the days
// before it are stored snapshots of known figures (the same shape, built from the real one); the health page shows
// the range's indicators with their change against the month before, computed here by brute force over the stored
// days; the charts are drawn (canvas pixels); the store and format filters change the sales figures; tables export
// as CSV with a BOM and the rows on screen; the month's lifecycle matrix counts the stored transitions.
import fs from 'fs';
import type { Page } from 'playwright-core';
import type { Output } from '../../contract';
import type { LocalCloud } from '../../localcloud';
import { browserAvailable, callFunction, eventually, openAs, shot, useH5Suite, visible } from '../helpers/browser';

const canRun = browserAvailable();

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
/** The same day a month earlier, kept inside the month (03-31 → 02-28). */
function monthEarlier(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1, 0)).getUTCDate();
  return `${m === 1 ? y - 1 : y}-${String(m === 1 ? 12 : m - 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
/** 环比's range: a month earlier; a range ending on a month's last day compares with the whole month before. */
function previousRange(r: { from: string; to: string }) {
  const monthEnd = addDays(r.to, 1).endsWith('-01');
  return { from: monthEarlier(r.from), to: monthEnd ? addDays(`${r.to.slice(0, 7)}-01`, -1) : monthEarlier(r.to) };
}
type Snapshot = Output<'stats', 'snapshots'>['snapshots'][number];

const TODAY = shanghaiToday();
const YESTERDAY = addDays(TODAY, -1);
const RANGE = { from: addDays(TODAY, -30), to: YESTERDAY }; // 近 30 天
const PREVIOUS = previousRange(RANGE);
const MATRIX_MONTH = YESTERDAY.slice(0, 7);

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const yuan = (fen: number) => `¥${grouped(Math.floor(fen / 100))}.${String(fen % 100).padStart(2, '0')}`;
const relChange = (cur: number, prev: number) => `${cur >= prev ? (cur > prev ? '+' : '') : '−'}${(Math.round(Math.abs((cur - prev) / prev) * 1000) / 10).toFixed(1)}%`;

/** Stored day `i` days back: the real snapshot's shape, figures that vary by day (sales split between two stores). */
function storedDay(real: Snapshot, i: number): Snapshot {
  const mall = 6_000 * i + 50;
  const hotel = 4_000 * i;
  return {
    ...real,
    day: addDays(TODAY, -i),
    members: { ...real.members, new: (i % 4) + 1 },
    active: { ...real.active, members: 10 + (i % 3), rate: 0.25 + (i % 5) / 100 },
    repurchase: { buyers: 10, repeaters: i % 4, rate: (i % 4) / 10 },
    orders: { count: 3 * i, gmvFen: mall + hotel },
    points: { ...real.points, issued: 100 * i, spent: 40 * i, expired: i % 7 },
    tiers: { promotions: i % 3, demotions: i % 2 },
    sales: {
      refunds: 0, refundFen: 0,
      byFormat: [{ format: 'mall', orders: 2 * i, gmvFen: mall, points: 60 * i }, { format: 'hotel', orders: i, gmvFen: hotel, points: 40 * i }],
      byStore: [{ storeId: 'store-mall-01', format: 'mall', orders: 2 * i, gmvFen: mall, points: 60 * i }, { storeId: 'store-hotel-01', format: 'hotel', orders: i, gmvFen: hotel, points: 40 * i }],
    },
    nps: { day: { responses: 2, promoters: 1 + (i % 2), passives: 1 - (i % 2), detractors: 0, score: null }, month: { month: addDays(TODAY, -i).slice(0, 7), responses: 10, promoters: 5, passives: 4, detractors: 1, score: 40 + (i % 20) } },
  };
}

/** Each visible chart: its id, how many canvas pixels are not white (drawn), its data points. (A string: run in the page.) */
async function drawnCharts(page: Page): Promise<Array<{ id: string; inked: number; points: number }>> {
  return page.evaluate(`[...document.querySelectorAll('.insight-chart')].filter((el) => el.offsetParent !== null).map((el) => {
    const canvas = el.querySelector('canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let k = 0; k < data.length; k += 4) if (data[k + 3] > 0 && (data[k] < 230 || data[k + 1] < 230 || data[k + 2] < 230)) inked += 1;
    return { id: el.getAttribute('data-chart') || '', inked, points: Number(el.getAttribute('data-points')) };
  })`);
}

/** A screenshot of the whole page: Taro scrolls inside the page element, so the viewport grows to its height first. */
async function tallShot(page: Page, name: string): Promise<void> {
  if (!process.env.SCREENSHOT_DIR) return;
  const size = page.viewportSize()!;
  const height = Number(await page.evaluate(`Math.max(...[...document.querySelectorAll('.taro_page')].map((p) => p.scrollHeight))`));
  await page.setViewportSize({ width: size.width, height: Math.min(6000, Math.max(size.height, height)) });
  await page.waitForTimeout(600);
  await shot(page, name);
  await page.setViewportSize(size);
  await page.waitForTimeout(300);
}

const kpi = (page: Page, id: string) => visible(page, `.insight-kpi[data-kpi="${id}"] .insight-kpi__value`).textContent();
const kpiChange = (page: Page, id: string) => visible(page, `.insight-kpi[data-kpi="${id}"] .insight-kpi__change`).textContent();

async function download(page: Page, table: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), visible(page, `.insight-export[data-table="${table}"]`).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync((await file.path())!, 'utf8') };
}

(canRun ? describe : describe.skip)('console 数据看板 (H5 in headless Chromium)', () => {
  let cloud: LocalCloud;
  let page: Page;
  let days: Snapshot[];

  useH5Suite(async (suite) => {
    ({ cloud, page } = suite);
    // The timer's real snapshot of yesterday, then 74 stored days before it.
    const fired = await fetch(`${cloud.url}/_triggers/stats`, { method: 'POST' });
    expect(fired.status).toBe(200);
    const answer = await callFunction<Output<'stats', 'snapshots'>>(cloud.url, 'stats', 'demo-admin', { action: 'snapshots', ...RANGE });
    expect(answer.snapshots.map((s) => s.day)).toEqual([YESTERDAY]);
    const real = answer.snapshots[0];
    const stored = Array.from({ length: 74 }, (_, k) => storedDay(real, k + 2));
    await cloud.db.insertMany('daily_stats', stored.map(({ day, asOf, ...snapshot }) => ({
      _id: day, day, status: 'done', cursor: 'zzz', chunks: 1, asOf: new Date(asOf), startedAt: new Date(asOf), updatedAt: new Date(asOf), totals: {}, snapshot,
    })));
    days = [real, ...stored];
    // The month's lifecycle changes: two active members went dormant, one dormant came back, a new one became active.
    const at = new Date(`${YESTERDAY}T12:00:00+08:00`);
    const moves: Array<[string, string]> = [['active', 'dormant'], ['active', 'dormant'], ['dormant', 'active'], ['new', 'active']];
    await cloud.db.insertMany('lifecycle_transitions', moves.map(([from, to], k) => ({
      _id: `insight-browser-${k}`, openid: `demo-member-${k + 1}`, memberNo: '', from, to, at, month: MATRIX_MONTH, cause: 'review', ref: YESTERDAY, riskScore: 0, createdAt: at,
    })));
  });

  const of = (r: { from: string; to: string }) => days.filter((s) => s.day >= r.from && s.day <= r.to);
  const sum = (r: { from: string; to: string }, f: (s: Snapshot) => number) => of(r).reduce((n, s) => n + f(s), 0);
  const storeGmv = (s: Snapshot, storeId: string) => s.sales?.byStore.filter((x) => x.storeId === storeId).reduce((n, x) => n + x.gmvFen, 0) ?? 0;
  const formatGmv = (s: Snapshot, format: string) => s.sales?.byFormat.filter((x) => x.format === format).reduce((n, x) => n + x.gmvFen, 0) ?? 0;

  describe.each([375, 1280])('at %i px', (width) => {
    test('the health page: indicators with 环比, drawn charts, the store and format filters, a CSV export', async () => {
      await page.setViewportSize({ width, height: width > 900 ? 900 : 812 });
      await openAs(page, cloud.url, 'demo-analyst', '/packages/admin/insight/index');
      await visible(page, '.insight-preset--last30').click();
      await eventually(() => visible(page, '.insight-body').getAttribute('data-from'), RANGE.from);
      expect(await visible(page, '.insight-period').textContent()).toBe(`${RANGE.from} 至 ${RANGE.to}（30/30 天有快照）· 环比 ${PREVIOUS.from} 至 ${PREVIOUS.to} · 全部业态与门店`);

      // Member growth, GMV and ARPU of the 30 days against the month before, by brute force over the stored days.
      const newCur = sum(RANGE, (s) => s.members.new);
      const newPrev = sum(PREVIOUS, (s) => s.members.new);
      expect(await kpi(page, 'newMembers')).toBe(grouped(newCur));
      expect(await kpiChange(page, 'newMembers')).toBe(`环比 ${relChange(newCur, newPrev)}`);
      const gmvCur = sum(RANGE, (s) => s.orders.gmvFen);
      expect(await kpi(page, 'gmv')).toBe(yuan(gmvCur));
      expect(await kpiChange(page, 'gmv')).toBe(`环比 ${relChange(gmvCur, sum(PREVIOUS, (s) => s.orders.gmvFen))}`);
      const total = days[0].members.total;
      expect(await kpi(page, 'arpu')).toBe(yuan(Math.round(gmvCur / total)));
      // Active rate: yesterday's against the same day a month before, in percentage points.
      const prevLast = of(PREVIOUS).sort((a, b) => a.day.localeCompare(b.day)).pop()!;
      const points = Math.round((days[0].active.rate - prevLast.active.rate) * 1000) / 10;
      expect(await kpiChange(page, 'activeRate')).toBe(`环比 ${points > 0 ? '+' : points < 0 ? '−' : ''}${Math.abs(points).toFixed(1)} 个百分点`);
      // NPS of the answers in the range: (promoters − detractors) / answers.
      const answers = sum(RANGE, (s) => s.nps?.day.responses ?? 0);
      const promoters = sum(RANGE, (s) => s.nps?.day.promoters ?? 0);
      const detractors = sum(RANGE, (s) => s.nps?.day.detractors ?? 0);
      expect(await kpi(page, 'nps')).toBe((Math.round(((promoters - detractors) / answers) * 1000) / 10).toFixed(1));

      // 留存: the cohort table as of the range's last day, a row per month of joining.
      const cohorts = await callFunction<Output<'stats', 'cohorts'>>(cloud.url, 'stats', 'demo-admin', { action: 'cohorts', day: YESTERDAY });
      expect(cohorts.rows.length).toBeGreaterThan(0);
      expect(await visible(page, '.insight-table[data-table="cohorts-buyers"] .insight-table__row .console-cell:first-child').allTextContents()).toEqual(cohorts.rows.map((r) => r.month));

      // Every chart of the page has ink on its canvas; the series charts have data points.
      await eventually(async () => (await drawnCharts(page)).every((c) => c.inked > 300), true);
      const charts = await drawnCharts(page);
      expect(charts.map((c) => c.id)).toEqual(['cohort-curve', 'members-new', 'active-rate', 'gmv', 'nps']);
      expect(charts.find((c) => c.id === 'members-new')!.points).toBe(of(RANGE).filter((s) => s.members.new > 0).length);
      await tallShot(page, `console-insight-health-${width}`);

      // The store filter narrows sales: GMV is that store's; the format filter the format's.
      await visible(page, '.insight-store[data-store="store-hotel-01"]').click();
      await eventually(() => kpi(page, 'gmv'), yuan(sum(RANGE, (s) => storeGmv(s, 'store-hotel-01'))));
      expect(await kpi(page, 'newMembers')).toBe(grouped(newCur)); // members are not by store
      await visible(page, '.insight-format[data-format="mall"]').click();
      await eventually(() => kpi(page, 'gmv'), yuan(sum(RANGE, (s) => formatGmv(s, 'mall'))));
      expect(await page.locator('.insight-store:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-store')))).toEqual(['', 'store-mall-01', 'store-mall-02']);
      await shot(page, `console-insight-health-mall-${width}`);
      await visible(page, '.insight-format[data-format=""]').click();
      await eventually(() => kpi(page, 'gmv'), yuan(gmvCur));

      // CSV: BOM, what and when, the head, one row per indicator as on screen.
      const csv = await download(page, 'health');
      expect(csv.name).toBe(`经营健康指标-${RANGE.from}-${RANGE.to}.csv`);
      expect(csv.text.startsWith('\ufeff')).toBe(true);
      const rows = csv.text.slice(1).split('\r\n');
      expect(rows.slice(0, 4)).toEqual([`经营健康指标,${RANGE.from} 至 ${RANGE.to},全部业态与门店`, '', '指标,本期,上期,环比', `新增会员,${newCur},${newPrev},${relChange(newCur, newPrev)}`]);
      expect(rows.filter((r) => r).length).toBe(2 + 9); // what and when, the head, nine indicators
    }, 120_000);

    test('门店与业态 and 等级与生命周期: the store table follows the filter and exports its rows; the month matrix', async () => {
      await page.setViewportSize({ width, height: width > 900 ? 900 : 812 });
      await openAs(page, cloud.url, 'demo-admin', '/packages/admin/insight-stores/index');
      await visible(page, '.insight-preset--last30').click();
      await eventually(() => visible(page, '.insight-body').getAttribute('data-from'), RANGE.from);
      await visible(page, '.insight-format[data-format="hotel"]').click();
      const table = visible(page, '.insight-table[data-table="sales-by-store"] .insight-table__row');
      await eventually(() => table.count(), 1);
      const hotelGmv = sum(RANGE, (s) => storeGmv(s, 'store-hotel-01'));
      const hotelOrders = sum(RANGE, (s) => s.sales?.byStore.filter((x) => x.storeId === 'store-hotel-01').reduce((n, x) => n + x.orders, 0) ?? 0);
      expect(await table.first().locator('.console-cell').allTextContents()).toEqual(expect.arrayContaining(['星河酒店', '酒店', grouped(hotelOrders), yuan(hotelGmv).slice(1)]));
      await eventually(async () => (await drawnCharts(page)).every((c) => c.inked > 300), true);
      await tallShot(page, `console-insight-stores-${width}`);
      const csv = await download(page, 'sales-by-store');
      expect(csv.text.startsWith('\ufeff按门店,')).toBe(true);
      const lines = csv.text.slice(1).split('\r\n').filter((r) => r);
      expect(lines[0]).toBe(`按门店,${RANGE.from} 至 ${RANGE.to},业态：酒店`);
      expect(lines[1]).toBe('门店,业态,订单,消费额（元）,积分,未兑积分');
      expect(lines.slice(2).map((l) => l.split(',').slice(0, 4))).toEqual([['星河酒店', '酒店', String(hotelOrders), (hotelGmv / 100).toFixed(2)]]);
      await visible(page, '.insight-format[data-format=""]').click();

      await visible(page, '.insight-tab--tiers').click();
      await visible(page, '.insight-matrix').waitFor({ timeout: 15_000 });
      await visible(page, `.insight-matrix-month[data-month="${MATRIX_MONTH}"]`).click();
      await eventually(() => visible(page, '.insight-matrix').getAttribute('data-month'), MATRIX_MONTH);
      expect(await kpi(page, 'active-dormant')).toBe('2');
      expect(await kpi(page, 'came-back')).toBe('1');
      expect(await kpi(page, 'transitions')).toBe('4');
      const activeRow = visible(page, '.insight-table[data-table="stage-matrix"] .insight-table__row').nth(1);
      expect(await activeRow.locator('.console-cell').allTextContents()).toEqual(['活跃', '0', '—', '0', '2', '0', '2']);
      await eventually(async () => (await drawnCharts(page)).every((c) => c.inked > 300), true);
      await tallShot(page, `console-insight-tiers-${width}`);
      const matrix = await download(page, 'stage-matrix');
      expect(matrix.text.slice(1).split('\r\n').slice(2, 4)).toEqual(['原阶段 → 新阶段,新会员,活跃,低频,沉睡,流失,合计', '新会员,—,1,0,0,0,1']);
    }, 120_000);
  });
});

