// Staff in store through the local cloud: member codes (valid, expired, forged), purchases through the order path,
// voucher write-off (once, in an allowed store, before expiry; replays), roles, settlement reconciled with the ledger.
import { memberCodeFor } from '../../cloudfunctions/core/codes';
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { expectConsistent, item, ledgerOf, member, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 6 });
  await seedMallFixtures(t, [
    item('mall-coupon', { pointsPrice: 100, redeemAt: { formats: ['mall'] } }),
    item('hotel-coupon', { pointsPrice: 300, fundedBy: { format: 'hotel', storeId: 'st-hotel' } }),
    item('short', { pointsPrice: 10, voucherValidDays: 1 }),
  ]);
});

afterAll(async () => {
  await t.stop();
});

describe('member codes', () => {
  test('a fresh code shows the member to staff; after about a minute it is expired; forged codes are refused', async () => {
    await t.setClock('2026-03-01T10:00:05+08:00', true);
    const memberNo = await member(t, 'shopper-1', 250);
    const c = await t.call('member', { action: 'code' }, 'shopper-1');
    expect(c.body.data).toMatchObject({ code: expect.stringMatching(/^\d{18}$/), memberNo, slotSeconds: 30 });
    expect(c.body.data.code).not.toContain(memberNo);
    const scan = await t.call('staff', { action: 'scanMember', code: c.body.data.code }, 'clerk-mall');
    expect(scan.body.data).toMatchObject({ memberNo, tier: { level: 0, name: '普通会员' }, points: { balance: 350, spendable: 350 } });
    expect(scan.body.data.tier.benefits.length).toBeGreaterThan(0);
    // Still valid in the next slot, refused two slots later.
    await t.setClock('2026-03-01T10:00:55+08:00', true);
    expect((await t.call('staff', { action: 'scanMember', code: c.body.data.code }, 'clerk-mall')).body.ok).toBe(true);
    await t.setClock('2026-03-01T10:01:01+08:00', true);
    expect((await t.call('staff', { action: 'scanMember', code: c.body.data.code }, 'clerk-mall')).body.error).toEqual({ code: 'CODE_EXPIRED', message: '会员码已过期，请会员刷新后重新出示' });
    // Signed with another secret, or one digit changed: invalid.
    const forged = memberCodeFor('not-the-server-secret', memberNo, new Date(), DEFAULT_CONFIG.memberCode).code;
    expect((await t.call('staff', { action: 'scanMember', code: forged }, 'clerk-mall')).body.error).toEqual({ code: 'CODE_INVALID', message: '会员码无效' });
    const fresh = (await t.call('member', { action: 'code' }, 'shopper-1')).body.data.code as string;
    const tampered = fresh.slice(0, 17) + String((Number(fresh[17]) + 1) % 10);
    expect((await t.call('staff', { action: 'scanMember', code: tampered }, 'clerk-mall')).body.error.code).toBe('CODE_INVALID');
    expect((await t.call('staff', { action: 'scanMember', code: '12345' }, 'clerk-mall')).body.error.code).toBe('CODE_INVALID');
    // Only staff may read a code.
    expect((await t.call('staff', { action: 'scanMember', code: fresh }, 'shopper-1')).body.error).toEqual({ code: 'FORBIDDEN', message: '仅限门店员工操作' });
    await t.resetClock();
  });
});

