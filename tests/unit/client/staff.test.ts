// The staff stores: scan a member code, record a purchase for that member (today's activity reloads), write a
// voucher off, adjust points with one request id per confirmation, and the settlement report of a period.
import { describe, expect, test } from '@jest/globals';
import { createMemberActionsStore } from '../../../client/src/packages/staff/member-actions';
import { createApprovalsStore } from '../../../client/src/packages/staff/approvals-store';
import { createSettlementStore } from '../../../client/src/packages/staff/settlement-store';
import { createStaffStore } from '../../../client/src/packages/staff/store';
import { deferred, fakeCall, refusal } from './fakes';
import { purchaseAnswer, redemptionView, scannedMember, todayAnswer } from './fixtures';

const CODE = '1234 5678 9012 3456 78';

describe('staff store', () => {
  test('scan, then a purchase for the scanned member: the answer is shown and today’s activity reloads', async () => {
    let purchases = 0;
    const fake = fakeCall({
      staff: {
        today: () => todayAnswer(purchases),
        scanMember: () => scannedMember('100001'),
        recordPurchase: (input) => { purchases += 1; return purchaseAnswer(input.orderId, input.memberNo); },
      },
    });
    const store = createStaffStore(fake.call);
    await store.getState().loadToday();
    await store.getState().scan(CODE);
    expect(fake.inputs('staff.scanMember')).toEqual([{ code: '123456789012345678' }]);
    expect(store.getState().member.data?.memberNo).toBe('100001');

    await store.getState().recordPurchase({ orderId: 'T-1', amountFen: 10_000 });
    expect(fake.inputs('staff.recordPurchase')).toEqual([{ memberNo: '100001', orderId: 'T-1', amountFen: 10_000 }]);
    expect(store.getState().purchase).toEqual({ busy: false, error: null, result: purchaseAnswer('T-1') });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.count('staff.today')).toBe(2);
    expect(store.getState().today.data?.counts.purchase).toBe(1);
    // The header shows the member as the purchase left them (not the state of the scan).
    expect(store.getState().member.data).toMatchObject({ memberNo: '100001', points: { balance: 600 }, growth: { total: 700 }, codeExpiresAt: scannedMember().codeExpiresAt });
  });

  test('a held purchase resolves done (the form clears) and leaves the member as scanned', async () => {
    const approval = {
      id: 'mall-1:BIG', receipt: 'BIG', memberNo: '100001', amountFen: 600_000, paidAt: '2026-06-10T02:00:00.000Z', backdated: false, limit: 'single' as const,
      limitFen: 500_000, status: 'pending' as const, requestedBy: '店员小王', requestedAt: '2026-06-10T02:00:00.000Z', decidedBy: null, decidedAt: null,
      rejectReason: null, message: '超过单笔限额 5,000.00 元，等待店长审批',
    };
    const fake = fakeCall({ staff: { today: () => todayAnswer(0), scanMember: () => scannedMember(), recordPurchase: () => ({ status: 'held', approval, storeName: '万象城店' }) } });
    const store = createStaffStore(fake.call);
    await store.getState().scan(CODE);
    expect(await store.getState().recordPurchase({ orderId: 'BIG', amountFen: 600_000 })).toBe(true);
    expect(store.getState().purchase.result).toEqual({ status: 'held', approval, storeName: '万象城店' });
    expect(store.getState().member.data).toEqual(scannedMember());
  });

  test('undoing a purchase sends its receipt and reason, shows the member after it and reloads today; a refusal is kept', async () => {
    const { codeExpiresAt: _until, vouchers: _held, ...after } = scannedMember('100001', 300);
    const fake = fakeCall({
      staff: {
        today: () => todayAnswer(1),
        scanMember: () => scannedMember('100001', 500),
        undoPurchase: (input, n) => {
          if (n === 1) throw refusal('NOT_ELIGIBLE', '只能撤销当天登记的消费');
          return { orderId: input.orderId, pointsReversed: 200, growthReversed: 200, balance: 300, debt: 0, replayed: false, member: after };
        },
      },
    });
    const store = createStaffStore(fake.call);
    await store.getState().loadToday();
    await store.getState().scan(CODE);
    expect(await store.getState().undoPurchase('T-0', '金额录错')).toBe(true);
    expect(fake.inputs('staff.undoPurchase')).toEqual([{ orderId: 'T-0', reason: '金额录错' }]);
    expect(store.getState().member.data?.points.balance).toBe(300);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.count('staff.today')).toBe(2);
    expect(await store.getState().undoPurchase('T-0', '金额录错')).toBe(false);
    expect(store.getState().undo.error).toEqual({ code: 'NOT_ELIGIBLE', message: '只能撤销当天登记的消费' });
  });

  test('a new scan forgets the last purchase and the member shown while the next one loads', async () => {
    const next = deferred<ReturnType<typeof scannedMember>>();
    const fake = fakeCall({
      staff: {
        scanMember: (_input, n) => (n === 0 ? scannedMember('100001') : next.promise),
        recordPurchase: (input) => purchaseAnswer(input.orderId, input.memberNo),
        today: () => todayAnswer(1),
      },
    });
    const store = createStaffStore(fake.call);
    await store.getState().scan(CODE);
    await store.getState().recordPurchase({ orderId: 'T-1', amountFen: 10_000 });
    const scanning = store.getState().scan(CODE);
    expect(store.getState().member).toEqual({ data: null, status: 'loading', error: null });
    expect(store.getState().purchase.result).toBeNull();
    next.resolve(scannedMember('100002'));
    await scanning;
    expect(store.getState().member.data?.memberNo).toBe('100002');
  });

  test('no purchase without a scanned member; a refused scan shows its error', async () => {
    const fake = fakeCall({ staff: { scanMember: () => { throw refusal('CODE_EXPIRED', '会员码已过期，请刷新'); } } });
    const store = createStaffStore(fake.call);
    await store.getState().recordPurchase({ orderId: 'T-1', amountFen: 100 });
    expect(fake.count('staff.recordPurchase')).toBe(0);
    await store.getState().scan(CODE);
    expect(store.getState().member.error).toEqual({ code: 'CODE_EXPIRED', message: '会员码已过期，请刷新' });
  });

  test('a failed purchase keeps the member and shows the error; today does not reload', async () => {
    const fake = fakeCall({
      staff: { today: () => todayAnswer(0), scanMember: () => scannedMember(), recordPurchase: () => { throw refusal('FORBIDDEN', '无权操作'); } },
    });
    const store = createStaffStore(fake.call);
    await store.getState().loadToday();
    await store.getState().scan(CODE);
    await store.getState().recordPurchase({ orderId: 'T-2', amountFen: 100 });
    expect(store.getState().purchase.error?.code).toBe('FORBIDDEN');
    expect(store.getState().member.data?.memberNo).toBe('100001');
    expect(fake.count('staff.today')).toBe(1);
  });

  test('a write-off replaces the last result and reloads today; an adjustment updates the member shown', async () => {
    const fake = fakeCall({
      staff: {
        today: () => todayAnswer(0),
        scanMember: () => scannedMember('100001', 500),
        verifyVoucher: (_input, n) => { if (n === 1) throw refusal('ALREADY_USED', '该券已核销'); return { ...redemptionView('r1', 'issued'), memberNo: '100001' }; },
      },
    });
    const store = createStaffStore(fake.call);
    await store.getState().loadToday();
    await store.getState().verify('1234-5678-9012');
    expect(fake.inputs('staff.verifyVoucher')).toEqual([{ code: '123456789012' }]);
    expect(store.getState().writeOff.result?.itemName).toBe('咖啡券');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.count('staff.today')).toBe(2);
    await store.getState().verify('123456789012');
    expect(store.getState().writeOff).toEqual({ busy: false, error: { code: 'ALREADY_USED', message: '该券已核销' }, result: null });

    await store.getState().scan(CODE);
    store.getState().applyAdjustment('100001', -100, 400);
    expect(store.getState().member.data?.points).toMatchObject({ balance: 400, spendable: 400 });
    store.getState().applyAdjustment('999999', -100, 0);
    expect(store.getState().member.data?.points.balance).toBe(400);
  });
});

