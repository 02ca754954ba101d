// Shapes of the till that several staff actions answer: the member as staff see them, and a purchase held for a
// manager's approval.
import * as z from 'zod/mini';
import { array, bool, integer, iso, nullable, number, object, oneOf, text } from './fields';
import { benefit, birthdayView, expiring, tierChange } from './shared';

/** The member's tier, points and growth as staff see them, read after the action. */
export const staffMemberView = object({
  memberNo: text(),
  nickname: text(),
  tier: object({ level: integer(), name: text(), benefits: array(benefit) }),
  points: object({ balance: integer(), debt: integer(), spendable: integer(), pending: integer(), expiring, expiringSoon: bool() }),
  growth: object({ total: integer() }),
  /** The tier's standing rights (免费退换, 专属客服 ...) staff honour at the counter. */
  flags: array(object({ key: text(), title: text() })),
  /** The member's birthday (null: not set); a change goes through staff.setBirthday. */
  birthday: birthdayView,
});

/** A voucher the member holds and has not used: written off from the member's screen when the code will not scan. */
export const heldVoucher = object({
  code: text(), itemName: text(), kindName: text(), quantity: integer(), expiresAt: iso(),
  /** Whether it can be written off in the caller's store now (null: the caller has no store); `why` says why not. */
  usableHere: nullable(bool()),
  why: nullable(text()),
});

export const approvalStatus = oneOf(['pending', 'approving', 'approved', 'rejected']);

/** A clerk's purchase above the till limits (`staff.purchaseLimits`), waiting for or decided by a manager. */
export const approvalView = object({
  /** The order id it will have: `<storeId>:<receipt>`. */
  id: text(),
  receipt: text(),
  memberNo: text(),
  amountFen: integer(),
  paidAt: iso(),
  backdated: bool(),
  /** Which limit it is above: a single purchase, or the clerk's total of the day. */
  limit: oneOf(['single', 'daily']),
  limitFen: integer(),
  status: approvalStatus,
  requestedBy: text(),
  requestedAt: iso(),
  decidedBy: nullable(text()),
  decidedAt: nullable(iso()),
  rejectReason: nullable(text()),
  /** 超过单笔限额 5,000.00 元，等待店长审批 …, for the screen. */
  message: text(),
});

export const recordedPurchase = object({
  status: oneOf(['recorded']),
  orderId: text(), memberNo: text(), pointsEarned: integer(), multiplier: number(), growthEarned: integer(), balance: integer(),
  tier: tierChange, replayed: bool(), storeName: text(),
  member: staffMemberView,
  /** The points that paid part of it (积分抵扣), when it was recorded with a deduction. */
  deduction: z.optional(object({ holdId: text(), points: integer(), deductionFen: integer(), cashFen: integer() })),
});
