// Segments and tags (function `segments`, issue 12 §2): saved segments (a rule over member facts, versioned while a
// live automation uses it), a preview of a rule's count and a sample before saving, manual tags (one member or a list
// of member numbers) and rule tags (a segment with a tag: the tag is kept on exactly the members who match).
// The rule language is core/segments.ts; its input schema contract/segmentRule.ts.
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, cursor, integer, iso, memberNo, nullable, object, oneOf, opt, requestId, slug, str, text } from './fields';
import { segmentRule } from './segmentRule';

/** A tag: 1-20 letters, digits, Chinese characters, `_ - ·`. */
export const tagName = () => str(1, 20, /^[\u4e00-\u9fffA-Za-z0-9_·-]+$/);

export const MAX_BULK_TAG = 200;

const ruleView = z.unknown(); // a SegmentRule as stored (the input schema checked it when saved)

const segmentRow = object({
  segmentId: text(),
  name: text(),
  description: text(),
  version: integer(),
  rule: ruleView,
  /** The rule in words (core/segments.ts describeRule). */
  ruleText: text(),
  /** A rule tag: the tag this segment keeps on its members; null for a plain segment. */
  tag: nullable(text()),
  /** Members in the current version as of the timer's last pass. */
  members: integer(),
  /** Versions live automations use (their audience stays theirs when the rule is edited). */
  pinned: array(integer()),
  updatedAt: iso(),
  updatedByName: text(),
});

const sampleMember = object({ memberNo: text(), nickname: text(), tierLevel: integer(), stage: nullable(text()), points: integer() });

const tagResult = object({ memberNo: text(), status: oneOf(['tagged', 'untagged', 'unchanged', 'notFound', 'invalid']) });

export const segments = {
  /** Every live segment and rule tag, newest first (at most 200). */
  list: action({ input: z.strictObject({}), output: object({ segments: array(segmentRow) }) }),
  /** One segment with all its versions and a page of the current version's members. */
  get: action({
    input: z.strictObject({ segmentId: slug(80), version: opt(z.int().check(z.minimum(1))), cursor: opt(cursor()) }),
    output: object({
      segment: segmentRow,
      versions: array(object({ version: integer(), rule: ruleView, ruleText: text(), createdAt: iso(), byName: text(), members: integer() })),
      /** Members of `version` (default the current one), by member number; nextCursor null at the end. */
      members: array(sampleMember),
      nextCursor: nullable(text()),
    }),
    errors: ['NOT_FOUND'],
  }),
  /**
   * How many members a rule matches now and a sample of them, from a batched scan of the members (pages of member
   * fields, each page matched and dropped). A scan that runs out of its time budget answers `complete: false` with
   * what it counted of `scanned` members.
   */
  preview: action({
    input: z.strictObject({ rule: segmentRule() }),
    output: object({ count: integer(), scanned: integer(), total: integer(), complete: bool(), ruleText: text(), sample: array(sampleMember) }),
  }),
  /**
   * Creates a segment (no segmentId) or edits one. Editing a version a live automation uses makes a new version
   * (the automation keeps its own); otherwise the current version is changed in place. A tag makes it a rule tag.
   * A new segment's id is `seg-<requestId>`: a retried create finds it made and saves the same rule over it.
   */
  save: action({
    input: z.strictObject({
      segmentId: opt(slug(80)),
      /** Made once per confirmation by the console: a new segment's id comes from it, so a retried create is one segment. */
      requestId: requestId(),
      title: str(1, 30),
      description: opt(str(0, 200)),
      rule: segmentRule(),
      tag: opt(tagName()),
    }),
    output: object({ segmentId: text(), version: integer(), created: bool(), newVersion: bool() }),
    errors: ['NOT_FOUND'],
  }),
  /** Stops keeping a segment (its members leave no events; a rule tag's tag stays where it is). Refused while pinned. */
  archive: action({ input: z.strictObject({ segmentId: slug(80) }), output: object({ segmentId: text(), archived: bool() }), errors: ['NOT_FOUND'] }),
  /** Tags in use: manual ones and rule tags, with how many members carry each. */
  tags: action({
    input: z.strictObject({}),
    output: object({ tags: array(object({ tag: text(), kind: oneOf(['manual', 'rule']), members: integer(), segmentId: nullable(text()) })) }),
  }),
  /** Tags (or untags) the members of a list of member numbers; every number gets its own result. */
  tagMembers: action({
    input: z.strictObject({ tag: tagName(), memberNos: array(str(1, 30)).check(z.minLength(1), z.maxLength(MAX_BULK_TAG)), remove: opt(z.boolean()) }),
    output: object({ tag: text(), results: array(tagResult), tagged: integer(), untagged: integer(), unchanged: integer(), notFound: integer(), invalid: integer() }),
  }),
  /** One member's tags (staff and console member pages). */
  memberTags: action({
    input: z.strictObject({ memberNo: memberNo() }),
    output: object({ memberNo: text(), tags: array(object({ tag: text(), kind: oneOf(['manual', 'rule']) })) }),
    errors: ['NOT_FOUND'],
  }),
  /** Tags or untags one member (staff at the till, operators); a rule tag is refused (its rule keeps it). */
  tagMember: action({
    input: z.strictObject({ memberNo: memberNo(), tag: tagName(), remove: opt(z.boolean()) }),
    output: object({ memberNo: text(), tags: array(object({ tag: text(), kind: oneOf(['manual', 'rule']) })), changed: bool() }),
    errors: ['NOT_FOUND'],
  }),
};

export type SegmentsContract = typeof segments;
