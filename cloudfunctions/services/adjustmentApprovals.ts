// Manual points adjustments with a second pair of eyes: one above `staff.adjustApprovalPoints` (credit or debit) is
// held (`adjustment_approvals`, keyed by its request id) until an admin other than the requester approves it; then it
// is applied through the one adjustment path (pointsAdjustment.ts), once, with the requester as its issuer. Nothing is
// credited or taken before. States: pending → approving → approved, or pending → rejected.
import type { Output } from '../../contract';
import type { AdjustmentApprovalDoc, StaffStamp, Stored } from '../core/documents';
import { AppError } from '../core/errors';
import { grouped } from '../core/numbers';
import { loadConfig } from '../runtime/configStore';
import { isDuplicateKey } from '../runtime/dbErrors';
import type { Database } from '../runtime/dbTypes';
import { adjustPoints, type AdjustInput } from './pointsAdjustment';

type Approval = Stored<AdjustmentApprovalDoc>;
type AdjustAnswer = Output<'admin', 'adjustPoints'>;
type ApprovalView = Output<'admin', 'adjustmentApprovals'>['items'][number];

const iso = (d: Date | string) => new Date(d).toISOString();

export function adjustmentView(a: Approval): ApprovalView {
  const message = a.status === 'approved' ? `${a.decidedBy?.name ?? '管理员'} 已审批，已入账`
    : a.status === 'rejected' ? `${a.decidedBy?.name ?? '管理员'} 已驳回：${a.rejectReason ?? ''}`
    : `超过 ${grouped(a.limitPoints)} 积分的调整需另一位管理员审批`;
  return {
    id: a._id, memberNo: a.memberNo, amount: a.amount, reason: a.reason, limitPoints: a.limitPoints, status: a.status,
    requestedBy: a.requestedBy.name, requestedAt: iso(a.requestedAt), decidedBy: a.decidedBy?.name ?? null,
    decidedAt: a.decidedAt ? iso(a.decidedAt) : null, rejectReason: a.rejectReason, message,
  };
}

async function find(db: Database, id: string): Promise<Approval | null> {
  return (await db.collection('adjustment_approvals').where({ _id: id }).get()).data[0] ?? null;
}

/** Applies the adjustment, or holds it when it is above the approval threshold (the same request again: its state). */
export async function requestAdjustment(db: Database, input: AdjustInput, by: StaffStamp, now: Date): Promise<AdjustAnswer> {
  const { staff } = await loadConfig(db);
  const held = await find(db, input.requestId);
  if (!held && Math.abs(input.amount) <= staff.adjustApprovalPoints) return { status: 'applied', ...(await adjustPoints(db, input, `staff:${by.openid}`, now)) };
  if (held?.status === 'approved') return { status: 'applied', ...(await adjustPoints(db, input, `staff:${held.requestedBy.openid}`, now)) };
  if (held) return { status: 'held', approval: adjustmentView(sameRequest(held, input)) };
  const doc: AdjustmentApprovalDoc = {
    _id: input.requestId, memberNo: input.memberNo, amount: input.amount, reason: input.reason, limitPoints: staff.adjustApprovalPoints,
    requestedBy: by, requestedAt: now, status: 'pending', decidedBy: null, decidedAt: null, rejectReason: null, updatedAt: now,
  };
  try {
    await db.collection('adjustment_approvals').add({ data: doc });
    return { status: 'held', approval: adjustmentView(doc) };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return requestAdjustment(db, input, by, now); // a concurrent twin held it first: answer its state
  }
}

function sameRequest(a: Approval, input: AdjustInput): Approval {
  if (a.memberNo !== input.memberNo || a.amount !== input.amount) throw new AppError('ALREADY_EXISTS', '请求编号已被另一次调整使用');
  return a;
}

async function moveStatus(db: Database, id: string, from: AdjustmentApprovalDoc['status'][], data: Partial<AdjustmentApprovalDoc>): Promise<Approval> {
  await db.collection('adjustment_approvals').where({ _id: id, status: db.command.in(from) }).update({ data });
  return (await find(db, id))!;
}

/** An admin other than the requester approves (applied once, however many approve at once) or rejects with a reason. */
export async function decideAdjustment(
  db: Database, decision: { id: string; approve: boolean; reason?: string }, by: StaffStamp, now: Date,
): Promise<Output<'admin', 'decideAdjustment'>> {
  const found = await find(db, decision.id);
  if (!found) throw new AppError('NOT_FOUND', '待审批的积分调整不存在');
  if (found.requestedBy.openid === by.openid) throw new AppError('NOT_ELIGIBLE', '不能审批自己提交的积分调整，请由另一位管理员审批');
  if (!decision.approve) {
    if (found.status === 'rejected') return { approval: adjustmentView(found), result: null };
    const a = await moveStatus(db, found._id, ['pending'], { status: 'rejected', decidedBy: by, decidedAt: now, rejectReason: decision.reason ?? null, updatedAt: now });
    if (a.status !== 'rejected') throw new AppError('NOT_ELIGIBLE', a.status === 'approved' ? '该调整已审批入账，不能驳回' : '该调整正在审批入账，不能驳回');
    return { approval: adjustmentView(a), result: null };
  }
  if (found.status === 'rejected') throw new AppError('NOT_ELIGIBLE', '该调整已被驳回，不能再审批');
  const claimed = found.status === 'pending' ? await moveStatus(db, found._id, ['pending'], { status: 'approving', decidedBy: by, decidedAt: now, updatedAt: now }) : found;
  if (claimed.status === 'rejected') throw new AppError('NOT_ELIGIBLE', '该调整已被驳回，不能再审批');
  let applied;
  try {
    applied = await adjustPoints(db, { memberNo: claimed.memberNo, amount: claimed.amount, reason: claimed.reason, requestId: claimed._id }, `staff:${claimed.requestedBy.openid}`, now);
  } catch (err) {
    // Refused for good (积分不足 for a debit, the member gone): back to pending, for a rejection.
    if (err instanceof AppError && err.code !== 'CONFLICT' && err.code !== 'INTERNAL') {
      await db.collection('adjustment_approvals').where({ _id: claimed._id, status: 'approving' }).update({ data: { status: 'pending', decidedBy: null, decidedAt: null, updatedAt: now } });
    }
    throw err;
  }
  const approved = claimed.status === 'approved' ? claimed : await moveStatus(db, claimed._id, ['approving'], { status: 'approved', updatedAt: now });
  return { approval: adjustmentView(approved), result: { status: 'applied', ...applied } };
}

export async function listAdjustments(db: Database, status: 'pending' | 'decided' | undefined): Promise<Output<'admin', 'adjustmentApprovals'>> {
  const _ = db.command;
  const where = status === 'pending' ? { status: _.in(['pending', 'approving']) } : status === 'decided' ? { status: _.in(['approved', 'rejected']) } : {};
  const { data } = await db.collection('adjustment_approvals').where(where).orderBy('requestedAt', 'desc').limit(50).get();
  return { items: data.map(adjustmentView) };
}
