// The member as staff see them (tier, points, growth, benefits), built from the member document as it is now.
import type { Output } from '../../contract';
import type { LoyaltyConfig } from '../core/config';
import { AppError } from '../core/errors';
import { flagsOf } from '../core/benefits';
import { buildMemberHome } from '../core/member';
import type { Database } from '../runtime/dbTypes';
import { findMember, lotsOf } from '../runtime/memberRepo';

export type StaffMemberView = Output<'staff', 'scanMember'> extends infer V ? Omit<V, 'codeExpiresAt' | 'vouchers'> : never;

export function staffMemberView(member: NonNullable<Awaited<ReturnType<typeof findMember>>>, config: LoyaltyConfig, now: Date): StaffMemberView {
  const home = buildMemberHome(member, lotsOf(member), config, now);
  return {
    memberNo: member.memberNo, nickname: member.nickname, tier: home.tier, points: home.points, growth: { total: home.growth.total },
    flags: flagsOf(config.tiers, member.tierLevel),
    birthday: member.birthday ? { month: member.birthday.month, day: member.birthday.day, year: member.birthday.year } : null,
  };
}

/** Re-reads the member after a staff write, so the screen shows the tier and points the write left. */
export async function freshMemberView(db: Database, memberNo: string, config: LoyaltyConfig, now: Date): Promise<StaffMemberView> {
  const member = await findMember(db, { memberNo });
  if (!member) throw new AppError('NOT_FOUND', '会员不存在');
  return staffMemberView(member, config, now);
}
