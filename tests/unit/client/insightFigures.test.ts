// 数据看板's figures (client/src/packages/admin/insight-figures.ts) on hand-made snapshots: flows summed over the
// range and stocks from its last day, the format / store filter on sales, points and write-offs, 环比 (relative for
// counts and money, percentage points for rates, null against nothing), the comparison range a month earlier, the
// series per day and per month, a figure the snapshots do not have yet (null, not 0), the stage matrix grid, the
// cohorts' next-month retention; and the store asking stats.snapshots in calls of at most 366 days.
import { describe, expect, test } from '@jest/globals';
import {
  buckets, change, cohortTable, flow, indicators, matrixTable, nextMonthRetention, presetRange, previousRange, rangeFigures, rangeProblem, salesTable, shiftMonths, stock,
  NO_NAMES, type Cohorts, type Names, type Snapshot, type StageMatrix,
} from '../../../client/src/packages/admin/insight-figures';
import { createInsightStore } from '../../../client/src/packages/admin/insight-store';

const names: Names = { ...NO_NAMES, stores: { s1: { name: '一店', format: 'mall' }, s2: { name: '二店', format: 'mall' }, h1: { name: '酒店', format: 'hotel' } }, formats: { mall: '购物中心', hotel: '酒店' } };

function snap(day: string, k: number, extra: Partial<Snapshot> = {}): Snapshot {
  return {
    day, asOf: `${day}T17:00:00.000Z`,
    members: { total: 100 + k, new: k, byTier: [{ level: 0, members: 100 + k }], byStage: [], byChannel: null },
    active: { days: 30, members: 20 + k, rate: (20 + k) / (100 + k) },
    orders: { count: 3, gmvFen: 1000 * k },
    arpu: { windowGmvFen: 0, perMemberFen: 0, perActiveMemberFen: 0 },
    repurchase: { buyers: 10, repeaters: k, rate: k / 10 },
    points: { issued: 10 * k, spent: 5 * k, expired: k, byType: [{ type: 'earn', points: 10 * k, entries: k }] },
    outstandingPoints: 500 + k,
    liability: { outstandingPoints: 500 + k, fenPerPoint: 1, grossFen: 500 + k, breakageRate: 0.1, expectedBreakagePoints: 50, netFen: 450 + k, historyMonths: 12, historyExpired: 10, historySpent: 90 },
    expirySchedule: { months: [], later: 0 },
    reconciliation: { balances: 0, ledger: 0, ok: true, mismatchCount: 0, mismatches: [] },
    tiers: null, sales: null, pointsDetail: null, engagement: null, referrals: null, mall: null, nps: null,
    ...extra,
  } as Snapshot;
}

const sales = (k: number): Snapshot['sales'] => ({
  refunds: 0, refundFen: 0,
  byFormat: [{ format: 'mall', orders: 2, gmvFen: 700 * k, points: 7 * k }, { format: 'hotel', orders: 1, gmvFen: 300 * k, points: 3 * k }],
  byStore: [{ storeId: 's1', format: 'mall', orders: 1, gmvFen: 400 * k, points: 4 * k }, { storeId: 's2', format: 'mall', orders: 1, gmvFen: 300 * k, points: 3 * k }, { storeId: 'h1', format: 'hotel', orders: 1, gmvFen: 300 * k, points: 3 * k }],
});

