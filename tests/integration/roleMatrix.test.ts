// The role matrix (cloudfunctions/core/roles.ts), action by action through the local cloud: every staff action is
// called with a valid input as each of the five roles, as an inactive staff member and as a member; exactly the roles
// of its row get past the role check, every other caller is FORBIDDEN and nothing is written.
import { ACTION_ROLES, STAFF_ROLES } from '../../cloudfunctions/core/roles';
import { contract } from '../../contract';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { member, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;
let memberNo = '';

// A valid input per action: the role check is what is tested, so each passes the contract.
const INPUTS: Record<keyof typeof ACTION_ROLES, () => object> = {
  'staff.today': () => ({}),
  'staff.scanMember': () => ({ code: '123456789012345678' }),
  'staff.findMember': () => ({ keyword: '13800000000' }),
  'staff.recordPurchase': () => ({ memberNo, orderId: 'RM-1', amountFen: 100 }),
  'staff.requestDeduction': () => ({ memberNo, orderId: 'RM-D1', amountFen: 10000 }),
  'staff.deduction': () => ({ holdId: 'store:none:RM-D1' }),
  'staff.cancelDeduction': () => ({ holdId: 'store:none:RM-D1' }),
  'staff.approvals': () => ({}),
  'staff.decidePurchase': () => ({ id: 'st-mall:none', approve: true }),
  'staff.undoPurchase': () => ({ orderId: 'none', reason: '测试撤销' }),
  'staff.verifyVoucher': () => ({ code: '000000000000' }),
  'staff.reverseWriteOff': () => ({ code: '000000000000', reason: '测试撤销' }),
  'staff.setBirthday': () => ({ memberNo: '000000000', birthday: { month: 5, day: 20 }, reason: '测试修改' }),
  'staff.cancelRedemption': () => ({ code: '000000000000', reason: '测试取消' }),
  'staff.adjustPoints': () => ({ memberNo: '000000000', amount: 1, reason: '测试调整', requestId: 'role-matrix-0001' }),
  'staff.settlement': () => ({ from: '2026-06-01', to: '2026-06-10' }),
  'staff.activityCheckin': () => ({ memberNo: '000000000', activityId: 'NONE' }),
  'admin.getConfig': () => ({}),
  'admin.setConfig': () => ({ rules: { unknownRule: 1 }, expectedVersion: 0 }),
  'admin.adjustPoints': () => ({ memberNo: '000000000', amount: 1, reason: '测试调整', requestId: 'role-matrix-0002' }),
  'admin.audit': () => ({ limit: 1 }),
  'admin.adjustmentApprovals': () => ({}),
  'admin.decideAdjustment': () => ({ id: 'no-such-request', approve: true }),
  // the catalog (edits of documents that do not exist: NOT_FOUND past the role check, nothing written)
  'catalog.listItems': () => ({ published: true }),
  'catalog.saveItem': () => ({
    itemId: 'none', expectedVersion: 0, requestId: 'role-matrix-item',
    item: { kind: 'coupon', name: '矩阵券', category: '优惠券', description: '', pointsPrice: 10, perOrderLimit: 0, perMemberLimit: 0, minTierLevel: 0, fundedBy: { format: 'mall' }, voucherValidDays: 30, sort: 1 },
  }),
  'catalog.uploadItemImage': () => ({ fileName: 'matrix.png', contentBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' }),
  'catalog.setItemPublished': () => ({ itemId: 'none', published: false, expectedVersion: 0, requestId: 'role-matrix-publish' }),
  'catalog.adjustStock': () => ({ itemId: 'none', delta: 1, reason: '测试补货', requestId: 'role-matrix-stock' }),
  'catalog.listStores': () => ({}),
  'catalog.saveStore': () => ({ storeId: 'none', expectedVersion: 0, requestId: 'role-matrix-store', store: { name: '矩阵店', format: 'mall', formatName: '购物中心' } }),
  'catalog.listActivities': () => ({}),
  'catalog.saveActivity': () => ({
    activityId: 'NONE', expectedVersion: 0, requestId: 'role-matrix-activity',
    activity: { name: '矩阵活动', storeIds: [], startAt: '2026-06-01T00:00:00+08:00', endAt: '2026-06-02T00:00:00+08:00', active: true },
  }),
  'catalog.listChannels': () => ({}),
  'catalog.unclaimedOrders': () => ({ status: 'tooLate' }),
  'catalog.stageTransitions': () => ({ month: '2026-05' }),
  'catalog.createChannel': () => ({ channelId: 'rm-channel', channelName: '矩阵渠道', requestId: 'role-matrix-channel' }),
  'catalog.rotateChannelSecret': () => ({ channelId: 'none', expectedVersion: 0, requestId: 'role-matrix-rotate' }),
  'catalog.setChannelActive': () => ({ channelId: 'none', active: false, reason: '对接结束', expectedVersion: 0, requestId: 'role-matrix-channel-off' }),
  'admin.session': () => ({}),
  'admin.cancelMemberRedemption': () => ({ redemptionId: 'no-such-redemption', reason: '测试取消' }),
  'admin.reissueVoucher': () => ({ redemptionId: 'no-such-redemption', reason: '券码泄露', requestId: 'role-matrix-0006' }),
  'admin.shipments': () => ({ status: 'pending' }),
  'admin.updateShipment': () => ({ redemptionId: 'no-such-redemption', carrier: '顺丰速运', trackingNo: 'SF1234567890', expectedVersion: 0, requestId: 'role-matrix-ship' }),
  'admin.ruleForm': () => ({}),
  'admin.previewConfig': () => ({ rules: {} }),
  'admin.configHistory': () => ({}),
  'admin.rollbackConfig': () => ({ toVersion: 1, expectedVersion: 1, requestId: 'role-matrix-0005' }),
  'admin.listStaff': () => ({}),
  'admin.inviteStaff': () => ({ name: '新店员', role: 'clerk', requestId: 'role-matrix-0003' }),
  'admin.listInvitations': () => ({}),
  'admin.revokeInvitation': () => ({ code: 'ABCDEFGHJK' }),
  'admin.updateStaff': () => ({ staffOpenid: 'nobody', active: false, expectedVersion: 0, requestId: 'role-matrix-0004' }),
  'admin.auditLog': () => ({ pageSize: 1 }),
  'admin.searchMembers': () => ({ keyword: memberNo }),
  'admin.memberDetail': () => ({ memberNo }),
  'admin.memberLedger': () => ({ memberNo, kind: 'points' }),
  'admin.freezeMember': () => ({ memberNo: '000000000', frozen: true, reason: '测试冻结', requestId: 'role-matrix-0101' }),
  'admin.addMemberNote': () => ({ memberNo: '000000000', text: '测试备注', requestId: 'role-matrix-0102' }),
  // migration (jobs that do not exist: NOT_FOUND past the role check, nothing written; createJob's file is never sent)
  'migration.createJob': () => ({ jobId: 'role-matrix-job', fileName: 'm.csv', bytes: 10, partCount: 1, sha256: 'a'.repeat(64) }),
  'migration.uploadPart': () => ({ jobId: 'no-such-job', index: 0, partBase64: 'cGhvbmUK' }),
  'migration.step': () => ({ jobId: 'no-such-job', mode: 'dryRun' }),
  'migration.job': () => ({ jobId: 'no-such-job' }),
  'migration.issues': () => ({ jobId: 'no-such-job' }),
  'migration.listJobs': () => ({}),
  'admin.webLoginRequest': () => ({ loginId: 'wl_AAAAAAAAAAAAAAAAAAAAAA' }),
  'admin.confirmWebLogin': () => ({ loginId: 'wl_AAAAAAAAAAAAAAAAAAAAAA' }),
  'stats.snapshots': () => ({ from: '2026-06-01', to: '2026-06-10' }),
  'stats.cohorts': () => ({}),
  'segments.list': () => ({}),
  'segments.get': () => ({ segmentId: 'no-such-segment' }),
  'segments.preview': () => ({ rule: { match: 'all', items: [{ field: 'tierLevel', op: 'gte', value: 0 }] } }),
  'segments.save': () => ({ requestId: 'role-matrix-seg-1', title: '矩阵分群', rule: { match: 'all', items: [{ field: 'tierLevel', op: 'gte', value: 1 }] } }),
  'segments.archive': () => ({ segmentId: 'no-such-segment' }),
  'segments.tags': () => ({}),
  'segments.tagMembers': () => ({ tag: '矩阵', memberNos: ['000000000'] }),
  'segments.memberTags': () => ({ memberNo: '000000000' }),
  'segments.tagMember': () => ({ memberNo: '000000000', tag: '矩阵' }),
  'automation.listRules': () => ({}),
  'automation.saveRule': () => ({ ruleId: 'rm-rule', requestId: 'role-matrix-rule-1', rule: { name: '矩阵规则', description: '', trigger: { kind: 'registered' }, conditions: null, actions: [{ kind: 'addTag', tag: '矩阵' }], limits: { perMember: { max: 1, period: 'ever' }, budget: { points: null, vouchers: null }, quietHours: null } } }),
  'automation.setRuleStatus': () => ({ ruleId: 'no-such-rule', status: 'paused', requestId: 'role-matrix-status-1' }),
  'automation.dryRun': () => ({ ruleId: 'pb-tier-up' }),
  'automation.runs': () => ({ ruleId: 'pb-tier-up' }),
  'automation.tasks': () => ({}),
  'automation.recordTaskOutcome': () => ({ taskId: 'no-such-task', outcome: 'reached', requestId: 'role-matrix-task-1' }),
  'automation.taskReport': () => ({ month: '2026-06' }),
  // experiments that do not exist: NOT_FOUND past the role check; save is refused for its arms (no holdout), nothing written
  'experiments.list': () => ({}),
  'experiments.get': () => ({ experimentId: 'no-such-experiment' }),
  'experiments.save': () => ({ experimentId: 'rm-exp', requestId: 'role-matrix-exp-1', name: '矩阵实验', arms: [{ id: 'a', name: 'A', share: 50, overlay: { points: { pointsPerYuan: 2 } } }, { id: 'b', name: 'B', share: 50, overlay: { points: { pointsPerYuan: 3 } } }], plannedStart: '2026-06-01', plannedEnd: '2026-06-30', plan: { baseline: 0.2, relativeLift: 0.1, alpha: 0.05, power: 0.8 }, marginRate: 0.3 }),
  'experiments.start': () => ({ experimentId: 'no-such-experiment', expectedVersion: 1 }),
  'experiments.stop': () => ({ experimentId: 'no-such-experiment', expectedVersion: 1 }),
  'experiments.plan': () => ({ baseline: 0.2, relativeLift: 0.1, alpha: 0.05, power: 0.8 }),
  'experiments.analyse': () => ({ experimentId: 'no-such-experiment' }),
};

const ROLE_DENIED = { code: 'FORBIDDEN', message: '当前岗位无权执行该操作' };
const NOT_STAFF = { code: 'FORBIDDEN', message: '仅限门店员工操作' };

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 2 });
  await seedMallFixtures(t);
  await t.cloud.db.insertMany('staff', [
    ...STAFF_ROLES.map((role) => ({ _id: `rm-${role}`, openid: `rm-${role}`, name: `矩阵${role}`, role, storeId: role === 'clerk' || role === 'manager' ? 'st-mall' : null, active: true })),
    { _id: 'rm-gone', openid: 'rm-gone', name: '已停用', role: 'admin', storeId: null, active: false },
  ]);
  memberNo = await member(t, 'rm-member');
});