describe('member actions store', () => {
  test('an adjustment retried after a network error keeps its request id; a refusal ends it', async () => {
    const outcomes = ['NETWORK', 'ok', 'INSUFFICIENT_POINTS', 'ok'];
    const fake = fakeCall({
      staff: {
        adjustPoints: (input, n) => {
          if (outcomes[n] !== 'ok') throw refusal(outcomes[n], '失败');
          return { status: 'applied', memberNo: input.memberNo, amount: input.amount, balance: 550, replayed: false };
        },
      },
    });
    let made = 0;
    const store = createMemberActionsStore(fake.call, () => `adj-test-${++made}`);
    const input = { memberNo: '100001', amount: 50, reason: '补发积分' };
    await expect(store.getState().adjustPoints(input)).resolves.toBeNull();
    await expect(store.getState().adjustPoints(input)).resolves.toEqual({ status: 'applied', memberNo: '100001', amount: 50, balance: 550, replayed: false });
    await store.getState().adjustPoints({ ...input, amount: -900 });
    await store.getState().adjustPoints({ ...input, amount: -900 });
    expect(fake.inputs('staff.adjustPoints').map((i) => i.requestId)).toEqual(['adj-test-1', 'adj-test-1', 'adj-test-2', 'adj-test-3']);
  });

  test('registering an activity shows the answer, and a new attempt forgets the last one', async () => {
    const fake = fakeCall({
      staff: {
        activityCheckin: (input, n) => {
          if (n === 1) throw refusal('NOT_FOUND', '活动不存在');
          return { memberNo: input.memberNo, activityId: input.activityId, name: '晨间瑜伽', growthEarned: 20, message: '已登记瑜伽课' };
        },
      },
    });
    const store = createMemberActionsStore(fake.call);
    await store.getState().registerActivity('100001', 'YOGA0612');
    expect(store.getState().checkin.result?.message).toBe('已登记瑜伽课');
    await store.getState().registerActivity('100001', 'NOPE');
    expect(store.getState().checkin).toEqual({ busy: false, error: { code: 'NOT_FOUND', message: '活动不存在' }, result: null });
  });
});

