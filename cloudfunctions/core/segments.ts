// Segments (issue 12 §2): a rule over member facts, and the facts of one member. Pure; Shanghai days (core/time.ts).
// The automations engineer's rule conditions are this language (contract/segments.ts `segmentRule` validates it).
//
// A rule is a tree: a group { match: 'all' | 'any', items: [condition | group, ...] } (AND / OR), at most
// MAX_DEPTH groups deep and MAX_CONDITIONS conditions in all. A condition is { field, op, value?, days?, key? }:
//   field        kind    ops                                value                  parameter
//   tierLevel    number  eq neq gt gte lt lte between in nin  level(s)
//   stage        enum    eq neq in nin                       STAGES
//   riskScore    number  (number ops)                        0-100
//   points       number  (number ops)                        points balance
//   expiring     number  (number ops)                        points expiring ...    days: within the next N days
//   orders       number  (number ops)                        paid orders ...        days: in the last N days
//   spendFen     number  (number ops)                        spend in fen ...       days: in the last N days
//   lastPurchase time    within before never ever            days (value)
//   joined       time    within before                       days (value)
//   formats      set     has lacks any none all              format code(s)         days: visited in the last N (optional)
//   stores       set     has lacks any none all              store id(s)            days: (optional)
//   birthday     month   eq neq in nin current               month 1-12 (current: this Shanghai month)
//   channel      enum    eq neq in nin                       CHANNELS (registration channel)
//   tags         set     has lacks any none all              tag(s)
//   experiment   enum    eq neq in nin                       arm(s)                 key: the experiment id
// "In the last N days" counts Shanghai days with today included (N = 1: today); "within N days" for a time: the day it
// happened is fewer than N days before today; "before N days": N or more days before today (never: not before).
// Expiring "within the next N days": points whose last usable day is at most today + N (as the member card's 即将过期).
// Numbers: between [a, b] is inclusive; in/nin take a list. A missing fact (no stage yet, no birthday) matches only
// neq / nin / lacks / none / never, never eq, a comparison or current.
//
// History facts (orders, spend, formats, stores) come from the member's `activity` summary (MemberActivity below),
// kept by the order's own transaction (services/orders.ts with activityAfterOrder / activityAfterRefund): no request
// of its own. A member from before the summary has none; `memberFacts(member, now, { activity })` takes one a sweep
// rebuilt from the member's orders (activityFromOrders) in a batched read.
import type { Stage } from './lifecycleStage';
import { STAGES } from './lifecycleStage';
import { addDays, daysBetween, shanghaiDay, shanghaiDayStart } from './time';

// ---------------------------------------------------------------------------------------------------------------
// The language

export const FIELD_KINDS = {
  tierLevel: 'number', stage: 'enum', riskScore: 'number', points: 'number', expiring: 'number', orders: 'number', spendFen: 'number',
  lastPurchase: 'time', joined: 'time', formats: 'set', stores: 'set', birthday: 'month', channel: 'enum', tags: 'set', experiment: 'enum',
} as const;
export type SegmentField = keyof typeof FIELD_KINDS;
export type FieldKind = (typeof FIELD_KINDS)[SegmentField];
export const SEGMENT_FIELDS = Object.keys(FIELD_KINDS) as SegmentField[];

export const OPS_BY_KIND = {
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'nin'],
  enum: ['eq', 'neq', 'in', 'nin'],
  time: ['within', 'before', 'never', 'ever'],
  set: ['has', 'lacks', 'any', 'none', 'all'],
  month: ['eq', 'neq', 'in', 'nin', 'current'],
} as const satisfies Record<FieldKind, readonly string[]>;
export type SegmentOp = (typeof OPS_BY_KIND)[FieldKind][number];
export const SEGMENT_OPS = [...new Set(Object.values(OPS_BY_KIND).flat())] as SegmentOp[];

/** Fields whose value is over a window: `days` is required (expiring, orders, spendFen) or optional (formats, stores). */
export const DAYS_REQUIRED: readonly SegmentField[] = ['expiring', 'orders', 'spendFen'];
export const DAYS_OPTIONAL: readonly SegmentField[] = ['formats', 'stores'];
/** Ops that take no value. */
export const NO_VALUE_OPS: readonly SegmentOp[] = ['never', 'ever', 'current'];
/** Ops whose value is a list. */
export const LIST_OPS: readonly SegmentOp[] = ['in', 'nin', 'any', 'none', 'all'];

