// Outside systems (online shop, POS, channels) call with a signed request; see docs/actions.md for the signature.
import * as z from 'zod/mini';
import { action } from './action';
import { channelEventsInput, channelEventsOutput } from './channelEvents';
import { captureRequest, capturedOrder, holdAnswer, holdRequest, holdView, releaseRequest } from './deduction';
import { paidOrder, refund, review } from './orderFields';
import { array, bool, externalId, int, integer, memberNo, nullable, number, object, opt, str, text } from './fields';
import { tierChange } from './shared';

export const signedEnvelope = {
  channel: externalId(32),
  /** ms since epoch; outside the channel's replay window the request is refused. */
  timestamp: int(0),
  nonce: str(8, 64, /^[A-Za-z0-9_-]+$/),
  /** hex(HMAC-SHA256(secret, action \n channel \n timestamp \n nonce \n canonicalJson(payload))). */
  signature: str(64, 64, /^[0-9a-f]+$/),
};

/** A paid order credited to its member. */
export const creditedOrder = object({
  orderId: text(), memberNo: text(), pointsEarned: integer(), multiplier: number(), growthEarned: integer(), balance: integer(),
  tier: tierChange, replayed: bool(),
});

/** A paid order kept for a phone no member has bound yet: `phone` masked; credited if bound before `claimableUntil`. */
export const unclaimedOrder = object({ orderId: text(), unclaimed: z.literal(true), phone: text(), claimableUntil: text(), replayed: bool() });

/** A refund of an order still unclaimed: noted with it (nothing to reverse yet), applied right after its claim. */
export const unclaimedRefund = object({ refundId: text(), orderId: text(), unclaimed: z.literal(true), fullyRefunded: bool(), replayed: bool() });

export const order = {
  paid: action({
    input: z.strictObject({ ...signedEnvelope, order: paidOrder }),
    /** Credited to the member, or (an order by a phone nobody has bound yet) kept unclaimed until a member binds it. */
    output: z.union([creditedOrder, unclaimedOrder]),
    errors: ['UNAUTHENTICATED', 'NOT_FOUND', 'ALREADY_EXISTS', 'CONFLICT'],
  }),
  refunded: action({
    input: z.strictObject({ ...signedEnvelope, refund }),
    /** Reversed on the member's ledger, or (an order still unclaimed) noted with it and applied when it is claimed. */
    output: z.union([object({
      refundId: text(), orderId: text(), pointsReversed: integer(), growthReversed: integer(), fullyRefunded: bool(),
      /** Points that paid part of the order (积分抵扣) given back by this refund, in the refunded share of the cash. */
      pointsReturned: z.optional(integer()),
      balance: integer(), debt: integer(), replayed: bool(),
    }), unclaimedRefund]),
    errors: ['UNAUTHENTICATED', 'NOT_FOUND', 'ALREADY_EXISTS', 'CONFLICT'],
  }),
  /** A review from a channel: a photo review earns social growth once per order, within its daily cap. */
  /** 积分抵扣 step 1: reserves points for an order amount (once per channel and order id); answers the deduction. */
  hold: action({
    input: z.strictObject({ ...signedEnvelope, hold: holdRequest }),
    output: holdAnswer,
    errors: ['UNAUTHENTICATED', 'NOT_FOUND', 'FORBIDDEN', 'NOT_ELIGIBLE', 'INSUFFICIENT_POINTS', 'ALREADY_EXISTS', 'CONFLICT'],
  }),
  /** 积分抵扣 step 2: the paid order of a live hold: the points are spent, the cash part earns (once per order id). */
  capture: action({
    input: z.strictObject({ ...signedEnvelope, capture: captureRequest }),
    output: capturedOrder,
    errors: ['UNAUTHENTICATED', 'NOT_FOUND', 'NOT_ELIGIBLE', 'INSUFFICIENT_POINTS', 'ALREADY_EXISTS', 'CONFLICT'],
  }),
  /** Gives a live hold up (the order was not paid): its points are spendable again at once. */
  release: action({
    input: z.strictObject({ ...signedEnvelope, release: releaseRequest }),
    output: object({ ...holdView.shape, replayed: bool() }),
    errors: ['UNAUTHENTICATED', 'NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'],
  }),
  reviewed: action({
    input: z.strictObject({ ...signedEnvelope, review }),
    output: object({ orderId: text(), growthEarned: integer(), credited: bool(), reason: nullable(text()) }),
    errors: ['UNAUTHENTICATED', 'NOT_FOUND', 'FORBIDDEN'],
  }),
  /**
   * A member's tier benefits a channel honours (权益通): the tier and its flags (免费退换, 专属客服 ...), and the unused
   * benefit vouchers the member holds that may be used in the channel's format (`format`; absent: any).
   */
  benefits: action({
    input: z.strictObject({ ...signedEnvelope, member: z.strictObject({ memberNo: memberNo(), format: opt(str(1, 40)) }) }),
    output: object({
      memberNo: text(), tierLevel: integer(), tierName: text(),
      flags: array(object({ key: text(), title: text() })),
      vouchers: array(object({ code: text(), title: text(), expiresAt: text(), faceValueFen: nullable(integer()) })),
    }),
    errors: ['UNAUTHENTICATED', 'NOT_FOUND'],
  }),
  /**
   * Member behaviour from a channel (visit, favourite, add to cart, content like / comment / share / post), up to
   * 100 events a request: each earns interaction growth under its daily cap, once per event id; per-event results.
   */
  events: action({
    input: z.strictObject({ ...signedEnvelope, events: channelEventsInput }),
    output: channelEventsOutput,
    errors: ['UNAUTHENTICATED', 'CONFLICT'],
  }),
};
