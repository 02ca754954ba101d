import { benefitTerms, kindOf } from './benefits';
import type { CheckinState } from './checkin';
import type { ImportedProfile } from './migration';
import type { Stored } from './documents';
import type { Benefit, GrowthDimension, LoyaltyConfig } from './config';
import type { Lot, PointHold, PointsState } from './ledger';
import type { MemberMallState } from './mall';
import type { ReferralCounter } from './referral';
import type { TaskReports } from './tasks';
import { soonestExpiring } from './points';
import { summarizePoints } from './pointsSummary';
import { initialTierState, retainGrowthOf, type TierState } from './tierEvaluation';
import { tierByLevel, tierProgress } from './tiers';
import { addDays, shanghaiDay } from './time';

export type GrowthBreakdown = Record<GrowthDimension, number>;

/**
 * The member document: identity, tier state, growth in the window and the points balance. Its `rev` is bumped by
 * every write that touches the member's ledger, lots or growth, so one document serialises them (the lock).
 */
export interface MemberDoc extends TierState {
  _id: string; // the openid: one member per WeChat identity, enforced by the primary key
  openid: string;
  memberNo: string;
  nickname: string;
  avatarUrl: string | null;
  growth: { total: number } & GrowthBreakdown;
  /** The balance with the lots it consists of (see lotStorage.ts): balance == Σ lots.remaining − debt. */
  points: { balance: number; debt: number; pending: number; lots: Lot[] };
  /** Last consumption, interaction or social activity (dormancy counts from here). */
  lastActiveAt: Date;
  /** When the daily job must look at this member next (expiry, release, tier period end, monthly credits). */
  reviewAt: Date;
  rev: number;
  createdAt: Date;
  updatedAt: Date;
  /** Check-in streaks and badges (checkin.ts); absent until the first check-in. */
  checkin?: CheckinState;
  /** Units redeemed per item and the latest request ids (mall.ts); absent until the first redemption. */
  mall?: MemberMallState;
  /** The member's own invite code (unique), made the first time it is asked for. */
  inviteCode?: string;
  /** The inviter's openid, when bound at registration. */
  referredBy?: string;
  /** Invites rewarded this month, against the monthly cap (referral.ts). */
  referral?: ReferralCounter;
  /** Client-reported task events per source, counted per day (tasks.ts). */
  taskReports?: TaskReports;
  /** The bound mobile number; member_phones/<phone> holds who owns it. */
  phone?: string;
  phoneBoundAt?: Date;
  /** The Shanghai day of the member's last counted mini-program visit (member.home; services/visits.ts). */
  visitDay?: string;
  /** Set while the console has frozen the member (admin.freezeMember; fraud handling): they earn but cannot redeem. */
  frozen?: Stored<MemberFreeze> | null;
  /** The latest freeze/unfreeze requests as `<requestId>:<1 freeze | 0 unfreeze>`, newest last (a retry changes nothing). */
  freezeRequests?: string[];
  /** What a migration brought in when this member claimed an imported record (core/migration.ts, docs/migration.md). */
  imported?: ImportedProfile;
  /** Month and day (year optional), set once by the member, later only by staff (core/benefits.ts). */
  birthday?: import('./benefits').Birthday | null;
  /** Benefit records issued, by the last period each issued (core/benefits.ts); absent until the first issue. */
  benefits?: import('./benefits').BenefitState | null;
  /** When the daily job next issues due benefits (a new month, a tier change, a birthday set); absent: now. */
  benefitsAt?: Date | null;
  /** Live points holds (积分抵扣, core/deduction.ts; point_holds/<holdId> has each one's story); lapsed ones are
   * dropped at the member's next hold write and count for nothing meanwhile. */
  pointHolds?: PointHold[];
  /** The lifecycle stage (新会员/活跃/低频/沉睡/流失, core/lifecycleStage.ts); absent until the first order or review. */
  lifecycle?: import('./lifecycleStage').LifecycleState | null;
  /** Churn risk 0-100 (core/lifecycleStage.ts churnRisk), as of the member's last order, refund or review. */
  riskScore?: number;
  /** Orders and spend per Shanghai day, formats and stores visited (core/segments.ts), kept by order writes. */
  activity?: import('./segments').MemberActivity;
  /** Manual and rule tags (services/tags.ts); absent until the first tag. */
  tags?: string[];
  /** The experiments' arms this member is in (experiment id -> arm) and when each first exposed them, recorded at
   * first exposure by the earning or check-in write and never changed (core/experiments.ts). */
  experiments?: import('./experiments').MemberExperiments;
  experimentsAt?: import('./experiments').MemberExposures;
}

