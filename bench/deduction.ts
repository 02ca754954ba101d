// Points as cash (积分抵扣) figures: database requests of a channel's hold, capture (a new one and a replay) and
// release, and of the till's request, the member's approval and the purchase recorded with it.
import { sign } from '../cloudfunctions/runtime/signature';
import { benchCloud, call, row } from './lib';

const CHANNEL = { _id: 'bench-pos', name: 'bench', secret: 'bench-secret', active: true };

function signedEvent(action: 'hold' | 'capture' | 'release', payload: object) {
  const env = { channel: CHANNEL._id, timestamp: Date.now(), nonce: `bench${Math.random().toString(36).slice(2)}` };
  return { action, ...env, signature: sign(CHANNEL.secret, action, env, payload), [action]: payload };
}

export async function benchDeduction() {
  console.log('\n积分抵扣 (points as cash): database requests');
  const cloud = await benchCloud('empty');
  try {
    await cloud.db.insertMany('channels', [CHANNEL]);
    await cloud.db.insertMany('stores', [{ _id: 'bench-store', name: '基准门店', format: 'mall', formatName: '购物中心' }]);
    await cloud.db.insertMany('staff', [
      { _id: 'bench-clerk', openid: 'bench-clerk', name: '店员', role: 'clerk', storeId: 'bench-store', active: true },
      { _id: 'bench-manager', openid: 'bench-manager', name: '店长', role: 'manager', storeId: 'bench-store', active: true },
    ]);
    const login = await call(cloud.url, 'member', { action: 'login' }, 'bench-payer');
    const memberNo = (login.body.data as { member: { memberNo: string } }).member.memberNo;
    await call(cloud.url, 'staff', { action: 'adjustPoints', memberNo, amount: 9900, reason: '基准充值', requestId: 'bench-seed-points' }, 'bench-manager');

    const hold = { orderId: 'BENCH-D1', memberNo, amountFen: 12800, format: 'mall' };
    const held = await call(cloud.url, 'order', signedEvent('hold', hold));
    row('order.hold db requests (new hold)', String(held.dbOps));
    row('order.hold db requests (replayed hold)', String((await call(cloud.url, 'order', signedEvent('hold', hold))).dbOps));
    const holdId = (held.body.data as { holdId: string }).holdId;
    const order = { orderId: 'BENCH-D1', memberNo, amountFen: 12800, paidAt: new Date().toISOString(), format: 'mall' };
    row('order.capture db requests (new capture)', String((await call(cloud.url, 'order', signedEvent('capture', { holdId, order }))).dbOps));
    row('order.capture db requests (replayed capture)', String((await call(cloud.url, 'order', signedEvent('capture', { holdId, order }))).dbOps));
    const second = await call(cloud.url, 'order', signedEvent('hold', { ...hold, orderId: 'BENCH-D2' }));
    row('order.release db requests', String((await call(cloud.url, 'order', signedEvent('release', { holdId: (second.body.data as { holdId: string }).holdId }))).dbOps));

    const ask = await call(cloud.url, 'staff', { action: 'requestDeduction', memberNo, orderId: 'BENCH-T1', amountFen: 5000 }, 'bench-clerk');
    row('staff.requestDeduction db requests', String(ask.dbOps));
    row('member.pendingDeduction db requests', String((await call(cloud.url, 'member', { action: 'pendingDeduction' }, 'bench-payer')).dbOps));
    const tillHold = (ask.body.data as { holdId: string }).holdId;
    row('member.decideDeduction db requests (approve)', String((await call(cloud.url, 'member', { action: 'decideDeduction', holdId: tillHold, approve: true }, 'bench-payer')).dbOps));
    row('staff.recordPurchase db requests (with the deduction)', String((await call(cloud.url, 'staff', { action: 'recordPurchase', memberNo, orderId: 'BENCH-T1', amountFen: 5000, holdId: tillHold }, 'bench-clerk')).dbOps));
  } finally {
    await cloud.cleanup();
  }
}
