// Referrals [`referral`]. See docs/loyalty-rules.md section 6.
import * as z from 'zod/mini';
import { int, num } from './fields';

const rewardMessage = '邀请奖励与每月上限必须是非负整数';

export const referralSchema = z.strictObject({
  enabled: z.boolean(),
  /** Base points of a referral reward; the invitee's welcome bonus is `welcomePoints`. */
  registeredPoints: int(rewardMessage),
  firstOrderPoints: int(rewardMessage),
  /** Inviters earn the base points times this (default 2: double points on the referral reward). */
  inviterMultiplier: num('邀请人奖励倍率必须在 1-10 之间', 1, 10),
  welcomePoints: int(rewardMessage),
  /** Invites rewarded per inviter per Shanghai calendar month; later invitees are bound but earn the inviter nothing. */
  monthlyCap: int(rewardMessage),
  /** Inviter chain depth checked for cycles (one database read per level at registration). */
  cycleDepth: int('邀请关系环路检查层数必须是 1-20 的整数', 1, 20),
  /** Days a done outbox follow-up (the rewards and bindings above) is kept before the jobs timer removes it. */
  outboxRetentionDays: int('已完成的跟进记录保留天数必须是 1-365 之间的整数', 1, 365),
});

export type ReferralRules = z.infer<typeof referralSchema>;

export const DEFAULT_REFERRAL: ReferralRules = {
  enabled: true,
  registeredPoints: 50,
  firstOrderPoints: 100,
  inviterMultiplier: 2,
  welcomePoints: 50,
  monthlyCap: 10,
  cycleDepth: 5,
  outboxRetentionDays: 7,
};
