import { AppError, ERROR_MESSAGES, failure, success } from '../../cloudfunctions/core/errors';

describe('the response envelope', () => {
  test('success wraps data', () => {
    expect(success({ a: 1 })).toEqual({ ok: true, data: { a: 1 } });
  });

  test('an AppError keeps its code and Chinese message', () => {
    expect(failure(new AppError('FORBIDDEN'))).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行该操作' } });
    expect(failure(new AppError('NOT_FOUND', '会员不存在'))).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '会员不存在' } });
  });

  test('an unknown error is wrapped as INTERNAL and never leaks its message', () => {
    const env = failure(new Error('connect ECONNREFUSED 10.0.0.1:27017'));
    expect(env).toEqual({ ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } });
  });

  test('the code map has the required codes, each with a Chinese message', () => {
    for (const code of ['UNAUTHENTICATED', 'INVALID_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'ALREADY_DONE', 'ALREADY_EXISTS', 'STALE_VERSION', 'LIMIT_REACHED', 'NOT_ELIGIBLE', 'INTERNAL'] as const) {
      expect(ERROR_MESSAGES[code]).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
