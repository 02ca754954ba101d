// The points ledger as pure planners: each takes the member's points state and returns a plan (entries to append,
// the lots and balance after them) that the handler persists in one transaction.
//
// Invariants kept by every planner (checked by checkPointsState in pointsSummary.ts):
//   balance == sum of all entry amounts == sum of lot.remaining − debt
//   0 <= lot.remaining <= lot.amount, debt >= 0
//   debt > 0 only when no unexpired lot has points left (a negative balance is settled before any new lot fills)
import type { LoyaltyConfig } from './config';
import { AppError } from './errors';
import { bySoonestExpiry, isExpired, isPending, isSpendable, lotAvailableAt, lotExpiresAt } from './lotRules';

export type EntryType = 'earn' | 'spend' | 'expire' | 'refund' | 'adjust' | 'reverse';

export interface Lot {
  /** The key of the entry that created the lot, so re-planning the same earning gives the same id. */
  lotId: string;
  /** Points earned into the lot. */
  amount: number;
  /** Points still in the lot: 0..amount. */
  remaining: number;
  earnedAt: Date;
  expiresAt: Date;
  /** Spendable from this instant (later than earnedAt while order points are pending). */
  availableAt: Date;
  /** Business format that issued the points ('' when none), for settlement between formats. */
  format: string;
  /** The store whose sale issued the points (absent when none), for settlement between stores. */
  storeId?: string;
  /** What earned the points (an order id, 'registration', ...). */
  ref: string;
}

/** Points taken from (spend, reverse, expire, negative adjust) or returned to (refund) one lot. */
export interface LotDraw { lotId: string; amount: number; format: string; storeId?: string }

/** A draw of `amount` from `lot`, carrying the lot's issuing format and store. */
export const drawFrom = (lot: Pick<Lot, 'lotId' | 'format' | 'storeId'>, amount: number): LotDraw =>
  ({ lotId: lot.lotId, amount, format: lot.format, ...(lot.storeId ? { storeId: lot.storeId } : {}) });

export interface LedgerEntry {
  type: EntryType;
  /** Signed: positive adds to the balance. */
  amount: number;
  balanceAfter: number;
  /** Shown to the member. */
  reason: string;
  ref: string;
  /** Idempotency key, unique per member. */
  key: string;
  issuer: string;
  createdAt: Date;
  format?: string;
  lots?: LotDraw[];
  /** Part of a positive amount that paid off a negative balance instead of filling a lot. */
  settledDebt?: number;
  /** Mall spends and their cancellations: the format and store that fund the item, for settlement between formats. */
  redeemFormat?: string;
  redeemStoreId?: string | null;
}

export interface PointsState {
  /** Every point the member owns, pending ones included; negative while debt is outstanding. */
  balance: number;
  /** Points owed after a refund took back more than was left (negativeBalancePolicy 'carry'). */
  debt: number;
  /** Points in lots not yet spendable, as of the last plan or release. */
  pending: number;
  /** The member's lots with points left (lots at 0 may be omitted), plus, for planRestore, the lots its spend drew. */
  lots: Lot[];
  /** Points reserved for an order not paid yet (积分抵扣, core/deduction.ts): not spendable elsewhere until captured,
   * released or lapsed at `expiresAt`. No ledger entry: a hold changes no balance, it only lowers what is spendable. */
  holds?: PointHold[];
}

export interface PointHold { holdId: string; points: number; expiresAt: Date }

/** Points under holds that have not lapsed by `now`. */
export const heldPoints = (state: Pick<PointsState, 'holds'>, now: Date) =>
  (state.holds ?? []).reduce((sum, h) => (h.expiresAt.getTime() > now.getTime() ? sum + h.points : sum), 0);

export interface LedgerPlan {
  entries: LedgerEntry[];
  newLots: Lot[];
  /** Member fields to set: points.balance, points.debt, points.pending. */
  points: { balance: number; debt: number; pending: number };
  /** The state after the plan, to chain plans or answer the caller. */
  state: PointsState;
}

