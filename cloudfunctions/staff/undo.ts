// Staff undo their own mistakes of the day: a purchase recorded in the store today becomes a full staff refund
// through the one refund path (services/orders.ts: points and growth reversed, an inviter's reward taken back), once
// (the refund id `<orderId>:undo`). A clerk undoes only their own purchases; a manager or admin any of the store.
import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import { hasOlderRefunds } from '../core/refund';
import { shanghaiDay } from '../core/time';
import { recordRefund } from '../services/orders';
import { loadConfig } from '../runtime/configStore';
import type { StaffContext } from '../runtime/handler';
import { logActivity } from './activity';
import { freshMemberView } from './memberView';
import { storeOf } from './stores';
import { yuan } from '../core/numbers';

export async function undoPurchase({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'undoPurchase'>>): Promise<Output<'staff', 'undoPurchase'>> {
  const store = await storeOf(db, staff);
  const orderId = `${store._id}:${input.orderId}`;
  const refundId = `${orderId}:undo`;
  const order = (await db.collection('orders').where({ _id: orderId }).get()).data[0];
  if (!order || order.channel !== 'store' || order.storeId !== store._id) throw new AppError('NOT_FOUND', '本店没有该小票的消费记录');
  if (staff.role === 'clerk' && order.issuer !== `staff:${staff.openid}`) throw new AppError('NOT_ELIGIBLE', '只能撤销自己登记的消费，请联系店长');
  // Undone already: the refund is on the order (or, undone before refunds were kept there, in `refunds`).
  const undone = order.refunds?.some((r) => r.refundId === refundId)
    || (hasOlderRefunds(order) && (await db.collection('refunds').where({ _id: refundId }).field({ _id: true }).get()).data.length > 0);
  if (!undone) {
    if (shanghaiDay(new Date(order.createdAt)) !== shanghaiDay(now)) throw new AppError('NOT_ELIGIBLE', '只能撤销当天登记的消费');
    if (order.status !== 'paid') throw new AppError('NOT_ELIGIBLE', '该笔消费已有退款，不能撤销');
  }
  const refund = await recordRefund(db, {
    refundId, orderId, amountFen: order.paidFen, refundedAt: now.toISOString(), reason: `撤销登记：${input.reason}`,
  }, { channel: 'store', issuer: `staff:${staff.openid}`, storeId: store._id, format: store.format }, now);
  if (!refund.replayed) {
    await logActivity(db, staff, {
      type: 'undo', ref: orderId, memberNo: order.memberNo, title: `撤销消费 ${yuan(order.paidFen)} 元：${input.reason}`,
      points: -refund.pointsReversed, amountFen: order.paidFen,
    }, now);
  }
  const member = await freshMemberView(db, order.memberNo, await loadConfig(db), now);
  return {
    orderId: input.orderId, pointsReversed: refund.pointsReversed, growthReversed: refund.growthReversed, balance: refund.balance, debt: refund.debt,
    replayed: refund.replayed, member,
  };
}
