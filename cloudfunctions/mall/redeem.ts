// mall.redeem: points, stock and the redemption record in one member transaction (start, get member, get item,
// add redemption, add ledger entry, update item, update member, commit: 8 database requests). A retry with the same
// requestId answers the first result: the member document remembers its latest request ids, and the redemption's
// _id is derived from the openid and the request id, so even a forgotten one cannot be redeemed twice.
import type { Output, ParsedInput } from '../../contract';
import { giftCardNoFor, redemptionIdFor, voucherCodeFor } from '../core/codes';
import { AppError } from '../core/errors';
import type { RedemptionDoc } from '../core/documents';
import { MallRefusal, mallStateOf, planRedemption, type RedeemResult } from '../core/mall';
import { pointsStateOf } from '../core/member';
import { codeSecret } from '../runtime/codeSecret';
import { loadConfig } from '../runtime/configStore';
import type { MemberContext } from '../runtime/handler';
import { once } from '../runtime/idempotent';
import { writeMember } from '../runtime/memberRepo';
import { getInTransaction } from '../runtime/transaction';
import { findRedemption, reviveItem } from '../services/redemptions';
import { tierNameOf } from './catalog';

export async function redeem({ db, openid, input, now }: MemberContext<ParsedInput<'mall', 'redeem'>>): Promise<Output<'mall', 'redeem'>> {
  const redemptionId = redemptionIdFor(openid, input.requestId);
  const secret = codeSecret();
  try {
    return await once<RedeemResult, RedemptionDoc>({
      // The redemption's _id is the key: a replay, or a concurrent twin that lost the race, answers the first result.
      stored: () => findRedemption(db, redemptionId),
      answer: (r) => r.result,
      same: (r) => r.itemId === input.itemId && r.quantity === (input.quantity ?? 1),
      taken: '该请求号已用于其他兑换',
      // A popular item is a hot document: every redemption of it writes its stock, so transactions on it conflict
      // often and get many more attempts than a member-only write.
      run: () => writeMember(db, openid, {
        now,
        tries: 100,
        inTx: async (tx, member) => {
          if (mallStateOf(member).recent.includes(input.requestId)) return { replay: true as const, item: null };
          const item = await getInTransaction(tx, 'mall_items', input.itemId);
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
      const level = data[0]?.minTierLevel ?? 0;
      throw new AppError('NOT_ELIGIBLE', `仅限${tierNameOf(config)(level)}及以上兑换`);
    }
    throw err;
  }
}
