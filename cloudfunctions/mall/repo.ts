// Mall documents as stored (`mall_items`, `redemptions`) and what members see of them.
import type { LoyaltyConfig } from '../core/config';
import { eligibility, KIND_NAMES, type Eligibility, type MallItem, type Redemption } from '../core/mall';
import { tierByLevel } from '../core/tiers';
import type { Database, Doc } from '../runtime/dbTypes';

const date = (x: unknown) => (x === null || x === undefined ? null : new Date(x as string));

export function reviveItem(doc: Doc): MallItem {
  return {
    ...(doc as MallItem),
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

export function reviveRedemption(doc: Doc): Redemption & { result: Doc } {
  const r = { ...doc } as Redemption & { result: Doc };
  r.createdAt = new Date(doc.createdAt);
  r.updatedAt = new Date(doc.updatedAt);
  if (r.voucher) r.voucher = { ...r.voucher, expiresAt: new Date(doc.voucher.expiresAt) };
  if (r.used) r.used = { ...r.used, at: new Date(doc.used.at) };
  if (r.membership) r.membership = { validFrom: new Date(doc.membership.validFrom), validUntil: new Date(doc.membership.validUntil) };
  r.spend = { key: doc.spend?.key ?? '', draws: (doc.spend?.draws ?? []).map((d: Doc) => ({ ...d, expiresAt: new Date(d.expiresAt) })) };
  return r;
}

export async function findRedemption(db: Database, id: string) {
  const { data } = await db.collection('redemptions').where({ _id: id }).get();
  return data[0] ? reviveRedemption(data[0]) : null;
}

export async function findVoucher(db: Database, code: string) {
  const { data } = await db.collection('redemptions').where({ voucherCode: code }).limit(1).get();
  return data[0] ? reviveRedemption(data[0]) : null;
}

export const tierNameOf = (config: LoyaltyConfig) => (level: number) => tierByLevel(level, config.tiers).name;

/** An item as the mall lists it, with whether this member can redeem it and why not. */
export function itemView(item: MallItem, check: Eligibility, config: LoyaltyConfig) {
  return {
    id: item._id,
    name: item.name,
    kind: item.kind,
    kindName: KIND_NAMES[item.kind],
    category: item.category,
    description: item.description,
    image: item.image,
    pointsPrice: item.pointsPrice,
    stock: item.stock,
    faceValueFen: item.faceValueFen ?? null,
    minTier: item.minTierLevel > 0 ? { level: item.minTierLevel, name: tierNameOf(config)(item.minTierLevel) } : null,
    canRedeem: check.canRedeem,
    reason: check.reason,
    maxQuantity: check.maxQuantity,
  };
}

export function checkItem(item: MallItem, member: { tierLevel: number }, spendable: number, redeemed: number, now: Date, config: LoyaltyConfig, quantity = 1) {
  return eligibility(item, { tierLevel: member.tierLevel, spendable, redeemed, quantity, tierName: tierNameOf(config) }, now);
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
    status: expired ? 'expired' : r.status,
    createdAt: r.createdAt.toISOString(),
    voucher: r.voucher ? { code: r.voucher.code, expiresAt: r.voucher.expiresAt.toISOString() } : null,
    giftCard: r.giftCard,
    membership: r.membership ? { validFrom: r.membership.validFrom.toISOString(), validUntil: r.membership.validUntil.toISOString() } : null,
    shipping: r.shipping,
    faceValueFen: r.faceValueFen,
    used: r.used ? { at: r.used.at.toISOString(), storeName: r.used.storeName } : null,
    cancelled: r.cancelled ? { at: new Date(r.cancelled.at).toISOString(), pointsReturned: r.cancelled.pointsReturned } : null,
  };
}
