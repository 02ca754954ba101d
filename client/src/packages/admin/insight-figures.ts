// 数据看板: the figures of a date range from the nightly snapshots (stats.snapshots), pure. Flows (new members, orders,
// points, check-ins, redemptions ...) are the sum of the range's days; stocks (members, balances, the liability, the
// expiry schedule) are the last snapshot's. A format or store filter narrows the figures the snapshot keeps per format
// and store (sales, points, outstanding points, write-offs); the rest is the whole programme and says so. Each figure
// is compared with the same days one month earlier (环比). Snapshot figures written before the job had them are null:
// the screen then says the figure is not there yet instead of showing 0.
import type { Output } from '@contract/index';

export type Snapshot = Output<'stats', 'snapshots'>['snapshots'][number];
export type StageMatrix = Output<'catalog', 'stageTransitions'>;
export type Cohorts = Output<'stats', 'cohorts'>;

export interface Range { from: string; to: string }
/** '' = every format / store. */
export interface Filter { format: string; storeId: string }
export const NO_FILTER: Filter = { format: '', storeId: '' };

export type PresetKind = 'thisMonth' | 'lastMonth' | 'last30' | 'last90' | 'custom';
export const PRESETS: Array<{ kind: PresetKind; label: string }> = [
  { kind: 'thisMonth', label: '本月' },
  { kind: 'lastMonth', label: '上月' },
  { kind: 'last30', label: '近 30 天' },
  { kind: 'last90', label: '近 90 天' },
  { kind: 'custom', label: '自定义' },
];

/** The longest range one screen asks for (stats.snapshots answers at most 366 days a call; the comparison month is asked apart). */
export const MAX_RANGE_DAYS = 366;

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Today in Asia/Shanghai (YYYY-MM-DD). */
export const shanghaiToday = (now: Date = new Date()) => dayOf(now.getTime() + 8 * 3600_000);
export const addDays = (day: string, n: number) => dayOf(utc(day) + n * DAY_MS);
export const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(utc(s)) && dayOf(utc(s)) === s;
export const daysBetween = (r: Range) => Math.round((utc(r.to) - utc(r.from)) / DAY_MS) + 1;

/** The same day `n` months later (earlier for n < 0), kept inside the month: 03-31 − 1 month = 02-28. */
export function shiftMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** The range the figures are compared with: the same days one month earlier (本月 to date against last month to the same day). */
export function previousRange(r: Range): Range {
  const lastOfMonth = (day: string) => addDays(shiftMonths(`${day.slice(0, 7)}-01`, 1), -1) === day;
  // A whole-month end (上月) compares with the whole month before, also when it is shorter or longer.
  const to = lastOfMonth(r.to) ? addDays(`${r.to.slice(0, 7)}-01`, -1) : shiftMonths(r.to, -1);
  return { from: shiftMonths(r.from, -1), to };
}

export function presetRange(kind: Exclude<PresetKind, 'custom'>, today: string): Range {
  // Today's snapshot is written after the day ends: a range up to yesterday has every day's figures.
  const yesterday = addDays(today, -1);
  if (kind === 'thisMonth') {
    // On the 1st the month has no finished day yet: the range is the 1st alone (its snapshot comes tonight).
    const from = `${today.slice(0, 7)}-01`;
    return { from, to: yesterday < from ? from : yesterday };
  }
  if (kind === 'lastMonth') {
    const from = shiftMonths(`${today.slice(0, 7)}-01`, -1);
    return { from, to: addDays(`${today.slice(0, 7)}-01`, -1) };
  }
  return { from: addDays(yesterday, kind === 'last30' ? -29 : -89), to: yesterday };
}

/** A typed range's problem in Chinese, or null. */
export function rangeProblem(r: Range): string | null {
  if (!isDay(r.from) || !isDay(r.to)) return '请输入日期，格式如 2026-06-01';
  if (r.from > r.to) return '开始日期不能晚于结束日期';
  if (daysBetween(r) > MAX_RANGE_DAYS) return `统计区间最长 ${MAX_RANGE_DAYS} 天`;
  return null;
}

export const inRange = (s: { day: string }, r: Range) => s.day >= r.from && s.day <= r.to;

// ---- names

