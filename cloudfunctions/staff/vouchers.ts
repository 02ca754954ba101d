// The member's unused vouchers as staff see them: what each is, until when, and whether it can be written off in the
// caller's store now (the rule of staff.verifyVoucher, core/mall.ts voucherRefusal).
import type { Output } from '../../contract';
import { KIND_NAMES, voucherRefusal } from '../core/mall';
import type { StoreDoc } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import { reviveRedemption } from '../services/redemptions';

type HeldVoucher = Output<'staff', 'scanMember'>['vouchers'][number];

/** The most a member page lists (a member holds a handful; the mall's own page lists them all). */
const MAX_VOUCHERS = 50;

export async function unusedVouchers(db: Database, openid: string, store: StoreDoc | null, now: Date): Promise<HeldVoucher[]> {
  const { data } = await db.collection('redemptions').where({ openid, status: 'issued' }).orderBy('createdAt', 'desc').limit(MAX_VOUCHERS).get();
  return data.map(reviveRedemption).filter((r) => r.voucher && r.voucherCode).map((r) => {
    const refusal = store ? voucherRefusal(r, store, now) : null;
    return {
      code: r.voucherCode, itemName: r.itemName, kindName: KIND_NAMES[r.kind] ?? r.kind, quantity: r.quantity,
      expiresAt: r.voucher!.expiresAt.toISOString(),
      usableHere: store ? refusal === null : null,
      why: refusal?.message ?? null,
    };
  });
}
