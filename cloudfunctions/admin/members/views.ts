// How the console shows a member: the search row, and the rules of who sees a full phone number.
import type { Output } from '../../../contract';
import type { LoyaltyConfig } from '../../core/config';
import type { MemberDoc, StaffRole, Stored } from '../../core/documents';
import { tierByLevel } from '../../core/tiers';
import { maskPhone } from '../../services/phones';
import '../../services/memberAccount';

export type MemberRow = Output<'admin', 'searchMembers'>['items'][number];

/** The member fields a search row needs. */
export const ROW_FIELDS = { memberNo: true, nickname: true, phone: true, tierLevel: true, points: true, growth: true, createdAt: true, frozen: true } as const;

type RowDoc = Pick<Stored<MemberDoc>, '_id' | 'memberNo' | 'nickname' | 'phone' | 'tierLevel' | 'points' | 'growth' | 'createdAt' | 'frozen'>;

export function memberRow(m: RowDoc, config: LoyaltyConfig): MemberRow {
  return {
    memberNo: m.memberNo,
    nickname: m.nickname,
    phone: m.phone ? maskPhone(m.phone) : null,
    tierLevel: m.tierLevel ?? 0,
    tierName: tierByLevel(m.tierLevel ?? 0, config.tiers).name,
    points: m.points?.balance ?? 0,
    growth: m.growth?.total ?? 0,
    joinedAt: new Date(m.createdAt).toISOString(),
    frozen: !!m.frozen,
  };
}

/** The analyst reads members for reports: phone numbers stay masked (138****8000) on every page. */
export const seesFullPhone = (role: StaffRole) => role !== 'analyst';

/** A voucher code as the role may see it: the analyst sees its last 4 digits. */
export const voucherCodeFor = (code: string, role: StaffRole) => (role === 'analyst' ? `****${code.slice(-4)}` : code);