export interface EntryMeta {
  key: string;
  reason: string;
  ref: string;
  issuer: string;
  at: Date;
}

export const pendingPoints = (lots: Lot[], now: Date) =>
  lots.reduce((sum, l) => (l.remaining > 0 && isPending(l, now) && !isExpired(l, now) ? sum + l.remaining : sum), 0);

/** Spendable now: unexpired, released lots, less any debt (which normally leaves no such lot) and live holds. */
export const spendablePoints = (state: PointsState, now: Date) =>
  Math.max(0, state.lots.reduce((sum, l) => (isSpendable(l, now) ? sum + l.remaining : sum), 0) - state.debt - heldPoints(state, now));

function requireAmount(amount: number, allowZero = false): void {
  if (!Number.isSafeInteger(amount) || amount < 0 || (!allowZero && amount === 0)) throw new AppError('INVALID_INPUT', '积分数量必须是正整数');
}

/** A working copy of the state that records what changed. */
class Draft {
  private readonly lots = new Map<string, Lot>();
  private readonly entries: LedgerEntry[] = [];
  private readonly newLots: Lot[] = [];
  private balance: number;
  debt: number;
  private readonly holds: PointHold[] | undefined;

  constructor(state: PointsState) {
    for (const lot of state.lots) this.lots.set(lot.lotId, { ...lot });
    this.balance = state.balance;
    this.debt = state.debt;
    this.holds = state.holds;
  }

  lot(lotId: string): Lot | undefined {
    return this.lots.get(lotId);
  }

  lotsWhere(test: (lot: Lot) => boolean): Lot[] {
    return [...this.lots.values()].filter(test).sort(bySoonestExpiry);
  }

  addLot(lot: Lot): void {
    if (this.lots.has(lot.lotId)) throw new AppError('ALREADY_DONE', '该积分已发放');
    this.lots.set(lot.lotId, lot);
    this.newLots.push(lot);
  }

  /** Takes up to `amount` from the lots in order; returns the draws. */
  take(from: Lot[], amount: number): LotDraw[] {
    const draws: LotDraw[] = [];
    let left = amount;
    for (const lot of from) {
      if (left === 0) break;
      const n = Math.min(lot.remaining, left);
      if (n === 0) continue;
      lot.remaining -= n;
      draws.push(drawFrom(lot, n));
      left -= n;
    }
    return draws;
  }

  append(type: EntryType, amount: number, meta: EntryMeta, extra: Partial<LedgerEntry> = {}): void {
    this.balance += amount;
    const { key, reason, ref, issuer, at } = meta;
    this.entries.push({ type, amount, balanceAfter: this.balance, reason, ref, key, issuer, createdAt: at, ...extra });
  }

  finish(at: Date): LedgerPlan {
    const lots = [...this.lots.values()];
    const points = { balance: this.balance, debt: this.debt, pending: pendingPoints(lots, at) };
    return {
      entries: this.entries,
      newLots: this.newLots,
      points,
      state: { ...points, lots, ...(this.holds ? { holds: this.holds } : {}) },
    };
  }
}

export interface EarnInput extends EntryMeta {
  amount: number;
  format?: string;
  /** The issuing store (an order's store), kept on the lot for settlement between stores. */
  storeId?: string;
  /** Order points: pending for config.points.pendingDays (the return window). */
  locked?: boolean;
  /** 'adjust' for a manual credit by staff. */
  type?: 'earn' | 'adjust';
}

