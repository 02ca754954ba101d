// Tier benefit vouchers as stored (`benefit_vouchers`, issued by services/benefits.ts): reading one back, finding one
// by its code, and showing one in the shape of a mall redemption (staff.verifyVoucher's answer). Kept apart from the
// issuing code so the staff function does not carry it.
import type { BenefitVoucherDoc, Stored } from '../core/documents';
import type { Database } from '../runtime/dbTypes';

/** The 优惠券到期提醒 message of a record's vouchers of a period (services/messages.ts messageId's shape). */
export const expiryMessageId = (openid: string, record: string, period: string) => `voucherExpiring:${openid}:${record}:${period}`;

export function reviveBenefitVoucher(doc: Stored<BenefitVoucherDoc>): BenefitVoucherDoc {
  return {
    ...doc,
    createdAt: new Date(doc.createdAt),
    updatedAt: new Date(doc.updatedAt),
    voucher: { ...doc.voucher, expiresAt: new Date(doc.voucher.expiresAt) },
    used: doc.used ? { ...doc.used, at: new Date(doc.used.at) } : null,
    cancelled: null,
    writeOffReversals: (doc.writeOffReversals ?? []).map((w) => ({ ...w, used: { ...w.used, at: new Date(w.used.at) }, reversedAt: new Date(w.reversedAt) })),
  };
}

export async function findBenefitVoucher(db: Database, code: string): Promise<BenefitVoucherDoc | null> {
  const { data } = await db.collection('benefit_vouchers').where({ voucherCode: code }).limit(1).get();
  return data[0] ? reviveBenefitVoucher(data[0]) : null;
}

/** A benefit voucher in the shape of a redemption (staff.verifyVoucher's answer; the wallet's list). */
export function benefitVoucherAsRedemption(v: BenefitVoucherDoc, now: Date) {
  const expired = v.status === 'issued' && now >= v.voucher.expiresAt;
  return {
    id: v._id,
    itemId: `benefit:${v.benefitKey}`,
    itemName: v.title,
    kind: 'coupon' as const,
    kindName: '会员权益',
    quantity: 1,
    points: 0,
    status: expired ? ('expired' as const) : v.status,
    createdAt: v.createdAt.toISOString(),
    voucher: { code: v.voucher.code, expiresAt: v.voucher.expiresAt.toISOString() },
    giftCard: null,
    membership: null,
    shipping: null,
    shipment: null,
    faceValueFen: v.faceValueFen,
    used: v.used ? { at: v.used.at.toISOString(), storeName: v.used.storeName } : null,
    cancelled: null,
  };
}
