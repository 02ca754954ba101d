// The store's activity log (`store_activity`): one document per purchase recorded or undone, voucher written off or
// reversed, redemption cancelled or points adjusted in a store, keyed by what it records so a retried action logs once. It feeds the
// staff home screen (today's activity); the ledger, orders and redemptions stay the records of truth.
import type { Output, ParsedInput } from '../../contract';
import type { StoreActivityDoc, StoreActivityType } from '../core/documents';
import { ROLE_NAMES } from '../core/roles';
import { AppError } from '../core/errors';
import { addDays, shanghaiDay, shanghaiDayStart } from '../core/time';
import type { Database } from '../runtime/dbTypes';
import type { StaffContext, StaffMember } from '../runtime/handler';
import { writeOnce } from '../runtime/idempotent';
import { pendingCount } from './approvals';
import { allStores } from './stores';

export type ActivityType = StoreActivityType;

/** What a staff action logs; the store, day, time and staff are added by logActivity. */
export type Activity = Pick<StoreActivityDoc, 'type' | 'ref' | 'memberNo' | 'title' | 'points' | 'amountFen' | 'backdated' | 'paidAt' | 'voucherCode' | 'approvedBy'>;

export async function logActivity(db: Database, staff: StaffMember, a: Activity, now: Date): Promise<void> {
  const { storeId } = staff;
  if (!storeId) return;
  await writeOnce(() => db.collection('store_activity').add({
    data: { _id: `${a.type}:${a.ref}`, storeId, day: shanghaiDay(now), at: now, staff: staff.openid, staffName: staff.name, ...a },
  }));
}

// What undoes what: an `undo` entry has the ref of the purchase it undid, a `reverseWriteOff` that of the write-off.
const UNDONE_BY: Partial<Record<ActivityType, ActivityType>> = { purchase: 'undo', writeOff: 'reverseWriteOff' };

/** How far back the staff home shows a store's days (the settlement report covers longer periods). */
export const HISTORY_DAYS = 92;
const PAGE = 50;

type DayTotals = Record<ActivityType, { n: number; fen: number; points: number }>;

const emptyTotals = (): DayTotals => {
  const zero = { n: 0, fen: 0, points: 0 };
  return { purchase: zero, writeOff: zero, cancel: zero, adjust: zero, undo: zero, reverseWriteOff: zero };
};

/** The day's entries counted by type over the whole day (not just the page shown), by the database. */
async function dayTotals(db: Database, storeId: string, day: string): Promise<DayTotals> {
  const $ = db.command.aggregate;
  const { list } = await db.collection('store_activity').aggregate()
    .match({ storeId, day })
    .group({ _id: '$type', n: $.sum(1), fen: $.sum('$amountFen'), points: $.sum('$points') })
    .limit(20)
    .end<{ _id: ActivityType; n: number; fen: number | null; points: number | null }>();
  const totals = emptyTotals();
  for (const row of list) totals[row._id] = { n: row.n, fen: row.fen ?? 0, points: row.points ?? 0 };
  return totals;
}

/**
 * The staff home screen: who I am, my store, and a day's activity there (newest first, a page at a time) with the
 * day's totals. Undo and reversal happen within the day (undo.ts, voucher.ts), so a day's net purchases are its
 * purchases less its undos, and likewise for write-offs.
 */
export async function today({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'today'>>): Promise<Output<'staff', 'today'>> {
  const todayDay = shanghaiDay(now);
  const firstDay = addDays(todayDay, -(HISTORY_DAYS - 1));
  const day = input.day ?? todayDay;
  if (day > todayDay) throw new AppError('INVALID_INPUT', '不能查看未来的日期');
  if (day < firstDay) throw new AppError('INVALID_INPUT', `只能查看最近 ${HISTORY_DAYS} 天的记录`);
  const _ = db.command;
  const ofDay = { storeId: staff.storeId, day };
  let after: object | null = null;
  if (input.cursor) {
    const at = input.cursor.indexOf(':');
    const atMs = new Date(Number(input.cursor.slice(0, at)));
    after = _.or([{ at: _.lt(atMs) }, { at: atMs, _id: _.lt(input.cursor.slice(at + 1)) }]);
  }
  const [stores, activity, reversals, totals, pendingApprovals] = await Promise.all([
    allStores(db),
    staff.storeId
      ? db.collection('store_activity').where((after ? _.and([ofDay, after]) : ofDay) as never).orderBy('at', 'desc').orderBy('_id', 'desc').limit(PAGE + 1).get()
      : Promise.resolve({ data: [] }),
    // What was undone that day, wherever on the day's pages the undo is.
    staff.storeId
      ? db.collection('store_activity').where({ ...ofDay, type: _.in(['undo', 'reverseWriteOff']) } as never).limit(1000).get()
      : Promise.resolve({ data: [] }),
    staff.storeId ? dayTotals(db, staff.storeId, day) : Promise.resolve(null),
    pendingCount(db, staff),
  ]);
  const page = activity.data.slice(0, PAGE);
  const store = stores.find((s) => s._id === staff.storeId) ?? null;
  const undoneRefs = new Set(reversals.data.map((d) => `${d.type}:${d.ref}`));
  const items = page.map((d) => ({
    id: d._id, type: d.type, at: new Date(d.at).toISOString(), memberNo: d.memberNo, title: d.title,
    points: d.points ?? null, amountFen: d.amountFen ?? null, staffName: d.staffName ?? '',
    mine: d.staff === staff.openid,
    undone: UNDONE_BY[d.type] !== undefined && undoneRefs.has(`${UNDONE_BY[d.type]}:${d.ref}`),
    receipt: d.type === 'purchase' && d.ref.startsWith(`${d.storeId}:`) ? d.ref.slice(d.storeId.length + 1) : null,
    voucherCode: d.type === 'writeOff' ? d.voucherCode ?? null : null,
  }));
  const t = totals ?? emptyTotals();
  const last = page[page.length - 1];
  return {
    staff: { name: staff.name, role: staff.role, roleName: ROLE_NAMES[staff.role], canAdjust: staff.role !== 'clerk' },
    store: store ? { id: store._id, name: store.name, format: store.format, formatName: store.formatName } : null,
    day,
    since: shanghaiDayStart(day).toISOString(),
    counts: {
      purchase: t.purchase.n - t.undo.n, writeOff: t.writeOff.n - t.reverseWriteOff.n, cancel: t.cancel.n, adjust: t.adjust.n, undo: t.undo.n, reverseWriteOff: t.reverseWriteOff.n,
    },
    totals: {
      salesFen: t.purchase.fen - t.undo.fen,
      // An undo's entry carries the points it took back (negative).
      pointsIssued: t.purchase.points + t.undo.points,
    },
    pendingApprovals,
    currentDay: todayDay,
    firstDay,
    nextCursor: activity.data.length > PAGE && last ? `${new Date(last.at).getTime()}:${last._id}` : null,
    items,
  };
}
