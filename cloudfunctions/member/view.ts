import type { Birthday } from '../core/benefits';
import type { MemberDoc } from '../core/member';

/** What a member may see of their own record (no openid). */
export function publicMember(m: MemberDoc) {
  return {
    memberNo: m.memberNo,
    nickname: m.nickname,
    avatarUrl: m.avatarUrl,
    tierLevel: m.tierLevel,
    joinedAt: new Date(m.createdAt).toISOString(),
  };
}

/** The birthday as the member sees it. */
export const birthdayView = (b: Birthday | null | undefined) => (b ? { month: b.month, day: b.day, year: b.year } : null);
