// Tier benefits that are real (权益通, docs/loyalty-rules.md section 2.4): which entitlements a member is due at an
// instant, for which period, how many, until when a voucher is valid and where it can be used. Pure: the daily job
// (jobs/benefits.ts) and the member's claim (mall.claimBenefit) plan with it and write through services/benefits.ts.
//
// Exactly once per period: the member document remembers, per record, the last period issued
// (`benefits.issued[<record>] = <period key>`), and each unit is a document whose _id is derived from the record and
// the period, so a replay, a second job run or a concurrent claim issues nothing more. A record is per tier level and
// benefit key (an upgrade mid-period issues the new tier's own share; going down and up again within a period issues
// nothing twice); a birthday benefit's record ignores the level (once a year, whatever the tier).
import type { Benefit, TierRule } from './rules/tiers';
import { addMonths } from './months';
import { addDays, daysBetween, shanghaiDay, shanghaiDayStart, shanghaiParts } from './time';

export type BenefitKind = NonNullable<Benefit['kind']>;
export type BenefitPeriod = NonNullable<Benefit['period']>;

/** A member's birthday: month and day, the year when they gave it. Set once by the member, then only by staff. */
export interface Birthday { month: number; day: number; year: number | null; setAt: Date; setBy: 'member' | 'staff' }

/** What the member document remembers: the last period key issued per record. */
export interface BenefitState { issued: Record<string, string> }

export interface BenefitMember {
  openid: string;
  tierLevel: number;
  tierSince: Date;
  tierValidUntil: Date | null;
  birthday?: Birthday | null;
  benefits?: BenefitState | null;
}

export interface Period { key: string; start: Date; end: Date | null }

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (year: number, month: number) => shanghaiDayStart(`${year}-${pad(month)}-01`);

export const kindOf = (b: Benefit): BenefitKind => b.kind ?? 'rule';
/** Benefits that issue something (vouchers, points). */
export const isIssued = (b: Benefit) => kindOf(b) === 'voucher' || kindOf(b) === 'points';
export const issueModeOf = (b: Benefit) => b.issue ?? 'auto';


/** The period of `b` containing `now` for this member, or null when none is running (a birthday outside its month). */
export function periodOf(b: Benefit, member: Pick<BenefitMember, 'tierSince' | 'tierValidUntil' | 'birthday'>, now: Date): Period | null {
  const { year, month } = shanghaiParts(now);
  switch (b.period) {
    case 'month': {
      const start = monthStart(year, month);
      return { key: `${year}-${pad(month)}`, start, end: shanghaiDayStart(addMonths(shanghaiDay(start), 1)) };
    }
    case 'quarter': {
      const q = Math.floor((month - 1) / 3);
      const start = monthStart(year, q * 3 + 1);
      return { key: `${year}-Q${q + 1}`, start, end: shanghaiDayStart(addMonths(shanghaiDay(start), 3)) };
    }
    case 'tierPeriod': {
      // The tier's grant: from when it was reached (or last retained) to when its validity ends.
      const end = member.tierValidUntil;
      return { key: `T${shanghaiDay(member.tierSince)}${end ? `~${shanghaiDay(end)}` : ''}`, start: member.tierSince, end };
    }
    case 'birthday': {
      const bd = member.birthday;
      if (!bd || bd.month !== month) return null;
      const start = monthStart(year, month);
      return { key: `B${year}`, start, end: shanghaiDayStart(addMonths(shanghaiDay(start), 1)) };
    }
    default:
      return null;
  }
}

/** The record a benefit's issues are remembered under. */
export const recordOf = (b: Benefit, level: number) => (b.period === 'birthday' ? `birthday_${b.key}` : `L${level}_${b.key}`);

/**
 * How many units the period is worth to a member who holds the tier since `tierSince`: the quota, or, when the tier
 * was reached after a month or quarter began and the benefit says `prorata`, quota × days left (from the day the tier
 * was reached, inclusive) ÷ days in the period, rounded half up.
 */
