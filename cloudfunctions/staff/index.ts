import { noInput } from '../core/validate';
import { adjustInput, adjustPoints } from '../admin/adjust';
import { defineFunction, staffAction, type StaffContext } from '../runtime/handler';
import { activityCheckin, activityInput } from './activityCheckin';
import { logActivity, today } from './activity';
import { recordPurchase, purchaseInput, scanMember, codeInput } from './member';
import { settlement, settlementInput } from './settlement';
import { cancelByStaff, cancelInput, verifyVoucher, voucherInput } from './voucher';

const ALL = ['clerk', 'manager', 'admin'] as const;

type AdjustInput = { memberNo: string; amount: number; reason: string; requestId: string };

async function adjust({ db, input, staff, now }: StaffContext<AdjustInput>) {
  const result = await adjustPoints(db, input, `staff:${staff.openid}`, now);
  if (!result.replayed) {
    await logActivity(db, staff, { type: 'adjust', ref: input.requestId, memberNo: input.memberNo, title: `积分调整：${input.reason}`, points: input.amount }, now);
  }
  return result;
}

// Store staff (the `staff` collection): scan member codes, record purchases, write off vouchers; managers and admins
// also adjust points and read the settlement between business formats.
export const main = defineFunction({
  actions: {
    today: staffAction([...ALL], noInput, today),
    scanMember: staffAction([...ALL], codeInput, scanMember),
    recordPurchase: staffAction([...ALL], purchaseInput, recordPurchase),
    verifyVoucher: staffAction([...ALL], voucherInput, verifyVoucher),
    cancelRedemption: staffAction([...ALL], cancelInput, cancelByStaff),
    adjustPoints: staffAction(['manager', 'admin'], adjustInput, adjust),
    settlement: staffAction(['manager', 'admin'], settlementInput, settlement),
    activityCheckin: staffAction([...ALL], activityInput, activityCheckin),
  },
});