export const STAGE_LABELS: Record<string, string> = { new: '新会员', active: '活跃', occasional: '低频', dormant: '沉睡', churned: '流失', none: '未判定' };
export const SOURCE_LABELS: Record<string, string> = {
  order: '消费', checkin: '签到', task: '任务', registration: '注册', mall: '积分商城', referral: '邀请', adjust: '人工调整', activity: '活动',
  expire: '过期', refund: '退款', upgrade: '升级礼', migration: '迁移', deduction: '积分抵扣', benefit: '权益',
};
export const TYPE_LABELS: Record<string, string> = { earn: '获得', spend: '使用', expire: '过期', refund: '退还', adjust: '调整', reverse: '退款扣回' };
export const CHANNEL_LABELS: Record<string, string> = { direct: '自然注册', referral: '好友邀请', import: '迁移导入' };

export interface Names {
  tiers: Record<number, string>;
  formats: Record<string, string>;
  stores: Record<string, { name: string; format: string }>;
  tasks: Record<string, string>;
}
export const NO_NAMES: Names = { tiers: {}, formats: {}, stores: {}, tasks: {} };

export const tierName = (n: Names, level: number) => n.tiers[level] ?? `等级 ${level}`;
export const formatName = (n: Names, format: string) => (format ? n.formats[format] ?? format : '无业态');
export const storeName = (n: Names, storeId: string) => (storeId ? n.stores[storeId]?.name ?? storeId : '无门店');

// ---- formatting (numbers grouped as the rest of the console; no toLocaleString in mini-program engines)

export const grouped = (v: number) => {
  const [int, frac] = String(Math.abs(v)).split('.');
  return `${v < 0 ? '−' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
};
/** fen → "¥1,234.50". */
export const yuan = (fen: number) => {
  const abs = Math.abs(Math.round(fen));
  return `${fen < 0 ? '−' : ''}¥${grouped(Math.floor(abs / 100))}.${pad(abs % 100)}`;
};
/** fen → "1234.50" (a CSV cell). */
export const yuanCell = (fen: number) => (fen / 100).toFixed(2);
/** 0.1234 → "12.3%". */
export const percent = (rate: number) => `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

// ---- sums over the range

const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);
const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** Whether a store passes the filter (a store filter wins over a format filter). */
const storePasses = (f: Filter, names: Names, storeId: string, format?: string) =>
  f.storeId ? storeId === f.storeId : !f.format || (format ?? names.stores[storeId]?.format) === f.format;
export const filtered = (f: Filter) => Boolean(f.format || f.storeId);

/** The snapshots of the range that have a figure (`pick` not null). */
const having = <T>(snaps: Snapshot[], pick: (s: Snapshot) => T | null | undefined) => snaps.map(pick).filter((v): v is T => v !== null && v !== undefined);

export interface Sales { orders: number; gmvFen: number; points: number }

/** The day's sales for the filter (the whole programme without one). */
function daySales(s: Snapshot, f: Filter, names: Names): Sales | null {
  if (!filtered(f)) return { orders: s.orders.count, gmvFen: s.orders.gmvFen, points: s.points.issued };
  const sales = s.sales;
  if (!sales) return null;
  const rows = f.storeId ? sales.byStore.filter((r) => r.storeId === f.storeId) : sales.byFormat.filter((r) => r.format === f.format);
  return { orders: sum(rows, (r) => r.orders), gmvFen: sum(rows, (r) => r.gmvFen), points: sum(rows, (r) => r.points) };
}

export interface PointFlows { issued: number; spent: number; expired: number }

/** The day's points issued, spent and expired for the filter (by the format and store of the lots). */
function dayPoints(s: Snapshot, f: Filter): PointFlows | null {
  if (!filtered(f)) return { issued: s.points.issued, spent: s.points.spent, expired: s.points.expired };
  const d = s.pointsDetail;
  if (!d) return null;
  const rows: Array<{ type: string; points: number }> = f.storeId ? d.byStore.filter((r) => r.storeId === f.storeId) : d.byFormat.filter((r) => r.format === f.format);
  const of = (type: string) => sum(rows.filter((r) => r.type === type), (r) => r.points);
  return { issued: of('earn'), spent: -of('spend'), expired: -of('expire') };
}

function outstandingOf(s: Snapshot, f: Filter): number | null {
  if (!filtered(f)) return s.outstandingPoints;
  const o = s.pointsDetail?.outstanding;
  if (!o) return null;
  return f.storeId ? sum(o.byStore.filter((r) => r.storeId === f.storeId), (r) => r.points) : sum(o.byFormat.filter((r) => r.format === f.format), (r) => r.points);
}

