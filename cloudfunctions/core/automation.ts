// Marketing automation (营销自动化, issue 12 §3), the pure part: which runs a trigger makes, their key, whether a rule
// acts for a member and why not, what it costs, the limits' periods, and the Chinese names the console shows.
//
// A run is one rule for one member for one reason: its key is (rule, version, member, occurrence), where the
// occurrence names the reason (the order, the tier change, the stage transition, the expiry day, the birthday's
// year, the schedule's period...). The engine (cloudfunctions/automation/engine.ts) writes each run once to the run
// log under that key, acted or skipped with a reason, so a second job run or a retry finds it and does nothing.
import type { AutomationAction, Limits, RuleBody, RuleStatus, TaskOutcome, Trigger } from '../../contract/automation';
import type { Stage } from './lifecycleStage';
import { STAGE_NAMES } from './lifecycleStage';
import { addDays, daysBetween, shanghaiDay, shanghaiDayStart, shanghaiParts, shanghaiTime } from './time';

export type { AutomationAction, Limits, RuleBody, RuleStatus, TaskOutcome, Trigger };

/** A rule as stored (`automation_rules`). */
export interface AutomationRule extends RuleBody {
  id: string;
  status: RuleStatus;
  version: number;
  /** When it last went live (events before it are not acted on: switching a rule on never replays history). */
  liveSince: Date | null;
  /** The segment version a live rule on entering/leaving a segment pinned (services/segments.ts pinSegment): editing
   * the segment makes a new version and never changes this rule's audience. */
  segmentVersion?: number | null;
}

// --- events and occurrences ---

/** An event the engine read from a document the platform already writes. */
export type AutomationEvent =
  | { kind: 'registered'; openid: string; at: Date; ref: string }
  | { kind: 'orderPaid'; openid: string; at: Date; ref: string; paidFen: number }
  | { kind: 'tierChanged'; openid: string; at: Date; ref: string; fromLevel: number; toLevel: number }
  | { kind: 'stageChanged'; openid: string; at: Date; ref: string; from: Stage; to: Stage }
  | { kind: 'segmentEntered' | 'segmentLeft'; openid: string; at: Date; ref: string; segment: string; version: number };

export type EventKind = AutomationEvent['kind'];
export const EVENT_KINDS: readonly EventKind[] = ['registered', 'orderPaid', 'tierChanged', 'stageChanged', 'segmentEntered', 'segmentLeft'];
/** Triggers the daily pass finds by looking at each member (time passing, not an event). */
export const DAILY_KINDS = ['pointsExpiring', 'birthdayMonth', 'checkinStreakBroken', 'inactive', 'tierNear', 'schedule'] as const;
export type DailyKind = (typeof DAILY_KINDS)[number];

export const isEventTrigger = (t: Trigger): boolean => (EVENT_KINDS as readonly string[]).includes(t.kind);

/** The reason of a run: its key part and when it happened. */
export interface Occurrence { key: string; at: Date; ref: string | null }

/** Whether an event is one the trigger names (of the pinned segment version, when the rule pinned one). */
export function eventMatches(trigger: Trigger, e: AutomationEvent, segmentVersion: number | null = null): boolean {
  switch (trigger.kind) {
    case 'registered': return e.kind === 'registered';
    case 'orderPaid': return e.kind === 'orderPaid' && e.paidFen >= trigger.minFen;
    case 'tierChanged':
      if (e.kind !== 'tierChanged' || e.toLevel === e.fromLevel) return false;
      return trigger.direction === 'any' || (trigger.direction === 'up') === e.toLevel > e.fromLevel;
    case 'stageChanged': return e.kind === 'stageChanged' && (trigger.to === null || trigger.to === e.to) && (trigger.from === null || trigger.from === e.from);
    case 'segmentEntered':
    case 'segmentLeft': return e.kind === trigger.kind && e.segment === trigger.segment && (segmentVersion === null || e.version === segmentVersion);
    default: return false;
  }
}

