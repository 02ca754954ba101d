// Points-mall rules, member code signing and expiry, settlement arithmetic: the pure core.
import { codeKind, memberCodeFor, readMemberCode, redemptionIdFor, voucherCodeFor } from '../../cloudfunctions/core/codes';
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { emptyPointsState, planEarn, planSpend, type PointsState } from '../../cloudfunctions/core/ledger';
import { cancelRefusal, eligibility, planCancellation, planRedemption, voucherRefusal, type MallItem } from '../../cloudfunctions/core/mall';
import { settle, valueInFen } from '../../cloudfunctions/core/settlement';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-06-01T12:00:00+08:00');
const rules = DEFAULT_CONFIG.memberCode;

const item = (extra: Partial<MallItem> = {}): MallItem => ({
  _id: 'i1', name: '测试券', kind: 'coupon', category: '优惠券', description: '', image: null, pointsPrice: 100, stock: 10, sold: 0,
  perOrderLimit: 0, perMemberLimit: 0, minTierLevel: 0, saleStart: null, saleEnd: null, fundedBy: { format: 'hotel', storeId: null },
  voucherValidDays: 3, active: true, sort: 0, ...extra,
});

function stateWith(lots: Array<{ key: string; amount: number; when: string; format: string }>): PointsState {
  let s = emptyPointsState();
  for (const l of lots) s = planEarn(s, { key: l.key, amount: l.amount, reason: '', ref: l.key, issuer: 't', at: at(l.when), format: l.format }, DEFAULT_CONFIG).state;
  return s;
}

describe('mall eligibility', () => {
  const m = { tierLevel: 1, spendable: 250, redeemed: 0 };
  test.each([
    [{ active: false }, m, 'inactive', '商品已下架'],
    [{ saleStart: at('2026-06-08T00:00:00+08:00') }, m, 'notStarted', '6月8日 00:00 开抢'],
    [{ saleEnd: NOW }, m, 'ended', '兑换已结束'],
    [{ stock: 0 }, m, 'soldOut', '已兑完'],
    [{ minTierLevel: 2 }, { ...m, tierName: () => '金牌会员' }, 'tier', '仅限金牌会员及以上兑换'],
    [{ perMemberLimit: 1 }, { ...m, redeemed: 1 }, 'limit', '每人限兑 1 件，您已兑换'],
    [{ pointsPrice: 300 }, m, 'points', '积分不足，还差 50 积分'],
  ])('%j refuses with the reason', (extra, member, code, message) => {
    expect(eligibility(item(extra as Partial<MallItem>), member, NOW)).toMatchObject({ canRedeem: false, reason: { code, message } });
  });

  test('the sale window is inclusive of its start and exclusive of its end; max quantity is the tightest limit', () => {
    expect(eligibility(item({ saleStart: NOW, saleEnd: new Date(NOW.getTime() + 1) }), m, NOW).canRedeem).toBe(true);
    expect(eligibility(item({ perOrderLimit: 3, perMemberLimit: 5 }), { ...m, spendable: 10_000, redeemed: 3 }, NOW).maxQuantity).toBe(2);
    expect(eligibility(item({ stock: 1 }), { ...m, quantity: 2 }, NOW).reason?.code).toBe('soldOut');
  });
});

