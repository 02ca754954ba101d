// The console's members section, the pure parts: what a search keyword is searched by, the nickname prefix regex and
// the page cursor, freezing and unfreezing as a plan, and the mall's refusal of a frozen member.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { AppError } from '../../cloudfunctions/core/errors';
import { emptyPointsState, planEarn } from '../../cloudfunctions/core/ledger';
import { FROZEN_MESSAGE, planRedemption, type MallItem } from '../../cloudfunctions/core/mall';
import { planFreeze } from '../../cloudfunctions/admin/members/freezeRules';
import { decodeCursor, encodeCursor, namePrefix, searchKeyOf } from '../../cloudfunctions/admin/members/query';
import { seesFullPhone, voucherCodeFor } from '../../cloudfunctions/admin/members/views';
import { maskPhone } from '../../cloudfunctions/services/phones';

const NOW = new Date('2026-06-01T12:00:00+08:00');

describe('search keys', () => {
  test.each([
    ['13800138000', 'phone'],
    ['80012345678', 'memberNo'],
    ['123456', 'memberNo'],
    ['12345', 'nickname'],
    ['张三', 'nickname'],
    ['1380013800a', 'nickname'],
  ])('auto reads %s as %s', (keyword, key) => expect(searchKeyOf(keyword)).toBe(key));

  test('an explicit key wins', () => {
    expect(searchKeyOf('13800138000', 'nickname')).toBe('nickname');
    expect(searchKeyOf('张三', 'memberNo')).toBe('memberNo');
  });

  test('the nickname regex is anchored and takes the keyword literally', () => {
    const re = namePrefix('a.b(');
    expect(re.source.startsWith('^')).toBe(true);
    expect(re.test('a.b(c')).toBe(true);
    expect(re.test('axb(c')).toBe(false);
    expect(re.test('xa.b(')).toBe(false);
    expect(namePrefix('.*').test('anything')).toBe(false);
  });

  test('the cursor carries the last row through the contract alphabet', () => {
    const c = { memberNo: '80012345678', nickname: '张三丰/+=?' };
    const encoded = encodeCursor(c);
    expect(encoded).toMatch(/^\d{6,20}\.[A-Za-z0-9_-]*$/);
    expect(decodeCursor(encoded)).toEqual(c);
  });
});

describe('phones and vouchers by role', () => {
  test('masking', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('123')).toBe('****');
  });
  test('only the analyst sees masked phones and voucher codes', () => {
    expect(['clerk', 'manager', 'operator', 'admin'].map((r) => seesFullPhone(r as never))).toEqual([true, true, true, true]);
    expect(seesFullPhone('analyst')).toBe(false);
    expect(voucherCodeFor('123456789012', 'analyst')).toBe('****9012');
    expect(voucherCodeFor('123456789012', 'operator')).toBe('123456789012');
  });
});

describe('freezing as a plan', () => {
  const by = { openid: 'op-1', name: '运营甲' };
  const freeze = { frozen: true, reason: '疑似刷单', requestId: 'req-1' };

  test('freezes a member and remembers the request', () => {
    const p = planFreeze({}, freeze, by, NOW);
    expect(p).toEqual({
      fields: { frozen: { reason: '疑似刷单', at: NOW, by: 'op-1', byName: '运营甲', requestId: 'req-1' }, freezeRequests: ['req-1:1'] },
      before: null, after: { reason: '疑似刷单', at: NOW, by: 'op-1', byName: '运营甲', requestId: 'req-1' }, replayed: false,
    });
  });

  test('a replay writes nothing; the id for the opposite change is taken; a repeated state is done', () => {
    const member = { frozen: { reason: '疑似刷单', at: NOW, by: 'op-1', byName: '运营甲', requestId: 'req-1' }, freezeRequests: ['req-1:1'] };
    expect(planFreeze(member, freeze, by, NOW)).toMatchObject({ fields: null, replayed: true });
    expect(() => planFreeze(member, { ...freeze, frozen: false }, by, NOW)).toThrow(new AppError('ALREADY_EXISTS', '该请求号已用于其他操作'));
    expect(() => planFreeze(member, { ...freeze, requestId: 'req-2' }, by, NOW)).toThrow('该会员已处于冻结状态');
    expect(() => planFreeze({}, { ...freeze, frozen: false }, by, NOW)).toThrow('该会员未被冻结');
  });

  test('unfreezing clears the mark; the request list keeps the latest 20', () => {
    const requests = Array.from({ length: 20 }, (_, i) => `old-${i}:0`);
    const p = planFreeze({ frozen: { reason: 'x', at: NOW, by: 'a', byName: 'b', requestId: 'r' }, freezeRequests: requests }, { frozen: false, reason: '核实无误', requestId: 'req-3' }, by, NOW);
    expect(p.fields?.frozen).toBeNull();
    expect(p.fields?.freezeRequests).toHaveLength(20);
    expect(p.fields?.freezeRequests.at(-1)).toBe('req-3:0');
    expect(p.fields?.freezeRequests[0]).toBe('old-1:0');
  });
});

describe('the mall refuses a frozen member', () => {
  const item: MallItem = {
    _id: 'i1', name: '测试券', kind: 'coupon', category: '优惠券', description: '', image: null, pointsPrice: 10, stock: 10, sold: 0,
    perOrderLimit: 0, perMemberLimit: 0, minTierLevel: 0, saleStart: null, saleEnd: null, fundedBy: { format: 'mall', storeId: null },
    voucherValidDays: 3, active: true, sort: 0,
  };
  const state = planEarn(emptyPointsState(), { key: 'e', amount: 500, reason: '', ref: 'e', issuer: 't', at: new Date('2026-01-01T00:00:00+08:00'), format: 'mall' }, DEFAULT_CONFIG).state;
  const input = { redemptionId: 'r1', requestId: 'req-1', quantity: 1, voucherCode: '123456789012', giftCardNo: 'G1' };
  const member = { openid: 'm1', memberNo: '80000000001', tierLevel: 0 };

  test('NOT_ELIGIBLE 会员账户已冻结，暂不能兑换, before any other rule', () => {
    const frozen = { ...member, frozen: { reason: '疑似刷单' } };
    expect(() => planRedemption(frozen, state, item, input, NOW)).toThrow(new AppError('NOT_ELIGIBLE', FROZEN_MESSAGE));
    expect(FROZEN_MESSAGE).toBe('会员账户已冻结，暂不能兑换');
    expect(() => planRedemption(frozen, state, { ...item, stock: 0 }, input, NOW)).toThrow(FROZEN_MESSAGE);
  });

  test('an unfrozen member (null or absent) redeems', () => {
    expect(planRedemption({ ...member, frozen: null }, state, item, input, NOW).result.points).toBe(10);
    expect(planRedemption(member, state, item, input, NOW).result.points).toBe(10);
  });
});
