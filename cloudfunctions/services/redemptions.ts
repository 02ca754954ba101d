// Redemptions shared by the mall (members) and staff: the mall documents as stored (`mall_items`, `redemptions`),
// finding a redemption or a voucher, what a member or clerk sees of one, and cancelling an unused one.
import { AppError } from '../core/errors';
import { cancelRefusal, KIND_NAMES, shipmentStatus, mallStateOf, planCancellation, type CancelActor, type MallItem, type Redemption } from '../core/mall';
import { pointsStateOf } from '../core/member';
import { nextReviewAt } from '../core/reviewSchedule';
import { loadConfig } from '../runtime/configStore';
import type { MallItemDoc, RedemptionDoc, Stored } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import { writeMember } from '../runtime/memberRepo';
import { getInTransaction } from '../runtime/transaction';
import { claimDone, claimFor, resolveAfterFailure, settleClaim, takeStock } from './stockClaims';

const date = (x: Date | string | null | undefined) => (x === null || x === undefined ? null : new Date(x));

export function reviveItem(doc: Stored<MallItemDoc>): MallItem {
  return {
    ...doc,
    image: doc.image ?? null,
    sold: doc.sold ?? 0,
    perOrderLimit: doc.perOrderLimit ?? 0,
    perMemberLimit: doc.perMemberLimit ?? 0,
    minTierLevel: doc.minTierLevel ?? 0,
    saleStart: date(doc.saleStart),
    saleEnd: date(doc.saleEnd),
    fundedBy: { format: doc.fundedBy?.format ?? '', storeId: doc.fundedBy?.storeId ?? null },
    voucherValidDays: doc.voucherValidDays ?? 30,
    active: doc.active !== false,
    sort: doc.sort ?? 0,
  };
}

export function reviveRedemption(doc: Stored<RedemptionDoc>): RedemptionDoc {
  return {
    ...doc,
    createdAt: new Date(doc.createdAt),
    updatedAt: new Date(doc.updatedAt),
    voucher: doc.voucher ? { ...doc.voucher, expiresAt: new Date(doc.voucher.expiresAt) } : doc.voucher,
    used: doc.used ? { ...doc.used, at: new Date(doc.used.at) } : doc.used,
    membership: doc.membership ? { validFrom: new Date(doc.membership.validFrom), validUntil: new Date(doc.membership.validUntil) } : doc.membership,
    cancelled: doc.cancelled ? { ...doc.cancelled, at: new Date(doc.cancelled.at) } : doc.cancelled,
    shipment: doc.shipment
      ? { ...doc.shipment, shippedAt: new Date(doc.shipment.shippedAt), deliveredAt: doc.shipment.deliveredAt ? new Date(doc.shipment.deliveredAt) : null }
      : null,
    voucherReissues: (doc.voucherReissues ?? []).map((v) => ({ ...v, at: new Date(v.at) })),
    writeOffReversals: (doc.writeOffReversals ?? []).map((w) => ({ ...w, used: { ...w.used, at: new Date(w.used.at) }, reversedAt: new Date(w.reversedAt) })),
    spend: { key: doc.spend?.key ?? '', draws: (doc.spend?.draws ?? []).map((d) => ({ ...d, expiresAt: new Date(d.expiresAt) })) },
  };
}

export async function findRedemption(db: Database, id: string) {
  const { data } = await db.collection('redemptions').where({ _id: id }).get();
  return data[0] ? reviveRedemption(data[0]) : null;
}

export async function findVoucher(db: Database, code: string) {
  const { data } = await db.collection('redemptions').where({ voucherCode: code }).limit(1).get();
  return data[0] ? reviveRedemption(data[0]) : null;
}

/** A mailed item's status with its carrier and tracking number once shipped; null for other kinds and when cancelled. */
function shipmentView(r: Redemption) {
  const status = shipmentStatus(r);
  if (!status) return null;
  const s = r.shipment ?? null;
  return {
    status,
    carrier: s?.carrier ?? null,
    trackingNo: s?.trackingNo ?? null,
    shippedAt: s ? s.shippedAt.toISOString() : null,
    deliveredAt: s?.deliveredAt ? s.deliveredAt.toISOString() : null,
  };
}