describe('staff.recordPurchase', () => {
  test('records through the order path with the store and format; a replay earns once', async () => {
    const memberNo = await member(t, 'shopper-2');
    const input = { action: 'recordPurchase', memberNo, orderId: 'POS-0001', amountFen: 12800, items: [{ sku: 's1', name: '衬衫', category: '服饰', quantity: 1, amountFen: 12800 }] };
    const [a, b] = await Promise.all([t.call('staff', input, 'clerk-mall'), t.call('staff', input, 'clerk-mall')]);
    expect([a.body.data.replayed, b.body.data.replayed].sort()).toEqual([false, true]);
    expect(a.body.data).toMatchObject({ orderId: 'st-mall:POS-0001', storeName: '测试购物中心店' });
    const order = t.cloud.db.find('orders', { _id: 'st-mall:POS-0001' }).docs[0];
    expect(order).toMatchObject({ storeId: 'st-mall', format: 'mall', channel: 'store', issuer: 'staff:clerk-mall', paidFen: 12800 });
    const earn = ledgerOf(t, 'shopper-2').filter((e) => e.key === 'order:st-mall:POS-0001');
    expect(earn).toHaveLength(1);
    expect((t.cloud.db.find('members', { openid: 'shopper-2' }).docs[0] as any).points.lots.find((l: { lotId: string }) => l.lotId === 'order:st-mall:POS-0001').format).toBe('mall');
    expect((await t.call('staff', { ...input, amountFen: 9900, items: undefined }, 'clerk-mall')).body.error.code).toBe('ALREADY_EXISTS');
    expect((await t.call('staff', input, 'admin-1')).body.error).toEqual({ code: 'FORBIDDEN', message: '当前账号未绑定门店' });
    expectConsistent(t, 'shopper-2');
    const today = (await t.call('staff', { action: 'today' }, 'clerk-mall')).body.data;
    expect(today.store).toMatchObject({ id: 'st-mall', formatName: '购物中心' });
    expect(today.items.filter((i: { type: string }) => i.type === 'purchase')).toHaveLength(1);
    expect(today.totals.salesFen).toBe(12800);
  });
});

describe('staff.findMember', () => {
  test('by bound phone or member number: the member and their unused vouchers, which are written off from there', async () => {
    const memberNo = await member(t, 'lookup-1', 500);
    await t.cloud.db.insertMany('member_phones', [{ _id: '13912345678', openid: 'lookup-1', boundAt: new Date() }]);
    const mallVoucher = (await t.call('mall', { action: 'redeem', itemId: 'mall-coupon', requestId: 'lookup-req-01' }, 'lookup-1')).body.data;
    const hotelVoucher = (await t.call('mall', { action: 'redeem', itemId: 'hotel-coupon', requestId: 'lookup-req-02' }, 'lookup-1')).body.data;

    const byPhone = await t.call('staff', { action: 'findMember', keyword: '13912345678' }, 'clerk-mall');
    expect(byPhone.body.data).toMatchObject({ memberNo, foundBy: 'phone', points: { spendable: 200 } }); // 500 + the welcome 100 − 100 − 300
    // In the mall the hotel's coupon cannot be written off, and the screen says why.
    const atMall = Object.fromEntries(byPhone.body.data.vouchers.map((v: { code: string; usableHere: boolean; why: string | null }) => [v.code, [v.usableHere, v.why]]));
    expect(atMall).toEqual({ [mallVoucher.voucher.code]: [true, null], [hotelVoucher.voucher.code]: [false, '该券不能在本门店核销'] });
    expect(byPhone.body.data.vouchers[0]).toMatchObject({ itemName: expect.any(String), kindName: '优惠券', quantity: 1, expiresAt: expect.any(String) });
    const byNumber = await t.call('staff', { action: 'findMember', keyword: memberNo }, 'manager-hotel');
    expect(byNumber.body.data.foundBy).toBe('memberNo');
    const atHotel = Object.fromEntries(byNumber.body.data.vouchers.map((v: { code: string; usableHere: boolean; why: string | null }) => [v.code, [v.usableHere, v.why]]));
    expect(atHotel[mallVoucher.voucher.code]).toEqual([false, '该券不能在本门店核销']);
    expect(atHotel[hotelVoucher.voucher.code]).toEqual([true, null]);

    // Written off from the member's screen (by its code), it leaves the list.
    expect((await t.call('staff', { action: 'verifyVoucher', code: mallVoucher.voucher.code }, 'clerk-mall')).body.ok).toBe(true);
    const after = await t.call('staff', { action: 'findMember', keyword: '13912345678' }, 'clerk-mall');
    expect(after.body.data.vouchers.map((v: { code: string }) => v.code)).toEqual([hotelVoucher.voucher.code]);

    expect((await t.call('staff', { action: 'findMember', keyword: '13900000000' }, 'clerk-mall')).body.error).toEqual({ code: 'NOT_FOUND', message: '没有会员绑定这个手机号' });
    expect((await t.call('staff', { action: 'findMember', keyword: '80000000000' }, 'clerk-mall')).body.error).toEqual({ code: 'NOT_FOUND', message: '会员号不存在' });
    expect((await t.call('staff', { action: 'findMember', keyword: '2391234567' }, 'clerk-mall')).body.error.code).toBe('INVALID_INPUT');
    expect((await t.call('staff', { action: 'findMember', keyword: '13912345678' }, 'lookup-1')).body.error).toEqual({ code: 'FORBIDDEN', message: '仅限门店员工操作' });
  });
});