/** Registration channels: how the member joined (derived from the member document, see registrationChannel). */
export const CHANNELS = ['direct', 'referral', 'import'] as const;
export type Channel = (typeof CHANNELS)[number];

export const MAX_DEPTH = 3;
export const MAX_CONDITIONS = 30;
export const MAX_LIST = 100;
export const MAX_DAYS = 366;

export type SegmentValue = number | string | Array<number | string> | [number, number];

export interface SegmentCondition {
  field: SegmentField;
  op: SegmentOp;
  value?: SegmentValue;
  /** The window of expiring/orders/spendFen (required) and formats/stores (optional), in Shanghai days. */
  days?: number;
  /** experiment: the experiment id whose arm is compared. */
  key?: string;
}

export interface SegmentGroup {
  match: 'all' | 'any';
  items: Array<SegmentCondition | SegmentGroup>;
}

export type SegmentRule = SegmentGroup;

export const isGroup = (x: SegmentCondition | SegmentGroup): x is SegmentGroup => 'match' in x;

/**
 * Why a rule is not well formed (the first problem, in Chinese), or null. The contract's schema runs this, so a rule
 * saved by the console and a rule inside an automation are checked alike; matchesSegment assumes a checked rule.
 */
export function ruleProblem(rule: SegmentRule): string | null {
  let count = 0;
  const walk = (g: SegmentGroup, depth: number): string | null => {
    if (depth > MAX_DEPTH) return `条件组最多嵌套 ${MAX_DEPTH} 层`;
    if (g.items.length === 0) return '条件组不能为空';
    for (const item of g.items) {
      const problem = isGroup(item) ? walk(item, depth + 1) : conditionProblem(item);
      if (problem) return problem;
      if (!isGroup(item)) count++;
    }
    return null;
  };
  const problem = walk(rule, 1);
  if (problem) return problem;
  return count > MAX_CONDITIONS ? `条件最多 ${MAX_CONDITIONS} 个` : null;
}

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

export function conditionProblem(c: SegmentCondition): string | null {
  const name = FIELD_NAMES[c.field];
  const kind = FIELD_KINDS[c.field];
  if (!kind) return '条件字段无效';
  if (!(OPS_BY_KIND[kind] as readonly string[]).includes(c.op)) return `「${name}」不支持「${OP_NAMES[c.op] ?? c.op}」`;
  if (DAYS_REQUIRED.includes(c.field) && c.days === undefined) return `「${name}」需要填写天数`;
  if (c.days !== undefined && !DAYS_REQUIRED.includes(c.field) && !DAYS_OPTIONAL.includes(c.field)) return `「${name}」不需要天数`;
  if (c.days !== undefined && (!isInt(c.days) || c.days < 1 || c.days > MAX_DAYS)) return `天数应为 1 到 ${MAX_DAYS} 的整数`;
  if (c.field === 'experiment' ? !c.key : c.key !== undefined) return c.field === 'experiment' ? '请选择实验' : `「${name}」不需要实验`;
  const v = c.value;
  if (NO_VALUE_OPS.includes(c.op)) return v === undefined ? null : `「${OP_NAMES[c.op]}」不需要填写值`;
  if (v === undefined) return `请填写「${name}」的值`;
  if (c.op === 'between') {
    if (!Array.isArray(v) || v.length !== 2 || !v.every(isInt)) return '介于需要两个整数';
    return (v[0] as number) > (v[1] as number) ? '介于的下限不能大于上限' : null;
  }
  if (LIST_OPS.includes(c.op)) {
    if (!Array.isArray(v) || v.length === 0) return `请至少选择一个「${name}」的值`;
    if (v.length > MAX_LIST) return `最多 ${MAX_LIST} 个值`;
    return v.map((x) => scalarProblem(c.field, kind, x)).find(Boolean) ?? null;
  }
  if (Array.isArray(v)) return `「${OP_NAMES[c.op]}」只需要一个值`;
  return scalarProblem(c.field, kind, v);
}