/** The occurrence of an event (its key part names the event: once per order, per tier change...). */
export function eventOccurrence(e: AutomationEvent): Occurrence {
  const prefix = { registered: 'join', orderPaid: 'order', tierChanged: 'tier', stageChanged: 'stage', segmentEntered: 'segIn', segmentLeft: 'segOut' }[e.kind];
  return { key: e.kind === 'registered' ? prefix : `${prefix}-${e.ref}`, at: e.at, ref: e.ref };
}

/** What the daily pass knows of a member (from the member document alone). */
export interface DailyFacts {
  openid: string;
  createdAt: Date;
  lastActiveAt: Date;
  /** Live lots: remaining points and their expiry. */
  lots: Array<{ remaining: number; expiresAt: Date | null }>;
  birthdayMonth: number | null;
  /** The days of check-in runs (oldest first) and the streak length of the last run. */
  lastCheckinDay: string | null;
  lastStreak: number;
  growth: number;
  /** The next tier's level and threshold, and the current tier's threshold (null at the top). */
  nextTier: { level: number; threshold: number; currentMin: number } | null;
}

export const weekKey = (day: string): string => {
  const { weekday } = shanghaiParts(shanghaiDayStart(day));
  return addDays(day, -((weekday + 6) % 7));
};

/** The period of `at` ('2026-03-02' day, 'W2026-03-02' week from Monday, '2026-03' month, '2026' year, 'ever'). */
export function periodKey(period: Limits['perMember']['period'], at: Date): string {
  const day = shanghaiDay(at);
  switch (period) {
    case 'ever': return 'ever';
    case 'day': return day;
    case 'week': return `W${weekKey(day)}`;
    case 'month': return day.slice(0, 7);
    case 'year': return day.slice(0, 4);
  }
}

/**
 * The occurrence the daily pass finds for a time-driven trigger on a member today, or null when there is none:
 * points expiring within N days (once per expiry day), the birthday month (once a year), a streak of at least N days
 * that ended yesterday (once per run), N days without activity (once per silence), growth within N % of the next
 * tier (once per tier), a schedule's period (once per period).
 */
export function dailyOccurrence(trigger: Trigger, f: DailyFacts, now: Date): Occurrence | null {
  const today = shanghaiDay(now);
  const start = shanghaiDayStart(today);
  switch (trigger.kind) {
    case 'pointsExpiring': {
      const horizon = shanghaiDayStart(addDays(today, trigger.days + 1));
      const soon = f.lots.filter((l) => l.remaining > 0 && l.expiresAt && l.expiresAt > now && l.expiresAt <= horizon)
        .map((l) => l.expiresAt as Date).sort((a, b) => a.getTime() - b.getTime());
      if (soon.length === 0) return null;
      const day = shanghaiDay(new Date(soon[0].getTime() - 1));
      return { key: `expiring-${day}`, at: start, ref: day };
    }
    case 'birthdayMonth': {
      if (f.birthdayMonth === null || shanghaiParts(now).month !== f.birthdayMonth) return null;
      const year = today.slice(0, 4);
      return { key: `birthday-${year}`, at: start, ref: year };
    }
    case 'checkinStreakBroken': {
      if (!f.lastCheckinDay || f.lastStreak < trigger.minStreak) return null;
      // Broken: the last check-in was before yesterday (a check-in yesterday may still be continued today).
      if (daysBetween(f.lastCheckinDay, today) < 2) return null;
      return { key: `streak-${f.lastCheckinDay}`, at: shanghaiDayStart(addDays(f.lastCheckinDay, 2)), ref: f.lastCheckinDay };
    }
    case 'inactive': {
      const last = shanghaiDay(f.lastActiveAt);
      if (daysBetween(last, today) < trigger.days) return null;
      return { key: `inactive-${last}`, at: shanghaiDayStart(addDays(last, trigger.days)), ref: last };
    }
    case 'tierNear': {
      const next = f.nextTier;
      if (!next || f.growth >= next.threshold) return null;
      const span = next.threshold - next.currentMin;
      if (span <= 0 || (next.threshold - f.growth) * 100 > span * trigger.percent) return null;
      return { key: `near-L${next.level}`, at: start, ref: `L${next.level}` };
    }
    case 'schedule': {
      const key = periodKey(trigger.every, now);
      return { key: `${trigger.every}-${key}`, at: start, ref: key };
    }
    default: return null;
  }
}

