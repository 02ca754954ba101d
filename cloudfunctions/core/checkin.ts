// Daily check-in: streaks, milestone bonuses, 补签 and the month calendar, as pure functions of the check-in state
// kept on the member document (`checkin`). Days are Asia/Shanghai days ('YYYY-MM-DD').
import type { LoyaltyConfig } from './config';
import type { CheckinMilestone } from './config';
import { AppError } from './errors';
import { addDays, daysBetween, shanghaiDay, shanghaiParts } from './time';

/** A run of consecutive checked days, both ends inclusive. */
export interface CheckinRun { from: string; to: string }

export interface CheckinState {
  /** Recent runs, oldest first; runs ending before the first day of the previous month are dropped. */
  runs: CheckinRun[];
  /** Badges earned by milestones, e.g. 'streak21'. */
  badges: string[];
  /** Check-ins ever (make-ups included). */
  total: number;
  /** Longest streak ever. */
  best: number;
  /** Make-ups used per month: { 'YYYY-MM': n } (only the current month is kept). */
  makeUps?: Record<string, number>;
}

export const emptyCheckinState = (): CheckinState => ({ runs: [], badges: [], total: 0, best: 0 });

export function checkinStateOf(raw: unknown): CheckinState {
  const s = (raw ?? {}) as Partial<CheckinState>;
  return { runs: Array.isArray(s.runs) ? s.runs : [], badges: Array.isArray(s.badges) ? s.badges : [], total: s.total ?? 0, best: s.best ?? 0, ...(s.makeUps ? { makeUps: s.makeUps } : {}) };
}

const runLength = (r: CheckinRun) => daysBetween(r.from, r.to) + 1;
const lastRun = (s: CheckinState): CheckinRun | undefined => s.runs[s.runs.length - 1];

export function isChecked(state: CheckinState, day: string): boolean {
  return state.runs.some((r) => r.from <= day && day <= r.to);
}

/** The current streak as of `today`: the last run if it ends today or yesterday (a missed day resets to 0). */
export function currentStreak(state: CheckinState, today: string): number {
  const last = lastRun(state);
  if (!last || last.to < addDays(today, -1) || last.to > today) return 0;
  return runLength(last);
}

/** Milestones reached by a streak going from `before` to `after` days (one check-in, or a make-up joining runs). */
export function milestonesReached(before: number, after: number, milestones: CheckinMilestone[]): CheckinMilestone[] {
  const hit: CheckinMilestone[] = [];
  for (const m of milestones) {
    if (m.day <= 0) continue;
    const times = m.repeat ? Math.floor(after / m.day) - Math.floor(before / m.day) : before < m.day && after >= m.day ? 1 : 0;
    for (let i = 0; i < times; i++) hit.push(m);
  }
  return hit;
}

/** Drop runs that cannot matter any more (ended before the first day of the month before `today`'s). */
function prune(runs: CheckinRun[], today: string): CheckinRun[] {
  const { year, month } = shanghaiParts(new Date(`${today}T12:00:00+08:00`));
  const prev = month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
  const kept = runs.filter((r) => r.to >= prev);
  return kept.length > 0 ? kept : runs.slice(-1);
}

function withDay(runs: CheckinRun[], day: string): CheckinRun[] {
  const next = [...runs.map((r) => ({ ...r })), { from: day, to: day }].sort((a, b) => (a.from < b.from ? -1 : 1));
  const merged: CheckinRun[] = [];
  for (const r of next) {
    const prev = merged[merged.length - 1];
    if (prev && addDays(prev.to, 1) >= r.from) {
      if (r.to > prev.to) prev.to = r.to;
    } else merged.push(r);
  }
  return merged;
}

export interface CheckinPlan {
  day: string;
  state: CheckinState;
  streak: number;
  basePoints: number;
  bonusPoints: number;
  /** Growth multiplier (the double-points day). */
  multiplier: number;
  milestones: CheckinMilestone[];
  newBadges: string[];
  reason: string;
}

export function isDoubleDay(at: Date, config: LoyaltyConfig): boolean {
  return config.checkin.doubleOnDoublePointsDays && config.points.doublePointsDays.daysOfMonth.includes(shanghaiParts(at).day);
}

function reward(state: CheckinState, next: CheckinState, day: string, before: number, after: number, at: Date, config: LoyaltyConfig, label: string): CheckinPlan {
  const rules = config.checkin;
  const multiplier = isDoubleDay(at, config) ? config.points.doublePointsDays.multiplier : 1;
  const milestones = milestonesReached(before, after, rules.milestones);
  const newBadges = [...new Set(milestones.map((m) => m.badge).filter((b): b is string => !!b && !state.badges.includes(b)))];
  const basePoints = Math.floor(rules.points * multiplier);
  const bonusPoints = milestones.reduce((s, m) => s + m.points, 0);
  const extras = [multiplier > 1 ? '加倍日' : '', ...milestones.map((m) => m.name)].filter(Boolean);
  return {
    day, streak: after, basePoints, bonusPoints, multiplier, milestones, newBadges,
    state: { ...next, badges: [...state.badges, ...newBadges], best: Math.max(state.best, after) },
    reason: extras.length > 0 ? `${label}（${extras.join('、')}）` : label,
  };
}

/** Today's check-in, or null when today is already checked. */
export function planCheckin(raw: CheckinState, now: Date, config: LoyaltyConfig): CheckinPlan | null {
  if (!config.checkin.enabled) throw new AppError('FORBIDDEN', '签到活动未开启');
  const today = shanghaiDay(now);
  const state = checkinStateOf(raw);
  if (isChecked(state, today)) return null;
  const before = currentStreak(state, today);
  const runs = prune(withDay(state.runs, today), today);
  const after = runLength(runs[runs.length - 1]);
  return reward(state, { ...state, runs, total: state.total + 1 }, today, before, after, now, config, '每日签到');
}

