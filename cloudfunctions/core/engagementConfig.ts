// Rules of the engagement features (daily check-in, the task center, referrals) as configuration sections of the
// loyalty rules (`checkin`, `tasks`, `referral`), with their defaults. See docs/loyalty-rules.md sections 4-6.

export interface CheckinMilestone {
  /** Streak length (consecutive Shanghai days) that pays the bonus. */
  day: number;
  /** Extra points on the check-in that reaches the streak. */
  points: number;
  /** Pay again at every multiple of `day` within one streak (7, 14, 21...). */
  repeat?: boolean;
  /** Badge granted the first time (kept on the member). */
  badge?: string;
  /** Shown to the member. */
  name: string;
}

export interface CheckinRules {
  enabled: boolean;
  /** Points per check-in before the double-day multiplier. Growth comes from growth.events.checkin. */
  points: number;
  /** On a double-points day (points.doublePointsDays) the base points and the growth are multiplied. */
  doubleOnDoublePointsDays: boolean;
  milestones: CheckinMilestone[];
  /** 补签: check in for a missed day in the last `maxDaysBack` days, paying `costPoints`; at most `perMonth` a month. */
  makeUp: { enabled: boolean; costPoints: number; maxDaysBack: number; perMonth: number };
}

export type TaskPeriod = 'once' | 'daily' | 'weekly' | 'monthly';

/**
 * What completes a task. Server-side: profile, phone (member fields), order (paid orders), checkin (the check-in
 * runs), invite (bound referrals), review and activity (growth entries written by those features).
 * Client-reported (task.report, capped and rate limited): share, browseMall.
 */
export type TaskSource = 'profile' | 'phone' | 'order' | 'checkin' | 'share' | 'review' | 'invite' | 'activity' | 'browseMall';

/** Who sees the task: everyone, members in their first `newMemberDays` days, members close to the next tier. */
export type TaskAudience = 'all' | 'newMember' | 'nearTier';

export interface TaskRule {
  id: string;
  title: string;
  description: string;
  source: TaskSource;
  period: TaskPeriod;
  /** Events of the source needed in the period. */
  target: number;
  reward: { points: number; growth: number };
  audience: TaskAudience;
}

export interface TaskRules {
  newMemberDays: number;
  /** nearTier tasks show when the growth still needed for the next tier is at most this. */
  nearTierGrowth: number;
  /** Client reports per source per Shanghai day (later ones are not counted) and the least seconds between two. */
  reportLimits: Record<'share' | 'browseMall', { dailyCap: number; minIntervalSeconds: number }>;
  list: TaskRule[];
}

export interface ReferralRules {
  enabled: boolean;
  /** Base points of a referral reward; the invitee's welcome bonus is `welcomePoints`. */
  registeredPoints: number;
  firstOrderPoints: number;
  /** Inviters earn the base points times this (default 2: double points on the referral reward). */
  inviterMultiplier: number;
  welcomePoints: number;
  /** Invites rewarded per inviter per Shanghai calendar month; later invitees are bound but earn the inviter nothing. */
  monthlyCap: number;
  /** Inviter chain depth checked for cycles. */
  cycleDepth: number;
}

const task = (id: string, title: string, description: string, source: TaskSource, period: TaskPeriod, target: number, points: number, growth = 0, audience: TaskAudience = 'all'): TaskRule =>
  ({ id, title, description, source, period, target, reward: { points, growth }, audience });

export const DEFAULT_CHECKIN: CheckinRules = {
  enabled: true,
  points: 5,
  doubleOnDoublePointsDays: true,
  milestones: [
    { day: 7, points: 20, repeat: true, name: '连续签到 7 天奖励' },
    { day: 21, points: 100, badge: 'streak21', name: '21 天签到挑战' },
  ],
  makeUp: { enabled: false, costPoints: 20, maxDaysBack: 3, perMonth: 2 },
};

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

export const DEFAULT_REFERRAL: ReferralRules = {
  enabled: true,
  registeredPoints: 50,
  firstOrderPoints: 100,
  inviterMultiplier: 2,
  welcomePoints: 50,
  monthlyCap: 10,
  cycleDepth: 5,
};
