// Till limits for clerks (`staff.purchaseLimits`, per store overrides): a purchase above the single amount, or one
// that would take the clerk's total of the Shanghai day above the daily amount, waits for a manager (approvals.ts).
// The daily total is one document per clerk and day (`till_totals`), moved by single conditional updates: concurrent
// purchases cannot together pass the limit, and a retried order id is counted once.
import type { LoyaltyConfig } from '../core/config';
import type { StaffRole } from '../core/documents';
import { AppError } from '../core/errors';
import { shanghaiDay } from '../core/time';
import { isAlreadyWritten } from '../runtime/idempotent';
import type { Database } from '../runtime/dbTypes';

export interface TillLimits { singleFen: number; dailyFen: number }

/** The limits a purchase by `role` in `storeId` is held above; null for managers and admins (they approve). */
export function tillLimitsFor(role: StaffRole, storeId: string, config: Pick<LoyaltyConfig, 'staff'>): TillLimits | null {
  if (role !== 'clerk') return null;
  const { clerkSingleFen, clerkDailyFen, stores } = config.staff.purchaseLimits;
  const own = stores[storeId] ?? {};
  return { singleFen: own.clerkSingleFen ?? clerkSingleFen, dailyFen: own.clerkDailyFen ?? clerkDailyFen };
}

export type Reservation = { ok: true } | { ok: false; limit: 'single' | 'daily'; limitFen: number };

const totalId = (openid: string, now: Date) => `${openid}:${shanghaiDay(now)}`;

/** Counts `amountFen` of order `orderId` into the clerk's day, unless it is over a limit (then nothing changes). */
export async function reserveTill(db: Database, openid: string, orderId: string, amountFen: number, limits: TillLimits, now: Date): Promise<Reservation> {
  if (amountFen > limits.singleFen) return { ok: false, limit: 'single', limitFen: limits.singleFen };
  const _ = db.command;
  const totals = db.collection('till_totals');
  const id = totalId(openid, now);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const { stats } = await totals.where({ _id: id, totalFen: _.lte(limits.dailyFen - amountFen), orderIds: _.nin([orderId]) })
      .update({ data: { totalFen: _.inc(amountFen), orderIds: _.push([orderId]), updatedAt: now } });
    if (stats.updated === 1) return { ok: true };
    const { data } = await totals.where({ _id: id }).get();
    const day = data[0];
    if (day?.orderIds.includes(orderId)) return { ok: true };
    if (day || amountFen > limits.dailyFen) return { ok: false, limit: 'daily', limitFen: limits.dailyFen };
    try {
      await totals.add({ data: { _id: id, staff: openid, day: shanghaiDay(now), totalFen: amountFen, orderIds: [orderId], updatedAt: now } });
      return { ok: true };
    } catch (err) {
      if (!isAlreadyWritten(err)) throw err; // another purchase of the clerk made the day's document: count on it
    }
  }
  throw new AppError('CONFLICT');
}

/** Takes a reserved order back out of the clerk's day (its purchase was refused after the reservation). */
export async function releaseTill(db: Database, openid: string, orderId: string, amountFen: number, now: Date): Promise<void> {
  const _ = db.command;
  await db.collection('till_totals').where({ _id: totalId(openid, now), orderIds: orderId })
    .update({ data: { totalFen: _.inc(-amountFen), orderIds: _.pull(orderId), updatedAt: now } });
}