describe('staff.today: a day of the store', () => {
  test('earlier days page by cursor with totals over the whole day (undos netted); future and too-old days refused', async () => {
    const day = '2026-02-10';
    const at = (i: number) => new Date(Date.parse(`${day}T09:00:00+08:00`) + i * 60_000);
    // 120 purchases of 100 元 (10 points each), 3 of them undone later that day, 7 write-offs, 1 reversed.
    const docs: object[] = [];
    for (let i = 0; i < 120; i++) docs.push({ _id: `purchase:st-mall:H-${i}`, type: 'purchase', ref: `st-mall:H-${i}`, storeId: 'st-mall', day, at: at(i), staff: 'clerk-mall', staffName: '店员甲', memberNo: '80000000001', title: '消费 100.00 元', points: 10, amountFen: 10000 });
    for (let i = 0; i < 3; i++) docs.push({ _id: `undo:st-mall:H-${i}`, type: 'undo', ref: `st-mall:H-${i}`, storeId: 'st-mall', day, at: at(200 + i), staff: 'clerk-mall', staffName: '店员甲', memberNo: '80000000001', title: '撤销消费 100.00 元：录错', points: -10, amountFen: 10000 });
    for (let i = 0; i < 7; i++) docs.push({ _id: `writeOff:W-${i}`, type: 'writeOff', ref: `W-${i}`, storeId: 'st-mall', day, at: at(300 + i), staff: 'clerk-mall', staffName: '店员甲', memberNo: '80000000001', title: '核销 咖啡券', voucherCode: `00000000000${i}` });
    docs.push({ _id: 'reverseWriteOff:W-0', type: 'reverseWriteOff', ref: 'W-0', storeId: 'st-mall', day, at: at(400), staff: 'manager-mall', staffName: '店长', memberNo: '80000000001', title: '撤销核销 咖啡券：误核销' });
    docs.push({ _id: 'purchase:st-hotel:OTHER', type: 'purchase', ref: 'st-hotel:OTHER', storeId: 'st-hotel', day, at: at(5), staff: 'manager-hotel', staffName: '店长', memberNo: '80000000001', title: '消费 999.00 元', points: 99, amountFen: 99900 });
    await t.cloud.db.insertMany('store_activity', docs);
    await t.setClock('2026-02-12T10:00:00+08:00', true);

    const pages: Array<{ id: string; undone: boolean }>[] = [];
    let cursor: string | null = null;
    let first: any = null;
    do {
      const r: any = await t.call('staff', { action: 'today', day, ...(cursor ? { cursor } : {}) }, 'clerk-mall');
      expect(r.body.ok).toBe(true);
      first ??= r.body.data;
      pages.push(r.body.data.items);
      cursor = r.body.data.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 31]);
    const ids = pages.flat().map((i) => i.id);
    expect(new Set(ids).size).toBe(131);
    // Newest first; an undone purchase is marked though its undo is on another page.
    expect(ids[0]).toBe('reverseWriteOff:W-0');
    expect(pages.flat().filter((i) => i.undone).map((i) => i.id).sort()).toEqual(['purchase:st-mall:H-0', 'purchase:st-mall:H-1', 'purchase:st-mall:H-2', 'writeOff:W-0']);
    expect(first).toMatchObject({
      day, counts: { purchase: 117, writeOff: 6, undo: 3, reverseWriteOff: 1 }, totals: { salesFen: 1_170_000, pointsIssued: 1170 }, currentDay: '2026-02-12', firstDay: '2025-11-13',
    });

    expect((await t.call('staff', { action: 'today', day: '2026-02-13' }, 'clerk-mall')).body.error).toEqual({ code: 'INVALID_INPUT', message: '不能查看未来的日期' });
    expect((await t.call('staff', { action: 'today', day: '2025-11-12' }, 'clerk-mall')).body.error).toEqual({ code: 'INVALID_INPUT', message: '只能查看最近 92 天的记录' });
    expect((await t.call('staff', { action: 'today' }, 'clerk-mall')).body.data).toMatchObject({ day: '2026-02-12', counts: { purchase: 0 } });
    await t.resetClock();
  });
});

