// Orders and refunds through the local cloud with the real SDK: signatures, replays, concurrency, proportional
// refunds and negative balances. Every test checks the ledger, not just the answer.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { orderPoints } from '../../cloudfunctions/core/earning';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, refundEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let seq = 0;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 6 });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  await t.cloud.db.insertMany('staff', [{ _id: 'admin-1', openid: 'admin-1', name: '管理员', role: 'admin', storeId: null, active: true }]);
});

afterAll(async () => {
  await t.stop();
});

async function newMember(openid: string): Promise<string> {
  const r = await t.call('member', { action: 'login' }, openid);
  return r.body.data.member.memberNo;
}

const ledger = (openid: string) => t.cloud.db.find('point_ledger', { openid }, { limit: 1000 }).docs as Array<{ amount: number; key: string; type: string; balanceAfter: number }>;
const memberDoc = (openid: string) => t.cloud.db.find('members', { openid }).docs[0] as { points: { balance: number; debt: number }; growth: { total: number }; tierLevel: number };
const lotsSum = (openid: string) => (t.cloud.db.find('members', { openid }).docs[0] as { points: { lots: Array<{ remaining: number }> } }).points.lots.reduce((s, l) => s + l.remaining, 0);

function expectConsistent(openid: string) {
  const m = memberDoc(openid);
  expect(m.points.balance).toBe(ledger(openid).reduce((s, e) => s + e.amount, 0));
  expect(m.points.balance).toBe(lotsSum(openid) - m.points.debt);
}

const order = (memberNo: string, amountFen: number, extra: object = {}) => ({
  orderId: `T-${Date.now()}-${++seq}`, memberNo, amountFen, paidAt: new Date().toISOString(), storeId: 'store-1', format: 'mall',
  items: [{ sku: 'sku-1', name: '衬衫', category: '服饰', quantity: 1, amountFen }], ...extra,
});