describe('ranges', () => {
  test('a month earlier stays inside the month; a whole month compares with the whole month before', () => {
    expect(shiftMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(shiftMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(previousRange({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousRange({ from: '2026-03-01', to: '2026-03-17' })).toEqual({ from: '2026-02-01', to: '2026-02-17' });
    expect(previousRange({ from: '2026-02-01', to: '2026-02-28' })).toEqual({ from: '2026-01-01', to: '2026-01-31' });
  });
  test('presets end yesterday (today has no snapshot yet); a typed range is checked', () => {
    expect(presetRange('thisMonth', '2026-06-15')).toEqual({ from: '2026-06-01', to: '2026-06-14' });
    expect(presetRange('thisMonth', '2026-06-01')).toEqual({ from: '2026-06-01', to: '2026-06-01' });
    expect(presetRange('lastMonth', '2026-03-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('last30', '2026-06-15')).toEqual({ from: '2026-05-16', to: '2026-06-14' });
    expect(rangeProblem({ from: '2026-06-02', to: '2026-06-01' })).toBe('开始日期不能晚于结束日期');
    expect(rangeProblem({ from: '2026-02-30', to: '2026-03-01' })).toBe('请输入日期，格式如 2026-06-01');
    expect(rangeProblem({ from: '2025-01-01', to: '2026-06-01' })).toBe('统计区间最长 366 天');
    expect(rangeProblem({ from: '2026-06-01', to: '2026-06-30' })).toBeNull();
  });
});

describe('figures of a range', () => {
  const all = [snap('2026-05-01', 1, { sales: sales(1) }), snap('2026-05-02', 2, { sales: sales(2) }), snap('2026-06-01', 3, { sales: sales(3) }), snap('2026-06-02', 4), snap('2026-06-03', 5, { sales: sales(5) })];
  const june = { from: '2026-06-01', to: '2026-06-03' };
  const may = previousRange(june);

  test('flows are summed, stocks are the last day', () => {
    const f = rangeFigures(all, june, { format: '', storeId: '' }, names);
    expect(f.covered).toBe(3);
    expect(f.members).toEqual({ total: 105, new: 12 });
    expect(f.sales).toEqual({ orders: 9, gmvFen: 12_000, points: 120 });
    expect(f.arpuFen).toBe(Math.round(12_000 / 105));
    expect(f.points).toEqual({ issued: 120, spent: 60, expired: 12 });
    expect(f.outstanding).toBe(505);
    expect(f.active?.rate).toBeCloseTo(25 / 105);
    expect(f.tiers).toBeNull(); // not in these snapshots: no figure, not 0
  });

  test('a store or format filter narrows sales; a day without the breakdown is left out', () => {
    const store = rangeFigures(all, june, { format: '', storeId: 's1' }, names);
    expect(store.sales).toEqual({ orders: 2, gmvFen: 400 * 8, points: 4 * 8 });
    const mall = rangeFigures(all, june, { format: 'mall', storeId: '' }, names);
    expect(mall.sales).toEqual({ orders: 4, gmvFen: 700 * 8, points: 7 * 8 });
    expect(mall.members).toEqual({ total: 105, new: 12 });
    expect(mall.points).toBeNull(); // pointsDetail missing everywhere
    const t = salesTable(all, june, { format: 'mall', storeId: '' }, names);
    expect(t.byStore).toEqual([{ storeId: 's1', format: 'mall', orders: 2, gmvFen: 3200, points: 32 }, { storeId: 's2', format: 'mall', orders: 2, gmvFen: 2400, points: 24 }]);
    expect(t.byFormat.map((r) => r.format)).toEqual(['mall']);
  });

  test('环比: relative for counts and money, percentage points for rates, none against nothing', () => {
    const list = indicators(rangeFigures(all, june, { format: '', storeId: '' }, names), rangeFigures(all, may, { format: '', storeId: '' }, names));
    const get = (key: string) => list.find((i) => i.key === key)!;
    expect(get('newMembers')).toMatchObject({ value: 12, previous: 3 });
    expect(change(get('newMembers'))).toEqual({ text: '+300.0%', direction: 'up' });
    expect(change(get('gmv'))).toEqual({ text: '+300.0%', direction: 'up' });
    expect(change({ unit: 'rate', value: 0.25, previous: 0.3 })).toEqual({ text: '−5.0 个百分点', direction: 'down' });
    expect(change({ unit: 'count', value: 5, previous: 0 })).toBeNull();
    expect(change(get('promotionRate'))).toBeNull();
    expect(change({ unit: 'score', value: 12.5, previous: 12.5 })).toEqual({ text: '0.0', direction: 'flat' });
  });

  test('series: a point a day (null for a day without a snapshot), or a month for a long range', () => {
    const s = buckets(all, { from: '2026-05-31', to: '2026-06-03' });
    expect(s.categories).toEqual(['05-31', '06-01', '06-02', '06-03']);
    expect(flow(s, (x) => x.members.new)).toEqual([null, 3, 4, 5]);
    const long = buckets(all, { from: '2026-04-01', to: '2026-06-30' });
    expect(long.categories).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(flow(long, (x) => x.members.new)).toEqual([null, 3, 12]);
    expect(stock(long, (x) => x.outstandingPoints)).toEqual([null, 502, 505]);
  });
});

test('the stage matrix as a grid, with each row’s total', () => {
  const m: StageMatrix = {
    month: '2026-06', stages: [{ stage: 'new', name: '新会员' }, { stage: 'active', name: '活跃' }, { stage: 'dormant', name: '沉睡' }] as StageMatrix['stages'],
    matrix: [{ from: 'active', to: 'dormant', count: 4 }, { from: 'dormant', to: 'active', count: 1 }, { from: 'new', to: 'active', count: 2 }] as StageMatrix['matrix'],
    total: 7, activeWentDormant: 4, cameBack: 1,
  };
  expect(matrixTable(m)).toMatchObject({
    head: ['原阶段 → 新阶段', '新会员', '活跃', '沉睡', '合计'],
    rows: [['新会员', '—', 2, 0, 2], ['活跃', 0, '—', 4, 4], ['沉睡', 0, 1, '—', 1]],
  });
});

test('次月留存 counts only cohorts whose next month is over', () => {
  const c: Cohorts = {
    day: '2026-06-10', asOfMonth: '2026-06',
    rows: [
      { month: '2026-04', members: 10, buyers: [5, 4, 1], buyerShare: [0.5, 0.4, 0.1], redeemers: [1, 0, 0], redeemerShare: [0.1, 0, 0] },
      { month: '2026-05', members: 20, buyers: [8, 2], buyerShare: [0.4, 0.1], redeemers: [0, 0], redeemerShare: [0, 0] }, // June still running
      { month: '2026-03', members: 30, buyers: [9, 6, 3, 3], buyerShare: [0.3, 0.2, 0.1, 0.1], redeemers: [0, 0, 0, 0], redeemerShare: [0, 0, 0, 0] },
    ],
  };
  expect(nextMonthRetention(c)).toBeCloseTo((4 + 6) / (10 + 30));
  expect(nextMonthRetention({ day: null, asOfMonth: null, rows: [] })).toBeNull();
  expect(cohortTable(c, 'buyers', 3).rows[1]).toEqual(['2026-05', 20, '40.0%', '10.0%', '']);
});

test('the store asks the range and the month before in calls of at most 366 days, the cohorts as of both ends', async () => {
  const asked: Array<[string, string, unknown]> = [];
  const call = ((fn: string, action: string, input: unknown) => {
    asked.push([fn, action, input]);
    if (action === 'snapshots') return Promise.resolve({ ...(input as object), snapshots: [] });
    if (action === 'cohorts') return Promise.resolve({ day: null, asOfMonth: null, rows: [] });
    if (action === 'listStores') return Promise.resolve({ items: [], formats: [] });
    return Promise.reject(new Error('not here'));
  }) as never;
  const store = createInsightStore(call, () => '2026-06-15');
  await store.getState().load();
  expect(store.getState().range).toEqual({ from: '2026-06-01', to: '2026-06-14' });
  expect(asked.filter((a) => a[1] === 'snapshots').map((a) => a[2])).toEqual([{ from: '2026-05-01', to: '2026-06-14' }]);
  expect(asked.filter((a) => a[1] === 'cohorts').map((a) => a[2])).toEqual([{ day: '2026-06-14' }, { day: '2026-05-14' }]);
  asked.length = 0;
  await store.getState().pick('custom', { from: '2025-06-15', to: '2026-06-14' });
  // 365 days and the month before do not fit in one call: the comparison apart, then the range.
  expect(asked.filter((a) => a[1] === 'snapshots').map((a) => a[2])).toEqual([{ from: '2025-05-15', to: '2026-05-14' }, { from: '2025-06-15', to: '2026-06-14' }]);
});
