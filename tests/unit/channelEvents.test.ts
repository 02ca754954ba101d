// Channels' behaviour events (core/channelEvents.ts): the growth key of each kind of event, and what one member's
// events of a batch earn under the daily caps of their Shanghai days, replays and the late-delivery window.
import { channelEventKey, planChannelEvents, type ChannelEventInput } from '../../cloudfunctions/core/channelEvents';
import { DEFAULT_CONFIG, mergeConfig } from '../../cloudfunctions/core/config';
import type { GrowthEntry } from '../../cloudfunctions/core/growth';
import { lateDeliveryProblem } from '../../cloudfunctions/core/paidAt';

const now = new Date('2026-11-20T04:00:00Z'); // 12:00 Shanghai
const at = (iso: string) => new Date(iso);
const ev = (eventId: string, type: ChannelEventInput['type'], when = '2026-11-20T10:00:00+08:00', ref?: string): ChannelEventInput =>
  ({ eventId, type, at: at(when), ...(ref ? { ref } : {}) });

describe('channelEventKey', () => {
  test('per thing, or per thing and Shanghai day, always with the channel', () => {
    expect(channelEventKey('shop', ev('e1', 'visit', '2026-11-20T23:59:00+08:00'))).toBe('visit:shop:2026-11-20');
    expect(channelEventKey('shop', ev('e1', 'visit', '2026-11-20T16:00:00Z'))).toBe('visit:shop:2026-11-21');
    expect(channelEventKey('shop', ev('e1', 'favorite', undefined, 'sku-1'))).toBe('favorite:shop:sku-1');
    expect(channelEventKey('shop', ev('e1', 'addToCart', undefined, 'sku-1'))).toBe('cart:shop:sku-1:2026-11-20');
    expect(channelEventKey('shop', ev('e1', 'contentLike', undefined, 'c-1'))).toBe('like:shop:c-1');
    expect(channelEventKey('shop', ev('e1', 'contentComment', undefined, 'cm-1'))).toBe('comment:shop:cm-1');
    expect(channelEventKey('shop', ev('e1', 'contentShare', undefined, 'c-1'))).toBe('shareContent:shop:c-1:2026-11-20');
    expect(channelEventKey('shop', ev('e1', 'contentPost', undefined, 'p-1'))).toBe('post:shop:p-1');
    expect(channelEventKey('shop', ev('e9', 'contentPost'))).toBe('post:shop:event:e9');
  });
});

describe('planChannelEvents', () => {
  test('caps count per Shanghai day, earlier events of the batch included', () => {
    const favs = Array.from({ length: 6 }, (_, i) => ev(`f${i}`, 'favorite', '2026-11-20T09:00:00+08:00', `sku-${i}`));
    const yesterday = ev('fy', 'favorite', '2026-11-19T23:00:00+08:00', 'sku-y');
    const { entries, outcomes } = planChannelEvents('shop', [...favs, yesterday], [], new Set(), now, DEFAULT_CONFIG);
    expect(outcomes.map((o) => o.status)).toEqual(['credited', 'credited', 'credited', 'credited', 'credited', 'capped', 'credited']);
    expect(entries.map((e) => [e.event, e.dimension, e.amount, e.ref])).toContainEqual(['favorite', 'interaction', 1, 'f0']);
    expect(entries).toHaveLength(6);
  });

  test("entries already stored count: today's cap, a key credited before, an event id received before", () => {
    const stored: GrowthEntry[] = [
      { dimension: 'interaction', event: 'visit', raw: 1, amount: 1, at: at('2026-11-20T08:00:00+08:00'), reason: '访问小程序', key: 'visit:2026-11-20' },
      { dimension: 'interaction', event: 'contentLike', raw: 1, amount: 1, at: at('2026-10-30T08:00:00+08:00'), reason: '点赞内容', key: 'like:shop:c-1' },
    ];
    const { outcomes } = planChannelEvents('shop', [
      ev('v1', 'visit'), ev('l1', 'contentLike', undefined, 'c-1'), ev('l2', 'contentLike', undefined, 'c-2'), ev('old', 'contentPost', undefined, 'p-1'), ev('l2', 'contentLike', undefined, 'c-3'),
    ], stored, new Set(['old']), now, DEFAULT_CONFIG);
    expect(outcomes.map((o) => [o.eventId, o.status, o.growthEarned])).toEqual([
      ['v1', 'capped', 0], ['l1', 'duplicate', 0], ['l2', 'credited', 1], ['old', 'duplicate', 0], ['l2', 'duplicate', 0],
    ]);
  });

  test('outside the late-delivery window, or switched off, nothing is earned; the weight applies', () => {
    const config = mergeConfig(DEFAULT_CONFIG, { growth: { events: { contentPost: { growth: 0 } }, weights: { consumption: 0.35, interaction: 0.35 } } });
    const { outcomes } = planChannelEvents('shop', [
      ev('late', 'favorite', '2026-10-20T11:59:00+08:00', 'a'),
      ev('edge', 'favorite', '2026-10-21T12:00:00+08:00', 'b'),
      ev('ahead', 'favorite', '2026-11-20T12:06:00+08:00', 'c'),
      ev('off', 'contentPost', undefined, 'p'),
      ev('comment', 'contentComment', undefined, 'cm'),
    ], [], new Set(), now, config);
    expect(outcomes.map((o) => [o.status, o.growthEarned, o.message])).toEqual([
      ['tooLate', 0, '事件时间早于可补录期限（30 天）'],
      ['credited', 1, '已计入成长值'], // 1 × 0.35 / 0.25 = 1.4 → 1
      ['tooLate', 0, '事件时间不能晚于当前时间'],
      ['disabled', 0, '该行为未开启成长值'],
      ['credited', 3, '已计入成长值'], // 2 × 1.4 = 2.8 → 3
    ]);
  });
});

test('lateDeliveryProblem: from lateDeliveryDays back to clockSkewMinutes ahead', () => {
  expect(lateDeliveryProblem(new Date(now.getTime() - 30 * 86_400_000), now, DEFAULT_CONFIG)).toBeNull();
  expect(lateDeliveryProblem(new Date(now.getTime() - 30 * 86_400_000 - 1), now, DEFAULT_CONFIG)).toBe('tooLate');
  expect(lateDeliveryProblem(new Date(now.getTime() + 5 * 60_000), now, DEFAULT_CONFIG)).toBeNull();
  expect(lateDeliveryProblem(new Date(now.getTime() + 5 * 60_000 + 1), now, DEFAULT_CONFIG)).toBe('future');
});
