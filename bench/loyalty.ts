// Loyalty engine figures: database requests per order, replayed order, refund and daily review of one member (the
// review's throughput on a seeded population is the `review` suite, bench/review.ts).
import { sign } from '../cloudfunctions/runtime/signature';
import { benchCloud, call, row } from './lib';

const CHANNEL = { _id: 'bench-pos', name: 'bench', secret: 'bench-secret', active: true };

function signedEvent(action: 'paid' | 'refunded', field: 'order' | 'refund', payload: object) {
  const env = { channel: CHANNEL._id, timestamp: Date.now(), nonce: `bench${Math.random().toString(36).slice(2)}` };
  return { action, ...env, signature: sign(CHANNEL.secret, action, env, payload), [field]: payload };
}

async function trigger(url: string) {
  const res = await fetch(`${url}/_triggers/jobs`, { method: 'POST' });
  const body = (await res.json()) as { result: { data: { reviewed: number } } };
  return { reviewed: body.result.data.reviewed, dbOps: Number(res.headers.get('x-localcloud-db-ops')) };
}

async function requestCounts() {
  const cloud = await benchCloud('empty');
  try {
    await cloud.db.insertMany('channels', [CHANNEL]);
    const login = await call(cloud.url, 'member', { action: 'login' }, 'bench-buyer');
    const memberNo = (login.body.data as { member: { memberNo: string } }).member.memberNo;
    const order = { orderId: 'BENCH-1', memberNo, amountFen: 12800, paidAt: new Date().toISOString(), format: 'mall', items: [{ sku: 'a', name: 'a', category: 'c', quantity: 1, amountFen: 12800 }] };
    const paid = (await call(cloud.url, 'order', signedEvent('paid', 'order', order))).dbOps;
    row('order.paid db requests (new order, rules cold)', String(paid), '8 (+1 rules cold)', paid <= 9);
    row('order.paid db requests (replayed order)', String((await call(cloud.url, 'order', signedEvent('paid', 'order', order))).dbOps));
    const refund = { refundId: 'BENCH-1-R', orderId: 'BENCH-1', amountFen: 6400, refundedAt: new Date().toISOString() };
    const refunded = (await call(cloud.url, 'order', signedEvent('refunded', 'refund', refund))).dbOps;
    row('order.refunded db requests', String(refunded), '8', refunded <= 8);
    const history = await call(cloud.url, 'member', { action: 'history', kind: 'points' }, 'bench-buyer');
    row('member.history db requests', String(history.dbOps));
    const run = await trigger(cloud.url);
    row('daily review db requests per member', run.reviewed ? (run.dbOps / run.reviewed).toFixed(1) : 'none due');
  } finally {
    await cloud.cleanup();
  }
}

export async function benchLoyalty(): Promise<void> {
  console.log('\nLoyalty engine');
  await requestCounts();
}