export interface Nps { responses: number; promoters: number; passives: number; detractors: number; score: number | null }
const npsScore = (n: Omit<Nps, 'score'>): Nps => ({ ...n, score: n.responses > 0 ? Math.round(((n.promoters - n.detractors) / n.responses) * 1000) / 10 : null });

/** Every figure of one range. `null`: the snapshots of the range do not have it. */
export interface RangeFigures {
  range: Range;
  days: number;
  /** Days of the range with a finished snapshot. */
  covered: number;
  last: Snapshot | null;
  members: { total: number; new: number } | null;
  active: { members: number; rate: number; days: number } | null;
  repurchase: { buyers: number; repeaters: number; rate: number } | null;
  sales: Sales | null;
  /** GMV of the range per member at its end. */
  arpuFen: number | null;
  tiers: { promotions: number; demotions: number; rate: number } | null;
  nps: Nps | null;
  points: PointFlows | null;
  outstanding: number | null;
  checkins: { memberDays: number; averageRate: number } | null;
  tasks: { claims: number; byTask: Array<{ taskId: string; claims: number }> } | null;
  referrals: { registered: number; firstOrders: number; windowRate: number | null; windowInvited: number; windowOrdered: number } | null;
  mall: { redemptions: number; units: number; points: number; cancelled: number; byItem: Array<{ itemId: string; itemName: string; redemptions: number; units: number; points: number }> } | null;
  writeOffs: { mall: number; benefit: number; total: number; byStore: Array<{ storeId: string; count: number }> } | null;
}

export function rangeFigures(all: Snapshot[], range: Range, f: Filter, names: Names): RangeFigures {
  const snaps = all.filter((s) => inRange(s, range)).sort((a, b) => a.day.localeCompare(b.day));
  const last = snaps.length ? snaps[snaps.length - 1] : null;
  const members = last ? { total: last.members.total, new: sum(snaps, (s) => s.members.new) } : null;
  const salesDays = having(snaps, (s) => daySales(s, f, names));
  const sales = salesDays.length ? { orders: sum(salesDays, (x) => x.orders), gmvFen: sum(salesDays, (x) => x.gmvFen), points: sum(salesDays, (x) => x.points) } : null;
  const tierDays = having(snaps, (s) => s.tiers);
  const npsDays = having(snaps, (s) => s.nps?.day);
  const npsSum = npsDays.length ? npsScore({ responses: sum(npsDays, (n) => n.responses), promoters: sum(npsDays, (n) => n.promoters), passives: sum(npsDays, (n) => n.passives), detractors: sum(npsDays, (n) => n.detractors) }) : null;
  const pointDays = having(snaps, (s) => dayPoints(s, f));
  const engagement = having(snaps, (s) => s.engagement);
  const referralDays = having(snaps, (s) => s.referrals);
  const mallDays = having(snaps, (s) => s.mall);
  const byItem = new Map<string, { itemId: string; itemName: string; redemptions: number; units: number; points: number }>();
  for (const m of mallDays) {
    for (const r of m.byItem) {
      const row = byItem.get(r.itemId) ?? { itemId: r.itemId, itemName: r.itemName, redemptions: 0, units: 0, points: 0 };
      row.itemName = r.itemName || row.itemName;
      row.redemptions += r.redemptions; row.units += r.units; row.points += r.points;
      byItem.set(r.itemId, row);
    }
  }
  const byTask = new Map<string, number>();
  for (const e of engagement) for (const t of e.tasks.byTask) byTask.set(t.taskId, (byTask.get(t.taskId) ?? 0) + t.claims);
  const writeOffStores = new Map<string, number>();
  for (const m of mallDays) for (const r of m.writeOffs.byStore) if (storePasses(f, names, r.storeId)) writeOffStores.set(r.storeId, (writeOffStores.get(r.storeId) ?? 0) + r.count);
  const lastReferral = referralDays.length ? referralDays[referralDays.length - 1] : null;
  const lastOutstanding = last ? outstandingOf(last, f) : null;
  return {
    range, days: daysBetween(range), covered: snaps.length, last,
    members,
    active: last ? { members: last.active.members, rate: last.active.rate, days: last.active.days } : null,
    repurchase: last ? { ...last.repurchase } : null,
    sales,
    arpuFen: sales && members && members.total > 0 ? Math.round(sales.gmvFen / members.total) : null,
    tiers: tierDays.length && members ? (() => {
      const promotions = sum(tierDays, (t) => t.promotions);
      return { promotions, demotions: sum(tierDays, (t) => t.demotions), rate: rate(promotions, members.total) };
    })() : null,
    nps: npsSum,
    points: pointDays.length ? { issued: sum(pointDays, (p) => p.issued), spent: sum(pointDays, (p) => p.spent), expired: sum(pointDays, (p) => p.expired) } : null,
    outstanding: lastOutstanding,
    checkins: engagement.length ? { memberDays: sum(engagement, (e) => e.checkins.members), averageRate: sum(engagement, (e) => e.checkins.rate) / engagement.length } : null,
    tasks: engagement.length ? { claims: sum(engagement, (e) => e.tasks.claims), byTask: [...byTask].map(([taskId, claims]) => ({ taskId, claims })).sort((a, b) => b.claims - a.claims) } : null,
    referrals: referralDays.length ? {
      registered: sum(referralDays, (r) => r.registered), firstOrders: sum(referralDays, (r) => r.firstOrders),
      windowRate: lastReferral ? lastReferral.window.rate : null, windowInvited: lastReferral?.window.invited ?? 0, windowOrdered: lastReferral?.window.ordered ?? 0,
    } : null,
    mall: mallDays.length ? {
      redemptions: sum(mallDays, (m) => m.redemptions), units: sum(mallDays, (m) => m.units), points: sum(mallDays, (m) => m.points), cancelled: sum(mallDays, (m) => m.cancelled),
      byItem: [...byItem.values()].sort((a, b) => b.points - a.points || b.redemptions - a.redemptions),
    } : null,
    writeOffs: mallDays.length ? {
      mall: filtered(f) ? 0 : sum(mallDays, (m) => m.writeOffs.mall), benefit: filtered(f) ? 0 : sum(mallDays, (m) => m.writeOffs.benefit),
      total: filtered(f) ? sum([...writeOffStores.values()], (c) => c) : sum(mallDays, (m) => m.writeOffs.total),
      byStore: [...writeOffStores].map(([storeId, count]) => ({ storeId, count })).sort((a, b) => b.count - a.count),
    } : null,
  };
}

