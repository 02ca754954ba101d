// What a signed channel may deliver: payment times inside the late-delivery window and the clock skew (a late order
// judged as of its payment time, no growth outside the current growth window), and only its own orders to refund
// or review (a staff purchase is the channel 'store'). Every refusal writes nothing.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { orderPoints } from '../../cloudfunctions/core/earning';
import { planOrderGrowth } from '../../cloudfunctions/core/growth';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase, type Dump } from '../helpers/dump';
import { refundsOf, seedMallFixtures } from '../helpers/mall';
import { paidEvent, refundEvent, signed, TEST_CHANNEL } from '../helpers/orders';

const OTHER_CHANNEL = { _id: 'other-pos', name: '另一家 POS', secret: 'other-secret-456', active: true };
const asOther = { channel: OTHER_CHANNEL._id, secret: OTHER_CHANNEL.secret };
const DAY = 86_400_000;

let t: TestCloud;
let seq = 0;

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '0'; // workers inherit it: the growth-window test's rule change is seen at once
  t = await startTestCloud({ seed: 'empty' });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL, OTHER_CHANNEL]);
  await seedMallFixtures(t);
});

afterAll(async () => {
  await t.stop();
  delete process.env.LOYALTY_CONFIG_TTL_MS;
});

async function newMember(openid: string): Promise<string> {
  const r = await t.call('member', { action: 'login' }, openid);
  return r.body.data.member.memberNo;
}

const order = (memberNo: string, amountFen: number, paidAt: Date) => ({
  orderId: `CH-${Date.now()}-${++seq}`, memberNo, amountFen, paidAt: paidAt.toISOString(), storeId: 'store-1', format: 'mall',
  items: [{ sku: 'sku-1', name: '衬衫', category: '服饰', quantity: 1, amountFen }],
});

/** Every collection but the nonces a signed delivery records even when it is refused. */
const state = (): Dump => {
  const { channel_nonces: _nonces, ...rest } = dumpDatabase(t);
  return rest;
};

type MemberView = { growth: { total: number }; tierLevel: number; points: { balance: number; lots: Array<{ lotId: string; earnedAt: unknown; expiresAt: unknown }> } };
const memberDoc = (openid: string) => t.cloud.db.find('members', { openid }).docs[0] as MemberView;

