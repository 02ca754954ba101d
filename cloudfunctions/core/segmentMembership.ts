// Segment membership (issue 12 §2): who is in which segment version, what changed, the enter/leave events. Pure.
// The segments function's timer applies it (cloudfunctions/segments/sweep.ts) to members that changed (by updatedAt)
// and, nightly or after a segment's rule changed, to every member in resumable chunks.
//
// For the automations engineer — the documents to trigger on:
//
//   segment_events/<key>|<openid>|<n>|<in|out>   (key = `${segmentId}@${version}`; n = the member's n-th entry)
//     { _id, segmentId, version, key, openid, memberNo, kind: 'enter' | 'leave', n, at: Date (when it was seen),
//       cause: 'change' | 'sweep', createdAt: Date }
//   The _id is fixed by the membership state it moves from, so a replayed or concurrent pass inserts the same _id and
//   the second insert fails (duplicate key): never recorded twice. Read them in (createdAt, _id) order with a cursor
//   (indexes: createdAt_id, key_createdAt). `at` is when the pass saw it (an order makes it seen within one timer run).
//
//   segment_members/<openid>   the member's current memberships
//     { _id: openid, openid, memberNo, segs: string[] (keys the member is in), n: { [key]: entries so far }, updatedAt }
//   (when a member entered: its enter event's `at`)
//   "Is the member in segment S version V now": segs includes `${S}@${V}` (services/segments.ts inSegment).
//
// A segment tracks its current version and every version a live automation pinned (services/segments.ts
// pinSegment/unpinSegment): editing a pinned version makes a new version, the pinned one keeps its audience and its
// events under its own key. A rule tag is a segment with `tag`: entering adds the tag to member.tags, leaving removes it.
import { memberFacts, matchesSegment, type FactsSource, type MemberActivity, type SegmentRule } from './segments';

/** One version of one segment whose membership is kept. */
export interface LiveSegment { segmentId: string; version: number; rule: SegmentRule; tag: string | null }

export const segmentKey = (segmentId: string, version: number) => `${segmentId}@${version}`;
export const parseKey = (key: string) => {
  const at = key.lastIndexOf('@');
  return { segmentId: key.slice(0, at), version: Number(key.slice(at + 1)) };
};

export interface MembershipDoc {
  _id: string;
  openid: string;
  memberNo: string;
  segs: string[];
  n: Record<string, number>;
  updatedAt: Date;
}

export type SegmentEventKind = 'enter' | 'leave';
export type SegmentCause = 'change' | 'sweep';

export interface SegmentEventDoc {
  _id: string;
  segmentId: string;
  version: number;
  key: string;
  openid: string;
  memberNo: string;
  kind: SegmentEventKind;
  n: number;
  at: Date;
  cause: SegmentCause;
  createdAt: Date;
}

export const segmentEventId = (key: string, openid: string, n: number, kind: SegmentEventKind) => `${key}|${openid}|${n}|${kind === 'enter' ? 'in' : 'out'}`;

export interface MemberStep {
  openid: string;
  /** The membership document after the step (null: unchanged, nothing to write). */
  membership: MembershipDoc | null;
  /** Whether there was no document before (the whole document is inserted), else the changes below are applied. */
  created: boolean;
  /** Keys entered with the member's entry count after it; keys left; keys no longer live dropped from `segs`. */
  enter: Array<{ key: string; n: number }>;
  leave: string[];
  drop: string[];
  events: SegmentEventDoc[];
  /** Rule tags to add to / remove from member.tags. */
  addTags: string[];
  removeTags: string[];
}

/**
 * One member against the live segment versions: which it is in now, the events for what changed since `before`, and
 * the rule tags to set. Keys no longer live (an archived segment, an unpinned old version) are dropped from the
 * membership without a leave event (nobody listens to them any more); rule tags are compared with member.tags itself,
 * so a tag removed by hand is put back while the rule holds (and one added by hand taken off when it does not).
 */
