import type { ParsedInput } from '../../contract';
import { staff as contract } from '../../contract/staff';
import { adjustPoints } from '../services/pointsAdjustment';
import { defineFunction, staffAction, type StaffContext } from '../runtime/handler';
import { activityCheckin } from './activityCheckin';
import { logActivity, today } from './activity';
import { recordPurchase, scanMember } from './member';
import { settlement } from './settlement';
import { cancelByStaff, verifyVoucher } from './voucher';

const ALL = ['clerk', 'manager', 'admin'] as const;

type AdjustInput = ParsedInput<'staff', 'adjustPoints'>;

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
  contract,
  actions: {
    today: staffAction(ALL, today),
    scanMember: staffAction(ALL, scanMember),
    recordPurchase: staffAction(ALL, recordPurchase),
    verifyVoucher: staffAction(ALL, verifyVoucher),
    cancelRedemption: staffAction(ALL, cancelByStaff),
    adjustPoints: staffAction(['manager', 'admin'], adjust),
    settlement: staffAction(['manager', 'admin'], settlement),
    activityCheckin: staffAction(ALL, activityCheckin),
  },
});
