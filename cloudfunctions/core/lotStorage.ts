// How a member's lots are kept on the member document: one document holds balance and lots, so every earning and
// spending is a single-document write inside the transaction. To keep the document small, lots that can no longer
// matter are dropped and lots that behave identically are merged.
import type { Lot } from './ledger';

/** Order lots stay separate: a refund takes back from its own order's lot first. */
const isOrderLot = (lot: Lot) => lot.lotId.startsWith('order:');

/**
 * Drops lots that are empty and expired, and merges released (not pending), non-order lots with the same expiry
 * and format and store into the earliest of them. Balances, expiry dates, formats and stores are unchanged by construction.
 */
export function compactLots(lots: Lot[], now: Date): Lot[] {
  const kept: Lot[] = [];
  const mergeInto = new Map<string, Lot>();
  const ordered = [...lots].sort((a, b) => a.earnedAt.getTime() - b.earnedAt.getTime() || a.lotId.localeCompare(b.lotId));
  for (const lot of ordered) {
    if (lot.remaining === 0 && lot.expiresAt.getTime() <= now.getTime()) continue;
    const released = lot.availableAt.getTime() <= now.getTime();
    if (!released || isOrderLot(lot)) {
      kept.push({ ...lot });
      continue;
    }
    const key = `${lot.expiresAt.getTime()}|${lot.format}|${lot.storeId ?? ''}`;
    const target = mergeInto.get(key);
    if (!target) {
      const copy = { ...lot };
      mergeInto.set(key, copy);
      kept.push(copy);
      continue;
    }
    target.amount += lot.amount;
    target.remaining += lot.remaining;
    if (lot.availableAt > target.availableAt) target.availableAt = lot.availableAt;
  }
  return kept.sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.earnedAt.getTime() - b.earnedAt.getTime());
}
