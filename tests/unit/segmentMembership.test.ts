// Segment membership (core/segmentMembership.ts): enter and leave events keyed by the state they move from, a
// member's n-th entry, versions no longer live dropped silently, rule tags set against member.tags, no write when
// nothing changed.
import { memberStep, parseKey, segmentEventId, segmentKey, type LiveSegment, type MembershipDoc } from '../../cloudfunctions/core/segmentMembership';
import type { FactsSource } from '../../cloudfunctions/core/segments';

const NOW = new Date('2026-06-15T12:00:00+08:00');
const LATER = new Date('2026-06-16T12:00:00+08:00');
const member = (over: Partial<FactsSource> = {}): FactsSource => ({ openid: 'o1', memberNo: '80000000001', createdAt: NOW, tierLevel: 1, points: { balance: 0 }, ...over });
const gold: LiveSegment = { segmentId: 'gold', version: 1, rule: { match: 'all', items: [{ field: 'tierLevel', op: 'gte', value: 2 }] }, tag: null };
const rich: LiveSegment = { segmentId: 'rich', version: 3, rule: { match: 'all', items: [{ field: 'points', op: 'gte', value: 1000 }] }, tag: '富' };

test('keys and event ids', () => {
  expect(segmentKey('seg-a', 2)).toBe('seg-a@2');
  expect(parseKey('seg-a@12')).toEqual({ segmentId: 'seg-a', version: 12 });
  expect(segmentEventId('seg-a@2', 'o1', 3, 'leave')).toBe('seg-a@2|o1|3|out');
});

test('entering, staying, leaving and entering again: one event each, the n-th entry in the id', () => {
  const first = memberStep(member({ tierLevel: 2 }), null, [gold], NOW, 'sweep');
  expect(first.events.map((e) => e._id)).toEqual(['gold@1|o1|1|in']);
  expect(first).toMatchObject({ created: true, enter: [{ key: 'gold@1', n: 1 }], leave: [], drop: [], membership: { segs: ['gold@1'], n: { 'gold@1': 1 } } });
  const held = first.membership as MembershipDoc;
  // Still in: nothing to write, no event (a replay of the same pass is the same).
  const stay = memberStep(member({ tierLevel: 3 }), held, [gold], LATER, 'change');
  expect(stay).toMatchObject({ membership: null, events: [] });
  const leave = memberStep(member({ tierLevel: 1 }), held, [gold], LATER, 'change');
  expect(leave.events.map((e) => [e._id, e.kind, e.cause])).toEqual([['gold@1|o1|1|out', 'leave', 'change']]);
  expect(leave).toMatchObject({ created: false, enter: [], leave: ['gold@1'], membership: { segs: [], n: { 'gold@1': 1 } } });
  const back = memberStep(member({ tierLevel: 2 }), leave.membership, [gold], LATER, 'change');
  expect(back.events.map((e) => e._id)).toEqual(['gold@1|o1|2|in']);
  expect(back.enter).toEqual([{ key: 'gold@1', n: 2 }]);
  // Never in, still out: no document at all.
  expect(memberStep(member(), null, [gold], NOW, 'sweep')).toMatchObject({ membership: null, events: [] });
});

test('a version no longer live is dropped without a leave event', () => {
  const held = memberStep(member({ tierLevel: 2 }), null, [gold], NOW, 'sweep').membership as MembershipDoc;
  const gold2 = { ...gold, version: 2 };
  const step = memberStep(member({ tierLevel: 2 }), held, [gold2], LATER, 'sweep');
  expect(step.events.map((e) => e._id)).toEqual(['gold@2|o1|1|in']);
  expect(step).toMatchObject({ enter: [{ key: 'gold@2', n: 1 }], drop: ['gold@1'], membership: { segs: ['gold@2'] } });
});

test('rule tags follow the rule against member.tags; other tags are left alone', () => {
  expect(memberStep(member({ points: { balance: 1500 }, tags: ['vip'] }), null, [rich], NOW, 'sweep')).toMatchObject({ addTags: ['富'], removeTags: [] });
  // Tagged already (the membership lost, e.g. a replay): no second add.
  expect(memberStep(member({ points: { balance: 1500 }, tags: ['富'] }), null, [rich], NOW, 'sweep')).toMatchObject({ addTags: [], removeTags: [] });
  // Set by hand while the rule does not hold: taken off.
  expect(memberStep(member({ points: { balance: 10 }, tags: ['富', 'vip'] }), null, [rich], NOW, 'sweep')).toMatchObject({ addTags: [], removeTags: ['富'] });
  // An old pinned version carries no tag.
  expect(memberStep(member({ points: { balance: 1500 } }), null, [{ ...rich, version: 2, tag: null }], NOW, 'sweep').addTags).toEqual([]);
});
