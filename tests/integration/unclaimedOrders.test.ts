// Orders that name the member by a bound phone (order.paid with `phone`), through the local cloud: a bound phone's
// member earns at once; a phone nobody has bound keeps the order unclaimed until a member binds it
// (member.bindPhone), then it earns points and growth at the rules of its payment time, exactly once under
// replays, concurrent binds and a delivery racing the bind, and not at all past the late-delivery window (kept as
// tooLate). Spend-threshold campaigns (满 300 元 积分 ×2, 满 500 元 送 100 积分) with the other multipliers.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { paidEvent, refundEvent, TEST_CHANNEL } from '../helpers/orders';

const DAY = 86_400_000;
let t: TestCloud;
let seq = 0;

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '0';
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 6 });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  await t.cloud.db.insertMany('staff', [
    { _id: 'admin-1', openid: 'admin-1', name: '管理员', role: 'admin', storeId: null, active: true },
    { _id: 'analyst-1', openid: 'analyst-1', name: '分析师', role: 'analyst', storeId: null, active: true },
  ]);
}, 60_000);

afterAll(async () => {
  await t.resetClock();
  await t.stop();
  delete process.env.LOYALTY_CONFIG_TTL_MS;
});

const ledger = (openid: string) => t.cloud.db.find('point_ledger', { openid }, { limit: 1000 }).docs as Array<{ amount: number; key: string }>;
const memberDoc = (openid: string) => t.cloud.db.find('members', { openid }).docs[0] as { points: { balance: number; lots: Array<{ remaining: number }> }; growth: { total: number; consumption: number } };
const unclaimed = (id: string) => t.cloud.db.find('unclaimed_orders', { _id: id }).docs[0] as { status: string; openid: string | null } | undefined;
const orderOf = (phone: string, amountFen: number, paidAt: string, extra: object = {}) => ({ orderId: `U-${Date.now()}-${++seq}`, phone, amountFen, paidAt, format: 'mall', ...extra });
const pay = (order: object, at?: Date) => t.call('order', paidEvent(order, at ? { at } : undefined));
const bind = (openid: string, phone: string) => t.call('member', { action: 'bindPhone', code: phone }, openid);
const login = (openid: string) => t.call('member', { action: 'login' }, openid);

function expectConsistent(openid: string) {
  const m = memberDoc(openid);
  expect(m.points.balance).toBe(ledger(openid).reduce((s, e) => s + e.amount, 0));
  expect(m.points.balance).toBe(m.points.lots.reduce((s, l) => s + l.remaining, 0));
}