describe('settlement store', () => {
  test('shows the report of the period asked for last', async () => {
    const held = deferred<never>();
    const fake = fakeCall({
      staff: {
        settlement: (input) => (input.from === '2026-05-01' ? held.promise : {
          from: input.from, to: input.to, generatedAt: '2026-06-10T02:00:00.000Z', fenPerPoint: 1, rows: [], byIssuer: {}, byRedeemer: {}, balanceFen: {},
          formatNames: {}, totals: { points: 0, valueFen: 0, crossFormatPoints: 0, crossFormatValueFen: 0 },
          ledger: { spendEntries: 0, refundEntries: 0, spent: 0, returned: 0, net: 0 }, reconciled: true,
          stores: { rows: [], byStore: [], totals: { points: 0, valueFen: 0, crossStorePoints: 0, crossStoreValueFen: 0 } },
          benefits: { rows: [], balanceFen: {}, totals: { vouchers: 0, valueFen: 0, crossFormatVouchers: 0, crossFormatValueFen: 0 } },
        }),
      },
    });
    const store = createSettlementStore(fake.call);
    const lastMonth = store.getState().load({ from: '2026-05-01', to: '2026-05-31' });
    await store.getState().load({ from: '2026-06-01', to: '2026-06-10' });
    held.reject(refusal('INTERNAL', '服务繁忙'));
    await lastMonth;
    expect(store.getState().period).toEqual({ from: '2026-06-01', to: '2026-06-10' });
    expect(store.getState().report).toMatchObject({ status: 'ready', error: null, data: { from: '2026-06-01', reconciled: true } });
  });
});