function scalarProblem(field: SegmentField, kind: FieldKind, v: unknown): string | null {
  const name = FIELD_NAMES[field];
  if (kind === 'number' || kind === 'time') return isInt(v) && v >= 0 ? null : `「${name}」的值应为非负整数`;
  if (kind === 'month') return isInt(v) && v >= 1 && v <= 12 ? null : '月份应为 1 到 12';
  if (typeof v !== 'string' || v.length === 0 || v.length > 64) return `「${name}」的值无效`;
  if (field === 'stage' && !(STAGES as readonly string[]).includes(v)) return '生命周期阶段无效';
  if (field === 'channel' && !(CHANNELS as readonly string[]).includes(v)) return '注册渠道无效';
  return null;
}

export const FIELD_NAMES: Readonly<Record<SegmentField, string>> = {
  tierLevel: '会员等级', stage: '生命周期阶段', riskScore: '流失风险', points: '积分余额', expiring: '即将过期积分', orders: '订单数',
  spendFen: '消费金额', lastPurchase: '最近消费', joined: '入会时间', formats: '到访业态', stores: '到访门店', birthday: '生日月份',
  channel: '注册渠道', tags: '标签', experiment: '实验分组',
};

export const OP_NAMES: Readonly<Record<SegmentOp, string>> = {
  eq: '等于', neq: '不等于', gt: '大于', gte: '大于等于', lt: '小于', lte: '小于等于', between: '介于', in: '属于', nin: '不属于',
  within: '最近N天内', before: 'N天以前', never: '从未', ever: '曾经有过',
  has: '包含', lacks: '不包含', any: '包含任一', none: '都不包含', all: '全部包含', current: '本月',
};

export const CHANNEL_NAMES: Readonly<Record<Channel, string>> = { direct: '自主注册', referral: '好友邀请', import: '迁移导入' };

// ---------------------------------------------------------------------------------------------------------------
// The activity summary kept on the member (member.activity)

/**
 * One Shanghai day with paid orders: `n` orders not fully refunded, `f` fen spent less refunds, `c` how many of those
 * orders had each product category (absent on days recorded before categories were kept).
 */
export interface ActivityDay { d: string; n: number; f: number; c?: Record<string, number> }
/** A format or store and the last Shanghai day the member bought there. */
export interface Visit { k: string; d: string }

/** Stored on the member as `activity`; every part bounded (ACTIVITY_DAYS days, MAX_VISITS places). */
export interface MemberActivity {
  /** Days with orders, newest first, within ACTIVITY_DAYS of the newest. */
  days: ActivityDay[];
  formats: Visit[];
  stores: Visit[];
}

/** Days of history kept: "in the last N days" is answered for N up to MAX_DAYS. */
export const ACTIVITY_DAYS = MAX_DAYS;
/** Formats and stores kept, most recently visited first. */
export const MAX_VISITS = 50;

export const emptyActivity = (): MemberActivity => ({ days: [], formats: [], stores: [] });

const visited = (list: Visit[], k: string | null | undefined, d: string): Visit[] => {
  if (!k) return list;
  const prior = list.find((v) => v.k === k);
  const latest = prior && prior.d > d ? prior.d : d;
  return [{ k, d: latest }, ...list.filter((v) => v.k !== k)].sort((a, b) => (a.d < b.d ? 1 : a.d > b.d ? -1 : 0)).slice(0, MAX_VISITS);
};

const trimDays = (days: ActivityDay[]): ActivityDay[] => {
  const sorted = days.filter((x) => x.n > 0 || x.f > 0).sort((a, b) => (a.d < b.d ? 1 : a.d > b.d ? -1 : 0));
  if (sorted.length === 0) return [];
  const newest = sorted[0].d;
  return sorted.filter((x) => daysBetween(x.d, newest) < ACTIVITY_DAYS);
};

export interface PaidOrderFacts { paidAt: Date; amountFen: number; format?: string | null; storeId?: string | null; categories?: string[] }

/** A day's category counts with an order's categories added (`by` 1) or taken away (-1); unknown stays unknown. */
function countCategories(c: Record<string, number> | undefined, categories: string[], by: 1 | -1): Record<string, number> | undefined {
  if (!c) return undefined;
  const out = { ...c };
  for (const k of new Set(categories)) {
    const n = (out[k] ?? 0) + by;
    if (n > 0) out[k] = n;
    else delete out[k];
  }
  return out;
}