describe('payment time', () => {
  test('an order paid 31 days ago is refused and writes nothing', async () => {
    const memberNo = await newMember('late-31');
    const before = state();
    const r = await t.call('order', paidEvent(order(memberNo, 10000, new Date(Date.now() - 31 * DAY))));
    expect(r.body.error).toEqual({ code: 'INVALID_INPUT', message: '支付时间早于可补录期限（30 天）' });
    expect(state()).toEqual(before);
  });

  test('an order "paid" in 2000 is refused', async () => {
    const memberNo = await newMember('late-2000');
    const before = state();
    const r = await t.call('order', paidEvent(order(memberNo, 100_000_00, new Date('2000-06-18T10:00:00+08:00'))));
    expect(r.body.error).toEqual({ code: 'INVALID_INPUT', message: '支付时间早于可补录期限（30 天）' });
    expect(state()).toEqual(before);
    expect(memberDoc('late-2000')).toMatchObject({ tierLevel: 0, growth: { total: 0 } });
  });

  test('an order paid 29 days ago is accepted and judged as of its payment time', async () => {
    const memberNo = await newMember('late-29');
    const paidAt = new Date(Date.now() - 29 * DAY);
    const o = order(memberNo, 25680, paidAt);
    const r = await t.call('order', paidEvent(o));
    expect(r.body.ok).toBe(true);
    const points = orderPoints({ amountFen: 25680, paidAt, storeFormat: 'mall' }, DEFAULT_CONFIG.tiers[0], DEFAULT_CONFIG);
    const growth = planOrderGrowth({ orderId: o.orderId, paidFen: 25680, paidAt, categories: ['服饰'] }, [], DEFAULT_CONFIG);
    expect(r.body.data).toMatchObject({ pointsEarned: points.points, multiplier: points.multiplier, growthEarned: growth.amount, replayed: false });
    expect(growth.amount).toBeGreaterThan(0);
    const m = memberDoc('late-29');
    expect(m.growth.total).toBe(growth.amount);
    const entry = t.cloud.db.find('growth_ledger', { openid: 'late-29', key: `order:${o.orderId}` }).docs[0] as { amount: number; at: unknown };
    expect(entry.amount).toBe(growth.amount);
    expect(new Date(entry.at as string).getTime()).toBe(paidAt.getTime());
    // Its points sit in a lot earned at the payment time, not expired.
    const lot = m.points.lots.find((l) => l.lotId.includes(o.orderId))!;
    expect(new Date(lot.earnedAt as string).getTime()).toBe(paidAt.getTime());
    expect(new Date(lot.expiresAt as string).getTime()).toBeGreaterThan(Date.now());
  });

  test('a payment time beyond the clock skew is refused; within it accepted', async () => {
    const memberNo = await newMember('future');
    const before = state();
    const r = await t.call('order', paidEvent(order(memberNo, 1000, new Date(Date.now() + 10 * 60_000))));
    expect(r.body.error).toEqual({ code: 'INVALID_INPUT', message: '支付时间不能晚于当前时间' });
    expect(state()).toEqual(before);
    const soon = await t.call('order', paidEvent(order(memberNo, 1000, new Date(Date.now() + 2 * 60_000))));
    expect(soon.body.ok).toBe(true);
  });

  test('the late-delivery window and the clock skew are configuration', async () => {
    const set = await t.call('admin', { action: 'setConfig', rules: { orders: { lateDeliveryDays: 7, clockSkewMinutes: 1 } }, expectedVersion: 0 }, 'admin-1');
    expect(set.body.ok).toBe(true);
    try {
      const memberNo = await newMember('configured');
      const before = state();
      const late = await t.call('order', paidEvent(order(memberNo, 1000, new Date(Date.now() - 8 * DAY))));
      expect(late.body.error).toEqual({ code: 'INVALID_INPUT', message: '支付时间早于可补录期限（7 天）' });
      const ahead = await t.call('order', paidEvent(order(memberNo, 1000, new Date(Date.now() + 3 * 60_000))));
      expect(ahead.body.error).toEqual({ code: 'INVALID_INPUT', message: '支付时间不能晚于当前时间' });
      expect(state()).toEqual(before);
      expect((await t.call('order', paidEvent(order(memberNo, 1000, new Date(Date.now() - 6 * DAY))))).body.ok).toBe(true);
    } finally {
      expect((await t.call('admin', { action: 'setConfig', rules: {}, expectedVersion: 1 }, 'admin-1')).body.ok).toBe(true);
    }
  });

  test('a staff purchase goes through the same path: recorded now, refused 40 days back', async () => {
    const memberNo = await newMember('till-buyer');
    const base = { action: 'recordPurchase', memberNo, amountFen: 5000, items: [{ sku: 's1', name: '衬衫', category: '服饰', quantity: 1, amountFen: 5000 }] };
    const now = await t.call('staff', { ...base, orderId: 'TILL-NOW' }, 'clerk-mall');
    expect(now.body.ok).toBe(true);
    const before = state();
    // Refused by the order path's window or, first, by the staff backdating rules: either way nothing is recorded.
    const old = await t.call('staff', { ...base, orderId: 'TILL-OLD', paidAt: new Date(Date.now() - 40 * DAY).toISOString() }, 'clerk-mall');
    expect(old.body.ok).toBe(false);
    expect(state()).toEqual(before);
  });
});

