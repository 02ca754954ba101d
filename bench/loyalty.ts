// Loyalty engine figures: database requests per order, replayed order, refund and daily review of one member,
// and the daily review's throughput on 100,000 seeded members.
import { newMember } from '../cloudfunctions/core/member';
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
    row('order.paid db requests (new order)', String((await call(cloud.url, 'order', signedEvent('paid', 'order', order))).dbOps));
    row('order.paid db requests (replayed order)', String((await call(cloud.url, 'order', signedEvent('paid', 'order', order))).dbOps));
    const refund = { refundId: 'BENCH-1-R', orderId: 'BENCH-1', amountFen: 6400, refundedAt: new Date().toISOString() };
    row('order.refunded db requests', String((await call(cloud.url, 'order', signedEvent('refunded', 'refund', refund))).dbOps));
    const history = await call(cloud.url, 'member', { action: 'history', kind: 'points' }, 'bench-buyer');
    row('member.history db requests', String(history.dbOps));
    const run = await trigger(cloud.url);
    row('daily review db requests per member', run.reviewed ? (run.dbOps / run.reviewed).toFixed(1) : 'none due');
  } finally {
    await cloud.cleanup();
  }
}

async function reviewThroughput(total: number) {
  const cloud = await benchCloud('empty');
  try {
    const now = new Date();
    const joined = new Date(now.getTime() - 400 * 86400e3);
    const members = [];

    const growth = [];
    for (let i = 0; i < total; i++) {
      const openid = `bench-${String(i).padStart(6, '0')}`;
      const m = newMember(openid, joined);
      const lot = { lotId: 'registration', amount: 100, remaining: 100, earnedAt: joined, expiresAt: new Date(now.getTime() + 30 * 86400e3), availableAt: joined, format: '', ref: 'registration' };
      members.push({ ...m, points: { balance: 100, debt: 0, pending: 0, lots: [lot] }, reviewAt: new Date(now.getTime() - 1000) });
      growth.push({ _id: `${openid}|seed`, openid, dimension: 'consumption', event: 'order', raw: 50, amount: 90, at: new Date(now.getTime() - 100 * 86400e3), reason: '消费订单', key: 'seed', seq: 1 });
    }
    const seedStart = Date.now();
    await cloud.db.insertMany('members', members);
    await cloud.db.insertMany('point_ledger', members.map((m) => ({ _id: `${m.openid}|registration`, openid: m.openid, type: 'earn', amount: 100, balanceAfter: 100, reason: '注册礼', ref: 'registration', key: 'registration', issuer: 'bench', createdAt: joined, seq: 1000 })));
    
    await cloud.db.insertMany('growth_ledger', growth);
    row(`seeded ${total.toLocaleString('en-US')} members`, `${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    const started = Date.now();
    const run = await trigger(cloud.url); // one invocation: its own 45 s budget
    const seconds = (Date.now() - started) / 1000;
    const rate = run.reviewed / seconds;
    row('daily review: members per second', rate.toFixed(0));
    row('daily review: one invocation reviewed', `${run.reviewed} in ${seconds.toFixed(0)} s`);
    row(`daily review: projected for ${total.toLocaleString('en-US')}`, `${(total / rate / 60).toFixed(1)} min`, 'resumes every 10 min');
  } finally {
    await cloud.cleanup();
  }
}

export async function benchLoyalty(): Promise<void> {
  console.log('\nLoyalty engine');
  await requestCounts();
  await reviewThroughput(Number(process.env.BENCH_MEMBERS ?? 100_000));
}
