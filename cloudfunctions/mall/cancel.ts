// Cancelling an unused redemption, by its member (within the window, cancellable kinds) or by staff: the points go
// back to the lots that paid (points of lots that expired meanwhile are forfeited), the stock and the member's count
// come back, all in one member transaction.
import { AppError } from '../core/errors';
import { cancelRefusal, mallStateOf, planCancellation, type CancelActor } from '../core/mall';
import { pointsStateOf } from '../core/member';
import { nextReviewAt } from '../core/review';
import { v } from '../core/validate';
import { loadConfig } from '../runtime/configStore';
import type { Database, Doc } from '../runtime/dbTypes';
import type { MemberContext } from '../runtime/handler';
import { writeMember } from '../runtime/memberRepo';
import { getInTransaction } from '../runtime/transaction';
import { findRedemption, reviveItem, reviveRedemption } from './repo';

export const cancelInput = v.object({
  redemptionId: v.string({ min: 4, max: 64, pattern: /^[A-Za-z0-9_-]+$/ }),
  reason: v.string({ min: 1, max: 100 }).optional(),
});

export async function cancelRedemption(db: Database, redemptionId: string, actor: CancelActor, reason: string, now: Date) {
  const found = await findRedemption(db, redemptionId);
  if (!found || (actor.by === 'member' && found.openid !== actor.openid)) throw new AppError('NOT_FOUND', '兑换记录不存在');
  const config = await loadConfig(db);
  return writeMember(db, found.openid, {
    now,
    inTx: async (tx) => {
      const r = await getInTransaction<Doc>(tx, 'redemptions', redemptionId);
      const item = r ? await getInTransaction<Doc>(tx, 'mall_items', String(r.itemId)) : null;
      return { r: r ? reviveRedemption(r) : null, item: item ? reviveItem(item) : null };
    },
  }, ({ member, lots, inTx }) => {
    if (!inTx.r) throw new AppError('NOT_FOUND', '兑换记录不存在');
    const refusal = cancelRefusal(inTx.r, actor, now, config);
    if (refusal) throw new AppError('NOT_ELIGIBLE', refusal);
    const plan = planCancellation(pointsStateOf(member, lots), inTx.r, inTx.item, mallStateOf(member), actor, reason, now);
    const reviewAt = nextReviewAt({ lots: plan.ledger.state.lots, tier: member, previous: member.reviewAt, now });
    return {
      write: {
        ledger: plan.ledger,
        fields: { ...plan.fields, reviewAt },
        updates: [
          { collection: 'redemptions', id: redemptionId, data: plan.redemptionUpdate },
          ...(plan.itemUpdate && inTx.item ? [{ collection: 'mall_items', id: inTx.item._id, data: plan.itemUpdate }] : []),
        ],
      },
      result: { ...plan.result, itemName: inTx.r.itemName, memberNo: member.memberNo },
    };
  });
}

export const cancel = ({ db, openid, input, now }: MemberContext<{ redemptionId: string; reason?: string }>) =>
  cancelRedemption(db, input.redemptionId, { by: 'member', openid }, input.reason ?? '会员取消', now);
