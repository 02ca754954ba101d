import { AppError } from '../../cloudfunctions/core/errors';
import { noInput, v } from '../../cloudfunctions/core/validate';

const parseError = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a validation error');
};

describe('input validation', () => {
  const schema = v.object({ page: v.int({ min: 1, max: 100 }).optional(), kind: v.oneOf(['points', 'growth'] as const), note: v.string({ min: 1, max: 5 }).optional() });

  test('valid input parses and drops absent optionals', () => {
    expect(schema.parse({ kind: 'points', page: 2 }, 'input')).toEqual({ kind: 'points', page: 2 });
  });

  test.each([
    [{ kind: 'points', page: 0 }, 'page 不能小于 1'],
    [{ kind: 'points', page: 1.5 }, 'page 必须是整数'],
    [{ kind: 'points', page: '2' }, 'page 必须是整数'],
    [{ kind: 'money' }, 'kind 必须是 points / growth 之一'],
    [{ kind: 'points', note: '' }, 'note 不能为空'],
    [{ kind: 'points', note: '太长的备注内容' }, 'note 长度不能超过 5'],
    [{ kind: 'points', openid: 'someone-else' }, 'openid 不被支持'],
  ])('%j is rejected: %s', (input, message) => {
    const err = parseError(() => schema.parse(input, 'input'));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toBe(`参数 ${message}`);
  });

  test('an action without input rejects any field', () => {
    expect(noInput.parse({}, 'input')).toEqual({});
    expect(parseError(() => noInput.parse({ openid: 'x' }, 'input')).code).toBe('INVALID_INPUT');
  });

  test('arrays and booleans', () => {
    const s = v.object({ ids: v.array(v.string({ min: 1 }), { max: 2 }), flag: v.boolean() });
    expect(s.parse({ ids: ['a'], flag: false }, 'input')).toEqual({ ids: ['a'], flag: false });
    expect(parseError(() => s.parse({ ids: ['a', 'b', 'c'], flag: true }, 'input')).message).toBe('参数 ids 最多 2 项');
    expect(parseError(() => s.parse({ ids: [''], flag: true }, 'input')).message).toBe('参数 ids[0] 不能为空');
  });
});
