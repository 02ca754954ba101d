// The store's activity log (`store_activity`): one document per purchase recorded or undone, voucher written off or
// reversed, redemption cancelled or points adjusted in a store, keyed by what it records so a retried action logs once. It feeds the
// staff home screen (today's activity); the ledger, orders and redemptions stay the records of truth.
import type { Output, ParsedInput } from '../../contract';
import type { StoreActivityDoc, StoreActivityType } from '../core/documents';
import { ROLE_NAMES } from '../core/roles';
import { shanghaiDay, shanghaiDayStart } from '../core/time';
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

/** The staff home screen: who I am, my store, and today's activity there (newest first) with totals. */
export async function today({ db, staff, now }: StaffContext<ParsedInput<'staff', 'today'>>): Promise<Output<'staff', 'today'>> {
  const day = shanghaiDay(now);
  const [stores, activity, pendingApprovals] = await Promise.all([
    allStores(db),
    staff.storeId
      ? db.collection('store_activity').where({ storeId: staff.storeId, day }).orderBy('at', 'desc').limit(100).get()
      : Promise.resolve({ data: [] }),
    pendingCount(db, staff),
  ]);
  const store = stores.find((s) => s._id === staff.storeId) ?? null;
  const undoneRefs = new Set(activity.data.filter((d) => d.type === 'undo' || d.type === 'reverseWriteOff').map((d) => `${d.type}:${d.ref}`));
  const items = activity.data.map((d) => ({
    id: d._id, type: d.type, at: new Date(d.at).toISOString(), memberNo: d.memberNo, title: d.title,
    points: d.points ?? null, amountFen: d.amountFen ?? null, staffName: d.staffName ?? '',
    mine: d.staff === staff.openid,
    undone: UNDONE_BY[d.type] !== undefined && undoneRefs.has(`${UNDONE_BY[d.type]}:${d.ref}`),
    receipt: d.type === 'purchase' && d.ref.startsWith(`${d.storeId}:`) ? d.ref.slice(d.storeId.length + 1) : null,
    voucherCode: d.type === 'writeOff' ? d.voucherCode ?? null : null,
  }));
  const count = (t: ActivityType) => items.filter((i) => i.type === t && !i.undone).length;
  const purchases = items.filter((i) => i.type === 'purchase' && !i.undone);
  return {
    staff: { name: staff.name, role: staff.role, roleName: ROLE_NAMES[staff.role], canAdjust: staff.role !== 'clerk' },
    store: store ? { id: store._id, name: store.name, format: store.format, formatName: store.formatName } : null,
    day,
    since: shanghaiDayStart(day).toISOString(),
    counts: {
      purchase: count('purchase'), writeOff: count('writeOff'), cancel: count('cancel'), adjust: count('adjust'), undo: count('undo'), reverseWriteOff: count('reverseWriteOff'),
    },
    totals: {
      salesFen: purchases.reduce((s, i) => s + (i.amountFen ?? 0), 0),
      pointsIssued: purchases.reduce((s, i) => s + (i.points ?? 0), 0),
    },
    pendingApprovals,
    items,
  };
}
