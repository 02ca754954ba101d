import type { Lot } from './ledger';
import { shanghaiDay } from './time';

type Expiring = Pick<Lot, 'remaining' | 'expiresAt'>;

/** The points that expire soonest (all lots expiring on the same Shanghai day), or null. */
export function soonestExpiring(lots: Expiring[], now: Date): { amount: number; date: string } | null {
  const live = lots.filter((l) => l.remaining > 0 && l.expiresAt.getTime() > now.getTime());
  if (live.length === 0) return null;
  // A lot that expires at 00:00 of a day is last usable the day before: show that day.
  const lastUsableDay = (l: Pick<Expiring, 'expiresAt'>) => shanghaiDay(new Date(l.expiresAt.getTime() - 1));
  const day = live.map(lastUsableDay).sort()[0];
  const amount = live.filter((l) => lastUsableDay(l) === day).reduce((sum, l) => sum + l.remaining, 0);
  return { amount, date: day };
}
