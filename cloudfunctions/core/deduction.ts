// Points as cash (积分抵扣): a member's points pay part of an order at the till or in a channel's checkout, in two
// steps like a card payment. `hold` reserves points for an order amount (no ledger entry: the points stay in their
// lots but are not spendable elsewhere while the hold lives); `capture` with the paid order turns the hold into a
// spend entry; `release` gives the reservation up; a hold lapses by itself at `expiresAt` (nothing to undo: a lapsed
// hold simply stops counting). Pure: services/deductions.ts persists what these plan in the member's transaction.
//
// The exchange is exact: points and fen are traded only in whole units of gcd(pointsPerYuan, 100), e.g. 100 points
// per yuan: 1 point = 1 fen; 150 per yuan: 3 points = 2 fen; so no rounding ever works against the member.
import type { DeductionRules } from './config';
import { AppError, type ErrorCode } from './errors';
import { planSpend, spendablePoints, type EntryMeta, type LedgerEntry, type LedgerPlan, type Lot, type LotDraw, type PointHold, type PointsState } from './ledger';

/** requested: a clerk asked and the member has not answered; held: points reserved; the rest are final. */
export type HoldStatus = 'requested' | 'held' | 'captured' | 'released' | 'declined' | 'expired';

export const HOLD_STATUS_NAMES: Record<HoldStatus, string> = {
  requested: '等待会员确认', held: '已预留', captured: '已抵扣', released: '已释放', declined: '会员已拒绝', expired: '已过期',
};

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The smallest exact exchange: `points` buy exactly `fen`. */
export function deductionUnit(pointsPerYuan: number): { points: number; fen: number } {
  const g = gcd(pointsPerYuan, 100);
  return { points: pointsPerYuan / g, fen: 100 / g };
}

/** The fen `points` buy, exactly (points a multiple of the unit) or rounded down to whole units. */
export function fenForPoints(points: number, pointsPerYuan: number): number {
  const unit = deductionUnit(pointsPerYuan);
  return Math.floor(points / unit.points) * unit.fen;
}

export interface QuoteInput {
  orderFen: number;
  /** Points spendable now, other live holds already taken off. */
  spendable: number;
  /** At most this many points (the member wants to use fewer); absent: as many as allowed. */
  maxPoints?: number;
  format?: string | null;
  storeId?: string | null;
}

export type Quote =
  | { ok: true; points: number; fen: number; cashFen: number }
  | { ok: false; code: ErrorCode; message: string };

const no = (code: ErrorCode, message: string): Quote => ({ ok: false, code, message });

/** The largest deduction the rules allow for an order: capped by the share of the order, the spendable points and `maxPoints`. */
export function quoteDeduction(input: QuoteInput, rules: DeductionRules): Quote {
  if (!rules.enabled) return no('FORBIDDEN', '积分抵扣未开启');
  if (rules.formats.length > 0 && !rules.formats.includes(input.format ?? '')) return no('NOT_ELIGIBLE', '该业态不支持积分抵扣');
  if (rules.storeIds.length > 0 && !rules.storeIds.includes(input.storeId ?? '')) return no('NOT_ELIGIBLE', '该门店不支持积分抵扣');
  const unit = deductionUnit(rules.pointsPerYuan);
  const capFen = Math.floor((input.orderFen * rules.maxSharePercent) / 100);
  const byOrder = Math.floor(capFen / unit.fen);
  const byPoints = Math.floor(input.spendable / unit.points);
  const byWish = input.maxPoints === undefined ? Infinity : Math.floor(input.maxPoints / unit.points);
  const units = Math.min(byOrder, byPoints, byWish);
  const points = units * unit.points;
  const least = Math.max(rules.minPoints, unit.points);
  if (points < least) {
    if (byPoints * unit.points < least && byPoints <= Math.min(byOrder, byWish)) return no('INSUFFICIENT_POINTS', `可用积分不足，${least} 积分起抵`);
    if (byWish * unit.points < least && byWish <= byOrder) return no('NOT_ELIGIBLE', `单次最少抵扣 ${least} 积分`);
    return no('NOT_ELIGIBLE', `订单金额过低，最多可抵扣 ${rules.maxSharePercent}%，不足 ${least} 积分`);
  }
  const fen = units * unit.fen;
  return { ok: true, points, fen, cashFen: input.orderFen - fen };
}

/** Holds that have not lapsed by `now`. */
export const liveHolds = (holds: PointHold[] | undefined, now: Date) => (holds ?? []).filter((h) => h.expiresAt.getTime() > now.getTime());

export const holdExpiresAt = (now: Date, rules: Pick<DeductionRules, 'holdMinutes'>) => new Date(now.getTime() + rules.holdMinutes * 60_000);

export interface HoldInput {
  holdId: string;
  orderFen: number;
  maxPoints?: number;
  /** The member approved exactly `maxPoints` (a clerk's request): fewer is refused, not quietly taken. */
  exact?: boolean;
  format?: string | null;
  storeId?: string | null;
  at: Date;
}