/** The summary with one paid order counted (the order's transaction writes it once: order ids are unique). */
export function activityAfterOrder(before: MemberActivity | null | undefined, o: PaidOrderFacts): MemberActivity {
  const a = before ?? emptyActivity();
  const d = shanghaiDay(o.paidAt);
  const categories = o.categories ?? [];
  const today = a.days.find((x) => x.d === d);
  const days = today
    ? a.days.map((x) => (x.d === d ? withCategories({ d, n: x.n + 1, f: x.f + o.amountFen }, countCategories(x.c, categories, 1)) : x))
    : [{ d, n: 1, f: o.amountFen, c: countCategories({}, categories, 1) as Record<string, number> }, ...a.days];
  return { days: trimDays(days), formats: visited(a.formats, o.format, d), stores: visited(a.stores, o.storeId, d) };
}

const withCategories = (day: ActivityDay, c: Record<string, number> | undefined): ActivityDay => (c ? { ...day, c } : day);

/** The summary after a refund of `refundFen` of an order paid at `paidAt` (full: the order and its categories no longer count). */
export function activityAfterRefund(before: MemberActivity | null | undefined, r: { paidAt: Date; refundFen: number; full: boolean; categories?: string[] }): MemberActivity {
  const a = before ?? emptyActivity();
  const d = shanghaiDay(r.paidAt);
  const days = a.days.map((x) => (x.d === d
    ? withCategories({ d, n: Math.max(0, x.n - (r.full ? 1 : 0)), f: Math.max(0, x.f - r.refundFen) }, r.full ? countCategories(x.c, r.categories ?? [], -1) : x.c)
    : x));
  return { ...a, days: trimDays(days) };
}

/** A summary rebuilt from orders (a sweep's batched read of a member without one): refunds as the orders record them. */
export function activityFromOrders(orders: Array<PaidOrderFacts & { status?: string; refundedFen?: number }>): MemberActivity {
  let a = emptyActivity();
  for (const o of [...orders].sort((x, y) => x.paidAt.getTime() - y.paidAt.getTime())) {
    a = activityAfterOrder(a, o);
    if (o.status === 'refunded') a = activityAfterRefund(a, { paidAt: o.paidAt, refundFen: o.amountFen, full: true, categories: o.categories });
    else if (o.refundedFen) a = activityAfterRefund(a, { paidAt: o.paidAt, refundFen: o.refundedFen, full: false });
  }
  return a;
}

/**
 * The member's earlier orders since `since` (a Shanghai day's start) as the growth rules read them (core/growth.ts
 * PriorOrder: the day and the categories of each order not fully refunded), answered from the summary with no read
 * of the orders: one per day, at the day's start, with the day's categories. Null when the summary cannot answer
 * exactly and the orders must be read: no summary for a member who has bought, a day in the range recorded before
 * categories were kept, or a range longer than the summary keeps. Orders of the same day count as earlier (the
 * summary keeps days, not times), as they are when delivered in the order they were paid.
 */
export function priorOrdersFromActivity(m: { activity?: MemberActivity | null; lifecycle?: { purchases?: unknown[] } | null }, since: Date): Array<{ paidAt: Date; categories: string[] }> | null {
  if (!m.activity) return m.lifecycle && (m.lifecycle.purchases?.length ?? 0) === 0 ? [] : null;
  const from = shanghaiDay(since);
  const days = m.activity.days.filter((x) => x.d >= from && x.n > 0);
  const newest = m.activity.days[0]?.d;
  if (newest !== undefined && daysBetween(from, newest) >= ACTIVITY_DAYS) return null;
  if (days.some((x) => !x.c)) return null;
  return days.map((x) => ({ paidAt: shanghaiDayStart(x.d), categories: Object.keys(x.c as Record<string, number>) }));
}

export function reviveActivity(x: unknown): MemberActivity | null {
  if (!x || typeof x !== 'object') return null;
  const a = x as Partial<MemberActivity>;
  return { days: a.days ?? [], formats: a.formats ?? [], stores: a.stores ?? [] };
}

// ---------------------------------------------------------------------------------------------------------------
// The facts of one member

export interface MemberFacts {
  openid: string;
  memberNo: string;
  /** The Shanghai day of `now`: every window is counted from it. */
  today: string;
  tierLevel: number;
  stage: Stage | null;
  riskScore: number | null;
  points: number;
  /** Live lots' remaining points by last usable Shanghai day. */
  expiring: Array<{ day: string; points: number }>;
  activity: MemberActivity;
  lastPurchaseDay: string | null;
  joinedDay: string;
  birthdayMonth: number | null;
  channel: Channel;
  tags: string[];
  /** Experiment id -> arm (member.experiments, set by the experiments function). */
  experiments: Record<string, string>;
}

