// order.benefits: what a channel may ask about a member's tier benefits (权益通) — the tier, its flags (免费退换,
// 专属客服 ...) and the member's unused benefit vouchers usable in the channel's format. Read only.
import type { Output, ParsedInput } from '../../contract';
import { flagsOf } from '../core/benefits';
import { AppError } from '../core/errors';
import { tierByLevel } from '../core/tiers';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import { findMember } from '../runtime/memberRepo';
import { reviveBenefitVoucher } from '../services/benefitVouchers';

export async function memberBenefits(db: Database, input: ParsedInput<'order', 'benefits'>['member'], now: Date): Promise<Output<'order', 'benefits'>> {
  const member = await findMember(db, { memberNo: input.memberNo });
  if (!member) throw new AppError('NOT_FOUND', '会员不存在');
  const _ = db.command;
  const [config, { data }] = await Promise.all([
    loadConfig(db),
    db.collection('benefit_vouchers').where({ openid: member.openid, status: 'issued', 'voucher.expiresAt': _.gt(now) }).orderBy('voucher.expiresAt', 'asc').limit(50).get(),
  ]);
  const usable = data.map(reviveBenefitVoucher).filter((v) => !input.format || (v.voucher.formats.length === 0 && v.voucher.storeIds.length === 0) || v.voucher.formats.includes(input.format));
  return {
    memberNo: member.memberNo, tierLevel: member.tierLevel, tierName: tierByLevel(member.tierLevel, config.tiers).name,
    flags: flagsOf(config.tiers, member.tierLevel),
    vouchers: usable.map((v) => ({ code: v.voucherCode, title: v.title, expiresAt: v.voucher.expiresAt.toISOString(), faceValueFen: v.faceValueFen })),
  };
}
