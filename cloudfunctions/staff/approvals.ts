// Purchases held at the till (`purchase_approvals`): a clerk's purchase above the store's limits (tillLimits.ts) is
// held with everything the clerk entered; a manager of the store (or an admin) approves it, and it is recorded through
// the one order path as the clerk asked, exactly once (the order id), or rejects it with a reason. Nothing is credited
// before approval. States: pending → approving → approved, or pending → rejected.
import type { Output, ParsedInput } from '../../contract';
import type { OrderItem, PurchaseApprovalDoc, StaffStamp, Stored, StoreDoc } from '../core/documents';

export { stampOf };
import { AppError } from '../core/errors';
import { shanghaiDay } from '../core/time';
import { recordPaidOrder } from '../services/orders';
import { loadConfig } from '../runtime/configStore';
import { stampOf } from '../runtime/audit';
import { isDuplicateKey } from '../runtime/dbErrors';
import type { Database } from '../runtime/dbTypes';
import type { StaffContext, StaffMember } from '../runtime/handler';
import { logActivity } from './activity';
import { freshMemberView } from './memberView';
import { storeOf } from './stores';
import { yuan } from '../core/numbers';

type ApprovalView = Output<'staff', 'approvals'>['items'][number];
type Approval = Stored<PurchaseApprovalDoc>;

const iso = (d: Date | string) => new Date(d).toISOString();

function messageOf(a: Approval): string {
  if (a.status === 'approved') return `${a.decidedBy?.name ?? '店长'} 已审批，已入账`;
  if (a.status === 'rejected') return `${a.decidedBy?.name ?? '店长'} 已驳回：${a.rejectReason ?? ''}`;
  return `超过${a.limit === 'single' ? '单笔' : '店员当日'}限额 ${yuan(a.limitFen)} 元，等待店长审批`;
}

export function approvalView(a: Approval): ApprovalView {
  return {
    id: a._id, receipt: a.receipt, memberNo: a.memberNo, amountFen: a.amountFen, paidAt: iso(a.paidAt), backdated: a.backdated,
    limit: a.limit, limitFen: a.limitFen, status: a.status, requestedBy: a.requestedBy.name, requestedAt: iso(a.requestedAt),
    decidedBy: a.decidedBy?.name ?? null, decidedAt: a.decidedAt ? iso(a.decidedAt) : null, rejectReason: a.rejectReason, message: messageOf(a),
  };
}

export async function findApproval(db: Database, id: string): Promise<Approval | null> {
  const { data } = await db.collection('purchase_approvals').where({ _id: id }).get();
  return data[0] ?? null;
}

export interface HeldPurchase {
  orderId: string; receipt: string; store: StoreDoc; memberNo: string; amountFen: number; items: OrderItem[]; paidAt: Date; backdated: boolean;
  limit: 'single' | 'daily'; limitFen: number;
}

/** Holds a purchase for approval; the same receipt again answers the held one (ALREADY_EXISTS if it differs). */
export async function holdPurchase(db: Database, held: HeldPurchase, by: StaffStamp, now: Date): Promise<Approval> {
  const doc: PurchaseApprovalDoc = {
    _id: held.orderId, storeId: held.store._id, receipt: held.receipt, memberNo: held.memberNo, amountFen: held.amountFen, items: held.items,
    paidAt: held.paidAt, backdated: held.backdated, limit: held.limit, limitFen: held.limitFen, requestedBy: by, requestedAt: now,
    status: 'pending', decidedBy: null, decidedAt: null, rejectReason: null, updatedAt: now,
  };
  try {
    await db.collection('purchase_approvals').add({ data: doc });
    return doc;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const first = await findApproval(db, held.orderId);
    if (!first) throw err;
    return sameHeld(first, held.memberNo, held.amountFen);
  }
}

/** A held purchase met again under its receipt: the same request, or ALREADY_EXISTS. */
export function sameHeld(a: Approval, memberNo: string, amountFen: number): Approval {
  if (a.memberNo !== memberNo || a.amountFen !== amountFen) throw new AppError('ALREADY_EXISTS', '小票号已存在且内容不一致');
  return a;
}

/** A manager decides for their own store; an admin for any. */
function mayDecide(staff: StaffMember, a: Approval): boolean {
  return staff.role === 'admin' || (staff.role === 'manager' && staff.storeId === a.storeId);
}

export async function approvals({ db, input, staff }: StaffContext<ParsedInput<'staff', 'approvals'>>): Promise<Output<'staff', 'approvals'>> {
  const _ = db.command;
  const where: Record<string, unknown> = {};
  if (staff.role !== 'admin' || staff.storeId) where.storeId = staff.storeId;
  if (staff.role === 'clerk') where['requestedBy.openid'] = staff.openid;
  if (input.status === 'pending') where.status = _.in(['pending', 'approving']);
  if (input.status === 'decided') where.status = _.in(['approved', 'rejected']);
  const { data } = await db.collection('purchase_approvals').where(where).orderBy('requestedAt', 'desc').limit(50).get();
  return { items: data.map(approvalView) };
}

