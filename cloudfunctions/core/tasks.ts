// The task center as pure rules: periods and their keys, who sees a task, progress from server-side facts, and the
// caps and rate limits of client-reported events.
import type { LoyaltyConfig } from './config';
import type { TaskPeriod, TaskRule } from './config';
import { AppError } from './errors';
import type { CheckinRun } from './checkin';
import { addDays, daysBetween, shanghaiDay, shanghaiDayStart, shanghaiParts } from './time';
import { sortedTiers } from './tiers';

/** The period a moment falls in: its key (part of the claim key `task:<id>:<key>`) and its first day. */
export function periodOf(period: TaskPeriod, now: Date): { key: string; startDay: string | null; endDay: string | null } {
  const today = shanghaiDay(now);
  switch (period) {
    case 'once':
      return { key: 'once', startDay: null, endDay: null };
    case 'daily':
      return { key: today, startDay: today, endDay: today };
    case 'weekly': {
      const monday = addDays(today, -((shanghaiParts(now).weekday + 6) % 7));
      return { key: `W${monday}`, startDay: monday, endDay: addDays(monday, 6) };
    }
    case 'monthly': {
      const month = today.slice(0, 7);
      const next = shanghaiDay(new Date(shanghaiDayStart(`${month}-28`).getTime() + 5 * 86400000)).slice(0, 7);
      return { key: month, startDay: `${month}-01`, endDay: addDays(`${next}-01`, -1) };
    }
  }
}

export const claimKey = (task: TaskRule, now: Date) => `task:${task.id}:${periodOf(task.period, now).key}`;

/** The first instant any of the tasks' current periods covers ('once' tasks excluded). */
export function earliestPeriodStart(tasks: TaskRule[], now: Date): Date | null {
  const days = tasks.map((t) => periodOf(t.period, now).startDay).filter((d): d is string => d !== null).sort();
  return days.length > 0 ? shanghaiDayStart(days[0]) : null;
}

/** Client-reported events per source (share, browseMall), kept on the member document (`taskReports`). */
export type TaskReports = Record<string, { day: string; count: number; lastAt?: Date | string }>;

export interface MemberFacts {
  createdAt: Date;
  growthTotal: number;
  tierLevel: number;
  nickname: string;
  memberNo: string;
  avatarUrl: string | null;
  phone?: string | null;
  checkinRuns: CheckinRun[];
  reports: TaskReports;
}

export interface TaskFacts {
  member: MemberFacts;
  /** Growth entries of the current periods (event and time). */
  growth: Array<{ event: string; at: Date }>;
  /** Paid orders ever (for 'once' order tasks), not fully refunded. */
  ordersEver: number;
  /** Invitees bound to the member, with the time of binding. */
  invites: Date[];
}

/** Whether the member belongs to the task's audience now. */
export function inAudience(task: TaskRule, m: Pick<MemberFacts, 'createdAt' | 'growthTotal' | 'tierLevel'>, now: Date, config: LoyaltyConfig): boolean {
  if (task.audience === 'newMember') return daysBetween(shanghaiDay(m.createdAt), shanghaiDay(now)) < config.tasks.newMemberDays;
  if (task.audience === 'nearTier') {
    const next = sortedTiers(config.tiers).find((t) => t.level > m.tierLevel);
    return !!next && next.minGrowth - m.growthTotal > 0 && next.minGrowth - m.growthTotal <= config.tasks.nearTierGrowth;
  }
  return true;
}

const within = (at: Date, startDay: string | null, endDay: string | null) =>
  (startDay === null || at.getTime() >= shanghaiDayStart(startDay).getTime()) && (endDay === null || at.getTime() < shanghaiDayStart(addDays(endDay, 1)).getTime());

function checkedDaysIn(runs: CheckinRun[], startDay: string | null, endDay: string | null): number {
  let n = 0;
  for (const r of runs) {
    const from = startDay && r.from < startDay ? startDay : r.from;
    const to = endDay && r.to > endDay ? endDay : r.to;
    if (from <= to) n += daysBetween(from, to) + 1;
  }
  return n;
}

const defaultNickname = (m: MemberFacts) => m.nickname === `会员${m.memberNo.slice(-4)}`;

/** Events of the task's source in its current period (capped at the target). */
export function taskProgress(task: TaskRule, facts: TaskFacts, now: Date): number {
  const { startDay, endDay } = periodOf(task.period, now);
  const m = facts.member;
  const count = (event: string) => facts.growth.filter((g) => g.event === event && within(g.at, startDay, endDay)).length;
  let n = 0;
  switch (task.source) {
    case 'profile': n = m.avatarUrl && m.nickname && !defaultNickname(m) ? 1 : 0; break;
    case 'phone': n = m.phone ? 1 : 0; break;
    case 'order': n = task.period === 'once' ? facts.ordersEver : count('order'); break;
    case 'checkin': n = task.period === 'once' ? checkedDaysIn(m.checkinRuns, null, null) : checkedDaysIn(m.checkinRuns, startDay, endDay); break;
    case 'review': n = count('photoReview'); break;
    case 'activity': n = count('activity'); break;
    case 'invite': n = facts.invites.filter((at) => within(at, startDay, endDay)).length; break;
    case 'share':
    case 'browseMall': {
      // Client reports are counted per Shanghai day on the member; other periods count today's only.
      const r = m.reports[task.source];
      n = r && r.day === shanghaiDay(now) ? r.count : 0;
      break;
    }
  }
  return Math.min(n, task.target);
}

export type TaskStatus = 'inProgress' | 'claimable' | 'claimed';

export function taskStatus(task: TaskRule, progress: number, claimed: boolean): TaskStatus {
  if (claimed) return 'claimed';
  return progress >= task.target ? 'claimable' : 'inProgress';
}

/** The tasks the member sees now: everyone's, and the new-member and near-tier ones they qualify for. */
export function visibleTasks(m: Pick<MemberFacts, 'createdAt' | 'growthTotal' | 'tierLevel'>, now: Date, config: LoyaltyConfig): TaskRule[] {
  return config.tasks.list.filter((t) => inAudience(t, m, now, config));
}

export type ReportSource = 'share' | 'browseMall';

/**
 * A client-reported event: counted when under the day's cap and at least `minIntervalSeconds` after the last one;
 * a report too soon after the previous one is refused (a script tapping in a loop), one over the cap is ignored.
 */
export function planReport(source: ReportSource, previous: { day: string; count: number; lastAt?: Date | string } | undefined, now: Date, config: LoyaltyConfig) {
  const limits = config.tasks.reportLimits[source];
  const today = shanghaiDay(now);
  const todays = previous && previous.day === today ? previous : { day: today, count: 0 };
  const lastAt = previous?.lastAt ? new Date(previous.lastAt).getTime() : null;
  if (lastAt !== null && now.getTime() - lastAt < limits.minIntervalSeconds * 1000 && now.getTime() >= lastAt) {
    throw new AppError('RATE_LIMITED', '操作过于频繁，请稍后再试');
  }
  if (todays.count >= limits.dailyCap) return { accepted: false as const, count: todays.count, next: null };
  const count = todays.count + 1;
  return { accepted: true as const, count, next: { day: today, count, lastAt: now } };
}
