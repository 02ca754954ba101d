// member.code: the member code (会员码) the member shows in store: 18 digits (and the same digits as a QR code) that
// change every slot (30 s) and are accepted for about a minute. Signed with the server's secret: only the server
// makes or reads them (core/codes.ts).
import type { Output, ParsedInput } from '../../contract';
import { memberCodeFor } from '../core/codes';
import { loadConfig } from '../runtime/configStore';
import { codeSecret } from '../runtime/codeSecret';
import type { MemberContext } from '../runtime/handler';
import { requireMember } from '../runtime/memberRepo';

export async function code({ db, openid, now }: MemberContext<ParsedInput<'member', 'code'>>): Promise<Output<'member', 'code'>> {
  const [member, config] = await Promise.all([requireMember(db, openid), loadConfig(db)]);
  const c = memberCodeFor(codeSecret(), member.memberNo, now, config.memberCode);
  return {
    code: c.code,
    memberNo: member.memberNo,
    slotSeconds: config.memberCode.slotSeconds,
    refreshAt: c.refreshAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    /** The server's clock, so a client with a wrong clock still refreshes on time. */
    serverTime: now.toISOString(),
  };
}
