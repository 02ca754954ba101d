import { buildMemberHome } from '../core/member';
import type { MemberContext } from '../runtime/handler';
import { loadConfig } from '../runtime/configStore';
import { liveLots, requireMember } from '../runtime/memberRepo';

/** The member card in one call: member, live lots and rules are read in parallel (3 requests, 2 when the rules are warm). */
export async function home({ db, openid, now }: MemberContext<Record<string, never>>) {
  const [member, lots, config] = await Promise.all([requireMember(db, openid), liveLots(db, openid), loadConfig(db)]);
  return buildMemberHome(member, lots, config, now);
}
