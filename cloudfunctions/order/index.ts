import { v } from '../core/validate';
import { defineFunction, openAction } from '../runtime/handler';
import { verifySigned } from '../runtime/signature';
import { recordPaidOrder, recordRefund } from './record';
import { recordReview, reviewInput } from './review';
import { signed, signedPaid, signedRefund } from './schema';

// Outside systems call with a signed request; store staff record purchases through the staff function.
export const main = defineFunction({
  actions: {
    paid: openAction(signedPaid, async ({ db, input, now }) => {
      const { order, ...env } = input;
      const channel = await verifySigned(db, 'paid', env, order, now);
      return recordPaidOrder(db, order, { channel: channel._id, issuer: `channel:${channel._id}` }, now);
    }),
    refunded: openAction(signedRefund, async ({ db, input, now }) => {
      const { refund, ...env } = input;
      const channel = await verifySigned(db, 'refunded', env, refund, now);
      return recordRefund(db, refund, { channel: channel._id, issuer: `channel:${channel._id}` }, now);
    }),
    reviewed: openAction(v.object({ ...signed, review: reviewInput }), async ({ db, input, now }) => {
      const { review, ...env } = input;
      const channel = await verifySigned(db, 'reviewed', env, review, now);
      return recordReview(db, review, `channel:${channel._id}`, now);
    }),
  },
});
