// Manual points adjustments above staff.adjustApprovalPoints (default 10,000) through the local cloud: held and
// nothing credited or taken until an admin other than the requester approves, applied once however many approve at
// once, a rejection final; a debit the balance cannot cover goes back to pending. Up to the threshold: applied at once.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { expectConsistent, ledgerOf, member, memberDoc, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 4 });
  await seedMallFixtures(t);
  await t.cloud.db.insertMany('staff', [
    { _id: 'admin-2', openid: 'admin-2', name: '管理员乙', role: 'admin', storeId: null, active: true },
    { _id: 'operator-1', openid: 'operator-1', name: '运营甲', role: 'operator', storeId: null, active: true },
  ]);
}, 60_000);

afterAll(async () => {
  await t.stop();
});

const adjust = (memberNo: string, amount: number, requestId: string, as = 'admin-1', fn = 'admin') =>
  t.call(fn, { action: 'adjustPoints', memberNo, amount, reason: '大额补偿', requestId }, as);
const decide = (id: string, approve: boolean, as: string, reason?: string) =>
  t.call('admin', { action: 'decideAdjustment', id, approve, ...(reason ? { reason } : {}) }, as);
const withoutApprovals = () => {
  const { adjustment_approvals: _a, staff_audit: _s, ...rest } = dumpDatabase(t);
  return rest;
};

test('above the threshold: held until another admin approves, then credited once', async () => {
  const memberNo = await member(t, 'big-adjust-1');
  const before = withoutApprovals();
  const held = await adjust(memberNo, 20_000, 'big-adjust-req-0001');
  expect(held.body.data).toMatchObject({
    status: 'held', approval: { id: 'big-adjust-req-0001', amount: 20_000, status: 'pending', requestedBy: '管理员', limitPoints: 10_000, message: '超过 10,000 积分的调整需另一位管理员审批' },
  });
  expect((await adjust(memberNo, 20_000, 'big-adjust-req-0001')).body.data.status).toBe('held');
  expect((await adjust(memberNo, 30_000, 'big-adjust-req-0001')).body.error).toEqual({ code: 'ALREADY_EXISTS', message: '请求编号已被另一次调整使用' });
  expect(withoutApprovals()).toEqual(before);
  expect((await decide('big-adjust-req-0001', true, 'admin-1')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '不能审批自己提交的积分调整，请由另一位管理员审批' });
  expect((await t.call('admin', { action: 'adjustmentApprovals', status: 'pending' }, 'admin-2')).body.data.items.map((a: { id: string }) => a.id)).toContain('big-adjust-req-0001');

  const decisions = await Promise.all([1, 2, 3, 4, 5].map(() => decide('big-adjust-req-0001', true, 'admin-2')));
  expect(decisions.every((d) => d.body.ok)).toBe(true);
  expect(decisions.filter((d) => d.body.data.result.replayed === false)).toHaveLength(1);
  expect(decisions[0].body.data.approval).toMatchObject({ status: 'approved', decidedBy: '管理员乙' });
  const entries = ledgerOf(t, 'big-adjust-1').filter((e) => e.key === 'adjust:big-adjust-req-0001');
  expect(entries).toEqual([expect.objectContaining({ amount: 20_000 })]);
  expect(memberDoc(t, 'big-adjust-1').points.balance).toBe(100 + 20_000);
  expect((await adjust(memberNo, 20_000, 'big-adjust-req-0001')).body.data).toMatchObject({ status: 'applied', replayed: true, balance: 20_100 });
  expect((await decide('big-adjust-req-0001', false, 'admin-2', '金额有误')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该调整已审批入账，不能驳回' });
  expectConsistent(t, 'big-adjust-1');
});

test("a manager's large deduction at the till is held; a rejection takes nothing and is final", async () => {
  const memberNo = await member(t, 'big-adjust-2', 9_000);
  const before = withoutApprovals();
  const held = await adjust(memberNo, -11_000, 'big-adjust-req-0002', 'manager-hotel', 'staff');
  expect(held.body.data).toMatchObject({ status: 'held', approval: { requestedBy: '店长乙' } });
  expect((await decide('big-adjust-req-0002', false, 'admin-2')).body.error).toEqual({ code: 'INVALID_INPUT', message: '请填写驳回原因' });
  const rejected = await decide('big-adjust-req-0002', false, 'admin-2', '核实后无需扣减');
  expect(rejected.body.data).toMatchObject({ result: null, approval: { status: 'rejected', message: '管理员乙 已驳回：核实后无需扣减' } });
  expect((await decide('big-adjust-req-0002', true, 'admin-1')).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该调整已被驳回，不能再审批' });
  expect(withoutApprovals()).toEqual(before);
});

test('a held debit the balance no longer covers is refused on approval and waits again; the threshold itself is applied', async () => {
  const memberNo = await member(t, 'big-adjust-3', 5_000);
  await adjust(memberNo, -20_000, 'big-adjust-req-0003', 'operator-1');
  expect((await decide('big-adjust-req-0003', true, 'admin-2')).body.error.code).toBe('INSUFFICIENT_POINTS');
  expect((await t.call('admin', { action: 'adjustmentApprovals', status: 'pending' }, 'admin-2')).body.data.items.find((a: { id: string }) => a.id === 'big-adjust-req-0003'))
    .toMatchObject({ status: 'pending', decidedBy: null });
  expect((await adjust(memberNo, 10_000, 'big-adjust-req-0004', 'operator-1')).body.data).toMatchObject({ status: 'applied', amount: 10_000, balance: 15_100 });
  expectConsistent(t, 'big-adjust-3');
});
