// Referral rules as pure functions: invite codes, who may be bound to whom, the reward amounts, the monthly cap,
// and how other members appear on leaderboards.
import type { LoyaltyConfig } from './config';
import { shanghaiDay } from './time';

// No 0/O, 1/I/L: codes are read aloud and typed.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_PATTERN = /^[A-HJKMNP-Z2-9]{8}$/;

/** An 8-character invite code derived from the openid (salt > 0 after a collision). */
export function inviteCodeFor(openid: string, salt = 0): string {
  let h = (0x811c9dc5 ^ (salt * 0x9e3779b1)) >>> 0;
  let h2 = (0x1b873593 + salt) >>> 0;
  for (let i = 0; i < openid.length; i++) {
    const c = openid.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    const word = i < 4 ? h : h2;
    out += ALPHABET[(word >>> ((i % 4) * 8)) % ALPHABET.length];
  }
  return out;
}

export type BindRefusal = 'invalidCode' | 'self' | 'existing' | 'cycle' | 'disabled';

export const BIND_REFUSAL_MESSAGES: Record<BindRefusal, string> = {
  invalidCode: '邀请码无效',
  self: '不能使用自己的邀请码',
  existing: '仅新注册会员可绑定邀请人',
  cycle: '不能互相邀请',
  disabled: '邀请活动未开启',
};

/**
 * Why an invitee may not be bound to an inviter, or null when they may. `inviterChain` is the inviter's own inviter,
 * that one's inviter and so on (nearest first): the invitee appearing there would close a cycle.
 */
export function bindingRefusal(input: { inviterOpenid: string | null; inviteeOpenid: string; inviteeIsNew: boolean; inviterChain: string[] }, config: LoyaltyConfig): BindRefusal | null {
  if (!config.referral.enabled) return 'disabled';
  if (!input.inviterOpenid) return 'invalidCode';
  if (input.inviterOpenid === input.inviteeOpenid) return 'self';
  if (!input.inviteeIsNew) return 'existing';
  if (input.inviterChain.slice(0, config.referral.cycleDepth).includes(input.inviteeOpenid)) return 'cycle';
  return null;
}

export interface ReferralCounter { month: string; rewarded: number }

/** Whether the inviter still has a rewarded invite left this Shanghai month (the counter lives on the inviter). */
export function underMonthlyCap(counter: ReferralCounter | undefined, now: Date, config: LoyaltyConfig): boolean {
  const month = shanghaiDay(now).slice(0, 7);
  const used = counter && counter.month === month ? counter.rewarded : 0;
  return used < config.referral.monthlyCap;
}

export function bumpCounter(counter: ReferralCounter | undefined, now: Date): ReferralCounter {
  const month = shanghaiDay(now).slice(0, 7);
  return { month, rewarded: (counter && counter.month === month ? counter.rewarded : 0) + 1 };
}

/** Points of each referral reward: inviters earn the base times `inviterMultiplier`. */
export function referralPoints(config: LoyaltyConfig) {
  const r = config.referral;
  return {
    inviterRegistered: Math.floor(r.registeredPoints * r.inviterMultiplier),
    inviterFirstOrder: Math.floor(r.firstOrderPoints * r.inviterMultiplier),
    welcome: r.welcomePoints,
  };
}

/** 林晓 → 林**; empty → 会员**. Other members' names never show in full. */
export function maskName(name: string | null | undefined): string {
  const chars = [...(name ?? '').trim()];
  return `${chars[0] ?? '会员'}**`;
}

/** The 1-based rank of `mine` among scores (ties share a rank); null when the member has no score. */
export function rankOf(mine: number | null, higher: number): number | null {
  return mine === null || mine <= 0 ? null : higher + 1;
}
