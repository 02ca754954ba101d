// Segments and tags (function `segments`, issue 12 §2): the console's saved segments, previews, rule tags and manual
// tags (operators and admins write, analysts read; staff at the till tag one member), and the timer that keeps
// membership current and records enter/leave events (sweep.ts; the documents: core/segmentMembership.ts).
import type { Output, ParsedInput } from '../../contract';
import { segments as contract } from '../../contract/segments';
import { AppError } from '../core/errors';
import { segmentKey, type SegmentDoc } from '../core/segmentMembership';
import { describeRule, matchesSegment, memberFacts, SEGMENT_MEMBER_FIELDS, type FactsSource, type SegmentRule } from '../core/segments';
import type { Database } from '../runtime/dbTypes';
import { isDuplicateKey } from '../runtime/dbErrors';
import { defineFunction, staffAction, staffWrite, type StaffContext } from '../runtime/handler';
import { getInTransaction, inTransaction } from '../runtime/transaction';
import { liveSegmentDocs, MAX_SEGMENTS } from '../services/segments';
import { backfill, runSegmentsTimer, type MemberRow } from './sweep';

// Leaves headroom inside the function timeout (config.json: 60 s).
const BUDGET_MS = 45_000;
/** A preview's scan: pages of member fields within this time (the answer says when it stopped short). */
const PREVIEW_MS = 20_000;
const PREVIEW_PAGE = 500;
const SAMPLE = 10;

type Ctx<A extends keyof typeof contract> = StaffContext<ParsedInput<'segments', A>>;

const projection = Object.fromEntries([...SEGMENT_MEMBER_FIELDS, 'nickname'].map((f) => [f, true])) as Record<string, true>;

async function countIn(db: Database, key: string): Promise<number> {
  return (await db.collection('segment_members').where({ segs: key }).count()).total;
}

async function segmentRow(db: Database, s: SegmentDoc) {
  return {
    segmentId: s._id, name: s.name, description: s.description, version: s.version, rule: s.rule, ruleText: describeRule(s.rule), tag: s.tag,
    members: await countIn(db, segmentKey(s._id, s.version)),
    pinned: [...new Set(s.usedBy.map((u) => u.version))].sort((a, b) => a - b),
    updatedAt: new Date(s.updatedAt).toISOString(), updatedByName: s.updatedByName,
  };
}

const sampleOf = (m: FactsSource & { nickname?: string }) => ({ memberNo: m.memberNo, nickname: m.nickname ?? '', tierLevel: m.tierLevel, stage: m.lifecycle?.stage ?? null, points: m.points?.balance ?? 0 });

async function findSegment(db: Database, segmentId: string): Promise<SegmentDoc> {
  const { data } = await db.collection('segments').where({ _id: segmentId }).limit(1).get();
  if (!data[0] || data[0].status !== 'live') throw new AppError('NOT_FOUND', '分群不存在');
  return { ...data[0], usedBy: data[0].usedBy ?? [] } as unknown as SegmentDoc;
}

/** The tags a rule keeps (kind 'rule'); every other tag is manual. */
async function ruleTags(db: Database): Promise<Map<string, string>> {
  const { data } = await db.collection('tags').where({ kind: 'rule' }).limit(MAX_SEGMENTS).get();
  return new Map(data.map((t) => [t.tag, t.segmentId ?? '']));
}

const tagViews = (tags: string[] | undefined, rules: Map<string, string>) => (tags ?? []).map((tag) => ({ tag, kind: rules.has(tag) ? 'rule' as const : 'manual' as const }));

async function registerTag(db: Database, tag: string, by: string, now: Date): Promise<void> {
  await db.collection('tags').add({ data: { _id: tag, tag, kind: 'manual', segmentId: null, createdAt: now, by } }).catch((err) => {
    if (!isDuplicateKey(err)) throw err;
  });
}

