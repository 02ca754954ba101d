// mall.redeem: points, stock and the redemption record in one member transaction (start, get member, get item,
// add redemption, add ledger entry, update item, update member, commit: 8 database requests). A retry with the same
// requestId answers the first result: the member document remembers its latest request ids, and the redemption's
// _id is derived from the openid and the request id, so even a forgotten one cannot be redeemed twice.
import { giftCardNoFor, redemptionIdFor, voucherCodeFor } from '../core/codes';
import { AppError } from '../core/errors';
import { MallRefusal, mallStateOf, planRedemption, type RedeemResult, type Redemption, type ShippingAddress } from '../core/mall';
import { pointsStateOf } from '../core/member';
import { v } from '../core/validate';
import { codeSecret } from '../runtime/codeSecret';
import { loadConfig } from '../runtime/configStore';
import type { Doc } from '../runtime/dbTypes';
import type { MemberContext } from '../runtime/handler';
import { once } from '../runtime/idempotent';
import { writeMember } from '../runtime/memberRepo';
import { getInTransaction } from '../runtime/transaction';
import { itemId } from './items';
import { findRedemption, reviveItem } from '../services/redemptions';
import { tierNameOf } from './catalog';

export const requestId = () => v.string({ min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/ });

export const redeemInput = v.object({
  itemId: itemId(),
  quantity: v.int({ min: 1, max: 99 }).optional(),
  /** Made once per confirmation by the client; a retry sends the same one. */
  requestId: requestId(),
  /** Shipped items only. */
  shipping: v.object({
    name: v.string({ min: 1, max: 20 }),
    phone: v.string({ min: 5, max: 20, pattern: /^[0-9+\- ]+$/ }),
    address: v.string({ min: 5, max: 120 }),
  }).optional(),
});

type RedeemInput = { itemId: string; quantity?: number; requestId: string; shipping?: ShippingAddress };

export async function redeem({ db, openid, input, now }: MemberContext<RedeemInput>): Promise<RedeemResult> {
  const redemptionId = redemptionIdFor(openid, input.requestId);
  const secret = codeSecret();
  try {
    return await once<RedeemResult, Redemption & { result: Doc }>({
      // The redemption's _id is the key: a replay, or a concurrent twin that lost the race, answers the first result.
      stored: () => findRedemption(db, redemptionId),
      answer: (r) => r.result as RedeemResult,
      same: (r) => r.itemId === input.itemId && r.quantity === (input.quantity ?? 1),
      taken: '该请求号已用于其他兑换',
      // A popular item is a hot document: every redemption of it writes its stock, so transactions on it conflict
      // often and get many more attempts than a member-only write.
      run: () => writeMember(db, openid, {
        now,
        tries: 100,
        inTx: async (tx, member) => {
          if (mallStateOf(member).recent.includes(input.requestId)) return { replay: true as const, item: null };
          const item = await getInTransaction<Doc>(tx, 'mall_items', input.itemId);
          return { replay: false as const, item: item ? reviveItem(item) : null };
        },
      }, ({ member, lots, inTx }) => {
        if (inTx.replay) return { write: null, result: null };
        if (!inTx.item) throw new AppError('NOT_FOUND', '商品不存在');
        const plan = planRedemption(member, pointsStateOf(member, lots), inTx.item, {
          redemptionId, requestId: input.requestId, quantity: input.quantity ?? 1, shipping: input.shipping,
          voucherCode: voucherCodeFor(secret, redemptionId), giftCardNo: giftCardNoFor(secret, redemptionId),
        }, now);
        return {
          write: {
            ledger: plan.ledger,
            fields: plan.fields,
            inserts: [{ collection: 'redemptions', doc: plan.redemption }],
            updates: [{ collection: 'mall_items', id: inTx.item._id, data: plan.itemUpdate }],
          },
          result: plan.result,
        };
      }),
    });
  } catch (err) {
    // A tier refusal names the tier: the rules are read only on this path, so a redemption costs no config read.
    if (err instanceof MallRefusal && err.reason === 'tier') {
      const config = await loadConfig(db);
      const { data } = await db.collection('mall_items').where({ _id: input.itemId }).get();
      const level = Number(data[0]?.minTierLevel ?? 0);
      throw new AppError('NOT_ELIGIBLE', `仅限${tierNameOf(config)(level)}及以上兑换`);
    }
    throw err;
  }
}
