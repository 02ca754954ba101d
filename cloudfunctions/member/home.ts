import { buildMemberHome } from '../core/member';
import type { MemberContext } from '../runtime/handler';
import { loadConfig } from '../runtime/configStore';
import { lotsOf, requireMember } from '../runtime/memberRepo';

/** The member card in one call: the member (with its lots) and the rules, read in parallel (2 requests, 1 when warm). */
export async function home({ db, openid, now }: MemberContext<Record<string, never>>) {
  const [member, config] = await Promise.all([requireMember(db, openid), loadConfig(db)]);
  return buildMemberHome(member, lotsOf(member), config, now);
}
