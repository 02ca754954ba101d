// The till's limits and undo through the local cloud: a clerk's purchase above the store's limits is held for a
// manager and credits nothing until approved (once, however many approve at once); concurrent purchases cannot
// together pass a clerk's daily total; staff undo a purchase of the day through the refund path, a manager reverses a
// write-off; every staff write is in the audit trail with its device.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { expectConsistent, item, member, memberDoc, refundsOf, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;

const NOW = '2026-06-10T10:00:00+08:00';
const DEVICE = 'till-device-0001';

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '0';
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 4 });
  await seedMallFixtures(t, [item('tea', { kind: 'coupon', pointsPrice: 50, fundedBy: { format: 'mall', storeId: null } })]);
  await t.cloud.db.insertMany('staff', [
    { _id: 'manager-mall', openid: 'manager-mall', name: '店长丙', role: 'manager', storeId: 'st-mall', active: true },
    { _id: 'clerk-mall-2', openid: 'clerk-mall-2', name: '店员丁', role: 'clerk', storeId: 'st-mall', active: true },
    { _id: 'clerk-mall-3', openid: 'clerk-mall-3', name: '店员戊', role: 'clerk', storeId: 'st-mall', active: true },
  ]);
  await t.setClock(NOW, true);
});

afterAll(async () => {
  await t.stop();
  delete process.env.LOYALTY_CONFIG_TTL_MS;
});

const buy = (memberNo: string, orderId: string, amountFen: number, staff = 'clerk-mall') =>
  t.call('staff', { action: 'recordPurchase', memberNo, orderId, amountFen, device: DEVICE }, staff);
const decide = (id: string, approve: boolean, staff: string, reason?: string) =>
  t.call('staff', { action: 'decidePurchase', id, approve, ...(reason ? { reason } : {}), device: DEVICE }, staff);
const orders = (memberNo: string) => t.cloud.db.find('orders', { memberNo }).docs as Array<{ _id: string; paidFen: number; issuer: string }>;
const withoutTrail = () => {
  const { staff_audit: _a, purchase_approvals: _p, till_totals: _t, ...rest } = dumpDatabase(t);
  return rest;
};