export function unitsFor(b: Benefit, period: Period, tierSince: Date): number {
  const quota = b.quota ?? 1;
  if ((b.period !== 'month' && b.period !== 'quarter') || (b.upgrade ?? 'prorata') === 'whole') return quota;
  if (tierSince.getTime() <= period.start.getTime() || !period.end) return quota;
  const total = daysBetween(shanghaiDay(period.start), shanghaiDay(period.end));
  const left = daysBetween(shanghaiDay(tierSince), shanghaiDay(period.end));
  return Math.floor((quota * left) / total + 0.5);
}

/** Until when a voucher issued at `now` for `period` is valid (exclusive): `validDays` after the issue day, else the period's end. */
export function voucherExpiry(b: Benefit, period: Period, now: Date): Date {
  if (b.validDays !== undefined) return shanghaiDayStart(addDays(shanghaiDay(now), b.validDays));
  // A tier period without an end (the entry tier): a year.
  return period.end ?? shanghaiDayStart(addDays(shanghaiDay(now), 365));
}

/** The format that bears a voucher's cost (settlement): `issuerFormat`, else the first allowed format, else none. */
export const issuerFormatOf = (b: Benefit) => b.issuerFormat ?? b.formats?.[0] ?? '';

export interface DueVoucher { unitId: string; expiresAt: Date; formats: string[]; storeIds: string[]; faceValueFen: number | null; issuerFormat: string }

/** One entitlement due: a record, its period and the units to issue now. */
export interface Due {
  record: string;
  level: number;
  benefit: Benefit;
  period: Period;
  units: number;
  /** Points to credit (kind points: units × points; a voucher's own points once), with the ledger's idempotency key. */
  points: { amount: number; key: string } | null;
  vouchers: DueVoucher[];
}

/** The id of the n-th unit (1-based) of a record's period: the unique key of its document. */
export const unitIdOf = (openid: string, record: string, periodKey: string, n: number) => `bv_${openid}_${record}_${periodKey}_${n}`;

export interface DueOptions {
  /** auto: what the daily job issues; claim: the claimable benefits; all: both. */
  mode: 'auto' | 'claim' | 'all';
  /** Only this benefit key (a claim). */
  key?: string;
}

/**
 * What `member` is due at `now` under `tiers`: the benefits of the member's current tier (a downgrade stops future
 * issues; nothing already issued is taken back) whose period is running and whose record has not issued it.
 */
export function dueEntitlements(member: BenefitMember, tiers: TierRule[], now: Date, opts: DueOptions): Due[] {
  const tier = tiers.find((t) => t.level === member.tierLevel);
  if (!tier) return [];
  const issued = member.benefits?.issued ?? {};
  const due: Due[] = [];
  for (const b of tier.benefits) {
    if (!isIssued(b)) continue;
    if (opts.key !== undefined && b.key !== opts.key) continue;
    if (opts.mode !== 'all' && issueModeOf(b) !== opts.mode) continue;
    const period = periodOf(b, member, now);
    if (!period) continue;
    const record = recordOf(b, tier.level);
    if (issued[record] === period.key) continue;
    const units = unitsFor(b, period, member.tierSince);
    const kind = kindOf(b);
    const pointsKey = `benefit:${record}:${period.key}`;
    const pointsAmount = kind === 'points' ? units * (b.points ?? 0) : (units > 0 ? b.points ?? 0 : 0);
    const vouchers: DueVoucher[] = kind === 'voucher'
      ? Array.from({ length: units }, (_, i) => ({
        unitId: unitIdOf(member.openid, record, period.key, i + 1),
        expiresAt: voucherExpiry(b, period, now),
        formats: b.formats ?? [],
        storeIds: b.stores ?? [],
        faceValueFen: b.faceValueFen ?? null,
        issuerFormat: issuerFormatOf(b),
      }))
      : [];
    due.push({ record, level: tier.level, benefit: b, period, units, points: pointsAmount > 0 ? { amount: pointsAmount, key: pointsKey } : null, vouchers });
  }
  return due;
}

