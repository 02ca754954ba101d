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
  const schema = z.strictObject({ page: opt(int(1, 100)), kind: z.enum(['points', 'growth']), note: opt(str(1, 5)), ids: opt(z.array(str(1, 9)).check(z.maxLength(2))) });

  test.each([
    [{ kind: 'points', page: 0 }, '参数 page 不能小于 1'],
    [{ kind: 'points', page: 1.5 }, '参数 page 必须是整数'],
    [{ kind: 'points', page: '2' }, '参数 page 必须是整数'],
    [{ kind: 'money' }, '参数 kind 必须是 points / growth 之一'],
    [{ kind: 'points', note: '' }, '参数 note 不能为空'],
    [{ kind: 'points', note: '太长的备注内容' }, '参数 note 长度不能超过 5'],
    [{ kind: 'points', ids: ['a', 'b', 'c'] }, '参数 ids 最多 2 项'],
    [{ kind: 'points', ids: [''] }, '参数 ids[0] 不能为空'],
    // An unknown field is named first, even when other fields are wrong too.
    [{ kind: 'money', openid: 'someone-else' }, '参数 openid 不被支持'],
    ['not an object', '请求格式不正确'],
  ])('%j → %s', (input, message) => {
    expect(messageOf(schema, input)).toBe(message);
  });

  test('null counts as an absent optional field, and absent fields do not appear', () => {
    expect(parseWith(schema, { kind: 'growth', page: null, note: undefined })).toEqual({ kind: 'growth' });
  });

  test('nested paths are named from their root', () => {
    expect(messageOf(z.strictObject({ amountFen: int(1) }), { amountFen: 0 }, 'order')).toBe('参数 order.amountFen 不能小于 1');
  });

  test('refinements carry their own sentence', () => {
    const err = (() => { try { parseInput(staff.settlement, { from: '2027-02-01', to: '2027-01-01' }); } catch (e) { return e as AppError; } })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', message: '开始日期不能晚于结束日期' });
    expect(() => parseInput(staff.adjustPoints, { memberNo: '100001', amount: 0, reason: '补偿', requestId: 'req-000001' })).toThrow('参数 amount 不能为 0');
    expect(() => parseInput(staff.recordPurchase, { memberNo: '100001', orderId: 'R1', amountFen: 100, items: [{ sku: 'a', name: 'A', category: 'c', quantity: 1, amountFen: 90 }] })).toThrow('商品金额合计与订单金额不一致');
  });

  test('the contract refuses an openid in any member input', () => {
    expect(() => parseInput(member.login, { openid: 'x' })).toThrow('参数 openid 不被支持');
    expect(() => parseInput(order.paid, { openid: 'x' })).toThrow('参数 openid 不被支持');
  });
});
