// The points mall through the local cloud with the real SDK: atomic redemptions (points from the soonest-expiring
// lots, stock, record), retries, 500 concurrent redemptions of a stock of 50, the rules, cancellation.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { expectConsistent, item, ledgerOf, member, memberDoc, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 6 });
  await seedMallFixtures(t, [
    item('mug', { kind: 'pickup', category: '实物好礼', pointsPrice: 150, stock: 10, fundedBy: { format: 'hotel', storeId: 'st-hotel' } }),
    item('hot', { pointsPrice: 10, stock: 50 }),
    item('replay', { pointsPrice: 20, stock: 100 }),
    item('gold-only', { kind: 'event', pointsPrice: 10, minTierLevel: 2 }),
    item('limited', { pointsPrice: 10, perOrderLimit: 2, perMemberLimit: 3 }),
    item('later', { pointsPrice: 10, saleStart: new Date(Date.now() + 7 * 86400e3) }),
    item('pricey', { pointsPrice: 100000 }),
    item('ship', { kind: 'shipping', category: '实物好礼', pointsPrice: 50 }),
    item('card', { kind: 'giftCard', category: '礼品卡', pointsPrice: 50, faceValueFen: 5000 }),
    item('cancel-me', { pointsPrice: 40, stock: 5 }),
  ]);
});

afterAll(async () => {
  await t.stop();
});

const redeem = (openid: string, itemId: string, requestId: string, extra: object = {}) =>
  t.call('mall', { action: 'redeem', itemId, requestId, ...extra }, openid);

