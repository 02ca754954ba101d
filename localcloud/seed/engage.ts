// Demo engagement data, through the same planners as the functions: check-in streaks up to yesterday for the first
// two demo members (so 签到 today continues it) and one referral (demo-member-1 invited demo-member-5) with both
// rewards in the ledgers.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import type { ReferralDoc } from '../../cloudfunctions/core/documents';
import { inviteCodeFor, referralPoints } from '../../cloudfunctions/core/referral';
import { addDays, shanghaiDay } from '../../cloudfunctions/core/time';
import type { MemberReplay } from './replay';

const INVITER = 'demo-member-1';
const INVITEE = 'demo-member-5';
const STREAK_MEMBERS: Record<string, number> = { 'demo-member-1': 6, 'demo-member-2': 3 };

/** At registration: the invite code, the binding and the referral rewards. */
export function seedReferral(openid: string, m: MemberReplay, joinedAt: Date): void {
  const points = referralPoints(DEFAULT_CONFIG);
  if (openid === INVITER) m.set({ inviteCode: inviteCodeFor(INVITER) }).earn(points.inviterRegistered, joinedAt, `referral:${INVITEE}`, '邀请好友注册奖励');
  if (openid === INVITEE) m.set({ referredBy: INVITER }).earn(points.welcome, joinedAt, 'referralWelcome', '好友邀请注册礼');
}

/** A check-in every day up to yesterday (09:00 Shanghai), so today's continues the streak. */
export function seedStreak(openid: string, m: MemberReplay, now: Date): void {
  const today = shanghaiDay(now);
  for (let d = STREAK_MEMBERS[openid] ?? 0; d >= 1; d--) m.checkin(new Date(Date.parse(`${addDays(today, -d)}T09:00:00+08:00`)));
}

export function demoReferrals(joinedAt: Date): ReferralDoc[] {
  const points = referralPoints(DEFAULT_CONFIG);
  return [{
    _id: INVITEE, inviteeOpenid: INVITEE, inviterOpenid: INVITER, code: inviteCodeFor(INVITER), boundAt: joinedAt, month: shanghaiDay(joinedAt).slice(0, 7),
    status: 'registered', rewarded: true, rewards: { welcome: points.welcome, inviterRegistered: points.inviterRegistered, inviterFirstOrder: 0, inviterFirstOrderGrowth: 0, reversed: 0 },
    firstOrderId: null, firstOrderAt: null,
  }];
}