describe('approvals store', () => {
  test('loads a tab; a decision sends id, approve and reason, reloads the tab and tells the staff home', async () => {
    let decided = 0;
    const fake = fakeCall({
      staff: {
        approvals: () => ({ items: [] }),
        decidePurchase: (input) => ({
          approval: {
            id: input.id, receipt: 'BIG', memberNo: '100001', amountFen: 600_000, paidAt: '2026-06-10T02:00:00.000Z', backdated: false, limit: 'single',
            limitFen: 500_000, status: 'rejected', requestedBy: '店员小王', requestedAt: '2026-06-10T02:00:00.000Z', decidedBy: '店长', decidedAt: '2026-06-10T03:00:00.000Z',
            rejectReason: input.reason ?? null, message: '店长 已驳回：金额不符',
          },
          purchase: null,
        }),
      },
    });
    const store = createApprovalsStore(fake.call, () => { decided += 1; });
    await store.getState().load('decided');
    expect(fake.inputs('staff.approvals')).toEqual([{ status: 'decided' }]);
    expect(await store.getState().decide('mall-1:BIG', false, '金额不符')).toBe(true);
    expect(fake.inputs('staff.decidePurchase')).toEqual([{ id: 'mall-1:BIG', approve: false, reason: '金额不符' }]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.inputs('staff.approvals')).toEqual([{ status: 'decided' }, { status: 'decided' }]);
    expect(decided).toBe(1);
  });
});

describe('adjustment amounts', () => {
  test('the problem with a typed amount names what is wrong: not a whole number, zero, or above the limit', async () => {
    const { amountProblem } = await import('../../../client/src/packages/staff/member-actions');
    expect(amountProblem('+50')).toBeNull();
    expect(amountProblem('-1000000')).toBeNull();
    expect(amountProblem('+9999999')).toBe('单次调整不能超过 1,000,000 积分');
    expect(amountProblem('0')).toBe('请输入非零整数，如 +50 或 -20');
    expect(amountProblem('1.5')).toBe('请输入非零整数，如 +50 或 -20');
  });

  test('a refusal is cleared when the next attempt begins', async () => {
    const { createMemberActionsStore } = await import('../../../client/src/packages/staff/member-actions');
    const fake = fakeCall({ staff: { adjustPoints: () => { throw refusal('INSUFFICIENT_POINTS', '积分不足'); } } });
    const store = createMemberActionsStore(fake.call, () => 'adj-clear-0001');
    await store.getState().adjustPoints({ memberNo: '100001', amount: -900, reason: '扣减测试' });
    expect(store.getState().adjust.error?.code).toBe('INSUFFICIENT_POINTS');
    store.getState().clearAdjustError();
    expect(store.getState().adjust.error).toBeNull();
  });
});

describe('lookup and held vouchers', () => {
  test('find sends the 11 digits; a voucher of the member written off here reloads the member, another one does not', async () => {
    const held = { code: '123456789012', itemName: '30 元代金券', kindName: '优惠券', quantity: 1, expiresAt: '2026-07-01T00:00:00.000Z', usableHere: true, why: null };
    const fake = fakeCall({
      staff: {
        today: () => todayAnswer(0),
        findMember: (_input, n) => {
          const { codeExpiresAt: _, ...view } = scannedMember('81234567890');
          return { ...view, foundBy: 'phone' as const, vouchers: n === 0 ? [held] : [] };
        },
        verifyVoucher: () => ({ ...redemptionView('r-1', 'issued'), memberNo: '81234567890' }),
      },
    });
    const store = createStaffStore(fake.call);
    await store.getState().find('138 0013 8000');
    expect(fake.inputs('staff.findMember')).toEqual([{ keyword: '13800138000' }]);
    expect(store.getState().member.data?.vouchers.map((v) => v.code)).toEqual(['123456789012']);
    await store.getState().verify('1234-5678-9012');
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.count('staff.findMember')).toBe(2);
    expect(store.getState().member.data?.vouchers).toEqual([]);
    await store.getState().verify('999999999999');
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.count('staff.findMember')).toBe(2);
  });
});