/** Sales per format and per store over the range (the filter narrows the rows). */
export function salesTable(all: Snapshot[], range: Range, f: Filter, names: Names) {
  const snaps = all.filter((s) => inRange(s, range) && s.sales);
  const add = <K extends string>(m: Map<K, Sales>, k: K, r: Sales) => {
    const row = m.get(k) ?? { orders: 0, gmvFen: 0, points: 0 };
    m.set(k, { orders: row.orders + r.orders, gmvFen: row.gmvFen + r.gmvFen, points: row.points + r.points });
  };
  const formats = new Map<string, Sales>();
  const stores = new Map<string, Sales & { format: string }>();
  for (const s of snaps) {
    for (const r of s.sales!.byFormat) if (!f.format || r.format === f.format) add(formats, r.format, r);
    for (const r of s.sales!.byStore) {
      if (!storePasses(f, names, r.storeId, r.format)) continue;
      const row = stores.get(r.storeId) ?? { orders: 0, gmvFen: 0, points: 0, format: r.format };
      stores.set(r.storeId, { format: r.format, orders: row.orders + r.orders, gmvFen: row.gmvFen + r.gmvFen, points: row.points + r.points });
    }
  }
  return {
    covered: snaps.length,
    byFormat: [...formats].map(([format, v]) => ({ format, ...v })).sort((a, b) => b.gmvFen - a.gmvFen),
    byStore: [...stores].map(([storeId, v]) => ({ storeId, ...v })).sort((a, b) => b.gmvFen - a.gmvFen),
  };
}

/** Points by source and type over the range (the whole programme). */
export function pointsBySource(all: Snapshot[], range: Range) {
  const m = new Map<string, { type: string; source: string; points: number; entries: number }>();
  let covered = 0;
  for (const s of all.filter((x) => inRange(x, range))) {
    if (!s.pointsDetail) continue;
    covered += 1;
    for (const r of s.pointsDetail.bySource) {
      const k = `${r.type}|${r.source}`;
      const row = m.get(k) ?? { type: r.type, source: r.source, points: 0, entries: 0 };
      row.points += r.points; row.entries += r.entries;
      m.set(k, row);
    }
  }
  return { covered, rows: [...m.values()].sort((a, b) => a.type.localeCompare(b.type) || Math.abs(b.points) - Math.abs(a.points)) };
}