/** A new lot (id = key). A negative balance is settled first: the lot holds only what is left over. 0 points plan nothing. */
export function planEarn(state: PointsState, input: EarnInput, config: LoyaltyConfig): LedgerPlan {
  requireAmount(input.amount, true);
  const draft = new Draft(state);
  if (input.amount === 0) return draft.finish(input.at);
  const settled = Math.min(draft.debt, input.amount);
  draft.debt -= settled;
  const format = input.format ?? '';
  draft.addLot({
    lotId: input.key,
    amount: input.amount,
    remaining: input.amount - settled,
    earnedAt: input.at,
    expiresAt: lotExpiresAt(input.at, config),
    availableAt: lotAvailableAt(input.at, input.locked ?? false, config),
    format,
    ...(input.storeId ? { storeId: input.storeId } : {}),
    ref: input.ref,
  });
  draft.append(input.type ?? 'earn', input.amount, input, { format, ...(settled > 0 ? { settledDebt: settled } : {}) });
  return draft.finish(input.at);
}

/**
 * An opening balance brought from another system (migration, reason 期初导入): an `adjust` entry and its lot with the
 * expiry the old system gave it, spendable at once. Like planEarn, a negative balance is settled first. A lot whose
 * expiry has passed by `at` is still written (the ledger explains every imported point): chain planExpire after it.
 */
export function planOpening(state: PointsState, input: EntryMeta & { amount: number; expiresAt: Date; format?: string }): LedgerPlan {
  requireAmount(input.amount);
  const draft = new Draft(state);
  const settled = Math.min(draft.debt, input.amount);
  draft.debt -= settled;
  const format = input.format ?? '';
  draft.addLot({
    lotId: input.key, amount: input.amount, remaining: input.amount - settled,
    earnedAt: input.at, expiresAt: input.expiresAt, availableAt: input.at, format, ref: input.ref,
  });
  draft.append('adjust', input.amount, input, { format, ...(settled > 0 ? { settledDebt: settled } : {}) });
  return draft.finish(input.at);
}

/** Draws from spendable lots (unexpired, released) soonest-expiring first; the entry records which lots paid. */
export function planSpend(state: PointsState, input: EntryMeta & { amount: number }): LedgerPlan {
  requireAmount(input.amount);
  if (spendablePoints(state, input.at) < input.amount) throw new AppError('INSUFFICIENT_POINTS');
  const draft = new Draft(state);
  const draws = draft.take(draft.lotsWhere((l) => isSpendable(l, input.at)), input.amount);
  draft.append('spend', -input.amount, input, { lots: draws });
  return draft.finish(input.at);
}

/** One 'expire' entry per lot that reached its expiry with points left (key `expire:<lotId>`). */
export function planExpire(state: PointsState, now: Date, issuer = 'system'): LedgerPlan {
  const draft = new Draft(state);
  for (const lot of draft.lotsWhere((l) => l.remaining > 0 && isExpired(l, now))) {
    const n = lot.remaining;
    lot.remaining = 0;
    draft.append('expire', -n, { key: `expire:${lot.lotId}`, reason: '积分过期', ref: lot.lotId, issuer, at: now }, { format: lot.format, lots: [drawFrom(lot, n)] });
  }
  return draft.finish(now);
}

/**
 * Takes back points of a refunded order (`ref` = the order): from the order's own lots first, then from the
 * other unexpired lots soonest-expiring first (pending ones included). A shortfall becomes debt ('carry') or is
 * written off by an 'adjust' entry (key `<key>:forgive`, policy 'forgive'); the full amount is always recorded.
 */
export function planReverse(state: PointsState, input: EntryMeta & { amount: number }, config: LoyaltyConfig): LedgerPlan {
  requireAmount(input.amount, true);
  const draft = new Draft(state);
  if (input.amount === 0) return draft.finish(input.at);
  const live = (l: Lot) => l.remaining > 0 && !isExpired(l, input.at);
  const fromOrder = draft.lotsWhere((l) => live(l) && l.ref === input.ref);
  const fromOthers = draft.lotsWhere((l) => live(l) && l.ref !== input.ref);
  const draws = draft.take([...fromOrder, ...fromOthers], input.amount);
  const shortfall = input.amount - draws.reduce((sum, d) => sum + d.amount, 0);
  draft.debt += shortfall;
  draft.append('reverse', -input.amount, input, { lots: draws });
  if (shortfall > 0 && config.points.negativeBalancePolicy === 'forgive') {
    draft.debt -= shortfall;
    draft.append('adjust', shortfall, { ...input, key: `${input.key}:forgive`, reason: '退款扣回积分不足部分已豁免' });
  }
  return draft.finish(input.at);
}