export function memberStep(
  member: FactsSource, before: MembershipDoc | null, live: LiveSegment[], now: Date, cause: SegmentCause, extra: { activity?: MemberActivity | null } = {},
): MemberStep {
  const facts = memberFacts(member, now, extra);
  const liveKeys = new Set(live.map((s) => segmentKey(s.segmentId, s.version)));
  const was = new Set((before?.segs ?? []).filter((k) => liveKeys.has(k)));
  const n: Record<string, number> = { ...(before?.n ?? {}) };
  const segs: string[] = [];
  const enter: MemberStep['enter'] = [];
  const leave: string[] = [];
  const events: SegmentEventDoc[] = [];
  const tagsOn = new Set<string>();
  const tagRules = new Set<string>();
  const event = (s: LiveSegment, key: string, kind: SegmentEventKind, count: number): SegmentEventDoc => ({
    _id: segmentEventId(key, member.openid, count, kind), segmentId: s.segmentId, version: s.version, key, openid: member.openid, memberNo: member.memberNo,
    kind, n: count, at: now, cause, createdAt: now,
  });
  for (const s of live) {
    const key = segmentKey(s.segmentId, s.version);
    const inNow = matchesSegment(s.rule, facts);
    if (s.tag) {
      tagRules.add(s.tag);
      if (inNow) tagsOn.add(s.tag);
    }
    if (inNow) {
      segs.push(key);
      if (!was.has(key)) {
        n[key] = (n[key] ?? 0) + 1;
        enter.push({ key, n: n[key] });
        events.push(event(s, key, 'enter', n[key]));
      }
    } else if (was.has(key)) {
      leave.push(key);
      events.push(event(s, key, 'leave', n[key] ?? 1));
    }
  }
  const drop = (before?.segs ?? []).filter((k) => !liveKeys.has(k));
  const have = new Set(member.tags ?? []);
  const addTags = [...tagsOn].filter((t) => !have.has(t)).sort();
  const removeTags = [...tagRules].filter((t) => !tagsOn.has(t) && have.has(t)).sort();
  const changed = enter.length > 0 || leave.length > 0 || drop.length > 0;
  return {
    openid: member.openid,
    membership: changed ? { _id: member.openid, openid: member.openid, memberNo: member.memberNo, segs, n, updatedAt: now } : null,
    created: before === null,
    enter, leave, drop,
    events,
    addTags,
    removeTags,
  };
}

/** The stored membership with dates revived. */
export function reviveMembership(x: unknown): MembershipDoc | null {
  if (!x || typeof x !== 'object') return null;
  const d = x as MembershipDoc;
  return { _id: d._id, openid: d.openid, memberNo: d.memberNo, segs: d.segs ?? [], n: d.n ?? {}, updatedAt: new Date(d.updatedAt) };
}

/** `segments/<segmentId>`: a saved segment (or rule tag) and its current version. */
export interface SegmentDoc {
  _id: string;
  name: string;
  description: string;
  version: number;
  rule: SegmentRule;
  /** A rule tag's tag; null for a plain segment. */
  tag: string | null;
  status: 'live' | 'archived';
  /** Live automations using a version: their versions stay tracked while the current one moves on. */
  usedBy: Array<{ automationId: string; version: number }>;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  updatedByName: string;
}

/** `segment_versions/<segmentId>@<version>`: every version's rule as it was saved last. */
export interface SegmentVersionDoc {
  _id: string;
  segmentId: string;
  version: number;
  name: string;
  rule: SegmentRule;
  createdAt: Date;
  by: string;
  byName: string;
}

/** `segment_runs/<'sweep' | 'changes'>`: the timer's cursors (core: segments/sweep.ts). */
export interface SegmentRunDoc {
  _id: string;
  /** sweep: `<Shanghai day>|<hash of the live versions>` of the sweep under way or done. */
  key?: string;
  status?: 'running' | 'done';
  /** sweep: the last member _id done; changes: the updatedAt (ms) reached. */
  cursor: string;
  /** changes: the last member _id done at the cursor's updatedAt. */
  lastId?: string;
  chunks: number;
  members: number;
  events: number;
  startedAt: Date;
  updatedAt: Date;
  finishedAt?: Date | null;
}

/** `tags/<tag>`: a tag in use (manual, or kept by a rule tag's segment). */
export interface TagDoc { _id: string; tag: string; kind: 'manual' | 'rule'; segmentId: string | null; createdAt: Date; by: string }