/** What memberFacts reads of a member document (the sweep's field projection: SEGMENT_MEMBER_FIELDS). */
export interface FactsSource {
  openid: string;
  memberNo: string;
  createdAt: Date | string;
  tierLevel: number;
  points: { balance: number; lots?: Array<{ remaining: number; expiresAt: Date | string }> };
  lifecycle?: { stage: Stage; purchases?: Array<{ at: Date | string }> } | null;
  riskScore?: number;
  birthday?: { month: number } | null;
  referredBy?: string;
  imported?: unknown;
  registrationChannel?: string;
  tags?: string[];
  experiments?: Record<string, string> | null;
  activity?: MemberActivity | null;
}

/** The member fields a sweep reads (a projection: the lots and the activity are the bulk). */
export const SEGMENT_MEMBER_FIELDS = [
  'openid', 'memberNo', 'createdAt', 'tierLevel', 'points', 'lifecycle', 'riskScore', 'birthday', 'referredBy', 'imported',
  'registrationChannel', 'tags', 'experiments', 'activity', 'updatedAt',
] as const;

export function registrationChannel(m: Pick<FactsSource, 'registrationChannel' | 'referredBy' | 'imported'>): Channel {
  if (m.registrationChannel && (CHANNELS as readonly string[]).includes(m.registrationChannel)) return m.registrationChannel as Channel;
  if (m.imported) return 'import';
  return m.referredBy ? 'referral' : 'direct';
}