/** Who froze the member, when and why. */
export interface MemberFreeze { reason: string; at: Date; by: string; byName: string; requestId: string }

export interface MemberHome {
  member: { memberNo: string; nickname: string; avatarUrl: string | null; joinedAt: string };
  tier: { level: number; name: string; benefits: BenefitView[] };
  tierValidUntil: string | null;
  /** 保级: growth still needed in the current period to keep the tier; null at the entry tier. */
  retain: { growthNeeded: number } | null;
  nextTier: { level: number; name: string; threshold: number; growthNeeded: number } | null;
  growth: { total: number; progress: number; breakdown: GrowthBreakdown };
  points: {
    balance: number;
    debt: number;
    spendable: number;
    pending: number;
    expiring: { amount: number; date: string } | null;
    expiringSoon: boolean;
  };
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
    ...initialTierState(now),
    growth: { total: 0, consumption: 0, interaction: 0, social: 0, lifecycle: 0 },
    points: { balance: 0, debt: 0, pending: 0, lots: [] },
    // No orders yet: the summary a first order reads its growth window from (core/segments.ts) with no query.
    activity: { days: [], formats: [], stores: [] },
    lastActiveAt: now,
    reviewAt: now,
    rev: 0,
    createdAt: now,
    updatedAt: now,
  };
}

export function pointsStateOf(member: { points: { balance: number; debt?: number; pending?: number }; pointHolds?: PointHold[] }, lots: Lot[]): PointsState {
  const state: PointsState = { balance: member.points.balance, debt: member.points.debt ?? 0, pending: member.points.pending ?? 0, lots };
  return member.pointHolds?.length ? { ...state, holds: member.pointHolds } : state;
}

export function tierStateOf(member: TierState): TierState {
  return {
    tierLevel: member.tierLevel,
    tierSince: member.tierSince,
    tierValidUntil: member.tierValidUntil ?? null,
    highTierSince: member.highTierSince ?? null,
    giftedLevels: member.giftedLevels ?? [0],
  };
}

/** A benefit as the card lists it: what it is and its terms derived from its definition (core/benefits.ts). */
export interface BenefitView { key: string; title: string; description: string; kind: 'rule' | 'voucher' | 'points' | 'flag'; terms: string | null }

export const benefitViews = (benefits: Benefit[], formatNames: Record<string, string> = {}): BenefitView[] =>
  benefits.map((b) => ({ key: b.key, title: b.title, description: b.description, kind: kindOf(b), terms: benefitTerms(b, formatNames) }));

/** Everything the member card shows, from the member, their live lots and the rules (`formatNames` for the benefits' terms). */
export function buildMemberHome(member: MemberDoc, lots: Lot[], config: LoyaltyConfig, now: Date, formatNames: Record<string, string> = {}): MemberHome {
  // The tier is what was last granted (downgrades wait for evaluation), not recomputed from growth here.
  const tier = tierByLevel(member.tierLevel, config.tiers);
  const { nextTier, progress } = tierProgress(member.growth.total, tier, config.tiers);
  const { total, consumption, interaction, social, lifecycle } = member.growth;
  const summary = summarizePoints(pointsStateOf(member, lots), now, config);
  const expiring = soonestExpiring(lots, now);
  const retainGrowth = retainGrowthOf(tier, config);
  return {
    member: { memberNo: member.memberNo, nickname: member.nickname, avatarUrl: member.avatarUrl, joinedAt: member.createdAt.toISOString() },
    tier: { level: tier.level, name: tier.name, benefits: benefitViews(tier.benefits, formatNames) },
    tierValidUntil: member.tierValidUntil ? member.tierValidUntil.toISOString() : null,
    retain: member.tierValidUntil ? { growthNeeded: Math.max(0, retainGrowth - total) } : null,
    nextTier,
    growth: { total, progress, breakdown: { consumption, interaction, social, lifecycle } },
    points: {
      balance: summary.balance,
      debt: summary.debt,
      spendable: summary.spendable,
      pending: summary.pending,
      expiring,
      expiringSoon: expiring !== null && expiring.date <= addDays(shanghaiDay(now), config.points.expiringSoonDays),
    },
  };
}
