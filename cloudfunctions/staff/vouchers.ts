// The member's unused vouchers as staff see them: what each is, until when, and whether it can be written off in the
// caller's store now (the rule of staff.verifyVoucher, core/mall.ts voucherRefusal).
import type { Output } from '../../contract';
import { KIND_NAMES, voucherRefusal } from '../core/mall';
import type { StoreDoc } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import { reviveBenefitVoucher } from '../services/benefitVouchers';
import { reviveRedemption } from '../services/redemptions';
import { benefitRefusal } from './benefitVouchers';

type HeldVoucher = Output<'staff', 'scanMember'>['vouchers'][number];

/** The most a member page lists (a member holds a handful; the mall's own page lists them all). */
const MAX_VOUCHERS = 50;

export async function unusedVouchers(db: Database, openid: string, store: StoreDoc | null, now: Date): Promise<HeldVoucher[]> {
  const _ = db.command;
  const [{ data }, benefits] = await Promise.all([
    db.collection('redemptions').where({ openid, status: 'issued' }).orderBy('createdAt', 'desc').limit(MAX_VOUCHERS).get(),
    // Tier benefit vouchers (权益券) unexpired: written off with the same scan (staff/benefitVouchers.ts).
    db.collection('benefit_vouchers').where({ openid, status: 'issued', 'voucher.expiresAt': _.gt(now) }).orderBy('createdAt', 'desc').limit(MAX_VOUCHERS).get(),
  ]);
  const held = await Promise.all(benefits.data.map(reviveBenefitVoucher).map(async (v): Promise<HeldVoucher> => {
    const refusal = store ? await benefitRefusal(db, v, store, now) : null;
    return {
      code: v.voucherCode, itemName: v.title, kindName: '会员权益', quantity: 1, expiresAt: v.voucher.expiresAt.toISOString(),
      usableHere: store ? refusal === null : null, why: refusal?.message ?? null,
    };
  }));
  return [...held, ...mallVouchers(data, store, now)];
}

function mallVouchers(data: Parameters<typeof reviveRedemption>[0][], store: StoreDoc | null, now: Date): HeldVoucher[] {
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