/** The run key: (rule, version, member, occurrence). */
export const runKey = (rule: Pick<AutomationRule, 'id' | 'version'>, openid: string, occurrence: string) => `${rule.id}:v${rule.version}:${openid}:${occurrence}`;

/** The per-member limit's counter (all versions of the rule count): `<rule>:<openid>:<period>`. */
export const limitKey = (ruleId: string, openid: string, period: string) => `${ruleId}:${openid}:${period}`;

// --- the decision ---

export const SKIP_REASONS = ['noMember', 'frozen', 'conditions', 'memberLimit', 'budgetPoints', 'budgetVouchers'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const SKIP_REASON_NAMES: Readonly<Record<SkipReason, string>> = {
  noMember: '会员不存在',
  frozen: '会员已冻结',
  conditions: '不符合规则条件',
  memberLimit: '已达每人次数上限',
  budgetPoints: '积分预算已用完',
  budgetVouchers: '券预算已用完',
};

/** Why no run is made at all (nothing is logged: the rule does not apply, or the run is already in the log). */
export type NoRun = 'notLive' | 'beforeLive' | 'duplicate';

export interface Cost { points: number; vouchers: number; messages: number; tasks: number }

export function costOf(actions: AutomationAction[]): Cost {
  const cost: Cost = { points: 0, vouchers: 0, messages: 0, tasks: 0 };
  for (const a of actions) {
    if (a.kind === 'grantPoints') cost.points += a.points;
    if (a.kind === 'issueVoucher') cost.vouchers += 1;
    if (a.kind === 'sendMessage' || a.kind === 'npsSurvey') cost.messages += 1;
    if (a.kind === 'createTask') cost.tasks += 1;
  }
  return cost;
}

export interface DecisionInput {
  rule: Pick<AutomationRule, 'status' | 'liveSince' | 'actions' | 'limits'>;
  occurrence: Occurrence;
  /** Whether the run key is already in the log. */
  alreadyRun: boolean;
  member: { frozen: boolean } | null;
  /** The conditions' verdict on the member (true when the rule has none). */
  matches: boolean;
  /** Runs of this rule (any version) that acted for the member in the limit's current period. */
  actedInPeriod: number;
  /** What the rule has spent of its budget so far. */
  spent: { points: number; vouchers: number };
}

export type Decision =
  | { run: false; why: NoRun }
  | { run: true; act: false; reason: SkipReason }
  | { run: true; act: true; cost: Cost };

/**
 * Whether a rule acts for a member on an occurrence, and why not: no run at all when the rule is not live, the
 * occurrence is older than the rule's going live, or the run is already logged; a logged skip when the member is
 * unknown or frozen, does not match the conditions, has had the rule's per-member maximum in this period, or when
 * the rule's budget cannot pay for the run; otherwise it acts, at its cost.
 */
export function decide(i: DecisionInput): Decision {
  if (i.rule.status !== 'live') return { run: false, why: 'notLive' };
  if (!i.rule.liveSince || i.occurrence.at < i.rule.liveSince) return { run: false, why: 'beforeLive' };
  if (i.alreadyRun) return { run: false, why: 'duplicate' };
  if (!i.member) return { run: true, act: false, reason: 'noMember' };
  if (i.member.frozen) return { run: true, act: false, reason: 'frozen' };
  if (!i.matches) return { run: true, act: false, reason: 'conditions' };
  if (i.actedInPeriod >= i.rule.limits.perMember.max) return { run: true, act: false, reason: 'memberLimit' };
  const cost = costOf(i.rule.actions);
  const { budget } = i.rule.limits;
  if (budget.points !== null && cost.points > 0 && i.spent.points + cost.points > budget.points) return { run: true, act: false, reason: 'budgetPoints' };
  if (budget.vouchers !== null && cost.vouchers > 0 && i.spent.vouchers + cost.vouchers > budget.vouchers) return { run: true, act: false, reason: 'budgetVouchers' };
  return { run: true, act: true, cost };
}

/**
 * Whether a skipped run is written to the log. A schedule's non-match is not (every member not in the audience,
 * every day): the log would grow by the member count daily; everything else is, so the operator sees why not.
 */
export const logsSkip = (trigger: Trigger, reason: SkipReason): boolean => !(trigger.kind === 'schedule' && reason === 'conditions');

// --- messages, tasks, vouchers ---

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** When a rule's message may go out: now, or the end of the rule's quiet hours (Shanghai time) when inside them. */
export function messageAvailableAt(now: Date, quiet: Limits['quietHours']): Date {
  if (!quiet || quiet.start === quiet.end) return now;
  const t = minutes(shanghaiTime(now));
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  const inside = start < end ? t >= start && t < end : t >= start || t < end;
  if (!inside) return now;
  const endToday = new Date(shanghaiDayStart(shanghaiDay(now)).getTime() + end * 60_000);
  return endToday > now ? endToday : new Date(endToday.getTime() + 86_400_000);
}

/** A follow-up task's due day: `dueDays` Shanghai days after it is made. */
export const taskDueDay = (now: Date, dueDays: number) => addDays(shanghaiDay(now), dueDays);

/** A voucher's expiry: the end of the `validDays`-th Shanghai day from today (today counts as the first). */
export const voucherExpiresAt = (now: Date, validDays: number) => shanghaiDayStart(addDays(shanghaiDay(now), validDays));

export const isOverdue = (dueDay: string, now: Date) => shanghaiDay(now) > dueDay;

// --- names for the console ---

export const STATUS_NAMES: Readonly<Record<RuleStatus, string>> = { draft: '草稿', live: '运行中', paused: '已暂停' };
export const OUTCOME_NAMES: Readonly<Record<TaskOutcome, string>> = { reached: '已联系', noAnswer: '未接通', notInterested: '无意向' };
export const TRIGGER_NAMES: Readonly<Record<Trigger['kind'], string>> = {
  registered: '注册成为会员', orderPaid: '支付订单', tierChanged: '等级变化', stageChanged: '生命周期阶段变化',
  segmentEntered: '进入人群', segmentLeft: '离开人群', pointsExpiring: '积分即将过期', birthdayMonth: '生日月',
  checkinStreakBroken: '连续签到中断', inactive: '沉默未活跃', tierNear: '接近升级', schedule: '定时',
};
export const ACTION_NAMES: Readonly<Record<AutomationAction['kind'], string>> = {
  grantPoints: '发放积分', issueVoucher: '发放优惠券', sendMessage: '发送订阅消息', addTag: '添加标签', removeTag: '移除标签', createTask: '创建回访任务', npsSurvey: '满意度调查',
};
const PERIOD_NAMES = { ever: '累计', day: '每天', week: '每周', month: '每月', year: '每年' } as const;

export function triggerText(t: Trigger): string {
  switch (t.kind) {
    case 'orderPaid': return t.minFen > 0 ? `支付订单满 ${t.minFen / 100} 元` : '支付订单';
    case 'tierChanged': return { up: '等级提升', down: '等级下降', any: '等级变化' }[t.direction];
    case 'stageChanged': return `阶段${t.from ? `从${STAGE_NAMES[t.from]}` : ''}变为${t.to ? STAGE_NAMES[t.to] : '任意阶段'}`;
    case 'segmentEntered': return `进入人群 ${t.segment}`;
    case 'segmentLeft': return `离开人群 ${t.segment}`;
    case 'pointsExpiring': return `积分 ${t.days} 天内过期`;
    case 'checkinStreakBroken': return `连续签到 ${t.minStreak} 天以上后中断`;
    case 'inactive': return `${t.days} 天未活跃`;
    case 'tierNear': return `距下一等级不足 ${t.percent}%`;
    case 'schedule': return `${PERIOD_NAMES[t.every]}定时`;
    default: return TRIGGER_NAMES[t.kind];
  }
}

export function actionText(a: AutomationAction): string {
  switch (a.kind) {
    case 'grantPoints': return `发放 ${a.points} 积分`;
    case 'issueVoucher': return `发券「${a.title}」`;
    case 'sendMessage': return `消息「${a.title}」`;
    case 'addTag': return `添加标签「${a.tag}」`;
    case 'removeTag': return `移除标签「${a.tag}」`;
    case 'createTask': return `回访任务「${a.reason}」`;
    case 'npsSurvey': return '满意度调查';
  }
}

/** One line for the rules list: 注册成为会员 → 发券「首单优惠券」、消息「...」 · 每人累计 1 次. */
export const ruleSummary = (r: Pick<RuleBody, 'trigger' | 'actions' | 'limits'>) =>
  `${triggerText(r.trigger)} → ${r.actions.map(actionText).join('、')} · 每人${PERIOD_NAMES[r.limits.perMember.period]} ${r.limits.perMember.max} 次`;

// --- documents (core/documents.ts lists the collections) ---

export interface LastRuleWrite { requestId: string; by: string; byName: string; at: Date }

/** `automation_rules`: _id = the rule id; a new version per save (the run keys carry it). */
export interface AutomationRuleDoc extends RuleBody {
  _id: string;
  status: RuleStatus;
  version: number;
  liveSince: Date | null;
  segmentVersion?: number | null;
  playbook: boolean;
  lastWrite: LastRuleWrite;
  /** The latest status requests (`<requestId>:<status>`), newest last: a replay changes nothing. */
  statusRequests: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** `automation_runs`: one run of a rule for a member; _id = the run key (runKey). */
export interface AutomationRunDoc {
  _id: string;
  rule: string;
  version: number;
  openid: string;
  memberNo: string;
  occurrence: string;
  trigger: Trigger['kind'];
  ref: string | null;
  outcome: 'acted' | 'skipped';
  reason: SkipReason | null;
  points: number;
  vouchers: number;
  messages: number;
  tasks: number;
  createdAt: Date;
}

/** `automation_budgets`: what a rule spent of its global budget (_id = the rule id), changed with each acting run. */
export interface AutomationBudgetDoc { _id: string; points: number; vouchers: number; updatedAt: Date }

/** `automation_limits`: runs of a rule that acted for a member in one limit period (_id = limitKey). */
export interface AutomationLimitDoc { _id: string; rule: string; openid: string; period: string; count: number; updatedAt: Date }

/** `automation_cursors`: how far the engine read an event source (_id = the source), resumable. */
export interface AutomationCursorDoc { _id: string; at: Date; id: string; updatedAt: Date }

/** `automation_daily`: one Shanghai day's pass over the members (_id = the day), by member id. */
export interface AutomationDailyDoc {
  _id: string; cursor: string; status: 'running' | 'done';
  /** The daily rules it runs (`id:vN`, sorted): another set starts the pass over. */
  signature: string;
  members: number; runs: number; startedAt: Date; updatedAt: Date;
}

/** `followup_tasks`: a staff follow-up (人工关怀回访) made by a rule; _id from the run key. */
export interface FollowupTaskDoc {
  _id: string;
  openid: string;
  memberNo: string;
  nickname: string;
  storeId: string | null;
  rule: string;
  ruleName: string;
  run: string;
  reason: string;
  dueDay: string;
  /** The Shanghai month it was made (the report's). */
  month: string;
  status: 'open' | 'done';
  outcome: TaskOutcome | null;
  note: string | null;
  doneBy: string | null;
  doneByName: string | null;
  doneAt: Date | null;
  requestId: string | null;
  createdAt: Date;
  updatedAt: Date;
}