export const main = defineFunction({
  name: 'segments',
  contract,
  actions: {
    list: staffAction(async ({ db }: Ctx<'list'>): Promise<Output<'segments', 'list'>> => {
      const docs = (await liveSegmentDocs(db)).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
      return { segments: await Promise.all(docs.map((s) => segmentRow(db, s))) };
    }),

    get: staffAction(async ({ db, input }: Ctx<'get'>): Promise<Output<'segments', 'get'>> => {
      const s = await findSegment(db, input.segmentId);
      const _ = db.command;
      const { data: versions } = await db.collection('segment_versions').where({ segmentId: s._id }).orderBy('version', 'desc').limit(100).get();
      const version = input.version ?? s.version;
      const key = segmentKey(s._id, version);
      const { data: page } = await db.collection('segment_members').where({ segs: key, ...(input.cursor ? { memberNo: _.gt(input.cursor) } : {}) }).orderBy('memberNo', 'asc').limit(21).get();
      const ids = page.slice(0, 20).map((p) => p._id);
      const { data: people } = ids.length ? await db.collection('members').where({ _id: _.in(ids) }).field(projection as never).limit(20).get() : { data: [] };
      const byId = new Map((people as unknown as Array<FactsSource & { _id: string; nickname?: string }>).map((m) => [m._id, m]));
      return {
        segment: await segmentRow(db, s),
        versions: await Promise.all(versions.map(async (v) => ({
          version: v.version, rule: v.rule, ruleText: describeRule(v.rule as SegmentRule), createdAt: new Date(v.createdAt).toISOString(), byName: v.byName,
          members: await countIn(db, segmentKey(s._id, v.version)),
        }))),
        members: ids.flatMap((id) => (byId.get(id) ? [sampleOf(byId.get(id)!)] : [])),
        nextCursor: page.length > 20 ? page[19].memberNo : null,
      };
    }),

    preview: staffAction(async ({ db, input, now }: Ctx<'preview'>): Promise<Output<'segments', 'preview'>> => {
      const started = Date.now();
      const _ = db.command;
      const total = (await db.collection('members').count()).total;
      let cursor = '';
      let count = 0;
      let scanned = 0;
      const sample: Output<'segments', 'preview'>['sample'] = [];
      let complete = false;
      while (Date.now() - started < PREVIEW_MS) {
        const { data } = await db.collection('members').where({ _id: _.gt(cursor) }).orderBy('_id', 'asc').limit(PREVIEW_PAGE).field(projection as never).get();
        const rows = data as unknown as Array<MemberRow & { nickname?: string }>;
        const rebuilt = await backfill(db, rows, now); // members who bought before the activity summary
        for (const m of rows) {
          if (!matchesSegment(input.rule, memberFacts({ ...m, openid: m.openid ?? m._id }, now, { activity: rebuilt.get(m._id) }))) continue;
          count++;
          if (sample.length < SAMPLE) sample.push(sampleOf(m));
        }
        scanned += data.length;
        if (data.length < PREVIEW_PAGE) { complete = true; break; }
        cursor = (data[data.length - 1] as { _id: string })._id;
      }
      return { count, scanned, total, complete, ruleText: describeRule(input.rule), sample };
    }),

    save: staffWrite(async ({ db, input, staff, now, recordChange }: Ctx<'save'>): Promise<Output<'segments', 'save'>> => {
      const segmentId = input.segmentId ?? `seg-${input.requestId}`;
      const tag = input.tag ?? null;
      if (tag) {
        const { data } = await db.collection('tags').where({ _id: tag }).limit(1).get();
        if (data[0] && !(data[0].kind === 'rule' && data[0].segmentId === segmentId)) throw new AppError('INVALID_INPUT', `标签「${tag}」已在使用，请换一个名称`);
      }
      const outcome = await inTransaction(db, async (tx) => {
        const before = await getInTransaction(tx, 'segments', segmentId);
        if (input.segmentId ? !before || before.status !== 'live' : before?.status === 'archived') throw new AppError('NOT_FOUND', '分群不存在');
        const usedBy = before?.usedBy ?? [];
        const pinned = before ? usedBy.some((u) => u.version === before.version) : false;
        const version = before ? (pinned ? before.version + 1 : before.version) : 1;
        const doc: Omit<SegmentDoc, '_id'> = {
          name: input.title, description: input.description ?? '', version, rule: input.rule, tag, status: 'live', usedBy,
          createdAt: before ? new Date(before.createdAt) : now, updatedAt: now, updatedBy: staff.openid, updatedByName: staff.name,
        };
        if (before) await tx.collection('segments').doc(segmentId).set({ data: doc });
        else await tx.collection('segments').add({ data: { _id: segmentId, ...doc } });
        const versionDoc = { segmentId, version, name: input.title, rule: input.rule, createdAt: now, by: staff.openid, byName: staff.name };
        if (before && !pinned) await tx.collection('segment_versions').doc(segmentKey(segmentId, version)).set({ data: versionDoc });
        else await tx.collection('segment_versions').add({ data: { _id: segmentKey(segmentId, version), ...versionDoc } });
        return { before, version, newVersion: pinned, doc };
      });
      // The rule tag's registration (and a previous tag of this segment let go: it becomes a manual tag).
      const oldTag = outcome.before?.tag ?? null;
      if (oldTag && oldTag !== tag) await db.collection('tags').doc(oldTag).update({ data: { kind: 'manual', segmentId: null } });
      if (tag) await db.collection('tags').doc(tag).set({ data: { tag, kind: 'rule', segmentId, createdAt: now, by: staff.openid } });
      recordChange({ collection: 'segments', id: segmentId, before: outcome.before, after: outcome.doc });
      return { segmentId, version: outcome.version, created: !outcome.before, newVersion: outcome.newVersion };
    }),

    archive: staffWrite(async ({ db, input, now, recordChange }: Ctx<'archive'>): Promise<Output<'segments', 'archive'>> => {
      const s = await findSegment(db, input.segmentId);
      if (s.usedBy.length) throw new AppError('INVALID_INPUT', '分群正被运行中的自动化规则使用，无法归档');
      await db.collection('segments').doc(s._id).update({ data: { status: 'archived', updatedAt: now } });
      if (s.tag) await db.collection('tags').doc(s.tag).update({ data: { kind: 'manual', segmentId: null } });
      recordChange({ collection: 'segments', id: s._id, before: { status: 'live' }, after: { status: 'archived' } });
      return { segmentId: s._id, archived: true };
    }),

    tags: staffAction(async ({ db }: Ctx<'tags'>): Promise<Output<'segments', 'tags'>> => {
      const { data } = await db.collection('tags').orderBy('tag', 'asc').limit(500).get();
      const tags = await Promise.all(data.map(async (t) => ({
        tag: t.tag, kind: t.kind, segmentId: t.segmentId ?? null, members: (await db.collection('members').where({ tags: t.tag }).count()).total,
      })));
      return { tags };
    }),

    tagMembers: staffWrite(async ({ db, input, staff, now }: Ctx<'tagMembers'>): Promise<Output<'segments', 'tagMembers'>> => {
      const rules = await ruleTags(db);
      if (rules.has(input.tag)) throw new AppError('INVALID_INPUT', `「${input.tag}」是规则标签，由规则自动维护`);
      const _ = db.command;
      const numbers = input.memberNos.map((n) => n.trim());
      const valid = [...new Set(numbers.filter((n) => /^\d{6,20}$/.test(n)))];
      const found: Array<{ _id: string; memberNo: string; tags?: string[] }> = [];
      for (let i = 0; i < valid.length; i += 100) {
        const { data } = await db.collection('members').where({ memberNo: _.in(valid.slice(i, i + 100)) }).field({ memberNo: true, tags: true }).limit(100).get();
        found.push(...(data as typeof found));
      }
      const byNo = new Map(found.map((m) => [m.memberNo, m]));
      const remove = input.remove === true;
      const change = found.filter((m) => (m.tags ?? []).includes(input.tag) === remove);
      // One update for all: addToSet / pull touch member.tags only (no other writer sets it), and updatedAt so the
      // segments timer looks at these members again.
      for (let i = 0; i < change.length; i += 100) {
        const ids = change.slice(i, i + 100).map((m) => m._id);
        await db.collection('members').where({ _id: _.in(ids) }).update({ data: { tags: remove ? _.pull(input.tag) : _.addToSet(input.tag), updatedAt: now } as never });
      }
      if (!remove && change.length) await registerTag(db, input.tag, staff.openid, now);
      const changing = new Set(change.map((m) => m.memberNo));
      const seen = new Set<string>();
      const results = numbers.map((memberNo) => {
        const status = !/^\d{6,20}$/.test(memberNo) ? 'invalid' as const
          : !byNo.has(memberNo) ? 'notFound' as const
          : changing.has(memberNo) && !seen.has(memberNo) ? (remove ? 'untagged' as const : 'tagged' as const) : 'unchanged' as const;
        seen.add(memberNo);
        return { memberNo, status };
      });
      const n = (s: string) => results.filter((r) => r.status === s).length;
      return { tag: input.tag, results, tagged: n('tagged'), untagged: n('untagged'), unchanged: n('unchanged'), notFound: n('notFound'), invalid: n('invalid') };
    }),

    memberTags: staffAction(async ({ db, input }: Ctx<'memberTags'>): Promise<Output<'segments', 'memberTags'>> => {
      const { data } = await db.collection('members').where({ memberNo: input.memberNo }).field({ memberNo: true, tags: true }).limit(1).get();
      if (!data[0]) throw new AppError('NOT_FOUND', '会员不存在');
      return { memberNo: input.memberNo, tags: tagViews(data[0].tags, await ruleTags(db)) };
    }),

    tagMember: staffWrite(async ({ db, input, staff, now, recordChange }: Ctx<'tagMember'>): Promise<Output<'segments', 'tagMember'>> => {
      const rules = await ruleTags(db);
      if (rules.has(input.tag)) throw new AppError('INVALID_INPUT', `「${input.tag}」是规则标签，由规则自动维护`);
      const _ = db.command;
      const { data } = await db.collection('members').where({ memberNo: input.memberNo }).field({ memberNo: true, tags: true }).limit(1).get();
      const m = data[0];
      if (!m) throw new AppError('NOT_FOUND', '会员不存在');
      const before = m.tags ?? [];
      const remove = input.remove === true;
      const changed = before.includes(input.tag) === remove;
      if (changed) {
        await db.collection('members').doc(m._id).update({ data: { tags: remove ? _.pull(input.tag) : _.addToSet(input.tag), updatedAt: now } as never });
        if (!remove) await registerTag(db, input.tag, staff.openid, now);
        recordChange({ collection: 'members', id: m._id, before: { tags: before }, after: { tags: remove ? before.filter((t) => t !== input.tag) : [...before, input.tag] } });
      }
      const after = changed ? (remove ? before.filter((t) => t !== input.tag) : [...before, input.tag]) : before;
      return { memberNo: input.memberNo, tags: tagViews(after, rules), changed };
    }),
  },
  onTimer: async ({ db, now }) => runSegmentsTimer(db, now, BUDGET_MS),
});