/** A redemption as the member (or staff) sees it. */
export function redemptionView(r: Redemption, now: Date) {
  const expired = r.status === 'issued' && r.voucher !== null && now >= r.voucher.expiresAt;
  return {
    id: r._id,
    itemId: r.itemId,
    itemName: r.itemName,
    kind: r.kind,
    kindName: KIND_NAMES[r.kind],
    quantity: r.quantity,
    points: r.points,
    status: expired ? ('expired' as const) : r.status,
    createdAt: r.createdAt.toISOString(),
    voucher: r.voucher ? { code: r.voucher.code, expiresAt: r.voucher.expiresAt.toISOString() } : null,
    giftCard: r.giftCard,
    membership: r.membership ? { validFrom: r.membership.validFrom.toISOString(), validUntil: r.membership.validUntil.toISOString() } : null,
    shipping: r.shipping,
    shipment: shipmentView(r),
    faceValueFen: r.faceValueFen,
    used: r.used ? { at: r.used.at.toISOString(), storeName: r.used.storeName } : null,
    cancelled: r.cancelled ? { at: new Date(r.cancelled.at).toISOString(), pointsReturned: r.cancelled.pointsReturned } : null,
  };
}

/**
 * Cancels an unused redemption, by its member (within the window, cancellable kinds) or by staff: the points go back
 * to the lots that paid (points of lots that expired meanwhile are forfeited) and the member's count comes back in
 * one member transaction. The stock comes back by a stock claim (core/stockClaims.ts) around it, as a redemption
 * takes it: sold -> reserved before the transaction, reserved -> stock after it (back to sold if it fails), so the
 * item's document stays out of the transaction and stock + sold + reserved never changes.
 */
export async function cancelRedemption(db: Database, redemptionId: string, actor: CancelActor, reason: string, now: Date) {
  const found = await findRedemption(db, redemptionId);
  if (!found || (actor.by === 'member' && found.openid !== actor.openid)) throw new AppError('NOT_FOUND', '兑换记录不存在');
  const config = await loadConfig(db);
  // What can be refused now is, before a unit moves (and again in the transaction, on the redemption as it is there).
  const early = cancelRefusal(found, actor, now, config);
  if (early) throw new AppError('NOT_ELIGIBLE', early);
  const claim = claimFor('return', found.itemId, found.quantity, redemptionId, now);
  // Nothing to move when the item is gone: the cancellation still returns the points.
  const taken = await takeStock(db, claim);
  let result;
  try {
    result = await writeMember(db, found.openid, {
      now,
      inTx: async (tx) => {
        const r = await getInTransaction(tx, 'redemptions', redemptionId);
        return r ? reviveRedemption(r) : null;
      },
    }, ({ member, lots, inTx: r }) => {
      if (!r) throw new AppError('NOT_FOUND', '兑换记录不存在');
      const refusal = cancelRefusal(r, actor, now, config);
      if (refusal) throw new AppError('NOT_ELIGIBLE', refusal);
      const plan = planCancellation(pointsStateOf(member, lots), r, null, mallStateOf(member), actor, reason, now);
      const reviewAt = nextReviewAt({ lots: plan.ledger.state.lots, tier: member, previous: member.reviewAt, now });
      return {
        write: {
          ledger: plan.ledger,
          fields: { ...plan.fields, reviewAt },
          inserts: taken ? [claimDone(claim, now)] : [],
          updates: [{ collection: 'redemptions', id: redemptionId, data: plan.redemptionUpdate }],
        },
        result: { ...plan.result, itemName: r.itemName, memberNo: member.memberNo },
      };
    });
  } catch (err) {
    if (taken) await resolveAfterFailure(db, claim, now);
    throw err;
  }
  if (taken) await settleClaim(db, claim).catch((err) => console.error(`[stock] claim ${claim.token} left to the jobs timer`, err));
  return result;
}
