// 积分抵扣 at the till: a clerk asks the member to let points pay part of a receipt; the member approves or declines
// on their own phone (member.decideDeduction); the clerk follows the request here, then records the purchase with
// the approved hold (recordPurchase holdId). A clerk alone can never spend a member's points.
import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import { findHold, holdIdOf, holdView, releaseHold, requestHold } from '../services/deductions';
import type { StaffContext } from '../runtime/handler';
import { storeOf } from './stores';

/** The store's orders are `<storeId>:<receipt>` on the channel 'store'. */
export const storeHoldId = (storeId: string, receipt: string) => holdIdOf('store', `${storeId}:${receipt}`);

export async function requestDeduction({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'requestDeduction'>>): Promise<Output<'staff', 'requestDeduction'>> {
  const store = await storeOf(db, staff);
  return requestHold(db, {
    orderId: `${store._id}:${input.orderId}`, memberNo: input.memberNo, amountFen: input.amountFen, points: input.points,
    format: store.format, storeId: store._id, storeName: store.name,
  }, { channel: 'store', issuer: `staff:${staff.openid}`, requestedBy: `staff:${staff.openid}`, storeName: store.name }, now);
}

/** Cancels the store's request or approved hold (release); only the caller's store's. */
export async function cancelDeduction({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'cancelDeduction'>>): Promise<Output<'staff', 'cancelDeduction'>> {
  const store = await storeOf(db, staff);
  const hold = await findHold(db, input.holdId);
  if (!hold || hold.channel !== 'store' || hold.storeId !== store._id) throw new AppError('NOT_FOUND', '积分抵扣请求不存在');
  return releaseHold(db, input.holdId, { channel: 'store' }, now);
}

/** Only the caller's store's requests are found. */
export async function deduction({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'deduction'>>): Promise<Output<'staff', 'deduction'>> {
  const store = await storeOf(db, staff);
  const hold = await findHold(db, input.holdId);
  if (!hold || hold.channel !== 'store' || hold.storeId !== store._id) throw new AppError('NOT_FOUND', '积分抵扣请求不存在');
  return holdView(hold, now);
}