describe('a channel acts only on its own orders', () => {
  test("another channel's refund or review of an order is NOT_FOUND and changes nothing", async () => {
    const memberNo = await newMember('owned-1');
    const o = order(memberNo, 20000, new Date());
    expect((await t.call('order', paidEvent(o))).body.ok).toBe(true);
    const before = state();
    const refund = { refundId: `${o.orderId}-R`, orderId: o.orderId, amountFen: 20000, refundedAt: new Date().toISOString() };
    const r = await t.call('order', refundEvent(refund, asOther));
    expect(r.body.error).toEqual({ code: 'NOT_FOUND', message: '订单不存在' });
    const review = { reviewId: `${o.orderId}-V`, orderId: o.orderId, withPhoto: true, reviewedAt: new Date().toISOString() };
    const v = await t.call('order', signed('reviewed', 'review', review, asOther));
    expect(v.body.error).toEqual({ code: 'NOT_FOUND', message: '订单不存在' });
    // The same order id delivered by the other channel is another order: taken, not the first one's answer.
    const p = await t.call('order', paidEvent(o, asOther));
    expect(p.body.error).toEqual({ code: 'ALREADY_EXISTS', message: '订单号已存在且内容不一致' });
    expect(state()).toEqual(before);
    expect(refundsOf(t, o.orderId)).toBeUndefined();
    expect(t.cloud.db.find('growth_ledger', { openid: 'owned-1', key: `review:${o.orderId}` }).total).toBe(0);
    // Its own channel still can.
    expect((await t.call('order', signed('reviewed', 'review', review))).body.data).toMatchObject({ orderId: o.orderId, credited: true });
    expect((await t.call('order', refundEvent(refund))).body.data).toMatchObject({ orderId: o.orderId, fullyRefunded: true });
  });

  test("a staff purchase (channel 'store') is not any signed channel's to refund or review", async () => {
    const memberNo = await newMember('owned-store');
    const p = await t.call('staff', { action: 'recordPurchase', memberNo, orderId: 'TILL-OWN', amountFen: 8800 }, 'clerk-mall');
    expect(p.body.ok).toBe(true);
    const orderId = 'st-mall:TILL-OWN';
    const before = state();
    for (const opts of [undefined, asOther]) {
      const r = await t.call('order', refundEvent({ refundId: `${orderId}-R`, orderId, amountFen: 8800, refundedAt: new Date().toISOString() }, opts));
      expect(r.body.error).toEqual({ code: 'NOT_FOUND', message: '订单不存在' });
      const v = await t.call('order', signed('reviewed', 'review', { reviewId: `${orderId}-V`, orderId, withPhoto: true, reviewedAt: new Date().toISOString() }, opts));
      expect(v.body.error).toEqual({ code: 'NOT_FOUND', message: '订单不存在' });
    }
    expect(state()).toEqual(before);
  });
});

describe('the growth window', () => {
  test('an accepted late order paid before the current growth window starts earns points but no growth', async () => {
    // A 1-month rolling window and a 60-day late-delivery window: an order paid 40 days ago is accepted, outside it.
    const set = await t.call('admin', { action: 'setConfig', rules: { growth: { window: { mode: 'rolling', months: 1 } }, orders: { lateDeliveryDays: 60 } }, expectedVersion: 2 }, 'admin-1');
    expect(set.body.ok).toBe(true);
    const memberNo = await newMember('before-window');
    const paidAt = new Date(Date.now() - 40 * DAY);
    const o = order(memberNo, 500_000_00, paidAt);
    const r = await t.call('order', paidEvent(o));
    expect(r.body.ok).toBe(true);
    expect(r.body.data.pointsEarned).toBeGreaterThan(0);
    expect(r.body.data).toMatchObject({ growthEarned: 0, tier: { change: 'none', toLevel: 0 } });
    expect(memberDoc('before-window')).toMatchObject({ tierLevel: 0, growth: { total: 0 } });
    const growth = t.cloud.db.find('growth_ledger', { openid: 'before-window' }, { limit: 100 }).docs as Array<{ amount: number }>;
    expect(growth.reduce((s, g) => s + g.amount, 0)).toBe(0);
    // No upgrade gift either: the ledger has the welcome bonus and the order's points only.
    const keys = (t.cloud.db.find('point_ledger', { openid: 'before-window' }, { limit: 100 }).docs as Array<{ key: string }>).map((e) => e.key).sort();
    expect(keys).toEqual([`order:${o.orderId}`, 'registration']);
  });
});