describe('mall.redeem', () => {
  test('spends the soonest-expiring lot first; stock taken outside the member transaction that writes points, record and counts, 11 requests', async () => {
    // Registration at the end of 2025 expires at the end of 2026; the adjustment in 2026 lasts until the end of 2027.
    await t.setClock('2025-12-31T12:00:00+08:00');
    const memberNo = await member(t, 'lots-1');
    await t.setClock('2026-01-02T10:00:00+08:00');
    await t.call('staff', { action: 'adjustPoints', memberNo, amount: 500, reason: '测试充值', requestId: 'lots-1-adjust' }, 'manager-hotel');
    const first = await redeem('lots-1', 'mug', 'req-lots-1-a');
    expect(first.body).toMatchObject({ ok: true, data: { itemId: 'mug', kind: 'pickup', quantity: 1, points: 150, balance: 450, replayed: false } });
    expect(first.body.data.voucher.code).toMatch(/^\d{12}$/);
    const spend = ledgerOf(t, 'lots-1').find((e) => e.type === 'spend')!;
    expect(spend).toMatchObject({ amount: -150, redeemFormat: 'hotel' });
    expect(spend.lots).toEqual([
      { lotId: 'registration', amount: 100, format: '' },
      { lotId: 'adjust:lots-1-adjust', amount: 50, format: '' },
    ]);
    const r = t.cloud.db.find('redemptions', { _id: first.body.data.redemptionId }).docs[0] as Record<string, any>;
    expect(r).toMatchObject({ openid: 'lots-1', itemId: 'mug', status: 'issued', points: 150, voucher: { code: first.body.data.voucher.code, storeIds: ['st-hotel'], formats: [] } });
    expect(t.cloud.db.find('mall_items', { _id: 'mug' }).docs[0]).toMatchObject({ stock: 9, sold: 1, reserved: 0, pendingClaims: [] });
    expect(memberDoc(t, 'lots-1').mall?.redeemed.mug).toBe(1);
    expectConsistent(t, 'lots-1');

    const second = await redeem('lots-1', 'mug', 'req-lots-1-b');
    expect(second.body.ok).toBe(true);
    // Reads of the member and the item, the take, the member transaction (start, get, redemption, ledger entry, the
    // claim's decision, member, commit), the settle.
    expect(second.dbOps).toBeLessThanOrEqual(11);
    await t.resetClock();
  });

  test('one member firing the same request 20 times concurrently gets one redemption', async () => {
    await member(t, 'replayer', 1000);
    const results = await Promise.all(Array.from({ length: 20 }, () => redeem('replayer', 'replay', 'same-request-0001')));
    expect(results.every((r) => r.body.ok)).toBe(true);
    expect(results.filter((r) => !r.body.data.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.data.redemptionId)).size).toBe(1);
    expect(t.cloud.db.find('redemptions', { openid: 'replayer' }).total).toBe(1);
    expect(ledgerOf(t, 'replayer').filter((e) => e.type === 'spend')).toHaveLength(1);
    expect(t.cloud.db.find('mall_items', { _id: 'replay' }).docs[0]).toMatchObject({ stock: 99, sold: 1 });
    expect(memberDoc(t, 'replayer').points.balance).toBe(1100 - 20);
    // Later, the same request id still answers the first result; with another item it is refused (ALREADY_EXISTS).
    const again = await redeem('replayer', 'replay', 'same-request-0001');
    expect(again.body.data).toMatchObject({ replayed: true, redemptionId: results[0].body.data.redemptionId });
    expect((await redeem('replayer', 'hot', 'same-request-0001')).body.error.code).toBe('ALREADY_EXISTS');
    expectConsistent(t, 'replayer');
  });

  test('500 concurrent redemptions by 100 members of a stock of 50 give exactly 50, and no negative balance', async () => {
    const members = Array.from({ length: 100 }, (_, i) => `crowd-${String(i).padStart(3, '0')}`);
    for (const m of members) await t.call('member', { action: 'login' }, m);
    const calls = members.flatMap((m) => Array.from({ length: 5 }, (_, k) => redeem(m, 'hot', `crowd-req-${m}-${k}`)));
    const results = await Promise.all(calls);
    const ok = results.filter((r) => r.body.ok);
    expect(ok).toHaveLength(50);
    const refused = results.filter((r) => !r.body.ok).map((r) => r.body.error.code);
    expect(new Set(refused)).toEqual(new Set(['SOLD_OUT']));
    expect(t.cloud.db.find('mall_items', { _id: 'hot' }).docs[0]).toMatchObject({ stock: 0, sold: 50, reserved: 0, pendingClaims: [] });
    expect(t.cloud.db.find('redemptions', { itemId: 'hot' }).total).toBe(50);
    let spent = 0;
    for (const m of members) {
      expectConsistent(t, m);
      const mine = ledgerOf(t, m).filter((e) => e.type === 'spend');
      spent += mine.length;
      expect(memberDoc(t, m).mall?.redeemed?.hot ?? 0).toBe(mine.length);
    }
    expect(spent).toBe(50);
  }, 180_000);

  test('rules: tier, per-order and per-member limits, sale window, points; a refusal writes nothing', async () => {
    await member(t, 'rules-1', 200);
    const before = ledgerOf(t, 'rules-1').length;
    expect((await redeem('rules-1', 'gold-only', 'rules-req-01')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '仅限金牌会员及以上兑换' });
    expect((await redeem('rules-1', 'limited', 'rules-req-02', { quantity: 3 })).body.error).toEqual({ code: 'LIMIT_REACHED', message: '每次最多兑换 2 件' });
    expect((await redeem('rules-1', 'limited', 'rules-req-03', { quantity: 2 })).body.ok).toBe(true);
    expect((await redeem('rules-1', 'limited', 'rules-req-04', { quantity: 2 })).body.error).toEqual({ code: 'LIMIT_REACHED', message: '每人限兑 3 件，您已兑换 2 件' });
    expect((await redeem('rules-1', 'later', 'rules-req-05')).body.error.code).toBe('NOT_ELIGIBLE');
    expect((await redeem('rules-1', 'pricey', 'rules-req-06')).body.error).toEqual({ code: 'INSUFFICIENT_POINTS', message: '积分不足，还差 99,720 积分' });
    expect((await redeem('rules-1', 'ship', 'rules-req-07')).body.error).toEqual({ code: 'INVALID_INPUT', message: '请填写收货地址' });
    expect((await redeem('rules-1', 'nope', 'rules-req-08')).body.error.code).toBe('NOT_FOUND');
    expect(ledgerOf(t, 'rules-1').length).toBe(before + 1);
    expect(t.cloud.db.find('redemptions', { openid: 'rules-1' }).total).toBe(1);

    const list = (await t.call('mall', { action: 'list' }, 'rules-1')).body.data;
    const byId = Object.fromEntries(list.items.map((i: { id: string }) => [i.id, i]));
    expect(byId['gold-only']).toMatchObject({ canRedeem: false, reason: { code: 'tier', message: '仅限金牌会员及以上兑换' }, minTier: { level: 2, name: '金牌会员' } });
    expect(byId.pricey).toMatchObject({ canRedeem: false, reason: { code: 'points' } });
    expect(byId.later.reason.code).toBe('notStarted');
    expect(byId.hot).toMatchObject({ canRedeem: false, reason: { code: 'soldOut', message: '已兑完' } });
    expect(byId.ship.canRedeem).toBe(true);
    expect(list.categories).toEqual(expect.arrayContaining(['优惠券', '实物好礼', '礼品卡']));
    expect((await t.call('mall', { action: 'list', category: '礼品卡' }, 'rules-1')).body.data.items.map((i: { id: string }) => i.id)).toEqual(['card']);
    expect((await t.call('mall', { action: 'detail', itemId: 'limited' }, 'rules-1')).body.data).toMatchObject({ member: { redeemed: 2 }, perMemberLimit: 3, maxQuantity: 1 });
  });

  test('shipped items keep the address; gift cards get a card number; my redemptions list them newest first', async () => {
    await member(t, 'kinds-1', 500);
    const ship = await redeem('kinds-1', 'ship', 'kinds-req-01', { shipping: { name: '张三', phone: '13800000000', address: '上海市浦东新区星河路 1 号' } });
    expect(ship.body.data.voucher).toBeNull();
    const card = await redeem('kinds-1', 'card', 'kinds-req-02');
    expect(card.body.data.giftCard.cardNo).toMatch(/^\d{16}$/);
    const mine = (await t.call('mall', { action: 'myRedemptions' }, 'kinds-1')).body.data;
    expect(mine.items.map((i: { itemId: string }) => i.itemId)).toEqual(['card', 'ship']);
    expect(mine.items[1]).toMatchObject({ status: 'issued', shipping: { name: '张三' }, voucher: null });
    expect(mine.items[0]).toMatchObject({ kindName: '礼品卡', giftCard: { cardNo: card.body.data.giftCard.cardNo, faceValueFen: 5000 } });
    expect((await t.call('mall', { action: 'cancel', redemptionId: card.body.data.redemptionId }, 'kinds-1')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该类商品兑换后不支持取消' });
  });
});

describe('mall.cancel', () => {
  test('the member cancels within the window: points back to their lots, stock and count back; not twice; not others', async () => {
    await member(t, 'canceller', 300);
    const r = await redeem('canceller', 'cancel-me', 'cancel-req-01', { quantity: 2 });
    expect(memberDoc(t, 'canceller').points.balance).toBe(320);
    expect((await t.call('mall', { action: 'cancel', redemptionId: r.body.data.redemptionId }, 'someone-else')).body.error.code).toBe('NOT_FOUND');
    const c = await t.call('mall', { action: 'cancel', redemptionId: r.body.data.redemptionId }, 'canceller');
    expect(c.body.data).toMatchObject({ status: 'cancelled', pointsReturned: 80, forfeited: 0, balance: 400 });
    const refund = ledgerOf(t, 'canceller').find((e) => e.type === 'refund')!;
    expect(refund).toMatchObject({ amount: 80, key: `mall-cancel:${r.body.data.redemptionId}`, redeemFormat: 'mall' });
    expect(t.cloud.db.find('mall_items', { _id: 'cancel-me' }).docs[0]).toMatchObject({ stock: 5, sold: 0 });
    expect(memberDoc(t, 'canceller').mall?.redeemed['cancel-me']).toBe(0);
    expect((await t.call('mall', { action: 'cancel', redemptionId: r.body.data.redemptionId }, 'canceller')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该兑换已取消' });
    const mine = (await t.call('mall', { action: 'myRedemptions' }, 'canceller')).body.data.items[0];
    expect(mine).toMatchObject({ status: 'cancelled', cancelled: { pointsReturned: 80 } });
    expectConsistent(t, 'canceller');
  });

  test('after the window the member is sent to the store; staff can still cancel', async () => {
    await member(t, 'late-canceller', 300);
    const r = await redeem('late-canceller', 'cancel-me', 'late-req-01');
    await t.setClock(new Date(Date.now() + 31 * 60_000).toISOString());
    const refused = await t.call('mall', { action: 'cancel', redemptionId: r.body.data.redemptionId }, 'late-canceller');
    expect(refused.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '兑换超过 30 分钟，请到店由工作人员取消' });
    const staff = await t.call('staff', { action: 'cancelRedemption', code: r.body.data.voucher.code, reason: '顾客到店申请取消' }, 'clerk-mall');
    expect(staff.body.data).toMatchObject({ pointsReturned: 40, status: 'cancelled' });
    expect(ledgerOf(t, 'late-canceller').find((e) => e.type === 'refund')).toMatchObject({ amount: 40 });
    await t.resetClock();
    expectConsistent(t, 'late-canceller');
  });
});