describe('redemption and cancellation plans', () => {
  const member = { openid: 'o1', memberNo: '80000000001', tierLevel: 0 };
  const input = { redemptionId: 'rd_1', requestId: 'req-1', quantity: 2, voucherCode: '123456789012', giftCardNo: '1' };

  test('spends the soonest-expiring lots first, records formats, stock, counts and a voucher valid for N days', () => {
    const state = stateWith([
      { key: 'late', amount: 500, when: '2026-01-05T10:00:00+08:00', format: 'mall' },
      { key: 'soon', amount: 120, when: '2025-03-01T10:00:00+08:00', format: 'hotel' },
    ]);
    const plan = planRedemption(member, state, item(), input, NOW);
    expect(plan.ledger.entries[0]).toMatchObject({ type: 'spend', amount: -200, redeemFormat: 'hotel', lots: [{ lotId: 'soon', amount: 120, format: 'hotel' }, { lotId: 'late', amount: 80, format: 'mall' }] });
    expect(plan.itemUpdate).toMatchObject({ stock: 8, sold: 2 });
    expect(plan.fields).toEqual({ 'mall.redeemed.i1': 2, 'mall.recent': ['req-1'] });
    expect(plan.redemption.voucher).toMatchObject({ code: '123456789012', formats: ['hotel'], storeIds: [] });
    expect(plan.redemption.voucher!.expiresAt.toISOString()).toBe('2026-06-03T16:00:00.000Z'); // through 3 June (3 days)
  });

  test('cancelling returns points to the lots (also after they were merged), forfeits expired ones, brings stock back', () => {
    const state = stateWith([
      { key: 'a', amount: 100, when: '2025-03-01T10:00:00+08:00', format: 'hotel' },
      { key: 'b', amount: 100, when: '2026-01-01T10:00:00+08:00', format: 'mall' },
    ]);
    const plan = planRedemption(member, state, item({ pointsPrice: 75 }), input, NOW);
    const redemption = plan.redemption;
    // Lot 'a' (expires 1 Jan 2027) is gone from the member document after being merged into 'a2' (same expiry, format).
    const after = { ...plan.ledger.state, lots: plan.ledger.state.lots.map((l) => (l.lotId === 'a' ? { ...l, lotId: 'a2' } : l)) };
    const c = planCancellation(after, redemption, { _id: 'i1', stock: 8, sold: 2 }, { redeemed: { i1: 2 }, recent: [] }, { by: 'member', openid: 'o1' }, '不要了', NOW);
    expect(c.result).toMatchObject({ pointsReturned: 150, forfeited: 0, balance: 200 });
    expect(c.ledger.entries[0].lots).toEqual([{ lotId: 'a2', amount: 100, format: 'hotel' }, { lotId: 'b', amount: 50, format: 'mall' }]);
    expect(c.itemUpdate).toMatchObject({ stock: 10, sold: 0 });
    expect(c.fields).toEqual({ 'mall.redeemed.i1': 0 });
    // In 2027 lot 'a' has expired: its 100 points are forfeited.
    const late = planCancellation(plan.ledger.state, redemption, null, { redeemed: {}, recent: [] }, { by: 'staff', openid: 's' }, '', at('2027-01-02T00:00:00+08:00'));
    expect(late.result).toMatchObject({ pointsReturned: 50, forfeited: 100 });
  });

  test('who may cancel, and when a voucher can be written off', () => {
    const r = { status: 'issued' as const, kind: 'coupon' as const, createdAt: NOW, openid: 'o1', used: null };
    const cfg = DEFAULT_CONFIG;
    expect(cancelRefusal(r, { by: 'member', openid: 'o1' }, new Date(NOW.getTime() + 30 * 60_000), cfg)).toBeNull();
    expect(cancelRefusal(r, { by: 'member', openid: 'o1' }, new Date(NOW.getTime() + 30 * 60_000 + 1), cfg)).toMatch(/超过 30 分钟/);
    expect(cancelRefusal(r, { by: 'staff', openid: 's' }, new Date(NOW.getTime() + 86400e3), cfg)).toBeNull();
    expect(cancelRefusal({ ...r, kind: 'giftCard' }, { by: 'member', openid: 'o1' }, NOW, cfg)).toBe('该类商品兑换后不支持取消');
    const voucher = { code: '1', expiresAt: at('2026-06-04T00:00:00+08:00'), storeIds: ['s1'], formats: ['hotel'] };
    const v = { status: 'issued' as const, voucher, used: null, cancelled: null };
    expect(voucherRefusal(v, { _id: 's1', format: 'mall' }, NOW)).toBeNull();
    expect(voucherRefusal(v, { _id: 's9', format: 'hotel' }, NOW)).toBeNull();
    expect(voucherRefusal(v, { _id: 's9', format: 'mall' }, NOW)?.code).toBe('FORBIDDEN');
    expect(voucherRefusal(v, { _id: 's1', format: 'mall' }, at('2026-06-04T00:00:00+08:00'))).toEqual({ code: 'CODE_EXPIRED', message: '该券已于 2026-06-03 过期' });
    const used = { ...v, status: 'used' as const, used: { at: at('2026-06-01T15:04:00+08:00'), storeId: 's1', storeName: '一号店', staff: 'x' } };
    expect(voucherRefusal(used, { _id: 's1', format: 'mall' }, NOW)).toEqual({ code: 'ALREADY_USED', message: '该券已于 2026-06-01 15:04 在 一号店 核销' });
  });
});

