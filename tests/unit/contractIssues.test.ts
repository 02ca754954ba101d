import * as z from 'zod/mini';
import { describeIssues } from '../../contract/issues';
import { int, opt, str } from '../../contract/fields';
import { parseInput, parseWith } from '../../cloudfunctions/runtime/handler';
import { AppError } from '../../cloudfunctions/core/errors';
import { member } from '../../contract/member';
import { staff } from '../../contract/staff';
import { order } from '../../contract/order';

const messageOf = (schema: z.ZodMiniType, value: unknown, root = '') => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a refusal');
  return describeIssues(r.error.issues, root);
};

describe('input refusals read as Chinese sentences about the field', () => {
  const schema = z.strictObject({ pageSize: opt(int(1, 100)), kind: z.enum(['points', 'growth']), note: opt(str(1, 5)), items: opt(z.array(str(1, 9)).check(z.maxLength(2))), memberNo: opt(str(6, 20)) });

  test.each([
    [{ kind: 'points', pageSize: 0 }, '每页条数不能小于 1'],
    [{ kind: 'points', pageSize: 1.5 }, '每页条数必须是整数'],
    [{ kind: 'points', pageSize: '2' }, '每页条数必须是整数'],
    [{ kind: 'money' }, '明细类型必须是 points / growth 之一'],
    [{ kind: 'points', note: '' }, '备注不能为空'],
    [{ kind: 'points', note: '太长的备注内容' }, '备注长度不能超过 5 个字'],
    [{ kind: 'points', memberNo: '123' }, '会员号长度不能少于 6 位'],
    [{ kind: 'points', items: ['a', 'b', 'c'] }, '商品明细最多 2 项'],
    [{ kind: 'points', items: ['a', ''] }, '商品明细（第 2 项）不能为空'],
    // An unknown field is named first, even when other fields are wrong too.
    [{ kind: 'money', openid: 'someone-else' }, '不支持的参数 openid'],
    ['not an object', '请求格式不正确'],
  ])('%j → %s', (input, message) => {
    expect(messageOf(schema, input)).toBe(message);
  });

  test('null counts as an absent optional field, and absent fields do not appear', () => {
    expect(parseWith(schema, { kind: 'growth', pageSize: null, note: undefined })).toEqual({ kind: 'growth' });
  });

  test('nested paths are named from their root', () => {
    expect(messageOf(z.strictObject({ amountFen: int(1) }), { amountFen: 0 }, 'order')).toBe('订单金额不能小于 1');
    expect(messageOf(z.strictObject({ amountFen: int(1) }), { amountFen: 0 }, 'refund')).toBe('退款金额不能小于 1');
    expect(messageOf(z.strictObject({ items: z.array(z.strictObject({ amountFen: int(0) })) }), { items: [{ amountFen: -1 }] }, 'order')).toBe('商品金额（第 1 项）不能小于 0');
  });

  test('refinements carry their own sentence', () => {
    const err = (() => { try { parseInput(staff.settlement, { from: '2027-02-01', to: '2027-01-01' }); } catch (e) { return e as AppError; } })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', message: '开始日期不能晚于结束日期' });
    expect(() => parseInput(staff.adjustPoints, { memberNo: '100001', amount: 0, reason: '补偿', requestId: 'req-000001' })).toThrow('参数 amount 不能为 0');
    expect(() => parseInput(staff.recordPurchase, { memberNo: '100001', orderId: 'R1', amountFen: 100, items: [{ sku: 'a', name: 'A', category: 'c', quantity: 1, amountFen: 90 }] })).toThrow('商品金额合计与订单金额不一致');
  });

  test('a field the contract does not label is still named, as sent', () => {
    expect(messageOf(z.strictObject({ rules: z.strictObject({ points: z.strictObject({ perYuan: int(1) }) }) }), { rules: { points: { perYuan: 0 } } })).toBe('参数 rules.points.perYuan 不能小于 1');
  });

  test('the contract refuses an openid in any member input', () => {
    expect(() => parseInput(member.login, { openid: 'x' })).toThrow('不支持的参数 openid');
    expect(() => parseInput(order.paid, { openid: 'x' })).toThrow('不支持的参数 openid');
  });
});