describe('purchases above the till limits wait for a manager', () => {
  test('above the single limit: held, nothing credited, the same receipt answers the same hold', async () => {
    const memberNo = await member(t, 'big-1');
    const before = withoutTrail();
    const held = await buy(memberNo, 'BIG-1', 600_000);
    expect(held.body.data).toMatchObject({
      status: 'held', storeName: '测试购物中心店',
      approval: { id: 'st-mall:BIG-1', receipt: 'BIG-1', amountFen: 600_000, limit: 'single', limitFen: 500_000, status: 'pending', requestedBy: '店员甲', message: '超过单笔限额 5,000.00 元，等待店长审批' },
    });
    expect(withoutTrail()).toEqual(before);
    expect((await buy(memberNo, 'BIG-1', 600_000)).body.data.approval).toEqual(held.body.data.approval);
    expect((await buy(memberNo, 'BIG-1', 700_000)).body.error).toEqual({ code: 'ALREADY_EXISTS', message: '小票号已存在且内容不一致' });
    expect(withoutTrail()).toEqual(before);
  });

  test("another store's manager neither sees nor decides it; the store's manager approves once, however many times at once", async () => {
    const memberNo = await member(t, 'big-2');
    await buy(memberNo, 'BIG-2', 800_000);
    const other = await t.call('staff', { action: 'approvals', status: 'pending' }, 'manager-hotel');
    expect(other.body.data.items.map((a: { id: string }) => a.id)).not.toContain('st-mall:BIG-2');
    expect((await decide('st-mall:BIG-2', true, 'manager-hotel')).body.error.code).toBe('NOT_FOUND');
    expect((await decide('st-mall:BIG-2', true, 'clerk-mall-2')).body.error.code).toBe('FORBIDDEN');

    const mine = await t.call('staff', { action: 'approvals', status: 'pending' }, 'manager-mall');
    expect(mine.body.data.items.map((a: { id: string }) => a.id)).toContain('st-mall:BIG-2');
    const today = await t.call('staff', { action: 'today' }, 'manager-mall');
    expect(today.body.data.pendingApprovals).toBeGreaterThanOrEqual(1);

    const decisions = await Promise.all([1, 2, 3, 4, 5].map(() => decide('st-mall:BIG-2', true, 'manager-mall')));
    expect(decisions.every((d) => d.body.ok)).toBe(true);
    expect(decisions.filter((d) => d.body.data.purchase.replayed === false)).toHaveLength(1);
    for (const d of decisions) expect(d.body.data.approval).toMatchObject({ status: 'approved', decidedBy: '店长丙', message: '店长丙 已审批，已入账' });
    const first = decisions.find((d) => !d.body.data.purchase.replayed)!.body.data.purchase;
    expect(first).toMatchObject({ status: 'recorded', orderId: 'st-mall:BIG-2', pointsEarned: 8000, member: { memberNo } });
    expect(first.member.points.balance).toBe(memberDoc(t, 'big-2').points.balance);
    expect(orders(memberNo)).toEqual([expect.objectContaining({ _id: 'st-mall:BIG-2', paidFen: 800_000, issuer: 'staff:clerk-mall' })]);
    expectConsistent(t, 'big-2');

    // The clerk's retry of the receipt now answers the recorded purchase; a late rejection is refused.
    const retry = await buy(memberNo, 'BIG-2', 800_000);
    expect(retry.body.data).toMatchObject({ status: 'recorded', replayed: true, pointsEarned: 8000 });
    expect((await decide('st-mall:BIG-2', false, 'manager-mall', '金额有误')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该笔消费已审批入账，如需撤销请使用撤销消费' });
    const log = t.cloud.db.find('store_activity', { _id: 'purchase:st-mall:BIG-2' }).docs[0] as { staff: string; approvedBy: string; title: string };
    expect(log).toMatchObject({ staff: 'clerk-mall', approvedBy: 'manager-mall', title: '消费 8,000.00 元（店长丙 审批）' });
  });

  test('a rejection needs a reason, credits nothing and is final', async () => {
    const memberNo = await member(t, 'big-3');
    await buy(memberNo, 'BIG-3', 900_000);
    const before = withoutTrail();
    expect((await decide('st-mall:BIG-3', false, 'manager-mall')).body.error).toEqual({ code: 'INVALID_INPUT', message: '请填写驳回原因' });
    const rejected = await decide('st-mall:BIG-3', false, 'manager-mall', '小票金额不符');
    expect(rejected.body.data).toMatchObject({ purchase: null, approval: { status: 'rejected', rejectReason: '小票金额不符', message: '店长丙 已驳回：小票金额不符' } });
    expect((await decide('st-mall:BIG-3', true, 'manager-mall')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该笔消费已被驳回，不能再审批' });
    expect((await buy(memberNo, 'BIG-3', 900_000)).body.data).toMatchObject({ status: 'held', approval: { status: 'rejected' } });
    expect(withoutTrail()).toEqual(before);
    const own = await t.call('staff', { action: 'approvals', status: 'decided' }, 'clerk-mall');
    expect(own.body.data.items.find((a: { id: string }) => a.id === 'st-mall:BIG-3')).toMatchObject({ status: 'rejected' });
    expect((await t.call('staff', { action: 'approvals' }, 'clerk-mall-2')).body.data.items).toEqual([]);
  });

  test("concurrent purchases cannot together pass a clerk's daily total; a manager is never held", async () => {
    const config = await t.call('admin', { action: 'getConfig' }, 'admin-1');
    const set = await t.call('admin', {
      action: 'setConfig', rules: { staff: { purchaseLimits: { stores: { 'st-mall': { clerkDailyFen: 100_000 } } } } }, expectedVersion: config.body.data.version,
    }, 'admin-1');
    expect(set.body.ok).toBe(true);
    const memberNo = await member(t, 'day-1');
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => buy(memberNo, `DAY-${i}`, 30_000, 'clerk-mall-2')));
    expect(burst.every((r) => r.body.ok)).toBe(true);
    const recorded = burst.filter((r) => r.body.data.status === 'recorded');
    expect(recorded).toHaveLength(3);
    for (const r of burst.filter((b) => b.body.data.status === 'held')) expect(r.body.data.approval).toMatchObject({ limit: 'daily', limitFen: 100_000, message: '超过店员当日限额 1,000.00 元，等待店长审批' });
    expect(orders(memberNo)).toHaveLength(3);
    expect(t.cloud.db.find('till_totals', { _id: 'clerk-mall-2:2026-06-10' }).docs[0]).toMatchObject({ totalFen: 90_000 });

    // Every retry answers as the first time; nothing more is counted.
    const again = await Promise.all(Array.from({ length: 10 }, (_, i) => buy(memberNo, `DAY-${i}`, 30_000, 'clerk-mall-2')));
    expect(again.map((r) => r.body.data.status)).toEqual(burst.map((r) => r.body.data.status));
    expect(orders(memberNo)).toHaveLength(3);
    expect(t.cloud.db.find('till_totals', { _id: 'clerk-mall-2:2026-06-10' }).docs[0]).toMatchObject({ totalFen: 90_000 });
    // A purchase refused for good (no such member) gives its reservation back.
    expect((await buy('999999999', 'DAY-X', 5_000, 'clerk-mall-2')).body.error.code).toBe('NOT_FOUND');
    expect(t.cloud.db.find('till_totals', { _id: 'clerk-mall-2:2026-06-10' }).docs[0]).toMatchObject({ totalFen: 90_000 });
    expectConsistent(t, 'day-1');

    const manager = await buy(memberNo, 'MGR-1', 2_000_000, 'manager-mall');
    expect(manager.body.data).toMatchObject({ status: 'recorded', replayed: false });
  });
});

describe('staff undo their mistakes of the day', () => {
  test('a clerk undoes their own purchase through the refund path, once; not another one, not a past day', async () => {
    const memberNo = await member(t, 'undo-1');
    const bought = await buy(memberNo, 'UNDO-1', 20_000, 'clerk-mall-3');
    expect(bought.body.data.member.points.balance).toBe(100 + 200);
    const managers = await buy(memberNo, 'UNDO-2', 10_000, 'manager-mall');
    expect(managers.body.ok).toBe(true);

    const undo = (orderId: string, staff: string) => t.call('staff', { action: 'undoPurchase', orderId, reason: '金额录错', device: DEVICE }, staff);
    expect((await undo('UNDO-2', 'clerk-mall-3')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '只能撤销自己登记的消费，请联系店长' });
    expect((await undo('UNDO-1', 'manager-hotel')).body.error).toEqual({ code: 'NOT_FOUND', message: '本店没有该小票的消费记录' });
    const balance = memberDoc(t, 'undo-1').points.balance;
    const undone = await Promise.all([1, 2, 3].map(() => undo('UNDO-1', 'clerk-mall-3')));
    expect(undone.every((u) => u.body.ok)).toBe(true);
    expect(undone.filter((u) => !u.body.data.replayed)).toHaveLength(1);
    expect(undone[0].body.data).toMatchObject({ orderId: 'UNDO-1', pointsReversed: 200, member: { memberNo } });
    expect(memberDoc(t, 'undo-1').points.balance).toBe(balance - 200);
    expect(undone[0].body.data.member.points.balance).toBe(balance - 200);
    expect(refundsOf(t, 'st-mall:UNDO-1')).toEqual([expect.objectContaining({ refundId: 'st-mall:UNDO-1:undo', channel: 'store', issuer: 'staff:clerk-mall-3' })]);
    expectConsistent(t, 'undo-1');

    const today = (await t.call('staff', { action: 'today' }, 'clerk-mall-3')).body.data;
    const entry = today.items.find((i: { id: string }) => i.id === 'purchase:st-mall:UNDO-1');
    expect(entry).toMatchObject({ mine: true, undone: true, receipt: 'UNDO-1' });
    expect(today.items.find((i: { id: string }) => i.id === 'purchase:st-mall:UNDO-2')).toMatchObject({ mine: false, undone: false });

    await t.setClock('2026-06-11T09:00:00+08:00', true);
    try {
      expect((await undo('UNDO-2', 'manager-mall')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '只能撤销当天登记的消费' });
    } finally {
      await t.setClock(NOW, true);
    }
  });

  test('a manager reverses a write-off of the day; the voucher can be written off again', async () => {
    await member(t, 'wo-1', 500);
    const redeemed = await t.call('mall', { action: 'redeem', itemId: 'tea', requestId: 'wo-1-redeem-0001' }, 'wo-1');
    const code = redeemed.body.data.voucher.code as string;
    expect((await t.call('staff', { action: 'verifyVoucher', code, device: DEVICE }, 'clerk-mall')).body.ok).toBe(true);
    const reverse = (staff: string) => t.call('staff', { action: 'reverseWriteOff', code, reason: '扫错券', device: DEVICE }, staff);
    expect((await reverse('clerk-mall')).body.error.code).toBe('FORBIDDEN');
    expect((await reverse('manager-hotel')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该券在 测试购物中心店 核销，只能由该店撤销' });
    const reversed = await reverse('manager-mall');
    expect(reversed.body.data).toMatchObject({ status: 'issued', used: null });
    expect((await reverse('manager-mall')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该券尚未核销，无需撤销' });
    expect((await t.call('staff', { action: 'verifyVoucher', code }, 'clerk-mall-2')).body.data).toMatchObject({ status: 'used' });

    const today = (await t.call('staff', { action: 'today' }, 'manager-mall')).body.data;
    const writeOffs = today.items.filter((i: { type: string; voucherCode: string | null }) => i.type === 'writeOff' && i.voucherCode === code);
    expect(writeOffs.map((w: { undone: boolean }) => w.undone).sort()).toEqual([false, true]);
    const doc = t.cloud.db.find('redemptions', { voucherCode: code }).docs[0] as { writeOffReversals: Array<{ by: string; reason: string }> };
    expect(doc.writeOffReversals).toEqual([expect.objectContaining({ by: 'manager-mall', reason: '扫错券' })]);
  });
});

describe('the staff audit trail', () => {
  test('every staff write is entered with who, role, store, device and time; a bad device code writes nothing', async () => {
    const memberNo = await member(t, 'audit-1');
    await buy(memberNo, 'AUD-1', 10_000, 'clerk-mall-3');
    const entries = t.cloud.db.find('staff_audit', { staff: 'clerk-mall-3', action: 'recordPurchase' }).docs as Array<Record<string, unknown>>;
    expect(entries.find((e) => (e.input as { orderId: string }).orderId === 'AUD-1')).toMatchObject({
      fn: 'staff', staffName: '店员戊', role: 'clerk', storeId: 'st-mall', device: DEVICE, replayed: false, outcome: 'recorded', input: { memberNo, orderId: 'AUD-1', amountFen: 10_000 },
    });
    expect(t.cloud.db.find('staff_audit', { action: 'decidePurchase', staff: 'manager-mall' }).total).toBeGreaterThan(0);
    expect(t.cloud.db.find('staff_audit', { action: 'reverseWriteOff' }).total).toBe(1);
    expect(t.cloud.db.find('staff_audit', { action: 'today' }).total).toBe(0);

    const before = dumpDatabase(t);
    const bad = await t.call('staff', { action: 'recordPurchase', memberNo, orderId: 'AUD-2', amountFen: 100, device: { $gt: '' } }, 'clerk-mall-3');
    expect(bad.body.error).toEqual({ code: 'INVALID_INPUT', message: '设备码格式不正确，请重启小程序后重试' });
    expect(dumpDatabase(t)).toEqual(before);
  });
});