/** The member's facts at `now`; `extra.activity` stands in for a member without a summary (rebuilt from orders). */
export function memberFacts(m: FactsSource, now: Date, extra: { activity?: MemberActivity | null; riskScore?: number } = {}): MemberFacts {
  const activity = reviveActivity(m.activity) ?? extra.activity ?? emptyActivity();
  const purchaseDays = [
    ...activity.days.filter((d) => d.n > 0).map((d) => d.d),
    ...(m.lifecycle?.purchases ?? []).map((p) => shanghaiDay(new Date(p.at))),
  ].sort();
  const nowMs = now.getTime();
  const expiring = new Map<string, number>();
  for (const l of m.points.lots ?? []) {
    const at = new Date(l.expiresAt).getTime();
    if (l.remaining <= 0 || at <= nowMs) continue;
    const day = shanghaiDay(new Date(at - 1)); // a lot expiring at 00:00 is last usable the day before
    expiring.set(day, (expiring.get(day) ?? 0) + l.remaining);
  }
  return {
    openid: m.openid,
    memberNo: m.memberNo,
    today: shanghaiDay(now),
    tierLevel: m.tierLevel,
    stage: m.lifecycle?.stage ?? null,
    riskScore: extra.riskScore ?? m.riskScore ?? null,
    points: m.points.balance,
    expiring: [...expiring].map(([day, points]) => ({ day, points })),
    activity,
    lastPurchaseDay: purchaseDays.length ? purchaseDays[purchaseDays.length - 1] : null,
    joinedDay: shanghaiDay(new Date(m.createdAt)),
    birthdayMonth: m.birthday?.month ?? null,
    channel: registrationChannel(m),
    tags: m.tags ?? [],
    experiments: m.experiments ?? {},
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Matching

/** The fact a condition compares: a number, a string, a list, a day, or null when the member has none. */
function factOf(c: SegmentCondition, f: MemberFacts): number | string | string[] | null {
  const inLast = (d: string) => c.days !== undefined && daysBetween(d, f.today) < c.days && daysBetween(d, f.today) >= 0;
  switch (c.field) {
    case 'tierLevel': return f.tierLevel;
    case 'stage': return f.stage;
    case 'riskScore': return f.riskScore;
    case 'points': return f.points;
    case 'expiring': {
      const horizon = addDays(f.today, c.days ?? 0);
      return f.expiring.filter((e) => e.day <= horizon).reduce((s, e) => s + e.points, 0);
    }
    case 'orders': return f.activity.days.filter((d) => inLast(d.d)).reduce((s, d) => s + d.n, 0);
    case 'spendFen': return f.activity.days.filter((d) => inLast(d.d)).reduce((s, d) => s + d.f, 0);
    case 'lastPurchase': return f.lastPurchaseDay;
    case 'joined': return f.joinedDay;
    case 'formats': return f.activity.formats.filter((v) => c.days === undefined || inLast(v.d)).map((v) => v.k);
    case 'stores': return f.activity.stores.filter((v) => c.days === undefined || inLast(v.d)).map((v) => v.k);
    case 'birthday': return f.birthdayMonth;
    case 'channel': return f.channel;
    case 'tags': return f.tags;
    case 'experiment': return f.experiments[c.key ?? ''] ?? null;
  }
}

const list = (v: SegmentValue | undefined): Array<number | string> => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export function matchesCondition(c: SegmentCondition, f: MemberFacts): boolean {
  const fact = factOf(c, f);
  const kind = FIELD_KINDS[c.field];
  if (kind === 'set') {
    const have = new Set(fact as string[]);
    const want = list(c.value).map(String);
    switch (c.op) {
      case 'has': case 'all': return want.every((w) => have.has(w));
      case 'lacks': case 'none': return want.every((w) => !have.has(w));
      case 'any': return want.some((w) => have.has(w));
      default: return false;
    }
  }
  if (kind === 'time') {
    const day = fact as string | null;
    if (c.op === 'never') return day === null;
    if (c.op === 'ever') return day !== null;
    if (day === null) return false;
    const ago = daysBetween(day, f.today);
    return c.op === 'within' ? ago < (c.value as number) : ago >= (c.value as number);
  }
  if (c.op === 'current') return fact !== null && fact === Number(f.today.slice(5, 7));
  const negative = c.op === 'neq' || c.op === 'nin';
  if (fact === null) return negative;
  switch (c.op) {
    case 'eq': return fact === c.value;
    case 'neq': return fact !== c.value;
    case 'in': return list(c.value).includes(fact as number | string);
    case 'nin': return !list(c.value).includes(fact as number | string);
    case 'gt': return (fact as number) > (c.value as number);
    case 'gte': return (fact as number) >= (c.value as number);
    case 'lt': return (fact as number) < (c.value as number);
    case 'lte': return (fact as number) <= (c.value as number);
    case 'between': { const [lo, hi] = c.value as [number, number]; return (fact as number) >= lo && (fact as number) <= hi; }
    default: return false;
  }
}

/** Whether the member's facts satisfy the rule (all: every item; any: at least one). */
export function matchesSegment(rule: SegmentRule, facts: MemberFacts): boolean {
  const items = rule.items;
  return rule.match === 'all'
    ? items.every((i) => (isGroup(i) ? matchesSegment(i, facts) : matchesCondition(i, facts)))
    : items.some((i) => (isGroup(i) ? matchesSegment(i, facts) : matchesCondition(i, facts)));
}

/** The fields a rule reads (for "does this segment depend on time / on activity", and the console's summary). */
export function ruleFields(rule: SegmentRule): Set<SegmentField> {
  const out = new Set<SegmentField>();
  const walk = (g: SegmentGroup) => g.items.forEach((i) => (isGroup(i) ? walk(i) : out.add(i.field)));
  walk(rule);
  return out;
}

/** A rule in words, for lists and the audit trail: 会员等级 大于等于 2 且 (订单数(近30天) 大于 3 或 ...). */
export function describeRule(rule: SegmentRule): string {
  const cond = (c: SegmentCondition) => {
    const field = `${FIELD_NAMES[c.field]}${c.key ? `[${c.key}]` : ''}${c.days !== undefined ? (c.field === 'expiring' ? `(${c.days}天内)` : `(近${c.days}天)`) : ''}`;
    const value = c.value === undefined ? '' : ` ${Array.isArray(c.value) ? (c.op === 'between' ? c.value.join('~') : c.value.join('、')) : c.value}`;
    return `${field} ${OP_NAMES[c.op]}${value}`;
  };
  const group = (g: SegmentGroup, top: boolean): string => {
    const s = g.items.map((i) => (isGroup(i) ? group(i, false) : cond(i))).join(g.match === 'all' ? ' 且 ' : ' 或 ');
    return top || g.items.length === 1 ? s : `(${s})`;
  };
  return group(rule, true);
}
