import type { ParsedInput } from '../../contract';
import { staff as contract } from '../../contract/staff';
import { requestAdjustment } from '../services/adjustmentApprovals';
import { stampOf } from '../runtime/audit';
import { defineFunction, staffAction, staffWrite, type StaffContext } from '../runtime/handler';
import { activityCheckin } from './activityCheckin';
import { setBirthday } from './birthday';
import { approvals, decidePurchase } from './approvals';
import { logActivity, today } from './activity';
import { findMemberAtTill, recordPurchase, scanMember } from './member';
import { settlement } from './settlement';
import { cancelDeduction, deduction, requestDeduction } from './deduction';
import { undoPurchase } from './undo';
import { cancelByStaff, reverseWriteOff, verifyVoucher } from './voucher';


type AdjustInput = ParsedInput<'staff', 'adjustPoints'>;

async function adjust({ db, input, staff, device, now }: StaffContext<AdjustInput>) {
  const result = await requestAdjustment(db, input, stampOf(staff, device), now);
  if (result.status === 'applied' && !result.replayed) {
    await logActivity(db, staff, { type: 'adjust', ref: input.requestId, memberNo: input.memberNo, title: `积分调整：${input.reason}`, points: input.amount }, now);
  }
  return result;
}

// Store staff (the `staff` collection): scan member codes, record purchases, write off vouchers, undo their own
// purchases of the day; managers and admins also approve held purchases, reverse write-offs, adjust points and read
// the settlement between business formats. Every write is entered in the staff audit trail (staffWrite).
export const main = defineFunction({
  name: 'staff',
  contract,
  actions: {
    today: staffAction(today),
    scanMember: staffAction(scanMember),
    findMember: staffAction(findMemberAtTill),
    recordPurchase: staffWrite(recordPurchase),
    requestDeduction: staffWrite(requestDeduction),
    deduction: staffAction(deduction),
    cancelDeduction: staffWrite(cancelDeduction),
    approvals: staffAction(approvals),
    decidePurchase: staffWrite(decidePurchase),
    undoPurchase: staffWrite(undoPurchase),
    verifyVoucher: staffWrite(verifyVoucher),
    reverseWriteOff: staffWrite(reverseWriteOff),
    setBirthday: staffWrite(setBirthday),
    cancelRedemption: staffWrite(cancelByStaff),
    adjustPoints: staffWrite(adjust),
    settlement: staffAction(settlement),
    activityCheckin: staffWrite(activityCheckin),
  },
});
