// Daily check-in [`checkin`]: points, streak milestones and 补签. See docs/loyalty-rules.md section 4.
import * as z from 'zod/mini';
import { int, text } from './fields';

const milestoneMessage = '签到里程碑 {name} 的天数必须是正整数、积分必须是非负整数';

export const checkinMilestoneSchema = z.strictObject({
  /** Streak length (consecutive Shanghai days) that pays the bonus. */
  day: int(milestoneMessage, 1),
  /** Extra points on the check-in that reaches the streak. */
  points: int(milestoneMessage),
  /** Pay again at every multiple of `day` within one streak (7, 14, 21...). */
  repeat: z.optional(z.boolean()),
  /** Badge granted the first time (kept on the member). */
  badge: z.optional(text('签到里程碑 {name} 的徽章必须是 1-50 个字符', 1, 50)),
  /** Shown to the member. */
  name: text('签到里程碑名称必须是 1-30 个字符', 1, 30),
});

export type CheckinMilestone = z.infer<typeof checkinMilestoneSchema>;

const makeUpMessage = '补签配置必须是非负整数';

export const checkinSchema = z.strictObject({
  enabled: z.boolean(),
  /** Points per check-in before the double-day multiplier. Growth comes from growth.events.checkin. */
  points: int('签到积分必须是非负整数'),
  /** On a double-points day (points.doublePointsDays) the base points and the growth are multiplied. */
  doubleOnDoublePointsDays: z.boolean(),
  milestones: z.array(checkinMilestoneSchema, '签到里程碑必须是列表'),
  /** 补签: check in for a missed day in the last `maxDaysBack` days, paying `costPoints`; at most `perMonth` a month. */
  makeUp: z.strictObject({ enabled: z.boolean(), costPoints: int(makeUpMessage), maxDaysBack: int(makeUpMessage), perMonth: int(makeUpMessage) }),
});

export type CheckinRules = z.infer<typeof checkinSchema>;

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