describe('order.paid', () => {
  test('earns points by the rules, consumption growth, and records the order', async () => {
    const memberNo = await newMember('buyer-1');
    const o = order(memberNo, 25680);
    const r = await t.call('order', paidEvent(o));
    expect(r.body.ok).toBe(true);
    const expected = orderPoints({ amountFen: 25680, paidAt: new Date(o.paidAt), storeFormat: 'mall' }, DEFAULT_CONFIG.tiers[0], DEFAULT_CONFIG).points;
    expect(r.body.data).toMatchObject({ orderId: o.orderId, pointsEarned: expected, replayed: false, balance: 100 + expected });
    expect(r.body.data.growthEarned).toBeGreaterThan(0);
    expect(memberDoc('buyer-1').growth.total).toBe(r.body.data.growthEarned);
    expect(ledger('buyer-1').map((e) => e.key).sort()).toEqual([`order:${o.orderId}`, 'registration']);
    expectConsistent('buyer-1');
  });

  test('50 concurrent deliveries of one order earn once and all answer the same result', async () => {
    const memberNo = await newMember('buyer-50');
    const o = order(memberNo, 9900);
    const results = await Promise.all(Array.from({ length: 50 }, () => t.call('order', paidEvent(o))));
    expect(results.every((r) => r.body.ok)).toBe(true);
    expect(new Set(results.map((r) => r.body.data.pointsEarned)).size).toBe(1);
    expect(results.filter((r) => !r.body.data.replayed)).toHaveLength(1);
    expect(ledger('buyer-50').filter((e) => e.key === `order:${o.orderId}`)).toHaveLength(1);
    expect(t.cloud.db.find('growth_ledger', { openid: 'buyer-50' }).total).toBe(1);
    expectConsistent('buyer-50');
  }, 60_000);

  test('a replay with different content is ALREADY_EXISTS and changes nothing', async () => {
    const memberNo = await newMember('buyer-conflict');
    const o = order(memberNo, 1000);
    await t.call('order', paidEvent(o));
    const before = memberDoc('buyer-conflict').points.balance;
    const r = await t.call('order', paidEvent({ ...o, amountFen: 2000, items: [{ ...o.items[0], amountFen: 2000 }] }));
    expect(r.body.error).toEqual({ code: 'ALREADY_EXISTS', message: '订单号已存在且内容不一致' });
    expect(memberDoc('buyer-conflict').points.balance).toBe(before);
  });

  test.each([
    ['a wrong signature', (o: object) => ({ ...paidEvent(o), signature: 'f'.repeat(64) }), '签名无效'],
    ['a wrong secret', (o: object) => paidEvent(o, { secret: 'guess' }), '签名无效'],
    ['a stale timestamp', (o: object) => paidEvent(o, { at: new Date(Date.now() - 10 * 60_000) }), '请求已过期，请校准时间后重试'],
    ['an unknown channel', (o: object) => paidEvent(o, { channel: 'nope' }), '未知或已停用的渠道'],
    ['a tampered amount', (o: object) => ({ ...paidEvent(o), order: { ...o, amountFen: 999999 } }), '签名无效'],
  ])('%s is UNAUTHENTICATED and writes nothing', async (_name, build, message) => {
    const memberNo = await newMember(`sig-${seq}`);
    const o = order(memberNo, 5000);
    const r = await t.call('order', build(o));
    expect(r.body).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message } });
    expect(t.cloud.db.find('orders', { _id: o.orderId }).total).toBe(0);
  });

  test.each([
    [{ amountFen: 0 }, '订单金额不能小于 1'],
    [{ amountFen: 12.5 }, '订单金额必须是整数'],
    [{ memberNo: 'abc' }, '会员号长度不能少于 6 位'],
    [{ paidAt: 'yesterday at noon' }, '支付时间格式不正确'],
    [{ paidAt: '2026-13-45T25:00:00Z' }, '支付时间不是有效的时间'],
    [{ openid: 'someone' }, '不支持的参数 order.openid'],
  ])('bad input %j is INVALID_INPUT', async (patch, message) => {
    const r = await t.call('order', paidEvent({ ...order('80000000001', 100), ...patch }));
    expect(r.body.error).toEqual({ code: 'INVALID_INPUT', message });
  });

  test('items that do not add up to the amount, a future payment time, and an unknown member are refused', async () => {
    const memberNo = await newMember('buyer-checks');
    const o = order(memberNo, 5000);
    expect((await t.call('order', paidEvent({ ...o, items: [{ ...o.items[0], amountFen: 4000 }] }))).body.error.message).toBe('商品金额合计与订单金额不一致');
    expect((await t.call('order', paidEvent({ ...o, paidAt: new Date(Date.now() + 3600e3).toISOString() }))).body.error.message).toBe('支付时间不能晚于当前时间');
    expect((await t.call('order', paidEvent({ ...o, memberNo: '99999999999' }))).body.error).toEqual({ code: 'NOT_FOUND', message: '会员不存在' });
    expect(ledger('buyer-checks')).toHaveLength(1);
  });
});

