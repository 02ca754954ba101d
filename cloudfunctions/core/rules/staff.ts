// What store staff may do at the till [`staff`]. See docs/loyalty-rules.md section 7.5.
import * as z from 'zod/mini';
import { int } from './fields';

const backdateMessage = '员工补录消费的天数必须是 0-30 之间的整数（0 = 仅当天）';
const singleMessage = '店员单笔消费限额必须是 1-100000000 之间的整数（分）';
const dailyMessage = '店员每日登记限额必须是 1-1000000000 之间的整数（分）';
const adjustMessage = '积分调整审批门槛必须是 1-1000000 之间的整数';
const webIdleMessage = '网页后台登录保持时长必须是 15-10080 之间的整数（分钟）';

const limits = {
  /** A clerk's purchase above this amount (fen) waits for a manager's approval. */
  clerkSingleFen: int(singleMessage, 1, 100_000_000),
  /** A clerk's purchases recorded without approval in one Shanghai day add up to at most this (fen). */
  clerkDailyFen: int(dailyMessage, 1, 1_000_000_000),
};

export const staffRulesSchema = z.strictObject({
  /**
   * How many Shanghai days before today a purchase recorded by staff may be dated (`recordPurchase.paidAt`), per
   * role: 0 = today only (from 00:00 Shanghai time), 7 = today and the 7 days before.
   */
  backdateDays: z.strictObject({
    clerk: int(backdateMessage, 0, 30),
    manager: int(backdateMessage, 0, 30),
    admin: int(backdateMessage, 0, 30),
  }),
  /**
   * A manual points adjustment (staff.adjustPoints, admin.adjustPoints) of more than this many points, credit or debit,
   * waits for the approval of an admin other than the one who asked.
   */
  adjustApprovalPoints: int(adjustMessage, 1, 1_000_000),
  /**
   * The web console (sign-in by QR code, core/webLogin.ts): a web session without a call for this many minutes ends
   * and the browser shows the QR code again.
   */
  webSessionIdleMinutes: int(webIdleMessage, 15, 10_080),
  /** Till limits for clerks, with per-store overrides (by store id); managers and admins approve and are not held. */
  purchaseLimits: z.strictObject({
    ...limits,
    stores: z.record(z.string(), z.strictObject({ clerkSingleFen: z.optional(limits.clerkSingleFen), clerkDailyFen: z.optional(limits.clerkDailyFen) })),
  }),
});

export type StaffRules = z.infer<typeof staffRulesSchema>;

export const DEFAULT_STAFF_RULES: StaffRules = {
  backdateDays: { clerk: 0, manager: 7, admin: 7 },
  adjustApprovalPoints: 10_000,
  webSessionIdleMinutes: 480,
  purchaseLimits: { clerkSingleFen: 500_000, clerkDailyFen: 2_000_000, stores: {} },
};
