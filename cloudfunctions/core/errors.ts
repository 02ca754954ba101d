// One map of error codes, one error class, one envelope (tRPC style). Messages are what a member or clerk reads.
export const ERROR_MESSAGES = {
  /** No caller identity in the wx context (or a channel request that fails its signature). */
  UNAUTHENTICATED: '请先登录后再操作',
  /** The input breaks its schema or a rule about it (a bad time, amounts that do not add up). */
  INVALID_INPUT: '请求参数有误',
  /** The member, order, item or record asked for does not exist (or is someone else's). */
  NOT_FOUND: '未找到相关记录',
  /** The caller may not do this (role, store, a feature that is off, an audience the task is not for). */
  FORBIDDEN: '没有权限执行该操作',
  /** Contention only: concurrent writers won every retry (transaction conflicts, member number allocation). The
   * outcome is uncertain and a retry of the same request may cure it; never used for a business refusal. */
  CONFLICT: '操作冲突，请稍后重试',
  // Business refusals: definite answers; the same request gets the same answer again.
  /** What is asked was already done and is not done twice (a day already checked in, points already credited). */
  ALREADY_DONE: '该操作已完成，请勿重复操作',
  /** An id or key is already used by something else (an order or refund id with other content, a request id used
   * for another redemption, a phone number bound to another member). A replay with the same content is answered. */
  ALREADY_EXISTS: '该编号已被使用',
  /** The version the caller edited is no longer current (an optimistic check, e.g. the rules): reload, then edit. */
  STALE_VERSION: '数据已被他人修改，请刷新后重试',
  /** Not enough spendable points. */
  INSUFFICIENT_POINTS: '积分不足',
  /** Too many requests of one kind in a short time. */
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  /** A count limit is reached (per order or per member redemptions, 补签 a month). */
  LIMIT_REACHED: '已达上限',
  /** A condition is not (yet) met (a tier, a sale window, a task not completed, a cancelled voucher). */
  NOT_ELIGIBLE: '暂不满足条件',
  // Points mall, member code, vouchers
  /** The item's stock is gone (or less than asked). */
  SOLD_OUT: '商品已兑完',
  /** A member code or voucher past its validity. */
  CODE_EXPIRED: '码已过期，请刷新后重试',
  /** A member code or voucher code that is malformed or unknown. */
  CODE_INVALID: '无效的码',
  /** The voucher was already written off. */
  ALREADY_USED: '该券已核销',
  /** Anything unexpected; the details stay in the logs. */
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