afterAll(async () => {
  await t.stop();
});

test('every staff action of the contract has a row, and every row is an action of the contract', () => {
  const actions = (['staff', 'admin', 'catalog', 'migration', 'stats', 'segments', 'automation', 'experiments'] as const).flatMap((fn) => Object.keys(contract[fn]).map((a) => `${fn}.${a}`));
  expect(Object.keys(ACTION_ROLES).sort()).toEqual(actions.sort());
});

describe.each(Object.entries(ACTION_ROLES))('%s', (key, allowed) => {
  const [fn, action] = key.split('.');
  const call = (openid: string) => t.call(fn, { action, ...INPUTS[key as keyof typeof ACTION_ROLES]() }, openid);

  test(`only ${allowed.join(', ')} get past the role check`, async () => {
    const before = dumpDatabase(t);
    for (const role of STAFF_ROLES.filter((r) => !(allowed as readonly string[]).includes(r))) {
      expect([role, (await call(`rm-${role}`)).body.error]).toEqual([role, ROLE_DENIED]);
    }
    expect((await call('rm-gone')).body.error).toEqual(NOT_STAFF);
    expect((await call('rm-member')).body.error).toEqual(NOT_STAFF);
    expect(dumpDatabase(t)).toEqual(before);
    for (const role of allowed) {
      const { error } = (await call(`rm-${role}`)).body;
      expect([role, error?.message]).not.toEqual([role, ROLE_DENIED.message]);
      expect([role, error?.message]).not.toEqual([role, NOT_STAFF.message]);
    }
  });
});
