// Writing off a tier benefit voucher (权益券, benefit_vouchers) with the same scan as a mall voucher: once only (a
// compare-and-set on its status), only in the formats and stores its benefit allows (a refusal says where it can be
// used), only before it expires. A manager may reverse a write-off of the day. The write-off records the store's
// format, so the settlement between formats attributes its cost to the format that issued it.
import type { Output } from '../../contract';
import type { BenefitVoucherDoc, StoreDoc } from '../core/documents';
import { AppError } from '../core/errors';
import { voucherRefusal } from '../core/mall';
import { shanghaiDay } from '../core/time';
import { retryOnConflict } from '../runtime/dbErrors';
import type { Database } from '../runtime/dbTypes';
import type { StaffMember } from '../runtime/handler';
import { benefitVoucherAsRedemption, expiryMessageId, findBenefitVoucher } from '../services/benefitVouchers';
import { whereText } from '../services/places';
import { logActivity } from './activity';
import { allStores } from './stores';

type VoucherAnswer = Output<'staff', 'verifyVoucher'>;

const writeOffRef = (v: BenefitVoucherDoc) => `${v._id}#${(v.writeOffReversals?.length ?? 0) + 1}`;

async function names(db: Database) {
  const formats: Record<string, string> = {};
  const stores: Record<string, string> = {};
  for (const s of await allStores(db)) {
    formats[s.format] = s.formatName ?? s.format;
    stores[s._id] = s.name;
  }
  return { formats, stores };
}

/** Why `v` cannot be written off in `store` now (the mall voucher's rule, with where it can be used said plainly). */
export async function benefitRefusal(db: Database, v: BenefitVoucherDoc, store: Pick<StoreDoc, '_id' | 'format'>, now: Date) {
  const refusal = voucherRefusal(v, store, now);
  if (refusal?.code !== 'FORBIDDEN') return refusal;
  const where = whereText(v.voucher, await names(db));
  return { code: refusal.code, message: `该权益券${where ? where.replace(/^限/, '仅限') : ''}，不能在本门店核销` };
}

async function requireBenefitVoucher(db: Database, code: string): Promise<BenefitVoucherDoc> {
  const v = await findBenefitVoucher(db, code);
  if (!v) throw new AppError('CODE_INVALID', '券码无效');
  return v;
}

export async function verifyBenefitVoucher(db: Database, code: string, store: StoreDoc, staff: StaffMember, now: Date): Promise<VoucherAnswer> {
  const v = await requireBenefitVoucher(db, code);
  const refusal = await benefitRefusal(db, v, store, now);
  if (refusal) throw new AppError(refusal.code, refusal.message);
  const used = { at: now, storeId: store._id, storeName: store.name, staff: staff.openid, format: store.format };
  const { stats } = await retryOnConflict(() =>
    db.collection('benefit_vouchers').where({ _id: v._id, status: 'issued' }).update({ data: { status: 'used', used, updatedAt: now } }));
  if (stats.updated !== 1) {
    const again = await requireBenefitVoucher(db, code);
    const why = await benefitRefusal(db, again, store, now);
    throw new AppError(why?.code ?? 'CONFLICT', why?.message ?? '该券状态已变化，请重新扫码');
  }
  await logActivity(db, staff, { type: 'writeOff', ref: writeOffRef(v), memberNo: v.memberNo, title: `核销 权益券 ${v.title}`, voucherCode: v.voucherCode }, now);
  // The expiry reminder of the voucher's record and period is not sent once none of its vouchers is left unused.
  const { total } = await db.collection('benefit_vouchers').where({ openid: v.openid, record: v.record, period: v.period, status: 'issued' }).count();
  if (total === 0) {
    await db.collection('messages').where({ _id: expiryMessageId(v.openid, v.record, v.period), status: 'pending' })
      .update({ data: { status: 'skipped', reason: 'voucherUsed', updatedAt: now } }).catch((err) => console.error('[benefits] reminder not skipped', err));
  }
  return { ...benefitVoucherAsRedemption({ ...v, status: 'used', used }, now), memberNo: v.memberNo };
}

export async function reverseBenefitWriteOff(db: Database, code: string, reason: string, store: StoreDoc, staff: StaffMember, now: Date): Promise<VoucherAnswer> {
  const v = await requireBenefitVoucher(db, code);
  const { used } = v;
  if (v.status !== 'used' || !used) throw new AppError('NOT_ELIGIBLE', '该券尚未核销，无需撤销');
  if (used.storeId !== store._id) throw new AppError('NOT_ELIGIBLE', `该券在 ${used.storeName} 核销，只能由该店撤销`);
  if (shanghaiDay(used.at) !== shanghaiDay(now)) throw new AppError('NOT_ELIGIBLE', '只能撤销当天的核销');
  const _ = db.command;
  const reversal = { used, reversedAt: now, by: staff.openid, reason };
  const { stats } = await retryOnConflict(() => db.collection('benefit_vouchers').where({ _id: v._id, status: 'used', 'used.at': used.at })
    .update({ data: { status: 'issued', used: null, writeOffReversals: _.push([reversal]), updatedAt: now } }));
  if (stats.updated !== 1) throw new AppError('CONFLICT', '该券状态已变化，请重新扫码');
  await logActivity(db, staff, { type: 'reverseWriteOff', ref: writeOffRef(v), memberNo: v.memberNo, title: `撤销核销 权益券 ${v.title}：${reason}` }, now);
  return { ...benefitVoucherAsRedemption({ ...v, status: 'issued', used: null }, now), memberNo: v.memberNo };
}