describe('order.refunded', () => {
  test('partial refunds reverse in proportion and add up exactly at the full refund', async () => {
    const memberNo = await newMember('refunder');
    const o = order(memberNo, 10000);
    const paid = (await t.call('order', paidEvent(o))).body.data;
    const refunds = [3333, 3333, 3334];
    let reversed = 0;
    let growthReversed = 0;
    for (const [i, fen] of refunds.entries()) {
      const r = await t.call('order', refundEvent({ refundId: `${o.orderId}-R${i}`, orderId: o.orderId, amountFen: fen, refundedAt: new Date().toISOString() }));
      expect(r.body.ok).toBe(true);
      reversed += r.body.data.pointsReversed;
      growthReversed += r.body.data.growthReversed;
    }
    expect(reversed).toBe(paid.pointsEarned);
    expect(growthReversed).toBe(paid.growthEarned);
    expect(memberDoc('refunder').points.balance).toBe(100);
    expect(memberDoc('refunder').growth.total).toBe(0);
    const over = await t.call('order', refundEvent({ refundId: `${o.orderId}-R9`, orderId: o.orderId, amountFen: 1, refundedAt: new Date().toISOString() }));
    expect(over.body.error).toEqual({ code: 'INVALID_INPUT', message: '退款金额超过订单实付金额' });
    expectConsistent('refunder');
  });

  test('a refund after the points were spent leaves a debt that the next earning settles first', async () => {
    const memberNo = await newMember('spender');
    const o = order(memberNo, 50000);
    const paid = (await t.call('order', paidEvent(o))).body.data;
    const spend = await t.call('admin', { action: 'adjustPoints', memberNo, amount: -paid.balance, reason: '测试扣减全部积分', requestId: 'spend-all-0001' }, 'admin-1');
    expect(spend.body.data.balance).toBe(0);
    const refund = await t.call('order', refundEvent({ refundId: `${o.orderId}-R`, orderId: o.orderId, amountFen: 50000, refundedAt: new Date().toISOString() }));
    expect(refund.body.data).toMatchObject({ pointsReversed: paid.pointsEarned, balance: -paid.pointsEarned, debt: paid.pointsEarned });
    expectConsistent('spender');
    const gifts = () => ledger('spender').filter((e) => e.key.startsWith('upgradeGift:')).reduce((s, e) => s + e.amount, 0);
    const giftsBefore = gifts();
    const next = await t.call('order', paidEvent(order(memberNo, 100000)));
    // The new earning (and any upgrade gift it brings) pays the debt first.
    expect(next.body.data.balance).toBe(next.body.data.pointsEarned + (gifts() - giftsBefore) - paid.pointsEarned);
    expect(memberDoc('spender').points.debt).toBe(0);
    expectConsistent('spender');
  });

  test('20 concurrent deliveries of one refund reverse once', async () => {
    const memberNo = await newMember('refund-20');
    const o = order(memberNo, 8800);
    await t.call('order', paidEvent(o));
    const refund = { refundId: `${o.orderId}-R`, orderId: o.orderId, amountFen: 4400, refundedAt: new Date().toISOString() };
    // Each delivery is its own signed request (a nonce is accepted once), all for the same refund.
    const results = await Promise.all(Array.from({ length: 20 }, () => t.call('order', refundEvent(refund))));
    expect(results.every((r) => r.body.ok)).toBe(true);
    expect(results.filter((r) => !r.body.data.replayed)).toHaveLength(1);
    expect(ledger('refund-20').filter((e) => e.type === 'reverse')).toHaveLength(1);
    expectConsistent('refund-20');
  }, 60_000);

  test('a refund of an unknown order is NOT_FOUND', async () => {
    const r = await t.call('order', refundEvent({ refundId: 'R-x', orderId: 'no-such-order', amountFen: 100, refundedAt: new Date().toISOString() }));
    expect(r.body.error).toEqual({ code: 'NOT_FOUND', message: '订单不存在' });
  });
});

describe('concurrent debits', () => {
  test('30 concurrent deductions never drive the balance below zero', async () => {
    const memberNo = await newMember('debit-30');
    await t.call('order', paidEvent(order(memberNo, 20000))); // 100 + 200 points (or 400 on a double day)
    const balance = memberDoc('debit-30').points.balance;
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      t.call('admin', { action: 'adjustPoints', memberNo, amount: -50, reason: '并发扣减测试', requestId: `debit-30-${String(i).padStart(4, '0')}` }, 'admin-1')));
    const ok = results.filter((r) => r.body.ok);
    expect(ok).toHaveLength(Math.floor(balance / 50));
    expect(results.filter((r) => !r.body.ok).every((r) => r.body.error.code === 'INSUFFICIENT_POINTS')).toBe(true);
    expect(memberDoc('debit-30').points.balance).toBe(balance - 50 * ok.length);
    expect(memberDoc('debit-30').points.balance).toBeGreaterThanOrEqual(0);
    expectConsistent('debit-30');
  }, 60_000);
});
