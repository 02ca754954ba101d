// Writing off (核销) a voucher in store: once only (a compare-and-set on the redemption's status), only in a store
// allowed for the item, only before it expires. A second scan says when and where it was used. A manager may reverse
// a write-off of the day.
// Database requests: staff, voucher, the compare-and-set, the activity log (and the store list on a cold instance).
import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import { voucherRefusal } from '../core/mall';
import { cancelRedemption, findVoucher, redemptionView } from '../services/redemptions';
import { shanghaiDay } from '../core/time';
import { retryOnConflict } from '../runtime/dbErrors';
import { queueRedemptionStatus } from '../services/messages';
import type { StaffContext } from '../runtime/handler';
import { logActivity } from './activity';
import { reverseBenefitWriteOff, verifyBenefitVoucher } from './benefitVouchers';
import { storeOf } from './stores';

const normalise = (code: string) => code.replace(/[\s-]+/g, '');

function checkedCode(raw: string): string {
  const code = normalise(raw);
  if (!/^\d{12}$/.test(code)) throw new AppError('CODE_INVALID', '券码应为 12 位数字');
  return code;
}

async function voucherByCode(db: Parameters<typeof findVoucher>[0], raw: string) {
  const r = await findVoucher(db, checkedCode(raw));
  if (!r) throw new AppError('CODE_INVALID', '券码无效');
  return r;
}

/** A write-off in the store's log: a voucher may be written off again after a reversal, so its number is in the key. */
const writeOffRef = (r: { _id: string; writeOffReversals?: unknown[] }) => `${r._id}#${(r.writeOffReversals?.length ?? 0) + 1}`;

export async function verifyVoucher({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'verifyVoucher'>>): Promise<Output<'staff', 'verifyVoucher'>> {
  const store = await storeOf(db, staff);
  const code = checkedCode(input.code);
  const r = await findVoucher(db, code);
  // Not a mall voucher: a tier benefit's (权益券), same scan (staff/benefitVouchers.ts).
  if (!r) return verifyBenefitVoucher(db, code, store, staff, now);
  const refusal = voucherRefusal(r, store, now);
  if (refusal) throw new AppError(refusal.code, refusal.message);
  const used = { at: now, storeId: store._id, storeName: store.name, staff: staff.openid };
  const { stats } = await retryOnConflict(() =>
    db.collection('redemptions').where({ _id: r._id, status: 'issued' }).update({ data: { status: 'used', used, updatedAt: now } }));
  if (stats.updated !== 1) {
    // Someone else wrote it off (or cancelled it) in between: say what happened.
    const again = await voucherByCode(db, input.code);
    const why = voucherRefusal(again, store, now);
    throw new AppError(why?.code ?? 'CONFLICT', why?.message ?? '该券状态已变化，请重新扫码');
  }
  await logActivity(db, staff, {
    type: 'writeOff', ref: writeOffRef(r), memberNo: r.memberNo, title: `核销 ${r.itemName}${r.quantity > 1 ? ` ×${r.quantity}` : ''}`, voucherCode: r.voucherCode,
  }, now);
  await queueRedemptionStatus(db, r, 'used', writeOffRef(r), `${store.name}核销`, now);
  return { ...redemptionView({ ...r, status: 'used', used }, now), memberNo: r.memberNo };
}

/**
 * A manager (or admin) reverses a write-off made in their store today (a clerk scanned the wrong voucher): the
 * voucher is unused again, valid until it expires; the reversal is kept on the redemption and in the store's log.
 */
export async function reverseWriteOff({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'reverseWriteOff'>>): Promise<Output<'staff', 'reverseWriteOff'>> {
  const store = await storeOf(db, staff);
  const code = checkedCode(input.code);
  const r = await findVoucher(db, code);
  if (!r) return reverseBenefitWriteOff(db, code, input.reason, store, staff, now);
  const { used } = r;
  if (r.status !== 'used' || !used) throw new AppError('NOT_ELIGIBLE', '该券尚未核销，无需撤销');
  if (used.storeId !== store._id) throw new AppError('NOT_ELIGIBLE', `该券在 ${used.storeName} 核销，只能由该店撤销`);
  if (shanghaiDay(used.at) !== shanghaiDay(now)) throw new AppError('NOT_ELIGIBLE', '只能撤销当天的核销');
  const _ = db.command;
  const reversal = { used, reversedAt: now, by: staff.openid, reason: input.reason };
  const { stats } = await retryOnConflict(() => db.collection('redemptions').where({ _id: r._id, status: 'used', 'used.at': used.at })
    .update({ data: { status: 'issued', used: null, writeOffReversals: _.push([reversal]), updatedAt: now } }));
  if (stats.updated !== 1) throw new AppError('CONFLICT', '该券状态已变化，请重新扫码');
  await logActivity(db, staff, { type: 'reverseWriteOff', ref: writeOffRef(r), memberNo: r.memberNo, title: `撤销核销 ${r.itemName}：${input.reason}` }, now);
  return { ...redemptionView({ ...r, status: 'issued', used: null }, now), memberNo: r.memberNo };
}

/** Staff cancel an unused redemption by its voucher code: points and stock come back. */
export async function cancelByStaff({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'cancelRedemption'>>): Promise<Output<'staff', 'cancelRedemption'>> {
  const r = await voucherByCode(db, input.code);
  const result = await cancelRedemption(db, r._id, { by: 'staff', openid: staff.openid }, input.reason, now);
  await logActivity(db, staff, { type: 'cancel', ref: r._id, memberNo: r.memberNo, title: `取消兑换 ${r.itemName}`, points: result.pointsReturned }, now);
  return result;
}