/** The member's benefit state after issuing `due` (every due record marked with its period, even at 0 units). */
export function markIssued(state: BenefitState | null | undefined, due: Due[]): BenefitState {
  const issued = { ...(state?.issued ?? {}) };
  for (const d of due) issued[d.record] = d.period.key;
  return { issued };
}

/**
 * The next instant something may become due by itself: the start of the next Shanghai month (months, quarters and
 * birthday months all begin on a 1st). Tier changes and a birthday being set bring it forward to `now` (the writer
 * does, services/benefits.ts).
 */
export function nextBenefitsAt(now: Date): Date {
  const { year, month } = shanghaiParts(now);
  return shanghaiDayStart(addMonths(`${year}-${pad(month)}-01`, 1));
}

const PERIOD_NAMES: Record<BenefitPeriod, string> = { month: '每月', quarter: '每季度', tierPeriod: '等级有效期内', birthday: '生日当月' };

const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/**
 * What the card says a benefit gives, derived from its definition (so nothing is promised that does not exist):
 * 每月 2 张 · 限购物中心 · 当月有效; 生日当月 500 积分; a rule or a flag says nothing more than its description.
 */
export function benefitTerms(b: Benefit, formatNames: Record<string, string> = {}): string | null {
  const kind = kindOf(b);
  if (kind === 'rule' || kind === 'flag' || !b.period) return null;
  const parts: string[] = [];
  const quota = b.quota ?? 1;
  const when = PERIOD_NAMES[b.period];
  if (kind === 'points') parts.push(`${when} ${quota * (b.points ?? 0)} 积分`);
  else {
    parts.push(`${when} ${quota} 张${b.faceValueFen ? `（面值 ${yuan(b.faceValueFen)} 元）` : ''}`);
    if (b.points) parts.push(`另赠 ${b.points} 积分`);
    const where = [...(b.formats ?? []).map((f) => formatNames[f] ?? f), ...(b.stores ?? []).length ? ['指定门店'] : []];
    if (where.length > 0) parts.push(`限${where.join('、')}使用`);
    parts.push(b.validDays ? `${b.validDays} 天内有效` : b.period === 'tierPeriod' ? '等级有效期内可用' : b.period === 'quarter' ? '当季有效' : '当月有效');
  }
  if (issueModeOf(b) === 'claim') parts.push('需在卡券包领取');
  return parts.join(' · ');
}

/** The tier's flags (免费退换, 专属客服 ...): what staff and channels may ask about a member. */
export function flagsOf(tiers: TierRule[], level: number): Array<{ key: string; title: string }> {
  const tier = tiers.find((t) => t.level === level);
  return (tier?.benefits ?? []).filter((b) => kindOf(b) === 'flag').map((b) => ({ key: b.key, title: b.title }));
}

/** This year's birthday gift as the card shows it: its title, and whether it was issued, is due now or comes later. */
export function birthdayGiftOf(member: BenefitMember, tiers: TierRule[], now: Date): { title: string; month: number; status: 'issued' | 'due' | 'upcoming' } | null {
  const bd = member.birthday;
  const tier = tiers.find((t) => t.level === member.tierLevel);
  const gift = tier?.benefits.find((b) => b.period === 'birthday' && isIssued(b));
  if (!bd || !gift) return null;
  const { year, month } = shanghaiParts(now);
  const issued = member.benefits?.issued?.[recordOf(gift, tier!.level)] === `B${year}`;
  return { title: gift.title, month: bd.month, status: issued ? 'issued' : bd.month === month ? 'due' : 'upcoming' };
}

/** Days before expiry a voucher counts as expiring soon (the wallet's and the card's reminder). */
export const EXPIRY_REMINDER_DAYS = 3;

export const expiringSoon = (expiresAt: Date, now: Date, days = EXPIRY_REMINDER_DAYS) =>
  expiresAt.getTime() > now.getTime() && expiresAt.getTime() - now.getTime() <= days * 86_400_000;
