// One map of error codes, one error class, one envelope (tRPC style). Messages are what a member or clerk reads.
export const ERROR_MESSAGES = {
  UNAUTHENTICATED: '请先登录后再操作',
  INVALID_INPUT: '请求参数有误',
  NOT_FOUND: '未找到相关记录',
  FORBIDDEN: '没有权限执行该操作',
  CONFLICT: '操作冲突，请稍后重试',
  INSUFFICIENT_POINTS: '积分不足',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  // Points mall, member code, vouchers
  SOLD_OUT: '商品已兑完',
  LIMIT_REACHED: '已达兑换上限',
  NOT_ELIGIBLE: '暂不满足兑换条件',
  CODE_EXPIRED: '码已过期，请刷新后重试',
  CODE_INVALID: '无效的码',
  ALREADY_USED: '该券已核销',
  INTERNAL: '系统繁忙，请稍后重试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string = ERROR_MESSAGES[code]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

export const success = <T>(data: T): Envelope<T> => ({ ok: true, data });

// Unknown errors become INTERNAL with the generic message: internals never leak to the caller.
export function failure(err: unknown): Envelope<never> {
  if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
  return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } };
}
