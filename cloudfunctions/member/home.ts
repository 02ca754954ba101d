import { AppError } from '../core/errors';
import { buildMemberHome, type MemberDoc } from '../core/member';
import type { PointLot } from '../core/points';
import type { MemberContext } from '../runtime/handler';
import { loadConfig } from '../runtime/configStore';

// Lots fetched for the soonest-expiry line: enough to cover every lot that shares the earliest day.
const LOTS_FOR_EXPIRY = 20;

/** The member card in one call: member, live lots and rules are read in parallel (3 requests, 2 when the rules are warm). */
export async function home({ db, openid, now }: MemberContext<Record<string, never>>) {
  const _ = db.command;
  const [memberRes, lotsRes, config] = await Promise.all([
    db.collection('members').where({ _id: openid }).get(),
    db.collection('point_lots')
      .where({ openid, remaining: _.gt(0), expiresAt: _.gt(now) })
      .orderBy('expiresAt', 'asc')
      .limit(LOTS_FOR_EXPIRY)
      .field({ remaining: true, expiresAt: true })
      .get(),
    loadConfig(db),
  ]);
  const member = memberRes.data[0] as MemberDoc | undefined;
  if (!member) throw new AppError('NOT_FOUND', '尚未注册会员，请先登录');
  const lots = (lotsRes.data as Pick<PointLot, 'remaining' | 'expiresAt'>[]).map((l) => ({ remaining: l.remaining, expiresAt: new Date(l.expiresAt) }));
  return buildMemberHome({ ...member, createdAt: new Date(member.createdAt) }, lots, config, now);
}
