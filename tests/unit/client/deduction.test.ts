// The till's 积分抵扣 store: ask for a receipt, follow the request (requested → held / declined / expired), cancel it;
// the messages the clerk reads for each state; a reset drops a late answer.
import { describe, expect, test } from '@jest/globals';
import { createDeductionStore, deductionMessage, type Deduction } from '../../../client/src/packages/staff/deduction-store';
import { formatYuan } from '../../../client/src/packages/staff/money';
import { deferred, fakeCall, refusal } from './fakes';

const view = (status: Deduction['status'], extra: Partial<Deduction> = {}): Deduction => ({
  holdId: 'store:st-1:R-1', orderId: 'st-1:R-1', memberNo: '100001', status, statusText: '', orderFen: 12000, points: 6000,
  deductionFen: 6000, cashFen: 6000, expiresAt: '2026-09-01T07:15:00.000Z', format: 'mall', storeName: '一店', ...extra,
});

describe('deduction store', () => {
  test('asks once for the receipt, then follows the request until the member answers; cancel releases it', async () => {
    let status: Deduction['status'] = 'requested';
    const fake = fakeCall({
      staff: {
        requestDeduction: () => ({ ...view('requested'), replayed: false }),
        deduction: () => view(status),
        cancelDeduction: () => ({ ...view('released'), replayed: false }),
      },
    });
    const store = createDeductionStore(fake.call);
    const asked = await store.getState().request({ memberNo: '100001', orderId: 'R-1', amountFen: 12000 });
    expect(fake.inputs('staff.requestDeduction')).toEqual([{ memberNo: '100001', orderId: 'R-1', amountFen: 12000 }]);
    expect(asked).toEqual(view('requested'));
    expect(store.getState().current?.status).toBe('requested');
    await store.getState().refresh();
    expect(store.getState().current?.status).toBe('requested');
    status = 'held';
    await store.getState().refresh();
    expect(fake.inputs('staff.deduction')).toEqual([{ holdId: 'store:st-1:R-1' }, { holdId: 'store:st-1:R-1' }]);
    expect(store.getState().current?.status).toBe('held');
    await store.getState().cancel();
    expect(fake.inputs('staff.cancelDeduction')).toEqual([{ holdId: 'store:st-1:R-1' }]);
    expect(store.getState().current?.status).toBe('released');
  });

  test('a refusal stays in the slot; a reset drops the answer of a poll under way', async () => {
    const fake = fakeCall({ staff: { requestDeduction: () => { throw refusal('INSUFFICIENT_POINTS', '可用积分不足，100 积分起抵'); } } });
    const store = createDeductionStore(fake.call);
    expect(await store.getState().request({ memberNo: '100001', orderId: 'R-2', amountFen: 12000 })).toBeNull();
    expect(store.getState().ask.error).toMatchObject({ code: 'INSUFFICIENT_POINTS', message: '可用积分不足，100 积分起抵' });
    expect(store.getState().current).toBeNull();

    const late = deferred<Deduction>();
    const polling = fakeCall({ staff: { requestDeduction: () => ({ ...view('requested'), replayed: false }), deduction: () => late.promise } });
    const s2 = createDeductionStore(polling.call);
    await s2.getState().request({ memberNo: '100001', orderId: 'R-1', amountFen: 12000 });
    const poll = s2.getState().refresh();
    s2.getState().reset();
    late.resolve(view('held'));
    await poll;
    expect(s2.getState().current).toBeNull();
  });

  test('what the clerk reads', () => {
    expect(deductionMessage(view('requested'), formatYuan)).toBe('等待会员在手机上确认：6,000 积分抵 60.00 元');
    expect(deductionMessage(view('held', { cashFen: 6050 }), formatYuan)).toBe('会员已同意：6,000 积分抵 60.00 元，应收现金 60.50 元');
    expect(deductionMessage(view('declined'), formatYuan)).toBe('会员已拒绝积分抵扣，可直接登记消费（不使用积分）');
    expect(deductionMessage(view('expired'), formatYuan)).toBe('积分抵扣已过期，请重新发起或直接登记消费');
  });
});
