// Member behaviour reported by channels (数据通, order.events): which growth event each report is, its idempotency
// key, and what a batch of one member's events earns under the daily caps. See docs/loyalty-rules.md section 1.2.
import type { LoyaltyConfig } from './config';
import { growthWindowStart, planActivityGrowth, type GrowthEntry } from './growth';
import { lateDeliveryProblem } from './paidAt';
import { shanghaiDay } from './time';

export type ChannelEventType = 'visit' | 'favorite' | 'addToCart' | 'contentLike' | 'contentComment' | 'contentShare' | 'contentPost';
export type ChannelEventStatus = 'credited' | 'duplicate' | 'capped' | 'disabled' | 'tooLate' | 'unknownMember';

export interface ChannelEventInput { eventId: string; type: ChannelEventType; at: Date; ref?: string }

export interface ChannelEventOutcome { eventId: string; status: ChannelEventStatus; growthEarned: number; message: string }

// Key prefixes as docs/loyalty-rules.md 1.2 lists them; the channel is part of every key (ids are the channel's own).
const PREFIX: Record<ChannelEventType, string> = {
  visit: 'visit', favorite: 'favorite', addToCart: 'cart', contentLike: 'like', contentComment: 'comment', contentShare: 'shareContent', contentPost: 'post',
};
/** Actions that may earn again on another day for the same thing (a cart, a share); the others once per thing. */
const PER_DAY: ReadonlySet<ChannelEventType> = new Set(['visit', 'addToCart', 'contentShare']);

/**
 * The growth key of a channel's event: `visit:<channel>:<day>`, `favorite:<channel>:<ref>`, `cart:<channel>:<ref>:<day>`,
 * `like:<channel>:<ref>`, `comment:<channel>:<ref>`, `shareContent:<channel>:<ref>:<day>`, `post:<channel>:<ref>`;
 * without a `ref` the event id stands for it (`event:<eventId>`).
 */
export function channelEventKey(channel: string, e: Pick<ChannelEventInput, 'eventId' | 'type' | 'at' | 'ref'>): string {
  const day = shanghaiDay(e.at);
  if (e.type === 'visit') return `visit:${channel}:${day}`;
  const about = e.ref ?? `event:${e.eventId}`;
  return PER_DAY.has(e.type) ? `${PREFIX[e.type]}:${channel}:${about}:${day}` : `${PREFIX[e.type]}:${channel}:${about}`;
}

export function eventMessage(status: ChannelEventStatus, config: LoyaltyConfig, future = false): string {
  switch (status) {
    case 'credited': return '已计入成长值';
    case 'duplicate': return '该事件已处理过';
    case 'capped': return '该行为今日的成长值已达上限';
    case 'disabled': return '该行为未开启成长值';
    case 'tooLate': return future ? '事件时间不能晚于当前时间' : `事件时间早于可补录期限（${config.orders.lateDeliveryDays} 天）`;
    case 'unknownMember': return '会员不存在';
  }
}

/**
 * One member's events of a batch, in the order sent. `recent` holds the member's growth entries of the events' days
 * (their caps) and those under the events' keys; `seen` the event ids already received (stored, or earlier in the
 * batch). An event outside the late-delivery window (orders.lateDeliveryDays back, clockSkewMinutes ahead) or before
 * the current growth window is tooLate; others earn as planActivityGrowth says, each counting towards the caps of
 * the ones after it.
 */
export function planChannelEvents(channel: string, events: ChannelEventInput[], recent: GrowthEntry[], seen: ReadonlySet<string>, now: Date, config: LoyaltyConfig) {
  const entries: GrowthEntry[] = [];
  const outcomes: ChannelEventOutcome[] = [];
  const received = new Set(seen);
  const windowStart = growthWindowStart(now, config);
  const outcome = (eventId: string, status: ChannelEventStatus, growthEarned = 0, future = false) =>
    outcomes.push({ eventId, status, growthEarned, message: eventMessage(status, config, future) });
  for (const e of events) {
    if (received.has(e.eventId)) { outcome(e.eventId, 'duplicate'); continue; }
    received.add(e.eventId);
    const problem = lateDeliveryProblem(e.at, now, config);
    if (problem || e.at.getTime() < windowStart.getTime()) { outcome(e.eventId, 'tooLate', 0, problem === 'future'); continue; }
    const planned = planActivityGrowth({ type: e.type, at: e.at, key: channelEventKey(channel, e), ref: e.eventId }, [...recent, ...entries], config);
    if (planned.entry) {
      entries.push(planned.entry);
      outcome(e.eventId, 'credited', planned.entry.amount);
    } else outcome(e.eventId, planned.skipped === 'dailyCap' ? 'capped' : planned.skipped);
  }
  return { entries, outcomes };
}