describe('orders by bound phone', () => {
  test("a bound phone's member earns at once, like an order by member number", async () => {
    await login('ph-a');
    await bind('ph-a', '13511110001');
    const o = orderOf('13511110001', 25000, new Date(Date.now() - 60_000).toISOString());
    const r = await pay(o);
    expect(r.body.data).toMatchObject({ orderId: o.orderId, pointsEarned: 250, balance: 350, replayed: false });
    expect((await pay(o)).body.data).toMatchObject({ pointsEarned: 250, replayed: true });
    expect(ledger('ph-a').filter((e) => e.key === `order:${o.orderId}`)).toHaveLength(1);
    expectConsistent('ph-a');
  });

  test('an unbound phone keeps the order; binding it credits points and growth at the rules of its payment time', async () => {
    try {
      // Paid on the 18th (double points) at 10:00 Shanghai; bound a week later.
      await t.setClock('2026-11-18T02:05:00.000Z');
      const o = orderOf('13522220001', 12345, '2026-11-18T10:00:00+08:00');
      const first = await pay(o, new Date('2026-11-18T02:05:00.000Z'));
      expect(first.body.data).toEqual({ orderId: o.orderId, unclaimed: true, phone: '135****0001', claimableUntil: '2026-12-18T02:00:00.000Z', replayed: false });
      const again = await pay(o, new Date('2026-11-18T02:06:00.000Z'));
      expect(again.body.data).toEqual({ ...first.body.data, replayed: true });
      expect((await pay({ ...o, amountFen: 100 }, new Date('2026-11-18T02:06:00.000Z'))).body.error).toEqual({ code: 'ALREADY_EXISTS', message: '订单号已存在且内容不一致' });
      expect(unclaimed(o.orderId)).toMatchObject({ status: 'unclaimed', openid: null });
      expect(t.cloud.db.find('orders', { _id: o.orderId }).docs).toHaveLength(0);

      await t.setClock('2026-11-25T04:00:00.000Z');
      await login('ph-b');
      const bound = await bind('ph-b', '13522220001');
      // 123.45 yuan × 2 (the 18th) = 246 points; growth: 123 (per yuan) + 5 (purchase day) = 128 raw × 1.8 = 230.
      expect(bound.body.data).toEqual({ phone: '135****0001', changed: true, orders: { credited: 1, pointsEarned: 246, growthEarned: 230, tooLate: 0 } });
      expect(ledger('ph-b').map((e) => [e.key, e.amount]).sort()).toEqual([[`order:${o.orderId}`, 246], ['registration', 100]]);
      expect(memberDoc('ph-b').growth).toMatchObject({ total: 230, consumption: 230 });
      expect(unclaimed(o.orderId)).toMatchObject({ status: 'claimed', openid: 'ph-b' });
      expect(t.cloud.db.find('orders', { _id: o.orderId }).docs[0]).toMatchObject({ openid: 'ph-b', channel: TEST_CHANNEL._id, paidFen: 12345 });
      // A replay of the bind and a replayed delivery of the order credit nothing again.
      expect((await bind('ph-b', '13522220001')).body.data.orders).toEqual({ credited: 0, pointsEarned: 0, growthEarned: 0, tooLate: 0 });
      expect((await pay(o, new Date('2026-11-25T04:00:00.000Z'))).body.data).toMatchObject({ orderId: o.orderId, pointsEarned: 246, replayed: true });
      expect(ledger('ph-b')).toHaveLength(2);
      expectConsistent('ph-b');
    } finally {
      await t.resetClock();
    }
  });

  test('eight concurrent binds credit each unclaimed order once', async () => {
    const paidAt = new Date(Date.now() - 3_600_000).toISOString();
    const orders = [orderOf('13533330001', 10000, paidAt), orderOf('13533330001', 20000, paidAt)];
    for (const o of orders) expect((await pay(o)).body.data.unclaimed).toBe(true);
    await login('ph-c');
    const answers = await Promise.all(Array.from({ length: 8 }, () => bind('ph-c', '13533330001')));
    expect(answers.every((a) => a.body.ok)).toBe(true);
    const credited = answers.reduce((s, a) => s + a.body.data.orders.credited, 0);
    const points = answers.reduce((s, a) => s + a.body.data.orders.pointsEarned, 0);
    expect([credited, points]).toEqual([2, 300]);
    expect(ledger('ph-c').filter((e) => e.key.startsWith('order:')).map((e) => e.amount).sort()).toEqual([100, 200]);
    // 100 + 300, and the 银牌 upgrade gift (their growth, 189 + 360 = 549, passed 501).
    expect(memberDoc('ph-c').points.balance).toBe(100 + 300 + DEFAULT_CONFIG.tiers[1].upgradeGiftPoints!);
    for (const o of orders) expect(unclaimed(o.orderId)?.status).toBe('claimed');
    expectConsistent('ph-c');
  });

  test('a delivery racing the bind is credited once, whichever comes first', async () => {
    await login('ph-d');
    const o = orderOf('13544440001', 30000, new Date(Date.now() - 60_000).toISOString());
    const [paid, bound] = await Promise.all([pay(o), bind('ph-d', '13544440001')]);
    expect(paid.body.ok && bound.body.ok).toBe(true);
    expect(ledger('ph-d').filter((e) => e.key === `order:${o.orderId}`).map((e) => e.amount)).toEqual([300]);
    expect((await pay(o)).body.data).toMatchObject({ pointsEarned: 300, replayed: true });
    expect(unclaimed(o.orderId)?.status ?? 'claimed').toBe('claimed');
    expectConsistent('ph-d');
  });

  test('bound after the late-delivery window: nothing credited, the order kept as tooLate', async () => {
    try {
      await t.setClock('2026-10-01T04:00:00.000Z');
      const o = orderOf('13555550001', 50000, '2026-10-01T11:00:00+08:00');
      expect((await pay(o, new Date('2026-10-01T04:00:00.000Z'))).body.data.claimableUntil).toBe('2026-10-31T03:00:00.000Z');
      await t.setClock('2026-10-31T03:00:01.000Z');
      await login('ph-e');
      expect((await bind('ph-e', '13555550001')).body.data.orders).toEqual({ credited: 0, pointsEarned: 0, growthEarned: 0, tooLate: 1 });
      expect(unclaimed(o.orderId)).toMatchObject({ status: 'tooLate', openid: 'ph-e' });
      expect(ledger('ph-e').map((e) => e.key)).toEqual(['registration']);
      expect((await bind('ph-e', '13555550001')).body.data.orders.tooLate).toBe(0);
      // Operators see it under 待认领订单 · 已过期 with who bound the phone; an analyst sees the number masked.
      const memberNo = (t.cloud.db.find('members', { openid: 'ph-e' }).docs[0] as { memberNo: string }).memberNo;
      const listed = (await t.call('catalog', { action: 'unclaimedOrders', status: 'tooLate' }, 'admin-1')).body.data;
      expect(listed.items).toContainEqual({
        orderId: o.orderId, channel: TEST_CHANNEL._id, phone: '13555550001', phoneMasked: false, amountFen: 50000, paidAt: '2026-10-01T03:00:00.000Z',
        status: 'tooLate', claimableUntil: '2026-10-31T03:00:00.000Z', memberNo, claimedAt: expect.stringMatching(/^2026-10-31T03:00:0/), createdAt: expect.stringMatching(/^2026-10-01T04:00:/),
      });
      const masked = (await t.call('catalog', { action: 'unclaimedOrders', status: 'tooLate' }, 'analyst-1')).body.data.items.find((i: { orderId: string }) => i.orderId === o.orderId);
      expect(masked).toMatchObject({ phone: '135****0001', phoneMasked: true });
      expect((await t.call('catalog', { action: 'unclaimedOrders', status: 'unclaimed' }, 'admin-1')).body.data.items.map((i: { orderId: string }) => i.orderId)).not.toContain(o.orderId);
    } finally {
      await t.resetClock();
    }
  });

  test('a refund while unclaimed waits with the order and is reversed right after the claim, once', async () => {
    const paidAt = new Date(Date.now() - 3_600_000).toISOString();
    const o = orderOf('13566660002', 40000, paidAt);
    expect((await pay(o)).body.data.unclaimed).toBe(true);
    const refund = { refundId: `${o.orderId}-R1`, orderId: o.orderId, amountFen: 10000, refundedAt: new Date().toISOString() };
    expect((await t.call('order', refundEvent(refund))).body.data).toEqual({ refundId: refund.refundId, orderId: o.orderId, unclaimed: true, fullyRefunded: false, replayed: false });
    expect((await t.call('order', refundEvent(refund))).body.data).toMatchObject({ unclaimed: true, replayed: true });
    expect((await t.call('order', refundEvent({ ...refund, amountFen: 999 }))).body.error.code).toBe('ALREADY_EXISTS');
    expect((await t.call('order', refundEvent({ ...refund, refundId: `${o.orderId}-R2`, amountFen: 30001 }))).body.error).toEqual({ code: 'INVALID_INPUT', message: '退款金额超过订单实付金额' });
    await login('ph-f');
    const bound = await bind('ph-f', '13566660002');
    // 400 points credited, then a quarter reversed by the refund: 300 net.
    expect(bound.body.data.orders).toMatchObject({ credited: 1, pointsEarned: 400 });
    const keys = ledger('ph-f').map((e) => [e.key, e.amount]);
    expect(keys).toContainEqual([`order:${o.orderId}`, 400]);
    expect(ledger('ph-f').filter((e) => e.key.includes(refund.refundId)).map((e) => e.amount)).toEqual([-100]);
    // The channel's replay of the refund after the claim answers the member's reversal, once.
    expect((await t.call('order', refundEvent(refund))).body.data).toMatchObject({ refundId: refund.refundId, pointsReversed: 100, replayed: true });
    const after = await t.call('order', refundEvent({ ...refund, refundId: `${o.orderId}-R3`, amountFen: 30000 }));
    expect(after.body.data).toMatchObject({ pointsReversed: 300, fullyRefunded: true, replayed: false });
    // Registration and the 银牌 upgrade gift of the claim's growth remain (a refund leaves the tier to the next review).
    expect(memberDoc('ph-f').points.balance).toBe(100 + DEFAULT_CONFIG.tiers[1].upgradeGiftPoints!);
    expectConsistent('ph-f');
  });

  test('an order names exactly one of member number and phone; nothing is written otherwise', async () => {
    const before = dumpDatabase(t);
    const paidAt = new Date().toISOString();
    const both = await pay({ orderId: 'U-both', memberNo: '80000000001', phone: '13566660001', amountFen: 100, paidAt });
    expect(both.body.error).toEqual({ code: 'INVALID_INPUT', message: '会员号与手机号须且只能填写一项' });
    expect((await pay({ orderId: 'U-none', amountFen: 100, paidAt })).body.error.code).toBe('INVALID_INPUT');
    expect((await pay({ orderId: 'U-bad', phone: '2356666000', amountFen: 100, paidAt })).body.error.code).toBe('INVALID_INPUT');
    expect(dumpDatabase(t).unclaimed_orders).toEqual(before.unclaimed_orders);
    expect(dumpDatabase(t).orders).toEqual(before.orders);
  });
});

