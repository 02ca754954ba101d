import type { Benefit, GrowthDimension, LoyaltyConfig } from './config';
import { soonestExpiring, type PointLot } from './points';
import { tierByLevel, tierProgress } from './tiers';

export type GrowthBreakdown = Record<GrowthDimension, number>;

export interface MemberDoc {
  _id: string; // the openid: one member per WeChat identity, enforced by the primary key
  openid: string;
  memberNo: string;
  nickname: string;
  avatarUrl: string | null;
  tierLevel: number;
  growth: { total: number } & GrowthBreakdown;
  points: { balance: number; pending: number };
  createdAt: Date;
  updatedAt: Date;
}

export interface MemberHome {
  member: { memberNo: string; nickname: string; avatarUrl: string | null; joinedAt: string };
  tier: { level: number; name: string; benefits: Benefit[] };
  nextTier: { level: number; name: string; threshold: number; growthNeeded: number } | null;
  growth: { total: number; progress: number; breakdown: GrowthBreakdown };
  points: { balance: number; pending: number; expiring: { amount: number; date: string } | null };
}

/** An 11-digit member number derived from the openid (FNV-1a), so concurrent registrations agree on it. */
export function memberNoFor(openid: string, salt = 0): string {
  let h = 0x811c9dc5 ^ salt;
  let h2 = 0x01000193 + salt;
  for (let i = 0; i < openid.length; i++) {
    const c = openid.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  const n = (h % 100000) * 100000 + (h2 % 100000);
  return `8${String(n).padStart(10, '0')}`;
}

export function newMember(openid: string, now: Date, salt = 0): MemberDoc {
  const memberNo = memberNoFor(openid, salt);
  return {
    _id: openid,
    openid,
    memberNo,
    nickname: `会员${memberNo.slice(-4)}`,
    avatarUrl: null,
    tierLevel: 0,
    growth: { total: 0, consumption: 0, interaction: 0, social: 0, lifecycle: 0 },
    points: { balance: 0, pending: 0 },
    createdAt: now,
    updatedAt: now,
  };
}

/** Everything the member card shows, from the member, their live lots and the rules. */
export function buildMemberHome(member: MemberDoc, lots: Pick<PointLot, 'remaining' | 'expiresAt'>[], config: LoyaltyConfig, now: Date): MemberHome {
  // The tier is what was last granted (downgrades wait for evaluation), not recomputed from growth here.
  const tier = tierByLevel(member.tierLevel, config.tiers);
  const { nextTier, progress } = tierProgress(member.growth.total, tier, config.tiers);
  const { total, consumption, interaction, social, lifecycle } = member.growth;
  return {
    member: { memberNo: member.memberNo, nickname: member.nickname, avatarUrl: member.avatarUrl, joinedAt: member.createdAt.toISOString() },
    tier: { level: tier.level, name: tier.name, benefits: tier.benefits },
    nextTier,
    growth: { total, progress, breakdown: { consumption, interaction, social, lifecycle } },
    points: { balance: member.points.balance, pending: member.points.pending, expiring: soonestExpiring(lots, now) },
  };
}
