// The task center [`tasks`]. See docs/loyalty-rules.md section 5.
import * as z from 'zod/mini';
import { int, text } from './fields';

export const TASK_PERIODS = ['once', 'daily', 'weekly', 'monthly'] as const;
export type TaskPeriod = (typeof TASK_PERIODS)[number];

/**
 * What completes a task. Server-side: profile, phone (member fields), order (paid orders), checkin (the check-in
 * runs), invite (bound referrals), review and activity (growth entries written by those features).
 * Client-reported (task.report, capped and rate limited): share, browseMall.
 */
export const TASK_SOURCES = ['profile', 'phone', 'order', 'checkin', 'share', 'review', 'invite', 'activity', 'browseMall'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

/** Who sees the task: everyone, members in their first `newMemberDays` days, members close to the next tier. */
export const TASK_AUDIENCES = ['all', 'newMember', 'nearTier'] as const;
export type TaskAudience = (typeof TASK_AUDIENCES)[number];

const amountMessage = '任务 {title} 的目标与奖励必须是整数';

export const taskRuleSchema = z.strictObject({
  id: text('任务 id 必须是 1-40 个字符', 1, 40),
  title: text('任务标题必须是 1-30 个字符', 1, 30),
  description: text('任务 {title} 的说明不能超过 100 个字符', 0, 100),
  source: z.literal(TASK_SOURCES, '任务 {title} 的完成来源不正确'),
  period: z.literal(TASK_PERIODS, '任务 {title} 的周期不正确'),
  /** Events of the source needed in the period. */
  target: int(amountMessage, 1),
  reward: z.strictObject({ points: int(amountMessage), growth: int(amountMessage) }, amountMessage),
  audience: z.literal(TASK_AUDIENCES, '任务 {title} 的适用人群不正确'),
});

export type TaskRule = z.infer<typeof taskRuleSchema>;

const duplicateId = (list: TaskRule[]) => list.find((t, i) => list.findIndex((u) => u.id === t.id) < i)?.id;

const reportLimitMessage = '任务上报的每日上限与间隔秒数必须是非负整数';
const reportLimitSchema = z.strictObject({ dailyCap: int(reportLimitMessage), minIntervalSeconds: int(reportLimitMessage) });

export const tasksSchema = z.strictObject({
  newMemberDays: int('新会员任务的天数必须是正整数', 1),
  /** nearTier tasks show when the growth still needed for the next tier is at most this. */
  nearTierGrowth: int('冲级任务的成长值差距必须是非负整数'),
  /** Client reports per source per Shanghai day (later ones are not counted) and the least seconds between two. */
  reportLimits: z.strictObject({ share: reportLimitSchema, browseMall: reportLimitSchema }),
  list: z.array(taskRuleSchema, '任务列表必须是列表').check(z.refine((list) => duplicateId(list) === undefined, {
    error: (issue) => `任务 ${duplicateId(issue.input as TaskRule[])} 重复`,
  })),
});

export type TaskRules = z.infer<typeof tasksSchema>;

const task = (id: string, title: string, description: string, source: TaskSource, period: TaskPeriod, target: number, points: number, growth = 0, audience: TaskAudience = 'all'): TaskRule =>
  ({ id, title, description, source, period, target, reward: { points, growth }, audience });

export const DEFAULT_TASKS: TaskRules = {
  newMemberDays: 30,
  nearTierGrowth: 200,
  reportLimits: {
    share: { dailyCap: 3, minIntervalSeconds: 10 },
    browseMall: { dailyCap: 5, minIntervalSeconds: 10 },
  },
  list: [
    task('profile', '完善个人资料', '设置头像和昵称', 'profile', 'once', 1, 50),
    task('phone', '绑定手机号', '绑定手机号，享会员专属服务', 'phone', 'once', 1, 50),
    task('firstOrder', '完成首笔订单', '新会员 30 天内完成首笔消费', 'order', 'once', 1, 100, 0, 'newMember'),
    task('checkinDaily', '每日签到', '今日完成签到', 'checkin', 'daily', 1, 2),
    task('checkinWeekly', '本周签到 5 天', '一周内签到满 5 天', 'checkin', 'weekly', 5, 30),
    task('share', '分享小程序', '把会员中心分享给好友', 'share', 'daily', 1, 5),
    task('review', '晒图评价', '本月发布 1 条带图评价', 'review', 'monthly', 1, 20),
    task('invite', '邀请好友', '本月邀请 1 位好友注册', 'invite', 'monthly', 1, 30),
    task('activity', '参与活动', '本周参与 1 次会员活动', 'activity', 'weekly', 1, 10),
    task('browseMall', '逛逛积分商城', '今日浏览积分商城', 'browseMall', 'daily', 1, 2),
    task('tierSprint', '冲刺下一等级', '本月消费 2 笔，额外得成长值', 'order', 'monthly', 2, 0, 30, 'nearTier'),
  ],
};