describe('member code', () => {
  const secret = 'test-secret';
  test('18 digits that do not show the member number, accepted in its slot and the next, then expired', () => {
    const t0 = at('2026-06-01T12:00:00.000+08:00'); // a slot boundary
    const c = memberCodeFor(secret, '81234567890', t0, rules);
    expect(c.code).toMatch(/^\d{18}$/);
    expect(c.code.slice(0, 11)).not.toBe('81234567890');
    expect(c.expiresAt.getTime() - t0.getTime()).toBe(60_000);
    expect(readMemberCode(secret, c.code, new Date(t0.getTime() + 59_999), rules)).toMatchObject({ ok: true, memberNo: '81234567890' });
    expect(readMemberCode(secret, c.code, new Date(t0.getTime() + 60_000), rules)).toEqual({ ok: false, reason: 'expired' });
    expect(readMemberCode(secret, c.code, new Date(t0.getTime() + 3600_000 * 2), rules)).toEqual({ ok: false, reason: 'invalid' });
    expect(memberCodeFor(secret, '81234567890', new Date(t0.getTime() + 30_000), rules).code).not.toBe(c.code);
  });

  test('another secret, a changed digit or a bad shape is not a member code', () => {
    const c = memberCodeFor(secret, '81234567890', NOW, rules).code;
    expect(readMemberCode('other', c, NOW, rules)).toEqual({ ok: false, reason: 'invalid' });
    for (let i = 0; i < 18; i++) {
      const changed = c.slice(0, i) + String((Number(c[i]) + 1) % 10) + c.slice(i + 1);
      expect(readMemberCode(secret, changed, NOW, rules).ok).toBe(false);
    }
    expect(readMemberCode(secret, '1234', NOW, rules)).toEqual({ ok: false, reason: 'malformed' });
    expect(() => memberCodeFor(secret, '123', NOW, rules)).toThrow(RangeError);
  });

  test('voucher codes and redemption ids are stable per input and differ across inputs', () => {
    expect(voucherCodeFor(secret, 'rd_1')).toMatch(/^\d{12}$/);
    expect(voucherCodeFor(secret, 'rd_1')).toBe(voucherCodeFor(secret, 'rd_1'));
    expect(voucherCodeFor(secret, 'rd_1')).not.toBe(voucherCodeFor(secret, 'rd_2'));
    expect(redemptionIdFor('o1', 'req')).toBe(redemptionIdFor('o1', 'req'));
    expect(redemptionIdFor('o1', 'req')).not.toBe(redemptionIdFor('o2', 'req'));
    expect(codeKind('1234 5678 9012')).toBe('voucher');
    expect(codeKind('123456789012345678')).toBe('member');
  });
});

