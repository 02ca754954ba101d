// mall.redeem, built for a flash sale (秒杀): the item's stock document is never part of a transaction, so it is not
// a lock every redemption of a popular item waits on.
//   1. Cheap reads, no transaction: the member and the item (one round trip). A refusal the rules can see now (sold
//      out, the per-member limit, points, tier, sale window) is answered here; SOLD_OUT at stock 0 costs these reads.
//   2. The take: one atomic conditional update of the item moves the units from stock to reserved, only while enough
//      are left (services/stockClaims.ts). Losing the race for the last units is SOLD_OUT.
//   3. The member's transaction: points, the redemption, the per-member count (exact here: the pre-check of step 1
//      may be outrun by the member's own concurrent requests) and the claim's `done` document.
//   4. Settle: reserved -> sold. When step 3 fails (a refusal, a conflict, anything), the units go back to stock;
//      when the function dies in between, the jobs timer settles or gives back by the claim document. Either happens
//      once (core/stockClaims.ts), and stock + sold + reserved stays the item's stock at every moment.
// About 10 database requests for a success (the item kept by the warm instance), 2 for SOLD_OUT at stock 0. A retry with the same requestId answers the first result: the member
// document remembers its latest request ids, and the redemption's _id is derived from the openid and the request id,
// so even a forgotten one cannot be redeemed twice.
import type { Output, ParsedInput } from '../../contract';
import { giftCardNoFor, redemptionIdFor, voucherCodeFor } from '../core/codes';
import { AppError } from '../core/errors';
import type { RedemptionDoc } from '../core/documents';
import { MallRefusal, mallStateOf, planRedemption, type MallItem, type RedeemInput, type RedeemResult } from '../core/mall';
import { pointsStateOf } from '../core/member';
import { codeSecret } from '../runtime/codeSecret';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import type { MemberContext } from '../runtime/handler';
import { once } from '../runtime/idempotent';
import { lotsOf, requireMember, writeMember } from '../runtime/memberRepo';
import { findRedemption, reviveItem } from '../services/redemptions';
import { versionOf } from '../services/versioned';
import { warmCopies } from '../runtime/warmCache';
import { claimDone, claimFor, resolveAfterFailure, settleClaim, takeStock } from '../services/stockClaims';
import { tierNameOf } from './catalog';

// Only the member's own concurrent requests contend in the transaction (the item is not in it).
const MEMBER_TX_TRIES = 20;

/** Refusals of the first reads' plan: nothing written, no twin seen (see `once`'s `settled`). */
const refusedUpFront = new WeakSet<object>();

// Items kept per warm instance for MALL_ITEM_TTL_MS (default 10 s): a flash sale's redemptions of one item pay no
// read of it (issue 14 §2). The take is conditional on the kept copy's console version, so an edit since (price,
// 下架, the sale's window) fails the take and the item is read again; a refusal the kept copy gives (sold out, not
// on sale) is judged on a fresh read, so a restock is seen at once.
const keptItems = warmCopies<MallItem>(() => Number(process.env.MALL_ITEM_TTL_MS ?? 10_000));

async function readItem(db: Database, itemId: string) {
  const { data } = await db.collection('mall_items').where({ _id: itemId }).get();
  return data[0] ? keptItems.keep(itemId, reviveItem(data[0])) : null;
}

const soldOut = (quantity: number) => new MallRefusal('soldOut', quantity === 1 ? '已兑完' : '库存不足');

export async function redeem({ db, openid, input, now }: MemberContext<ParsedInput<'mall', 'redeem'>>): Promise<Output<'mall', 'redeem'>> {
  const quantity = input.quantity ?? 1;
  const redemptionId = redemptionIdFor(openid, input.requestId);
  const secret = codeSecret();
  const plan: RedeemInput = {
    redemptionId, requestId: input.requestId, quantity, shipping: input.shipping,
    voucherCode: voucherCodeFor(secret, redemptionId), giftCardNo: giftCardNoFor(secret, redemptionId),
  };
  try {
    return await once<RedeemResult, RedemptionDoc>({
      // The redemption's _id is the key: a replay, or a concurrent twin that won the race, answers the first result.
      stored: () => findRedemption(db, redemptionId),
      answer: (r) => r.result,
      same: (r) => r.itemId === input.itemId && r.quantity === quantity,
      taken: '该请求号已用于其他兑换',
      settled: (err) => refusedUpFront.has(err as object),
      run: async () => {
        const kept = keptItems.get(input.itemId);
        const [member, read] = await Promise.all([requireMember(db, openid), kept ? null : readItem(db, input.itemId)]);
        if (mallStateOf(member).recent.includes(input.requestId)) return null;
        // Every refusal the rules can give now, before a unit is taken (the plan itself is made again below). The
        // member read shows no twin of this request (its id is not among the recent ones), so a refusal here is the
        // answer: no read for a twin's outcome (`settled`).
        const check = (found: MallItem | null): MallItem => {
          if (!found) throw new AppError('NOT_FOUND', '商品不存在');
          try {
            planRedemption(member, pointsStateOf(member, lotsOf(member)), found, plan, now);
          } catch (err) {
            if (err instanceof MallRefusal) refusedUpFront.add(err);
            throw err;
          }
          return found;
        };
        let item: MallItem;
        let fresh = !kept;
        try {
          item = check(kept ?? read);
        } catch (err) {
          if (fresh || !(err instanceof MallRefusal)) throw err;
          item = check(await readItem(db, input.itemId));
          fresh = true;
        }
        let claim = claimFor('take', item._id, quantity, redemptionId, now);
        if (!(await takeStock(db, claim, versionOf(item)))) {
          // Planned on a kept copy: the item as it is now decides (sold out is refused here; an edit since is planned
          // anew) and is taken once more.
          if (fresh) throw soldOut(quantity);
          item = check(await readItem(db, input.itemId));
          claim = claimFor('take', item._id, quantity, redemptionId, now);
          if (!(await takeStock(db, claim, versionOf(item)))) throw soldOut(quantity);
        }
        let result: RedeemResult | null;
        try {
          result = await writeMember(db, openid, { now, tries: MEMBER_TX_TRIES }, ({ member: current, lots }) => {
            if (mallStateOf(current).recent.includes(input.requestId)) return { write: null, result: null };
            // The units are held by the claim: to the rules they are in stock.
            const p = planRedemption(current, pointsStateOf(current, lots), { ...item, stock: quantity }, plan, now);
            return {
              write: { ledger: p.ledger, fields: p.fields, inserts: [{ collection: 'redemptions', doc: p.redemption }, claimDone(claim, now)] },
              result: p.result,
            };
          });
        } catch (err) {
          await resolveAfterFailure(db, claim, now);
          throw err;
        }
        // A twin of this request won in between: give the units back; `once` answers the twin's result.
        if (result === null) {
          await resolveAfterFailure(db, claim, now);
          return null;
        }
        // The redemption is committed: a failure to settle now is the jobs timer's to finish, not the member's.
        await settleClaim(db, claim).catch((err) => console.error(`[stock] claim ${claim.token} left to the jobs timer`, err));
        return result;
      },
    });
  } catch (err) {
    // A tier refusal names the tier: the rules are read only on this path, so a redemption costs no config read.
    if (err instanceof MallRefusal && err.reason === 'tier') {
      const config = await loadConfig(db);
      const level = (await readItem(db, input.itemId))?.minTierLevel ?? 0;
      throw new AppError('NOT_ELIGIBLE', `仅限${tierNameOf(config)(level)}及以上兑换`);
    }
    throw err;
  }
}
