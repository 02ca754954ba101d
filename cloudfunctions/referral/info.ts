// referral.info (my code, share path, invitees, rewards) and referral.leaderboard (monthly top inviters and earners).
import type { Output, ParsedInput } from '../../contract';
import type { ReferralDoc, Stored } from '../core/documents';
import { maskName, rankOf, referralPoints, underMonthlyCap } from '../core/referral';
import { shanghaiDay, shanghaiDayStart, addDays } from '../core/time';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import type { MemberContext } from '../runtime/handler';
import { requireMember } from '../runtime/memberRepo';
import { ensureInviteCode } from '../services/referralRewards';

export const SHARE_PAGE = '/pages/index/index';

async function names(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { data } = await db.collection('members').where({ _id: db.command.in(ids) }).field({ nickname: true }).limit(100).get();
  return new Map(data.map((m) => [m._id, m.nickname ?? '']));
}

export async function info({ db, openid, now }: MemberContext<ParsedInput<'referral', 'info'>>): Promise<Output<'referral', 'info'>> {
  const [member, config] = await Promise.all([requireMember(db, openid), loadConfig(db)]);
  const code = await ensureInviteCode(db, member);
  const { data: refs } = await db.collection('referrals').where({ inviterOpenid: openid }).orderBy('boundAt', 'desc').limit(100).get();
  const nick = await names(db, refs.map((r) => r.inviteeOpenid));
  const points = referralPoints(config);
  const counter = member.referral;
  const month = shanghaiDay(now).slice(0, 7);
  const earned = (r: Stored<ReferralDoc>) => r.rewards.inviterRegistered + r.rewards.inviterFirstOrder - r.rewards.reversed;
  return {
    inviteCode: code,
    sharePath: `${SHARE_PAGE}?inviteCode=${code}`,
    shareTitle: `${member.nickname} 邀你加入会员，注册即得 ${points.welcome} 积分`,
    rules: {
      inviterRegisteredPoints: points.inviterRegistered,
      inviterFirstOrderPoints: points.inviterFirstOrder,
      welcomePoints: points.welcome,
      monthlyCap: config.referral.monthlyCap,
      rewardedThisMonth: counter && counter.month === month ? counter.rewarded : 0,
      capReached: !underMonthlyCap(counter, now, config),
    },
    invitees: refs.map((r) => ({
      name: maskName(nick.get(r.inviteeOpenid)),
      joinedAt: new Date(r.boundAt).toISOString(),
      status: r.status,
      rewarded: r.rewarded === true,
      pointsEarned: earned(r),
    })),
    totals: { invited: refs.length, pointsEarned: refs.reduce((s, r) => s + earned(r), 0) },
  };
}

/** The invite landing page: the inviter's masked nickname and both rewards; reads one member by code and the caller. */
export async function invitation({ db, openid, input }: MemberContext<ParsedInput<'referral', 'invitation'>>): Promise<Output<'referral', 'invitation'>> {
  const code = input.inviteCode.toUpperCase();
  const [config, inviters, caller] = await Promise.all([
    loadConfig(db),
    db.collection('members').where({ inviteCode: code }).field({ nickname: true }).limit(1).get(),
    db.collection('members').where({ _id: openid }).field({ _id: true }).limit(1).get(),
  ]);
  const points = referralPoints(config);
  const inviter = inviters.data[0];
  return {
    valid: Boolean(inviter),
    inviter: inviter ? { name: maskName(inviter.nickname) } : null,
    rules: { welcomePoints: points.welcome, inviterRegisteredPoints: points.inviterRegistered },
    joined: caller.data.length > 0,
  };
}

function monthRange(month: string) {
  const start = shanghaiDayStart(`${month}-01`);
  const next = addDays(`${month}-28`, 5).slice(0, 7);
  return { start, end: shanghaiDayStart(`${next}-01`) };
}

type Row = { _id: string; score: number };
type Ranked = 'referrals' | 'point_ledger';

/** Monthly top 10 by rewarded invites and by points earned, each with the caller's own rank (ties share a rank). */
export async function leaderboard({ db, openid, now, input }: MemberContext<ParsedInput<'referral', 'leaderboard'>>): Promise<Output<'referral', 'leaderboard'>> {
  const month = input.month ?? shanghaiDay(now).slice(0, 7);
  const { start, end } = monthRange(month);
  const _ = db.command;
  const $ = _.aggregate;
  const invitesMatch = { month, rewarded: true };
  const pointsMatch = { type: 'earn', createdAt: _.gte(start).and(_.lt(end)) };
  const top = async (coll: Ranked, match: object, sum: unknown): Promise<Row[]> => {
    const res = await db.collection(coll).aggregate().match(match).group({ _id: coll === 'referrals' ? '$inviterOpenid' : '$openid', score: $.sum(sum) })
      .sort({ score: -1, _id: 1 }).limit(10).end<Row>();
    return res.list ?? [];
  };
  const mine = async (coll: Ranked, match: object, sum: unknown, field: string): Promise<number> => {
    const res = await db.collection(coll).aggregate().match({ ...match, [field]: openid }).group({ _id: null, score: $.sum(sum) }).end();
    return Number(res.list?.[0]?.score ?? 0);
  };
  const higher = async (coll: Ranked, match: object, sum: unknown, score: number): Promise<number> => {
    if (score <= 0) return 0;
    const res = await db.collection(coll).aggregate().match(match).group({ _id: coll === 'referrals' ? '$inviterOpenid' : '$openid', score: $.sum(sum) })
      .match({ score: _.gt(score) }).count('n').end();
    return Number(res.list?.[0]?.n ?? 0);
  };
  const [invTop, ptsTop, invMine, ptsMine] = await Promise.all([
    top('referrals', invitesMatch, 1),
    top('point_ledger', pointsMatch, '$amount'),
    mine('referrals', invitesMatch, 1, 'inviterOpenid'),
    mine('point_ledger', pointsMatch, '$amount', 'openid'),
  ]);
  const [invHigher, ptsHigher, nick] = await Promise.all([
    higher('referrals', invitesMatch, 1, invMine),
    higher('point_ledger', pointsMatch, '$amount', ptsMine),
    names(db, [...new Set([...invTop, ...ptsTop].map((r) => r._id).concat(openid))]),
  ]);
  const rows = (list: Row[]) => {
    let rank = 0;
    return list.map((r, i) => {
      if (i === 0 || r.score !== list[i - 1].score) rank = i + 1;
      const me = r._id === openid;
      return { rank, name: maskName(nick.get(r._id)), score: r.score, me };
    });
  };
  return {
    month,
    invites: { top: rows(invTop), me: { rank: rankOf(invMine, invHigher), score: invMine, name: maskName(nick.get(openid)) } },
    points: { top: rows(ptsTop), me: { rank: rankOf(ptsMine, ptsHigher), score: ptsMine, name: maskName(nick.get(openid)) } },
  };
}
