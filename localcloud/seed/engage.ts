// Demo engagement data, built through the same planners as the functions: a check-in streak up to yesterday for
// the first two demo members (so 签到 today continues it) and one referral (demo-member-1 invited demo-member-5)
// with both rewards in the ledgers.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import type { ReferralDoc } from '../../cloudfunctions/core/documents';
import type { CheckinRun } from '../../cloudfunctions/core/checkin';
import { planEarn } from '../../cloudfunctions/core/ledger';
import { pointsStateOf, type MemberDoc } from '../../cloudfunctions/core/member';
import { inviteCodeFor, referralPoints } from '../../cloudfunctions/core/referral';
import { addDays, shanghaiDay } from '../../cloudfunctions/core/time';
import type { MemberReplay } from './replay';

const INVITER = 'demo-member-1';
const INVITEE = 'demo-member-5';
const STREAK_MEMBERS: Record<string, number> = { 'demo-member-1': 6, 'demo-member-2': 3 };

function earn(m: MemberReplay, amount: number, at: Date, key: string, reason: string): void {
  m.apply({ ledger: planEarn(pointsStateOf(m.member, m.member.points.lots), { amount, key, reason, ref: key, issuer: 'seed', at }, DEFAULT_CONFIG) }, at);
}

/** Before the member's own events: the referral rewards at registration. */
export function seedEngagementBefore(openid: string, m: MemberReplay, joinedAt: Date): void {
  const points = referralPoints(DEFAULT_CONFIG);
  if (openid === INVITER) earn(m, points.inviterRegistered, joinedAt, `referral:${INVITEE}`, '邀请好友注册奖励');
  if (openid === INVITEE) earn(m, points.welcome, joinedAt, 'referralWelcome', '好友邀请注册礼');
}

/** After the member's events: a streak ending yesterday, the check-in state from the check-in entries, codes. */
export function seedEngagementAfter(openid: string, m: MemberReplay, now: Date): void {
  const today = shanghaiDay(now);
  // (The demo's older check-ins are keyed by UTC date, so these take their own keys.)
  for (let d = STREAK_MEMBERS[openid] ?? 0; d >= 1; d--) {
    const day = addDays(today, -d);
    if (!m.growthEntries.some((g) => g.event === 'checkin' && shanghaiDay(g.at) === day)) m.activity('checkin', new Date(Date.parse(`${day}T09:00:00+08:00`)), `checkin:${day}:demo`);
  }
  const days = [...new Set(m.growthEntries.filter((g) => g.event === 'checkin').map((g) => shanghaiDay(g.at)))].sort();
  const runs: CheckinRun[] = [];
  for (const day of days) {
    const last = runs[runs.length - 1];
    if (last && addDays(last.to, 1) === day) last.to = day;
    else runs.push({ from: day, to: day });
  }
  const best = Math.max(0, ...runs.map((r) => Math.round((Date.parse(r.to) - Date.parse(r.from)) / 86400000) + 1));
  const since = addDays(today, -62);
  const extra: Partial<MemberDoc> = { checkin: { runs: runs.filter((r) => r.to >= since), badges: [], total: days.length, best } };
  if (openid === INVITER) extra.inviteCode = inviteCodeFor(INVITER);
  if (openid === INVITEE) extra.referredBy = INVITER;
  m.member = { ...m.member, ...extra };
}

export function demoReferrals(joinedAt: Date): ReferralDoc[] {
  const points = referralPoints(DEFAULT_CONFIG);
  return [{
    _id: INVITEE, inviteeOpenid: INVITEE, inviterOpenid: INVITER, code: inviteCodeFor(INVITER), boundAt: joinedAt, month: shanghaiDay(joinedAt).slice(0, 7),
    status: 'registered', rewarded: true, rewards: { welcome: points.welcome, inviterRegistered: points.inviterRegistered, inviterFirstOrder: 0, inviterFirstOrderGrowth: 0, reversed: 0 },
    firstOrderId: null, firstOrderAt: null,
  }];
}