/** 补签 of a missed `day`: checks the rules; the caller spends `costPoints` and credits the plan's reward. */
export function planMakeUp(raw: CheckinState, day: string, now: Date, config: LoyaltyConfig): CheckinPlan & { cost: number } {
  const rules = config.checkin.makeUp;
  if (!config.checkin.enabled || !rules.enabled) throw new AppError('FORBIDDEN', '补签功能未开启');
  const today = shanghaiDay(now);
  const back = daysBetween(day, today);
  if (back < 1 || back > rules.maxDaysBack) throw new AppError('INVALID_INPUT', `只能补签最近 ${rules.maxDaysBack} 天内漏签的日期`);
  const state = checkinStateOf(raw);
  if (isChecked(state, day)) throw new AppError('ALREADY_DONE', '该日期已签到');
  const month = today.slice(0, 7);
  const used = state.makeUps?.[month] ?? 0;
  if (used >= rules.perMonth) throw new AppError('LIMIT_REACHED', `本月补签次数已用完（每月 ${rules.perMonth} 次）`);
  const runs = prune(withDay(state.runs, day), today);
  // The streak that counts is the one through today or yesterday, else the run the day now belongs to.
  const joined = runs.find((r) => r.from <= day && day <= r.to)!;
  // Milestones count from the longer of the runs the day joins.
  const before = Math.max(0, ...state.runs.filter((r) => addDays(r.to, 1) === day || addDays(day, 1) === r.from).map(runLength));
  const after = runLength(joined);
  const next = { ...state, runs, total: state.total + 1, makeUps: { [month]: used + 1 } };
  return { ...reward(state, next, day, before, after, now, config, '补签'), cost: rules.costPoints };
}

export interface CalendarView {
  month: string;
  today: string;
  checkedDays: string[];
  checkedToday: boolean;
  streak: number;
  bestStreak: number;
  total: number;
  badges: string[];
  nextMilestone: { day: number; name: string; points: number; daysLeft: number; badge: string | null } | null;
  /** Points today's check-in would earn (base, times the double day). */
  todayPoints: number;
  makeUp: { enabled: boolean; costPoints: number; days: string[]; leftThisMonth: number };
}

/** The next milestone from a streak (today counted if checked, else as the streak tomorrow's check-in would extend). */
export function nextMilestone(streak: number, milestones: CheckinMilestone[]): CalendarView['nextMilestone'] {
  let best: CalendarView['nextMilestone'] = null;
  for (const m of milestones) {
    if (m.day <= 0) continue;
    const target = m.repeat ? (Math.floor(streak / m.day) + 1) * m.day : m.day > streak ? m.day : null;
    if (target === null) continue;
    if (best && target === best.day) {
      // Two milestones on one day (day 21 is also the third 7): one bonus line with both.
      const b: NonNullable<CalendarView['nextMilestone']> = best;
      best = { day: b.day, daysLeft: b.daysLeft, points: b.points + m.points, name: m.badge ? m.name : b.name, badge: b.badge ?? m.badge ?? null };
    } else if (!best || target - streak < best.daysLeft) best = { day: target, name: m.name, points: m.points, daysLeft: target - streak, badge: m.badge ?? null };
  }
  return best;
}

/** The days of `month` ('YYYY-MM') in the runs, in order. */
export function daysInMonth(runs: CheckinRun[], month: string): string[] {
  const out: string[] = [];
  for (const r of runs) {
    if (r.to.slice(0, 7) < month || r.from.slice(0, 7) > month) continue;
    for (let d = r.from; d <= r.to; d = addDays(d, 1)) if (d.slice(0, 7) === month) out.push(d);
  }
  return out;
}

export function buildCalendar(raw: unknown, month: string, olderDays: string[] | null, now: Date, config: LoyaltyConfig): CalendarView {
  const state = checkinStateOf(raw);
  const today = shanghaiDay(now);
  const checkedToday = isChecked(state, today);
  const streak = currentStreak(state, today);
  const rules = config.checkin.makeUp;
  const thisMonth = today.slice(0, 7);
  const left = Math.max(0, rules.perMonth - (state.makeUps?.[thisMonth] ?? 0));
  const missed: string[] = [];
  if (rules.enabled && config.checkin.enabled) {
    for (let i = 1; i <= rules.maxDaysBack; i++) {
      const d = addDays(today, -i);
      if (!isChecked(state, d)) missed.push(d);
    }
  }
  const multiplier = isDoubleDay(now, config) ? config.points.doublePointsDays.multiplier : 1;
  return {
    month, today,
    checkedDays: olderDays ?? daysInMonth(state.runs, month),
    checkedToday, streak, bestStreak: state.best, total: state.total, badges: state.badges,
    nextMilestone: nextMilestone(streak, config.checkin.milestones),
    todayPoints: Math.floor(config.checkin.points * multiplier),
    makeUp: { enabled: rules.enabled && config.checkin.enabled, costPoints: rules.costPoints, days: left > 0 ? missed : [], leftThisMonth: left },
  };
}

/** Whether the runs on the member still cover every day of `month` (else the calendar reads the ledger). */
export function monthCovered(month: string, now: Date): boolean {
  const today = shanghaiDay(now);
  const { year, month: m } = shanghaiParts(now);
  const prev = m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
  return month === today.slice(0, 7) || month === prev || month > today.slice(0, 7);
}
