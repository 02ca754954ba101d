// A manual points correction (admin.adjustPoints, staff.adjustPoints): idempotent by the caller's request id.
import { planAdjust } from '../core/ledger';
import { pointsStateOf } from '../core/member';
import { nextReviewAt } from '../core/reviewSchedule';
import { AppError } from '../core/errors';
import { v } from '../core/validate';
import { loadConfig } from '../runtime/configStore';
import { findMember, writeMember } from '../runtime/memberRepo';
import type { Database } from '../runtime/dbTypes';

export const adjustInput = v.object({
  memberNo: v.string({ min: 6, max: 20, pattern: /^\d+$/ }),
  /** Signed: positive credits a new lot, negative takes from the soonest-expiring lots. */
  amount: v.int({ min: -1_000_000, max: 1_000_000 }),
  reason: v.string({ min: 2, max: 100 }),
  /** Idempotency key of this adjustment. */
  requestId: v.string({ min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/ }),
});

export type AdjustInput = { memberNo: string; amount: number; reason: string; requestId: string };

/** A manual correction by a manager or admin, recorded in the ledger with who did it and why. */
export async function adjustPoints(db: Database, input: AdjustInput, issuer: string, now: Date) {
  if (input.amount === 0) throw new AppError('INVALID_INPUT', '参数 amount 不能为 0');
  const member = await findMember(db, { memberNo: input.memberNo });
  if (!member) throw new AppError('NOT_FOUND', '会员不存在');
  const config = await loadConfig(db);
  const key = `adjust:${input.requestId}`;
  const { data } = await db.collection('point_ledger').where({ openid: member.openid, key }).get();
  if (data[0]) return { memberNo: member.memberNo, amount: data[0].amount, balance: data[0].balanceAfter, replayed: true };
  return writeMember(db, member.openid, { now }, ({ member: m, lots }) => {
    const ledger = planAdjust(pointsStateOf(m, lots), { amount: input.amount, key, reason: input.reason, ref: input.requestId, issuer, at: now }, config);
    const reviewAt = nextReviewAt({ lots: ledger.state.lots, tier: m, previous: m.reviewAt, now });
    return { write: { ledger, fields: { reviewAt } }, result: { memberNo: m.memberNo, amount: input.amount, balance: ledger.points.balance, replayed: false } };
  });
}