/** Points by ledger type over the range (every snapshot has them). */
export function pointsByType(all: Snapshot[], range: Range) {
  const m = new Map<string, { type: string; points: number; entries: number }>();
  for (const s of all.filter((x) => inRange(x, range))) {
    for (const r of s.points.byType) {
      const row = m.get(r.type) ?? { type: r.type, points: 0, entries: 0 };
      row.points += r.points; row.entries += r.entries;
      m.set(r.type, row);
    }
  }
  return [...m.values()].sort((a, b) => a.type.localeCompare(b.type));
}

// ---- cohorts: retention by month of joining (stats.cohorts)

const nextMonth = (m: string) => { const [y, mm] = m.split('-').map(Number); return mm === 12 ? `${y + 1}-01` : `${y}-${pad(mm + 1)}`; };

/**
 * 次月留存: of the members who joined in a month whose next month is over (before the table's month), the share who
 * purchased in the month after joining; null without such a cohort.
 */
export function nextMonthRetention(c: Cohorts | null): number | null {
  if (!c?.asOfMonth) return null;
  const done = c.rows.filter((r) => nextMonth(r.month) < c.asOfMonth! && r.buyers.length > 1);
  const members = sum(done, (r) => r.members);
  return members > 0 ? sum(done, (r) => r.buyers[1]) / members : null;
}

/** The cohort table: a row per month of joining, the buyers' share per month since joining (the first `span` months). */
export function cohortTable(c: Cohorts, kind: 'buyers' | 'redeemers', span = 6): Table {
  const share = kind === 'buyers' ? 'buyerShare' : 'redeemerShare';
  return {
    key: `cohorts-${kind}`, title: kind === 'buyers' ? '留存（消费）按入会月' : '留存（兑换）按入会月',
    head: ['入会月', '会员', ...Array.from({ length: span }, (_, k) => (k === 0 ? '当月' : `第 ${k} 月`))],
    rows: c.rows.map((r) => [r.month, r.members, ...Array.from({ length: span }, (_, k) => (k < r[share].length ? percent(r[share][k]) : ''))]),
  };
}

// ---- the health page's indicators with their change against the month before

export type Unit = 'count' | 'rate' | 'fen' | 'score';
export interface Indicator {
  key: string;
  label: string;
  help: string;
  unit: Unit;
  value: number | null;
  previous: number | null;
  /** Whether the format/store filter narrows it. */
  byFilter: boolean;
}

export function indicators(cur: RangeFigures, prev: RangeFigures, retention: { cur: number | null; prev: number | null } = { cur: null, prev: null }): Indicator[] {
  const ind = (key: string, label: string, help: string, unit: Unit, pick: (r: RangeFigures) => number | null | undefined, byFilter = false): Indicator =>
    ({ key, label, help, unit, value: pick(cur) ?? null, previous: pick(prev) ?? null, byFilter });
  return [
    ind('newMembers', '新增会员', '区间内注册的会员', 'count', (r) => r.members?.new),
    ind('members', '会员总数', '区间最后一天', 'count', (r) => r.members?.total),
    ind('activeRate', '活跃率', '近 N 天有消费的会员占比（区间最后一天）', 'rate', (r) => r.active?.rate),
    ind('arpu', 'ARPU', '区间消费额 ÷ 会员总数', 'fen', (r) => r.arpuFen, true),
    ind('gmv', '消费额', '区间内已支付订单', 'fen', (r) => r.sales?.gmvFen, true),
    ind('retention', '复购率', '近 N 天消费 2 次及以上的会员占消费会员（区间最后一天）', 'rate', (r) => r.repurchase?.rate),
    { key: 'cohortRetention', label: '次月留存率', help: '入会次月仍有消费的会员占比（已结束的入会月）', unit: 'rate', value: retention.cur, previous: retention.prev, byFilter: false },
    ind('promotionRate', '升级率', '区间内升级人次 ÷ 会员总数', 'rate', (r) => r.tiers?.rate),
    ind('nps', 'NPS', '推荐者占比 − 贬损者占比（区间内的回答）', 'score', (r) => r.nps?.score),
  ];
}

export function indicatorValue(unit: Unit, v: number | null): string {
  if (v === null) return '—';
  if (unit === 'rate') return percent(v);
  if (unit === 'fen') return yuan(v);
  if (unit === 'score') return (Math.round(v * 10) / 10).toFixed(1);
  return grouped(v);
}

/** An indicator as a table and CSV cell: counts as numbers, money as yuan (1234.50), rates as 12.3%. */
export function indicatorCell(unit: Unit, v: number | null): Cell {
  if (v === null) return '—';
  if (unit === 'count') return v;
  if (unit === 'fen') return yuanCell(v);
  return indicatorValue(unit, v);
}

