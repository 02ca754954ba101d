import type { ParsedInput } from '../../contract';
import { staff as contract } from '../../contract/staff';
import { adjustPoints } from '../services/pointsAdjustment';
import { defineFunction, staffAction, staffWrite, type StaffContext } from '../runtime/handler';
import { activityCheckin } from './activityCheckin';
import { approvals, decidePurchase } from './approvals';
import { logActivity, today } from './activity';
import { recordPurchase, scanMember } from './member';
import { settlement } from './settlement';
import { undoPurchase } from './undo';
import { cancelByStaff, reverseWriteOff, verifyVoucher } from './voucher';

const ALL = ['clerk', 'manager', 'admin'] as const;
const MANAGERS = ['manager', 'admin'] as const;

type AdjustInput = ParsedInput<'staff', 'adjustPoints'>;

async function adjust({ db, input, staff, now }: StaffContext<AdjustInput>) {
  const result = await adjustPoints(db, input, `staff:${staff.openid}`, now);
  if (!result.replayed) {
    await logActivity(db, staff, { type: 'adjust', ref: input.requestId, memberNo: input.memberNo, title: `积分调整：${input.reason}`, points: input.amount }, now);
  }
  return result;
}

// Store staff (the `staff` collection): scan member codes, record purchases, write off vouchers, undo their own
// purchases of the day; managers and admins also approve held purchases, reverse write-offs, adjust points and read
// the settlement between business formats. Every write is entered in the staff audit trail (staffWrite).
export const main = defineFunction({
  contract,
  actions: {
    today: staffAction(ALL, today),
    scanMember: staffAction(ALL, scanMember),
    recordPurchase: staffWrite(ALL, recordPurchase),
    approvals: staffAction(ALL, approvals),
    decidePurchase: staffWrite(MANAGERS, decidePurchase),
    undoPurchase: staffWrite(ALL, undoPurchase),
    verifyVoucher: staffWrite(ALL, verifyVoucher),
    reverseWriteOff: staffWrite(MANAGERS, reverseWriteOff),
    cancelRedemption: staffWrite(ALL, cancelByStaff),
    adjustPoints: staffWrite(MANAGERS, adjust),
    settlement: staffAction(MANAGERS, settlement),
    activityCheckin: staffWrite(ALL, activityCheckin),
  },
});