export interface HoldPlan {
  hold: PointHold;
  quote: Extract<Quote, { ok: true }>;
  /** The member's live holds after this one (lapsed ones dropped). */
  holds: PointHold[];
}

/** Reserves points for an order against what is spendable now, every other live hold taken off first. */
export function planHold(state: PointsState, input: HoldInput, rules: DeductionRules): HoldPlan {
  const others = liveHolds(state.holds, input.at).filter((h) => h.holdId !== input.holdId);
  if (others.length !== liveHolds(state.holds, input.at).length) throw new AppError('ALREADY_DONE', '该订单已预留积分');
  const spendable = spendablePoints({ ...state, holds: others }, input.at);
  const quote = quoteDeduction({ orderFen: input.orderFen, spendable, maxPoints: input.maxPoints, format: input.format, storeId: input.storeId }, rules);
  if (!quote.ok) throw new AppError(quote.code, quote.message);
  if (input.exact && quote.points !== input.maxPoints) throw new AppError('INSUFFICIENT_POINTS', `可用积分不足 ${input.maxPoints} 积分`);
  const hold: PointHold = { holdId: input.holdId, points: quote.points, expiresAt: holdExpiresAt(input.at, rules) };
  return { hold, quote, holds: [...others, hold] };
}

/** What a stored hold is now: a live status past its expiry is expired (the points came back when it lapsed). */
export function holdStatusAt(hold: { status: HoldStatus; expiresAt: Date }, now: Date): HoldStatus {
  if ((hold.status === 'held' || hold.status === 'requested') && hold.expiresAt.getTime() <= now.getTime()) return 'expired';
  return hold.status;
}

/** Why a hold in this status cannot be captured (or released, or answered), in Chinese; null when it can. */
export function holdRefusal(status: HoldStatus, want: 'capture' | 'release' | 'decide'): string | null {
  const ok = want === 'decide' ? status === 'requested' : status === 'held' || (want === 'release' && status === 'requested');
  if (ok) return null;
  switch (status) {
    case 'requested': return '会员尚未确认积分抵扣';
    case 'held': return '会员已确认该积分抵扣';
    case 'captured': return '该积分抵扣已完成';
    case 'released': return '该积分预留已释放';
    case 'declined': return '会员已拒绝该积分抵扣';
    case 'expired': return '该积分预留已过期，积分已退回';
  }
}

/** A draw with the expiry of its lot, so a refund can find the lot again after lots were merged (as mall spends keep). */
export interface DeductionDraw extends LotDraw { expiresAt: Date | string }

export interface CaptureInput extends EntryMeta {
  holdId: string;
  points: number;
  /** Where the points paid: the order's format and store, for settlement between formats (like a mall item's funder). */
  redeemFormat: string;
  redeemStoreId: string | null;
}

/** The hold becomes a spend entry (key `deduct:<holdId>`); the hold leaves the member's live holds. */
export function planCapture(state: PointsState, input: CaptureInput): { ledger: LedgerPlan; holds: PointHold[]; draws: DeductionDraw[] } {
  const holds = liveHolds(state.holds, input.at).filter((h) => h.holdId !== input.holdId);
  const spend = planSpend({ ...state, holds }, { key: input.key, reason: input.reason, ref: input.ref, issuer: input.issuer, at: input.at, amount: input.points });
  const entries: LedgerEntry[] = spend.entries.map((e) => ({ ...e, redeemFormat: input.redeemFormat, redeemStoreId: input.redeemStoreId }));
  const expiryOf = new Map(state.lots.map((l) => [l.lotId, l.expiresAt]));
  const draws = (entries[0]?.lots ?? []).map((d) => ({ ...d, expiresAt: expiryOf.get(d.lotId)! }));
  return { ledger: { ...spend, entries }, holds, draws };
}

/** The member's live holds without `holdId` (release, decline). */
export const withoutHold = (holds: PointHold[] | undefined, holdId: string, now: Date) => liveHolds(holds, now).filter((h) => h.holdId !== holdId);

/**
 * The draws that return points [from, from + amount) of a deduction's draws, in draw order, so successive partial
 * refunds return distinct parts and a full refund returns exactly what was drawn. A draw whose lot was merged since
 * (same expiry, format and store) returns to the merged lot.
 */
export function returnDraws(draws: DeductionDraw[], from: number, amount: number, lots: Lot[]): LotDraw[] {
  const ids = new Set(lots.map((l) => l.lotId));
  const out: LotDraw[] = [];
  let offset = 0;
  for (const d of draws) {
    const start = Math.max(from, offset);
    const end = Math.min(from + amount, offset + d.amount);
    offset += d.amount;
    if (end <= start) continue;
    const merged = ids.has(d.lotId) ? null
      : lots.find((l) => l.format === d.format && (l.storeId ?? '') === (d.storeId ?? '') && l.expiresAt.getTime() === new Date(d.expiresAt).getTime());
    out.push({ lotId: merged?.lotId ?? d.lotId, amount: end - start, format: d.format, ...(d.storeId ? { storeId: d.storeId } : {}) });
  }
  return out;
}
