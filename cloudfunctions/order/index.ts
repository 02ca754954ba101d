import { order as contract } from '../../contract/order';
import type { ParsedInput } from '../../contract';
import { consistentPaidOrder } from '../../contract/orderFields';
import { defineFunction, openAction, parseWith, type ActionContext } from '../runtime/handler';
import { rememberNonce, verifySignature, verifySigned } from '../runtime/signature';
import { AppError } from '../core/errors';
import { recordChannelEvents } from '../services/channelEvents';
import { recordPaidOrder, recordRefund } from '../services/orders';
import { deductionFor, placeHold, releaseHold } from '../services/deductions';
import { recordPhoneOrder, refundUnclaimed } from '../services/unclaimedOrders';
import { memberBenefits } from './benefits';
import { recordReview } from './photoReview';

// Outside systems call with a signed request; store staff record purchases through the staff function.
export const main = defineFunction({
  name: 'order',
  contract,
  actions: {
    paid: openAction(async ({ db, input, now }: ActionContext<ParsedInput<'order', 'paid'>>) => {
      const { order, ...env } = input;
      // The order keeps the request's nonce (services/orders.ts): no nonce document of its own.
      const channel = await verifySignature(db, 'paid', env, order, now);
      const paid = parseWith(consistentPaidOrder, order, 'order');
      const source = { channel: channel._id, issuer: `channel:${channel._id}` };
      // By bound phone: that member's order, or kept unclaimed until a member binds the phone.
      if (paid.phone !== undefined) {
        await rememberNonce(db, channel, env, now);
        return recordPhoneOrder(db, { ...paid, phone: paid.phone }, source, now);
      }
      return recordPaidOrder(db, { ...paid, memberNo: paid.memberNo! }, { ...source, nonce: env.nonce }, now);
    }),
    refunded: openAction(async ({ db, input, now }: ActionContext<ParsedInput<'order', 'refunded'>>) => {
      const { refund, ...env } = input;
      const channel = await verifySignature(db, 'refunded', env, refund, now);
      const source = { channel: channel._id, issuer: `channel:${channel._id}`, nonce: env.nonce };
      try {
        return await recordRefund(db, refund, source, now);
      } catch (err) {
        // An order still unclaimed (by a phone nobody has bound): the refund waits with it.
        if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err;
        await rememberNonce(db, channel, env, now);
        return (await refundUnclaimed(db, refund, source, now)) ?? recordRefund(db, refund, source, now);
      }
    }),
    hold: openAction(async ({ db, input, now }: ActionContext<ParsedInput<'order', 'hold'>>) => {
      const { hold, ...env } = input;
      const channel = await verifySigned(db, 'hold', env, hold, now);
      return placeHold(db, hold, { channel: channel._id, issuer: `channel:${channel._id}` }, now);
    }),
    capture: openAction(async ({ db, input, now }: ActionContext<ParsedInput<'order', 'capture'>>) => {
      const { capture, ...env } = input;
      const channel = await verifySigned(db, 'capture', env, capture, now);
      const parsed = parseWith(consistentPaidOrder, capture.order, 'capture.order');
      if (parsed.memberNo === undefined) throw new AppError('INVALID_INPUT', '积分抵扣的订单须填写会员号');
      const { phone: _phone, ...rest } = parsed;
      const order = { ...rest, memberNo: parsed.memberNo };
      const deduction = await deductionFor(db, capture.holdId, order, channel._id);
      const paid = await recordPaidOrder(db, order, { channel: channel._id, issuer: `channel:${channel._id}` }, now, deduction);
      if (!paid.deduction) throw new AppError('ALREADY_EXISTS', '订单号已存在且未使用积分抵扣');
      return { ...paid, deduction: paid.deduction };
    }),
    release: openAction(async ({ db, input, now }: ActionContext<ParsedInput<'order', 'release'>>) => {
      const { release, ...env } = input;
      const channel = await verifySigned(db, 'release', env, release, now);
      return releaseHold(db, release.holdId, { channel: channel._id }, now);
    }),
    reviewed: openAction(async ({ db, input, now }: ActionContext<ParsedInput<'order', 'reviewed'>>) => {
      const { review, ...env } = input;
      const channel = await verifySigned(db, 'reviewed', env, review, now);
      return recordReview(db, review, { channel: channel._id, issuer: `channel:${channel._id}` }, now);
    }),
    benefits: openAction(async ({ db, input, now }: ActionContext<ParsedInput<'order', 'benefits'>>) => {
      const { member, ...env } = input;
      await verifySigned(db, 'benefits', env, member, now);
      return memberBenefits(db, member, now);
    }),
    events: openAction(async ({ db, input, now }: ActionContext<ParsedInput<'order', 'events'>>) => {
      const { events, ...env } = input;
      const channel = await verifySigned(db, 'events', env, events, now);
      return recordChannelEvents(db, channel._id, events, now);
    }),
  },
});
