// Member behaviour reported by a channel (数据通): what the signed `order.events` action takes and answers.
import * as z from 'zod/mini';
import { array, externalId, integer, isoTime, memberNo, object, oneOf, opt, str, text } from './fields';

/** Behaviour a channel may report; each is the growth event of the same name (growth.events.<type>). */
export const CHANNEL_EVENT_TYPES = ['visit', 'favorite', 'addToCart', 'contentLike', 'contentComment', 'contentShare', 'contentPost'] as const;

/** A mainland mobile number as the member bound it (11 digits, 1…). */
export const boundPhone = () => str(11, 11, /^1\d{10}$/);

export const channelEvent = z.strictObject({
  /** The channel's id of this event: a second event with this id (a replay) credits nothing. */
  eventId: externalId(),
  /** The member: by member number or by the phone the member bound; exactly one of the two. */
  memberNo: opt(memberNo()),
  phone: opt(boundPhone()),
  type: oneOf(CHANNEL_EVENT_TYPES),
  /** When it happened; within the late-delivery window (orders.lateDeliveryDays back, clockSkewMinutes ahead). */
  at: isoTime(),
  /** What it is about: the product, content, comment or post id (decides the growth key, see loyalty-rules 1.2). */
  ref: opt(externalId()),
}).check(z.refine((e) => (e.memberNo === undefined) !== (e.phone === undefined), { message: '会员号与手机号须且只能填写一项' }));

export type ChannelEvent = z.output<typeof channelEvent>;

export const channelEventStatus = oneOf(['credited', 'duplicate', 'capped', 'disabled', 'tooLate', 'unknownMember']);

export const channelEventsInput = array(channelEvent).check(z.minLength(1), z.maxLength(100));

export const channelEventsOutput = object({
  /** One per event, in the order sent. */
  results: array(object({ eventId: text(), status: channelEventStatus, growthEarned: integer(), message: text() })),
  credited: integer(),
  growthEarned: integer(),
});