/**
 * Gives back the points of a cancelled spend (a 'refund' entry) to the lots that paid, latest-expiring first.
 * Points whose lot has expired meanwhile are forfeited; any debt is settled first from the returned points.
 */
export function planRestore(state: PointsState, input: EntryMeta & { spend: Pick<LedgerEntry, 'lots'> }): LedgerPlan & { forfeited: number } {
  const draft = new Draft(state);
  let forfeited = 0;
  const back: { lot: Lot; amount: number }[] = [];
  for (const d of input.spend.lots ?? []) {
    const lot = draft.lot(d.lotId);
    if (!lot || isExpired(lot, input.at)) forfeited += d.amount;
    else back.push({ lot, amount: d.amount });
  }
  back.sort((a, b) => bySoonestExpiry(a.lot, b.lot));
  // The soonest-expiring returns pay the debt; the rest go back into their lots (never above what a lot earned).
  let toSettle = Math.min(draft.debt, back.reduce((sum, b) => sum + b.amount, 0));
  const settled = toSettle;
  draft.debt -= settled;
  const returned: LotDraw[] = [];
  for (const b of back) {
    const used = Math.min(toSettle, b.amount);
    toSettle -= used;
    const n = Math.min(b.amount - used, b.lot.amount - b.lot.remaining);
    forfeited += b.amount - used - n;
    if (n > 0) {
      b.lot.remaining += n;
      returned.push(drawFrom(b.lot, n));
    }
  }
  const amount = settled + returned.reduce((sum, r) => sum + r.amount, 0);
  if (amount > 0) draft.append('refund', amount, input, { lots: returned, ...(settled > 0 ? { settledDebt: settled } : {}) });
  return { ...draft.finish(input.at), forfeited };
}

/** A manual correction by staff: positive credits a new lot (like an earning), negative draws from unexpired lots. */
export function planAdjust(state: PointsState, input: EntryMeta & { amount: number; format?: string }, config: LoyaltyConfig): LedgerPlan {
  if (input.amount >= 0) return planEarn(state, { ...input, type: 'adjust' }, config);
  const amount = -input.amount;
  requireAmount(amount);
  const draft = new Draft(state);
  const live = draft.lotsWhere((l) => l.remaining > 0 && !isExpired(l, input.at));
  if (live.reduce((sum, l) => sum + l.remaining, 0) - draft.debt - heldPoints(state, input.at) < amount) throw new AppError('INSUFFICIENT_POINTS');
  draft.append('adjust', -amount, input, { lots: draft.take(live, amount) });
  return draft.finish(input.at);
}

/** Pending points as of `now`; `released` is how many became spendable since the state's `pending` was computed. */
export function releasePending(state: PointsState, now: Date): { pending: number; released: number; state: PointsState } {
  const pending = pendingPoints(state.lots, now);
  return { pending, released: Math.max(0, state.pending - pending), state: { ...state, pending } };
}

/** A plan that changes nothing (the start of a chain). */
export const unchangedPlan = (state: PointsState, at: Date): LedgerPlan => new Draft(state).finish(at);

/** Two plans in sequence as one (the second planned on the first's state). */
export function chainPlans(first: LedgerPlan, second: LedgerPlan): LedgerPlan {
  const created = new Set([...first.newLots, ...second.newLots].map((l) => l.lotId));
  const finalLot = new Map(second.state.lots.map((l) => [l.lotId, l]));
  return {
    entries: [...first.entries, ...second.entries],
    newLots: [...created].map((id) => finalLot.get(id)!).filter(Boolean),
    points: second.points,
    state: second.state,
  };
}

export const emptyPointsState = (): PointsState => ({ balance: 0, debt: 0, pending: 0, lots: [] });
