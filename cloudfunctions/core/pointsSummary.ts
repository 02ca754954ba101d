// What the member sees of their points, and the ledger's invariants as a check.
import type { LoyaltyConfig } from './config';
import { pendingPoints, spendablePoints, type LedgerEntry, type PointsState } from './ledger';
import { isExpired } from './lotRules';
import { soonestExpiring } from './points';
import { addDays, shanghaiDay } from './time';

export interface PointsSummary {
  /** All points owned (pending included); negative while a refund debt is outstanding. */
  balance: number;
  debt: number;
  spendable: number;
  pending: number;
  /** The soonest expiry within `expiringSoonDays`: the amount and its last usable Shanghai day. */
  expiringSoon: { amount: number; date: string } | null;
}

export function summarizePoints(state: PointsState, now: Date, config: LoyaltyConfig): PointsSummary {
  const soonest = soonestExpiring(state.lots, now);
  const horizon = addDays(shanghaiDay(now), config.points.expiringSoonDays);
  return {
    balance: state.balance,
    debt: state.debt,
    spendable: spendablePoints(state, now),
    pending: pendingPoints(state.lots, now),
    expiringSoon: soonest && soonest.date <= horizon ? soonest : null,
  };
}

/**
 * The ledger invariants; returns the violations (empty when consistent). `entries` is the member's whole ledger
 * when given; `now` enables the debt rule, which only concerns unexpired lots.
 */
export function checkPointsState(state: PointsState, entries?: LedgerEntry[], now?: Date): string[] {
  const problems: string[] = [];
  const remaining = state.lots.reduce((sum, l) => sum + l.remaining, 0);
  if (state.balance !== remaining - state.debt) problems.push(`balance ${state.balance} != lots ${remaining} - debt ${state.debt}`);
  if (state.debt < 0) problems.push(`negative debt ${state.debt}`);
  for (const l of state.lots) {
    if (!Number.isSafeInteger(l.remaining) || l.remaining < 0 || l.remaining > l.amount) problems.push(`lot ${l.lotId} remaining ${l.remaining} of ${l.amount}`);
  }
  if (now && state.debt > 0 && state.lots.some((l) => l.remaining > 0 && !isExpired(l, now))) problems.push('debt while unexpired points remain');
  if (entries) {
    const sum = entries.reduce((s, e) => s + e.amount, 0);
    if (sum !== state.balance) problems.push(`balance ${state.balance} != ledger sum ${sum}`);
    const keys = new Set(entries.map((e) => e.key));
    if (keys.size !== entries.length) problems.push('duplicate entry keys');
    let running = 0;
    for (const e of entries) {
      running += e.amount;
      if (e.balanceAfter !== running) { problems.push(`entry ${e.key} balanceAfter ${e.balanceAfter} != ${running}`); break; }
    }
  }
  return problems;
}

/** Points spent per issuing business format, net of cancelled spends (for settlement between formats). */
export function spentByFormat(entries: LedgerEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) {
    const sign = e.type === 'spend' ? 1 : e.type === 'refund' ? -1 : 0;
    if (sign !== 0) for (const d of e.lots ?? []) out[d.format] = (out[d.format] ?? 0) + sign * d.amount;
  }
  return out;
}
