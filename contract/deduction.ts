// Points as cash (积分抵扣): the shapes channels, the till and the member's phone share. A hold reserves points for an
// order amount; capture with the paid order turns it into a spend; release gives it up; it lapses by itself after
// `deduction.holdMinutes`. core/deduction.ts holds the rules, services/deductions.ts the writes.
import * as z from 'zod/mini';
import { paidOrder } from './orderFields';
import { bool, externalId, fen, int, integer, iso, memberNo, nullable, number, object, oneOf, opt, str, text } from './fields';
import { tierChange } from './shared';

export const holdStatus = oneOf(['requested', 'held', 'captured', 'released', 'declined', 'expired']);

/** `<channel>:<orderId>` (a store's: `store:<storeId>:<receipt>`): one hold per order of a channel. */
export const holdId = () => str(3, 120, /^[A-Za-z0-9_.:-]+$/);

/** A hold as every side sees it, its status as of now (a live one past its expiry reads `expired`). */
export const holdView = object({
  holdId: text(),
  orderId: text(),
  memberNo: text(),
  status: holdStatus,
  /** 等待会员确认 / 已预留 / 已抵扣 / 已释放 / 会员已拒绝 / 已过期, for the screen. */
  statusText: text(),
  /** The order amount the hold is for, the points reserved, what they pay and what is left to pay in cash. */
  orderFen: integer(),
  points: integer(),
  deductionFen: integer(),
  cashFen: integer(),
  expiresAt: iso(),
  /** Where: the order's format and store ('' / null when none). */
  format: text(),
  storeName: nullable(text()),
});

export const holdRequest = z.strictObject({
  orderId: externalId(),
  memberNo: memberNo(),
  /** The order's full amount before points. */
  amountFen: fen(),
  /** At most this many points (the member wants to use fewer); absent: as many as the rules allow. */
  points: opt(int(1, 100_000_000)),
  format: opt(externalId(32)),
  storeId: opt(externalId(32)),
});

/** The paid order of a held deduction: `amountFen` is the order's full amount, the same the hold was made for. */
export const captureRequest = z.strictObject({ holdId: holdId(), order: paidOrder });

export const releaseRequest = z.strictObject({ holdId: holdId() });

/** What a capture adds to a paid order's answer. */
export const capturedDeduction = object({ holdId: text(), points: integer(), deductionFen: integer(), cashFen: integer() });

export const capturedOrder = object({
  orderId: text(), memberNo: text(), pointsEarned: integer(), multiplier: number(), growthEarned: integer(), balance: integer(),
  tier: tierChange, replayed: bool(), deduction: capturedDeduction,
});

export const holdAnswer = object({ ...holdView.shape, replayed: bool() });

/** A clerk's request (登记消费 with 积分抵扣): the member confirms it on their own phone. */
export const deductionAsk = z.strictObject({
  memberNo: memberNo(),
  /** The store's receipt number of the purchase it is for. */
  orderId: str(1, 40, /^[A-Za-z0-9_.-]+$/),
  amountFen: fen(),
  points: opt(int(1, 100_000_000)),
});

export const deductionDecision = z.strictObject({ holdId: holdId(), approve: z.boolean() });

/** The member's view of a pending request: who asks, for what. */
export const pendingDeduction = object({ ...holdView.shape, requestedAt: iso(), storeName: nullable(text()) });