describe('staff.verifyVoucher', () => {
  test('once only, in an allowed store; a replay says when and where; concurrent scans write off once', async () => {
    await member(t, 'voucher-1', 500);
    const r = (await t.call('mall', { action: 'redeem', itemId: 'mall-coupon', requestId: 'voucher-req-01' }, 'voucher-1')).body.data;
    const code = r.voucher.code as string;
    expect((await t.call('staff', { action: 'verifyVoucher', code }, 'manager-hotel')).body.error).toEqual({ code: 'FORBIDDEN', message: '该券不能在本门店核销' });
    const results = await Promise.all(Array.from({ length: 10 }, () => t.call('staff', { action: 'verifyVoucher', code }, 'clerk-mall')));
    expect(results.filter((x) => x.body.ok)).toHaveLength(1);
    const refusals = results.filter((x) => !x.body.ok).map((x) => x.body.error);
    expect(refusals.every((e) => e.code === 'ALREADY_USED' && /^该券已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 在 测试购物中心店 核销$/.test(e.message))).toBe(true);
    const doc = t.cloud.db.find('redemptions', { _id: r.redemptionId }).docs[0];
    expect(doc).toMatchObject({ status: 'used', used: { storeId: 'st-mall', staff: 'clerk-mall' } });
    const again = await t.call('staff', { action: 'verifyVoucher', code }, 'clerk-mall');
    expect(again.body.error.code).toBe('ALREADY_USED');
    expect(again.dbOps).toBeLessThanOrEqual(3);
    // A used voucher cannot be cancelled; unknown codes are refused.
    expect((await t.call('mall', { action: 'cancel', redemptionId: r.redemptionId }, 'voucher-1')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '已核销的兑换不能取消' });
    expect((await t.call('staff', { action: 'verifyVoucher', code: '000000000000' }, 'clerk-mall')).body.error).toEqual({ code: 'CODE_INVALID', message: '券码无效' });
    const mine = (await t.call('mall', { action: 'myRedemptions' }, 'voucher-1')).body.data.items[0];
    expect(mine).toMatchObject({ status: 'used', used: { storeName: '测试购物中心店' } });
  });

  test('an expired voucher is refused', async () => {
    await member(t, 'voucher-2');
    const r = (await t.call('mall', { action: 'redeem', itemId: 'short', requestId: 'voucher-req-02' }, 'voucher-2')).body.data;
    await t.setClock(new Date(Date.parse(r.voucher.expiresAt) + 1000).toISOString());
    const res = await t.call('staff', { action: 'verifyVoucher', code: r.voucher.code }, 'clerk-mall');
    expect(res.body.error.code).toBe('CODE_EXPIRED');
    expect((t.cloud.db.find('redemptions', { _id: r.redemptionId }).docs[0] as any).status).toBe('issued');
    await t.resetClock();
  });
});

describe('roles', () => {
  test('a clerk cannot adjust points or read the settlement; a manager adjusts with the reason in the ledger', async () => {
    const memberNo = await member(t, 'adjusted-1');
    const input = { action: 'adjustPoints', memberNo, amount: 66, reason: '生日补发积分', requestId: 'adjust-role-01' };
    expect((await t.call('staff', input, 'clerk-mall')).body.error).toEqual({ code: 'FORBIDDEN', message: '当前岗位无权执行该操作' });
    expect((await t.call('staff', { action: 'settlement', from: '2026-01-01', to: '2026-01-31' }, 'clerk-mall')).body.error.code).toBe('FORBIDDEN');
    expect(ledgerOf(t, 'adjusted-1').filter((e) => e.type === 'adjust')).toHaveLength(0);
    const ok = await t.call('staff', input, 'manager-hotel');
    expect(ok.body.data).toMatchObject({ amount: 66, balance: 166, replayed: false });
    expect(ledgerOf(t, 'adjusted-1').find((e) => e.type === 'adjust')).toMatchObject({ amount: 66, reason: '生日补发积分', issuer: 'staff:manager-hotel' } as object);
    expect((await t.call('staff', { ...input, reason: 'x' }, 'manager-hotel')).body.error.code).toBe('INVALID_INPUT');
  });
});