/** Purchases waiting for a decision that `staff` would see. */
export async function pendingCount(db: Database, staff: StaffMember): Promise<number> {
  if (!staff.storeId && staff.role !== 'admin') return 0;
  const where: Record<string, unknown> = { status: db.command.in(['pending', 'approving']) };
  if (staff.storeId) where.storeId = staff.storeId;
  if (staff.role === 'clerk') where['requestedBy.openid'] = staff.openid;
  const { total } = await db.collection('purchase_approvals').where(where).count();
  return total;
}

/** A compare-and-set on the status; answers the document as it is after (moved, or as another decision left it). */
async function moveStatus(db: Database, a: Approval, from: PurchaseApprovalDoc['status'][], data: Partial<PurchaseApprovalDoc>): Promise<Approval> {
  await db.collection('purchase_approvals').where({ _id: a._id, status: db.command.in(from) }).update({ data });
  const after = await findApproval(db, a._id);
  if (!after) throw new AppError('NOT_FOUND', '待审批记录不存在');
  return after;
}

export async function decidePurchase({ db, input, staff, now, device }: StaffContext<ParsedInput<'staff', 'decidePurchase'>>): Promise<Output<'staff', 'decidePurchase'>> {
  const found = await findApproval(db, input.id);
  if (!found || !mayDecide(staff, found)) throw new AppError('NOT_FOUND', '待审批记录不存在');
  const by = stampOf(staff, device);
  if (!input.approve) {
    if (found.status === 'rejected') return { approval: approvalView(found), purchase: null };
    const a = await moveStatus(db, found, ['pending'], { status: 'rejected', decidedBy: by, decidedAt: now, rejectReason: input.reason ?? null, updatedAt: now });
    if (a.status !== 'rejected') throw new AppError('NOT_ELIGIBLE', a.status === 'approved' ? '该笔消费已审批入账，如需撤销请使用撤销消费' : '该笔消费正在审批入账，不能驳回');
    return { approval: approvalView(a), purchase: null };
  }
  if (found.status === 'rejected') throw new AppError('NOT_ELIGIBLE', '该笔消费已被驳回，不能再审批');
  const claimed = found.status === 'pending'
    ? await moveStatus(db, found, ['pending'], { status: 'approving', decidedBy: by, decidedAt: now, updatedAt: now })
    : found;
  if (claimed.status === 'rejected') throw new AppError('NOT_ELIGIBLE', '该笔消费已被驳回，不能再审批');
  const purchase = await recordApproved(db, claimed, staff, now);
  const approved = claimed.status === 'approved' ? claimed : await moveStatus(db, claimed, ['approving'], { status: 'approved', updatedAt: now });
  return { approval: approvalView(approved), purchase };
}

async function recordApproved(db: Database, a: Approval, approver: StaffMember, now: Date) {
  const store = await storeOf(db, { ...approver, storeId: a.storeId });
  const source = { channel: 'store', issuer: `staff:${a.requestedBy.openid}`, storeId: store._id, format: store.format };
  const order = { orderId: a._id, memberNo: a.memberNo, amountFen: a.amountFen, items: a.items, storeId: store._id, format: store.format, paidAt: iso(a.paidAt) };
  let result;
  try {
    result = await recordPaidOrder(db, order, source, now);
  } catch (err) {
    // Refused for good (e.g. the member is gone, the payment time is past the late-delivery window): back to pending,
    // so the manager can reject it.
    if (err instanceof AppError && err.code !== 'CONFLICT' && err.code !== 'INTERNAL' && a.status === 'approving') {
      await db.collection('purchase_approvals').where({ _id: a._id, status: 'approving' }).update({ data: { status: 'pending', decidedBy: null, decidedAt: null, updatedAt: now } });
    }
    throw err;
  }
  const clerk: StaffMember = { openid: a.requestedBy.openid, name: a.requestedBy.name, role: a.requestedBy.role, storeId: a.storeId, active: true };
  if (!result.replayed) {
    const day = shanghaiDay(new Date(a.paidAt));
    await logActivity(db, clerk, {
      type: 'purchase', ref: a._id, memberNo: a.memberNo, title: `${a.backdated ? `补录 ${day} ` : ''}消费 ${yuan(a.amountFen)} 元（${approver.name} 审批）`,
      points: result.pointsEarned, amountFen: a.amountFen, approvedBy: approver.openid, ...(a.backdated ? { backdated: true, paidAt: new Date(a.paidAt) } : {}),
    }, now);
  }
  const config = await loadConfig(db);
  return { status: 'recorded' as const, ...result, storeName: store.name, member: await freshMemberView(db, a.memberNo, config, now) };
}
