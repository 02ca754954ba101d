// The console's actions on a member's redemptions (contract/consoleRedemptions.ts): cancelling an unused one through
// the one cancellation path (services/redemptions.ts), and replacing a leaked voucher code: a compare-and-set on the
// current code, so the old one stops working at once and two replacements never both apply.
import type { consoleRedemptions as contract } from '../../../contract/consoleRedemptions';
import type { ParsedInput } from '../../../contract';
import { voucherCodeFor } from '../../core/codes';
import { AppError } from '../../core/errors';
import { cancelRedemption, findRedemption } from '../../services/redemptions';
import { codeSecret } from '../../runtime/codeSecret';
import { retryOnConflict } from '../../runtime/dbErrors';
import { staffAction, staffWrite, type Action, type StaffContext } from '../../runtime/handler';
import { shipments, updateShipment } from './shipments';

async function cancelMemberRedemption({ db, input, staff, now }: StaffContext<ParsedInput<'admin', 'cancelMemberRedemption'>>) {
  return cancelRedemption(db, input.redemptionId, { by: 'staff', openid: staff.openid }, input.reason, now);
}

async function reissueVoucher({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'admin', 'reissueVoucher'>>) {
  const r = await findRedemption(db, input.redemptionId);
  if (!r || !r.voucher) throw new AppError('NOT_FOUND', '该兑换没有券码');
  const reissues = r.voucherReissues ?? [];
  const last = reissues[reissues.length - 1];
  const answer = (replayed: boolean, code: string) => ({ redemptionId: r._id, voucherCode: code, expiresAt: r.voucher!.expiresAt.toISOString(), replayed });
  if (last?.requestId === input.requestId) return answer(true, r.voucherCode);
  if (r.status !== 'issued') throw new AppError('NOT_ELIGIBLE', r.status === 'used' ? '该券已核销，不能更换券码' : '该兑换已取消');
  if (now >= r.voucher.expiresAt) throw new AppError('NOT_ELIGIBLE', '该券已过期，不能更换券码');
  const code = voucherCodeFor(codeSecret(), `${r._id}#${reissues.length + 1}`);
  const entry = { oldCode: r.voucherCode, at: now, by: staff.openid, byName: staff.name, reason: input.reason, requestId: input.requestId };
  const { stats } = await retryOnConflict(() => db.collection('redemptions').where({ _id: r._id, status: 'issued', voucherCode: r.voucherCode })
    .update({ data: { voucherCode: code, 'voucher.code': code, voucherReissues: db.command.push([entry]), updatedAt: now } }));
  if (stats.updated !== 1) throw new AppError('CONFLICT', '该券状态已变化，请刷新后重试');
  recordChange({ collection: 'redemptions', id: r._id, before: { voucherCode: r.voucherCode }, after: { voucherCode: code } });
  return answer(false, code);
}

export const redemptionActions: { [K in keyof typeof contract]: Action<(typeof contract)[K]> } = {
  cancelMemberRedemption: staffWrite(cancelMemberRedemption),
  reissueVoucher: staffWrite(reissueVoucher),
  shipments: staffAction(shipments),
  updateShipment: staffWrite(updateShipment),
};