describe('staff.settlement', () => {
  test('points issued by one format and redeemed in another, reconciled exactly with the ledger', async () => {
    await t.setClock('2026-05-10T10:00:00+08:00');
    const a = await member(t, 'settle-a');
    const b = await member(t, 'settle-b');
    const buy = (memberNo: string, orderId: string, fen: number, staff: string) =>
      t.call('staff', { action: 'recordPurchase', memberNo, orderId, amountFen: fen }, staff);
    expect((await buy(a, 'SA-1', 50000, 'clerk-mall')).body.ok).toBe(true); // 500 mall points
    expect((await buy(a, 'SA-2', 30000, 'manager-hotel')).body.ok).toBe(true); // 300 hotel points
    expect((await buy(b, 'SB-1', 40000, 'manager-hotel')).body.ok).toBe(true); // 400 hotel points
    await t.setClock('2026-05-12T10:00:00+08:00');
    const redeem = (openid: string, itemId: string, requestId: string) => t.call('mall', { action: 'redeem', itemId, requestId }, openid);
    expect((await redeem('settle-a', 'hotel-coupon', 'settle-req-01')).body.ok).toBe(true); // 300 at hotel
    expect((await redeem('settle-a', 'mall-coupon', 'settle-req-02')).body.ok).toBe(true); // 100 at mall
    expect((await redeem('settle-b', 'mall-coupon', 'settle-req-03')).body.ok).toBe(true); // 100 at mall
    const cancelled = await redeem('settle-b', 'mall-coupon', 'settle-req-04');
    expect((await t.call('mall', { action: 'cancel', redemptionId: cancelled.body.data.redemptionId }, 'settle-b')).body.ok).toBe(true);

    const report = (await t.call('staff', { action: 'settlement', from: '2026-05-01', to: '2026-05-31' }, 'manager-hotel')).body.data;
    expect(report.reconciled).toBe(true);
    // Straight from the ledger: spends minus cancellation refunds in the period.
    const start = Date.parse('2026-05-01T00:00:00+08:00');
    const end = Date.parse('2026-06-01T00:00:00+08:00');
    const inPeriod = (t.cloud.db.find('point_ledger', {}, { limit: 10000 }).docs as Array<{ type: string; amount: number; createdAt: Date; lots?: Array<{ amount: number; format: string }>; redeemFormat?: string }>)
      .filter((e) => ['spend', 'refund'].includes(e.type) && +new Date(e.createdAt) >= start && +new Date(e.createdAt) < end);
    const net = inPeriod.reduce((s, e) => s + (e.type === 'spend' ? -e.amount : -e.amount), 0);
    expect(report.totals.points).toBe(net);
    expect(report.ledger).toMatchObject({ spent: 600, returned: 100, net: 500 });
    const pairs = Object.fromEntries(report.rows.map((r: { issuerFormat: string; redeemerFormat: string; points: number }) => [`${r.issuerFormat}>${r.redeemerFormat}`, r.points]));
    // a: registration (100, no format) + mall 500 + hotel 300 lots, all expiring together: drawn in earning order.
    const expected: Record<string, number> = {};
    for (const e of inPeriod) for (const d of e.lots ?? []) {
      const k = `${d.format}>${e.redeemFormat}`;
      expected[k] = (expected[k] ?? 0) + (e.type === 'spend' ? d.amount : -d.amount);
    }
    for (const k of Object.keys(expected)) if (expected[k] === 0) delete expected[k];
    expect(pairs).toEqual(expected);
    expect(Object.values(pairs).reduce((s: number, p) => s + (p as number), 0)).toBe(500);
    expect(report.totals.valueFen).toBe(500); // 1 fen per point by default
    expect(report.rows.some((r: { crossFormat: boolean }) => r.crossFormat)).toBe(true);
    expect(report.formatNames).toMatchObject({ mall: '购物中心', hotel: '酒店' });
    // An empty period reconciles too.
    const empty = (await t.call('staff', { action: 'settlement', from: '2020-01-01', to: '2020-01-31' }, 'admin-1')).body.data;
    expect(empty).toMatchObject({ rows: [], reconciled: true, totals: { points: 0 } });
    await t.resetClock();
    for (const m of ['settle-a', 'settle-b']) expectConsistent(t, m);
  });

  test('per store: the store whose sale issued the points bills the store that funds the item, exactly', async () => {
    await t.setClock('2026-09-10T10:00:00+08:00');
    const c = await member(t, 'settle-c'); // 100 registration points: no store
    const buy = (orderId: string, fen: number, staff: string) => t.call('staff', { action: 'recordPurchase', memberNo: c, orderId, amountFen: fen }, staff);
    expect((await buy('SC-1', 20000, 'clerk-mall')).body.data).toMatchObject({ pointsEarned: 200, tier: { change: 'none' } }); // issued by st-mall
    // 250 issued by st-hotel; the 银牌 upgrade it reaches gives 200 more, from no store.
    expect((await buy('SC-2', 25000, 'manager-hotel')).body.data).toMatchObject({ pointsEarned: 250, tier: { change: 'upgrade', toLevel: 1 } });
    await t.setClock('2026-09-12T10:00:00+08:00');
    const redeem = (itemId: string, requestId: string) => t.call('mall', { action: 'redeem', itemId, requestId }, 'settle-c');
    // Lots expire together and are drawn in earning order: registration 100 and the gift 200 (kept as one lot: same
    // expiry, no store) pay for an item st-hotel funds.
    expect((await redeem('hotel-coupon', 'settle-req-11')).body.ok).toBe(true);
    // st-mall's lot pays 100 for an item the mall format funds as a whole (no store); a cancellation gives it back to
    // the lot that paid, so the pair nets to 0, and the second redemption draws the same lot again.
    const second = await redeem('mall-coupon', 'settle-req-12');
    expect(second.body.ok).toBe(true);
    expect((await t.call('mall', { action: 'cancel', redemptionId: second.body.data.redemptionId }, 'settle-c')).body.ok).toBe(true);
    expect((await redeem('mall-coupon', 'settle-req-13')).body.ok).toBe(true);
    // st-mall's last 100 and 200 of st-hotel's 250 pay for another st-hotel item.
    expect((await redeem('hotel-coupon', 'settle-req-14')).body.ok).toBe(true);

    const report = (await t.call('staff', { action: 'settlement', from: '2026-09-01', to: '2026-09-30' }, 'admin-1')).body.data;
    const rows = report.stores.rows.map((r: Record<string, unknown>) => [r.issuerStoreName, r.redeemerStoreName, r.points, r.valueFen, r.crossStore]);
    expect(rows).toEqual([
      ['未指明门店', '测试酒店', 300, 300, true],
      ['测试酒店', '测试酒店', 200, 200, false],
      ['测试购物中心店', '未指明门店', 100, 100, true],
      ['测试购物中心店', '测试酒店', 100, 100, true],
    ]);
    expect(report.stores.rows[3]).toMatchObject({ issuerStoreId: 'st-mall', issuerFormat: 'mall', redeemerStoreId: 'st-hotel', redeemerFormat: 'hotel' });
    expect(report.stores.totals).toEqual({ points: 700, valueFen: 700, crossStorePoints: 500, crossStoreValueFen: 500 });
    expect(report.stores.totals.points).toBe(report.totals.points);
    expect(report.reconciled).toBe(true);
    const byStore = Object.fromEntries(report.stores.byStore.map((s: { storeId: string; issued: number; redeemed: number; balanceFen: number }) => [s.storeId, [s.issued, s.redeemed, s.balanceFen]]));
    // st-mall's sales paid 200 points redeemed elsewhere: it owes 2.00 元; st-hotel redeemed 400 of others' points and
    // its own 200: it is owed 4.00 元; points no store issued owe 3.00 元 and are owed 1.00 元.
    expect(byStore).toEqual({ 'st-mall': [200, 0, 200], 'st-hotel': [200, 600, -400], '': [300, 100, 200] });
    expect(report.stores.byStore.map((s: { storeName: string }) => s.storeName)).toEqual(['测试购物中心店', '测试酒店', '未指明门店']);
    await t.resetClock();
    expectConsistent(t, 'settle-c');
  });
});
