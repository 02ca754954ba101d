// Every field of every action's input has a Chinese label (contract/labels.ts), so no refusal names a field by its
// code name; and the refusals members meet read as sentences about what they typed.
import { contract } from '../../contract';
import { describeIssues } from '../../contract/issues';
import { labelOf } from '../../contract/labels';
import { member } from '../../contract/member';
import { mall, shippingAddress } from '../../contract/mall';

type Def = { type: string; shape?: Record<string, Schema>; in?: Schema; innerType?: Schema; element?: Schema; options?: Schema[] };
type Schema = { _zod: { def: Def } };

/** The paths (array indices left out) of every object field inside `schema`. */
function fieldPaths(schema: Schema, path: string[] = [], out: string[][] = []): string[][] {
  const def = schema._zod.def;
  if (def.type === 'object') {
    for (const [key, field] of Object.entries(def.shape ?? {})) {
      out.push([...path, key]);
      fieldPaths(field, [...path, key], out);
    }
  } else if (def.type === 'pipe' && def.in) fieldPaths(def.in, path, out);
  else if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) fieldPaths(def.innerType, path, out);
  else if (def.type === 'array' && def.element) fieldPaths(def.element, path, out);
  else if (def.type === 'union') for (const option of def.options ?? []) fieldPaths(option, path, out);
  return out;
}

const actions = Object.entries(contract).flatMap(([fn, acts]) => Object.entries(acts).map(([name, a]) => [`${fn}.${name}`, a.input as unknown as Schema] as const));

test('the walk finds the fields of nested inputs', () => {
  const paths = fieldPaths(mall.redeem.input as unknown as Schema).map((p) => p.join('.'));
  expect(paths).toEqual(expect.arrayContaining(['itemId', 'shipping', 'shipping.phone']));
  expect(fieldPaths(contract.order.paid.input as unknown as Schema).map((p) => p.join('.'))).toContain('order.items.amountFen');
});

test.each(actions)('every input field of %s has a Chinese label', (_name, input) => {
  const unlabelled = fieldPaths(input).filter((p) => !labelOf(p)).map((p) => p.join('.'));
  expect(unlabelled).toEqual([]);
  for (const p of fieldPaths(input)) expect(labelOf(p)).toMatch(/^[\u4e00-\u9fff]+$/);
});

const messageOf = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: never[] } } }, value: unknown, root = '') => {
  const r = schema.safeParse(value);
  if (r.success || !r.error) throw new Error('expected a refusal');
  return describeIssues(r.error.issues, root);
};

test.each([
  [member.updateProfile.input, { nickname: '   ' }, '昵称不能为空'],
  [member.updateProfile.input, { nickname: '一二三四五六七八九十一二三四五六七八九十一' }, '昵称长度不能超过 20 个字'],
  [member.updateProfile.input, { avatarUrl: 'javascript:alert(1)' }, '头像格式不正确'],
  [member.updateProfile.input, { nickname: 'x', foo: 1 }, '不支持的参数 foo'],
  [mall.redeem.input, { itemId: 'mug', requestId: 'req-00001', shipping: { name: '张三', phone: '123', address: '上海市黄浦区' } }, '手机号长度不能少于 5 位'],
  [mall.redeem.input, { itemId: 'mug', requestId: 'req-00001', shipping: { name: '', phone: '13800000000', address: '上海市黄浦区' } }, '收货人不能为空'],
  [mall.redeem.input, { itemId: 'mug', requestId: 'req-00001', quantity: 0 }, '数量不能小于 1'],
])('%#: a refusal names the field in Chinese', (schema, value, message) => {
  expect(messageOf(schema as never, value)).toBe(message);
});

test('a nested schema parsed on its own is named from its root', () => {
  expect(messageOf(shippingAddress as never, { name: '张三', phone: '1380000000a', address: '上海市黄浦区' }, 'shipping')).toBe('手机号格式不正确');
  expect(messageOf(shippingAddress as never, { name: '张三', phone: '13800000000', address: '上海' }, 'shipping')).toBe('收货地址长度不能少于 5 个字');
});