/** 环比: a relative change for counts and money, percentage points for rates, points for NPS; null when not comparable. */
export function change(i: Pick<Indicator, 'unit' | 'value' | 'previous'>): { text: string; direction: 'up' | 'down' | 'flat' } | null {
  if (i.value === null || i.previous === null) return null;
  const d = i.value - i.previous;
  const direction = d > 0 ? 'up' : d < 0 ? 'down' : 'flat';
  const sign = d > 0 ? '+' : d < 0 ? '−' : '';
  if (i.unit === 'rate') return { text: `${sign}${(Math.round(Math.abs(d) * 1000) / 10).toFixed(1)} 个百分点`, direction };
  if (i.unit === 'score') return { text: `${sign}${(Math.round(Math.abs(d) * 10) / 10).toFixed(1)}`, direction };
  if (i.previous === 0) return i.value === 0 ? { text: '0.0%', direction } : null;
  return { text: `${sign}${(Math.round(Math.abs(d / i.previous) * 1000) / 10).toFixed(1)}%`, direction };
}

// ---- series for the charts: one point a day, or a month when the range is long

export interface Series { categories: string[]; buckets: Array<{ key: string; snaps: Snapshot[] }> }

export function buckets(all: Snapshot[], range: Range): Series {
  const days: string[] = [];
  for (let d = range.from; d <= range.to && days.length <= MAX_RANGE_DAYS; d = addDays(d, 1)) days.push(d);
  const byDay = new Map(all.filter((s) => inRange(s, range)).map((s) => [s.day, s]));
  if (days.length <= 62) {
    return { categories: days.map((d) => d.slice(5)), buckets: days.map((d) => ({ key: d, snaps: byDay.has(d) ? [byDay.get(d)!] : [] })) };
  }
  const months = [...new Set(days.map((d) => d.slice(0, 7)))];
  return { categories: months, buckets: months.map((m) => ({ key: m, snaps: days.filter((d) => d.startsWith(m) && byDay.has(d)).map((d) => byDay.get(d)!) })) };
}

/** A flow per bucket (summed), null for a bucket without snapshots. */
export const flow = (s: Series, f: (x: Snapshot) => number | null | undefined) =>
  s.buckets.map((b) => { const v = having(b.snaps, f); return v.length ? sum(v, (x) => x) : null; });
/** A stock per bucket (its last snapshot's), null for a bucket without snapshots. */
export const stock = (s: Series, f: (x: Snapshot) => number | null | undefined) =>
  s.buckets.map((b) => { const v = having(b.snaps, f); return v.length ? v[v.length - 1] : null; });

export const salesOf = (f: Filter, names: Names) => (s: Snapshot) => daySales(s, f, names);
export const pointsOf = (f: Filter) => (s: Snapshot) => dayPoints(s, f);
export const outstandingFor = (f: Filter) => (s: Snapshot) => outstandingOf(s, f);

// ---- tables (on screen and as CSV)

export type Cell = string | number;
export interface Table { key: string; title: string; head: string[]; rows: Cell[][] }

/** The CSV rows of a table: what it is, the range and filter, a blank line, the head and the rows. */
export function tableRows(t: Table, range: Range, filterText: string): Cell[][] {
  return [[t.title, `${range.from} 至 ${range.to}`, filterText], [], t.head, ...t.rows];
}

export function filterText(f: Filter, names: Names): string {
  if (f.storeId) return `门店：${storeName(names, f.storeId)}`;
  if (f.format) return `业态：${formatName(names, f.format)}`;
  return '全部业态与门店';
}

/** The month's stage-to-stage matrix as a grid: a row per stage left, a column per stage entered, and the row's total. */
export function matrixTable(m: StageMatrix): Table {
  const count = (from: string, to: string) => m.matrix.find((c) => c.from === from && c.to === to)?.count ?? 0;
  return {
    key: 'stage-matrix', title: `${m.month} 生命周期流转`, head: ['原阶段 → 新阶段', ...m.stages.map((s) => s.name), '合计'],
    rows: m.stages.map((from) => [
      from.name,
      ...m.stages.map((to) => (to.stage === from.stage ? '—' : count(from.stage, to.stage))),
      m.matrix.filter((c) => c.from === from.stage).reduce((n, c) => n + c.count, 0),
    ]),
  };
}