describe('spend-threshold campaigns', () => {
  test('满 300 元 积分 ×2 and 满 500 元 送 100 积分, combined with the tier and the double day', async () => {
    const campaigns = [
      { name: '满300积分翻倍', from: '2026-01-01', to: '2026-12-31', minFen: 30000, multiplier: 2 },
      { name: '满500送100', from: '2026-01-01', to: '2026-12-31', minFen: 50000, bonusPoints: 100 },
    ];
    const set = await t.call('admin', { action: 'setConfig', rules: { points: { campaigns } }, expectedVersion: 0, note: '满额活动' }, 'admin-1');
    expect(set.body.ok).toBe(true);
    const refused = await t.call('admin', { action: 'setConfig', rules: { points: { campaigns: [{ name: '空活动', from: '2026-01-01', to: '2026-12-31', minFen: 100 }] } }, expectedVersion: 1 }, 'admin-1');
    expect(refused.body.error.message).toContain('活动 空活动 需设置活动倍率或赠送积分');
    try {
      await t.setClock('2026-11-10T04:00:00.000Z'); // an ordinary Tuesday
      await login('th-a');
      await bind('th-a', '13577770001');
      const at = new Date('2026-11-10T04:00:00.000Z');
      const paidAt = '2026-11-10T11:00:00+08:00';
      const amounts = [29999, 30000, 50000];
      const earned: Array<[number, number]> = [];
      for (const amountFen of amounts) {
        const r = (await pay(orderOf('13577770001', amountFen, paidAt), at)).body.data;
        earned.push([r.pointsEarned, r.multiplier]);
      }
      // 299.99 yuan: below 满 300, ×1 → 299 (its growth, 547, makes the member 银牌, ×1.2); 300 yuan: 300 × 1.2 × 2 =
      // 720; 500 yuan: 500 × 1.2 × 2 = 1,200 + 100 = 1,300 (then 金牌, ×1.5, by growth 2,023).
      expect(earned).toEqual([[299, 1], [720, 2.4], [1300, 2.4]]);
      // On the 18th (×2) under 'product': ×2 × ×2 × 1.5 = ×6, + 100: 500 yuan → 3,100.
      const product = await t.call('admin', { action: 'setConfig', rules: { points: { campaigns, multiplierCombination: 'product' } }, expectedVersion: 1 }, 'admin-1');
      expect(product.body.ok).toBe(true);
      await t.setClock('2026-11-18T04:00:00.000Z');
      const doubled = await pay(orderOf('13577770001', 50000, '2026-11-18T11:00:00+08:00'), new Date('2026-11-18T04:00:00.000Z'));
      expect(doubled.body.data).toMatchObject({ pointsEarned: 3100, multiplier: 6 });
      // 'highest' again: the double day and 满300 are both ×2 → ×2 × 1.5 = ×3: 1,500 + 100.
      expect((await t.call('admin', { action: 'setConfig', rules: { points: { campaigns } }, expectedVersion: 2 }, 'admin-1')).body.ok).toBe(true);
      const highest = await pay(orderOf('13577770001', 50000, '2026-11-18T11:00:00+08:00'), new Date('2026-11-18T04:00:00.000Z'));
      expect(highest.body.data).toMatchObject({ pointsEarned: 1600, multiplier: 3 });
      expectConsistent('th-a');
    } finally {
      await t.resetClock();
      await t.call('admin', { action: 'setConfig', rules: {}, expectedVersion: 3 }, 'admin-1');
    }
  });
});
