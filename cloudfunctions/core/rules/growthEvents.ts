// Member actions other than orders that earn growth [`growth.events.<action>`], each capped per Shanghai day.
// See docs/loyalty-rules.md section 1.2.
import * as z from 'zod/mini';
import { int } from './fields';

export const INTERACTION_EVENTS = ['checkin', 'visit', 'favorite', 'addToCart', 'activity', 'contentLike', 'contentComment', 'contentShare', 'contentPost'] as const;
export const SOCIAL_EVENTS = ['shareApp', 'inviteRegistered', 'inviteOrdered', 'photoReview'] as const;

export type InteractionEvent = (typeof INTERACTION_EVENTS)[number];
export type SocialEvent = (typeof SOCIAL_EVENTS)[number];
/** Member actions other than orders that earn growth; each is capped per Shanghai day. */
export type ActivityEvent = InteractionEvent | SocialEvent;

const activityMessage = '互动与社交行为的成长值与每日上限必须是非负整数';

export const activityRuleSchema = z.strictObject({
  /** Raw growth per event (before the dimension weight). */
  growth: int(activityMessage),
  /** Events of this type credited per member per Shanghai day; later ones earn nothing. */
  dailyCap: int(activityMessage),
});

export type ActivityRule = z.infer<typeof activityRuleSchema>;

const events = [...INTERACTION_EVENTS, ...SOCIAL_EVENTS];
export const growthEventsSchema = z.strictObject(Object.fromEntries(events.map((e) => [e, activityRuleSchema])) as Record<ActivityEvent, typeof activityRuleSchema>);

export const DEFAULT_GROWTH_EVENTS: Record<ActivityEvent, ActivityRule> = {
  checkin: { growth: 2, dailyCap: 1 },
  visit: { growth: 1, dailyCap: 1 },
  favorite: { growth: 1, dailyCap: 5 },
  addToCart: { growth: 1, dailyCap: 5 },
  activity: { growth: 10, dailyCap: 2 },
  contentLike: { growth: 1, dailyCap: 10 },
  contentComment: { growth: 2, dailyCap: 5 },
  contentShare: { growth: 2, dailyCap: 5 },
  contentPost: { growth: 5, dailyCap: 2 },
  shareApp: { growth: 2, dailyCap: 3 },
  inviteRegistered: { growth: 20, dailyCap: 5 },
  inviteOrdered: { growth: 30, dailyCap: 5 },
  photoReview: { growth: 5, dailyCap: 3 },
};