describe('settlement arithmetic', () => {
  test('pairs of issuing and redeeming formats, net of cancellations, reconcile with the entries', () => {
    let s = stateWith([
      { key: 'h', amount: 300, when: '2025-03-01T10:00:00+08:00', format: 'hotel' },
      { key: 'm', amount: 300, when: '2026-01-01T10:00:00+08:00', format: 'mall' },
    ]);
    const spend1 = planSpend(s, { amount: 400, key: 's1', reason: '', ref: 's1', issuer: 't', at: NOW });
    s = spend1.state;
    const entries = [
      { ...spend1.entries[0], redeemFormat: 'mall' },
      { type: 'refund', amount: 150, lots: [{ lotId: 'm', amount: 100, format: 'mall' }], settledDebt: 50, redeemFormat: 'mall' },
      { type: 'spend', amount: -20, lots: [{ lotId: 'x', amount: 20, format: 'hotel' }] },
      { type: 'earn', amount: 999, lots: [] },
    ];
    const r = settle(entries, 1.5);
    expect(r.rows).toEqual([
      { issuerFormat: '', redeemerFormat: 'mall', points: -50, valueFen: -75, crossFormat: true },
      { issuerFormat: 'hotel', redeemerFormat: '', points: 20, valueFen: 30, crossFormat: true },
      { issuerFormat: 'hotel', redeemerFormat: 'mall', points: 300, valueFen: 450, crossFormat: true },
      { issuerFormat: 'mall', redeemerFormat: 'mall', points: 0 + 100 - 100, valueFen: 0, crossFormat: false },
    ].filter((row) => row.points !== 0));
    expect(r.ledger).toEqual({ spendEntries: 2, refundEntries: 1, spent: 420, returned: 150, net: 270 });
    expect(r.totals.points).toBe(r.ledger.net);
    expect(r.totals.valueFen).toBe(r.rows.reduce((sum, row) => sum + row.valueFen, 0));
    expect(r.balanceFen.hotel).toBe(480);
  });

  test('per store: draws name the issuing store, spends the redeeming store; valued per pair of stores; same points as per format', () => {
    const entries = [
      { type: 'spend', amount: -300, redeemFormat: 'hotel', redeemStoreId: 'h1', lots: [{ lotId: 'a', amount: 200, format: 'mall', storeId: 'm1' }, { lotId: 'r', amount: 100, format: '' }] },
      { type: 'spend', amount: -101, redeemFormat: 'mall', redeemStoreId: null, lots: [{ lotId: 'b', amount: 101, format: 'hotel', storeId: 'h1' }] },
      { type: 'refund', amount: 60, redeemFormat: 'hotel', redeemStoreId: 'h1', lots: [{ lotId: 'a', amount: 50, format: 'mall', storeId: 'm1' }], settledDebt: 10 },
      { type: 'spend', amount: -5, redeemFormat: 'mall', redeemStoreId: 'm1', lots: [{ lotId: 'c', amount: 5, format: 'mall', storeId: 'm1' }] },
    ];
    const r = settle(entries, 0.5);
    expect(r.stores.rows.map((x) => [x.issuerStoreId, x.redeemerStoreId, x.points, x.valueFen, x.crossStore])).toEqual([
      ['', 'h1', 100 - 10, 45, true],
      ['h1', '', 101, 51, true], // 50.5 fen rounds half away from zero
      ['m1', 'h1', 150, 75, true],
      ['m1', 'm1', 5, 3, false],
    ]);
    expect(r.stores.totals).toEqual({ points: 346, valueFen: 174, crossStorePoints: 341, crossStoreValueFen: 171 });
    expect(r.stores.totals.points).toBe(r.totals.points);
    expect(r.stores.totals.points).toBe(r.ledger.net);
    // Each store's balance: what its sales' points cost other stores (+) less what it is owed for redeeming others' (−).
    expect(r.stores.byStore).toEqual({
      '': { issued: 90, redeemed: 101, balanceFen: 45 - 51 },
      h1: { issued: 101, redeemed: 240, balanceFen: 51 - 45 - 75 },
      m1: { issued: 155, redeemed: 5, balanceFen: 75 },
    });
    expect(Object.values(r.stores.byStore).reduce((s, b) => s + b.balanceFen, 0)).toBe(0);
  });

  test('value in fen rounds half away from zero at two-decimal rates', () => {
    expect(valueInFen(3, 0.5)).toBe(2);
    expect(valueInFen(-3, 0.5)).toBe(-2);
    expect(valueInFen(1, 0.01)).toBe(0);
    expect(valueInFen(10000, 5)).toBe(50000);
    expect(valueInFen(7, 0.333)).toBe(2); // the rate is honoured to two decimals: 7 × 0.33 = 2.31
  });
});
