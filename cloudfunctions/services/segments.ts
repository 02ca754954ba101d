// Segments shared with other functions (issue 12 §2; the `segments` function is the console's, the `automation`
// function pins the versions its live rules use). The documents and the events are described in
// core/segmentMembership.ts; the rule language in core/segments.ts.
import crypto from 'node:crypto';
import { AppError } from '../core/errors';
import { parseKey, segmentKey, type LiveSegment, type SegmentDoc } from '../core/segmentMembership';
import type { SegmentRule } from '../core/segments';
import type { Database, Stored } from '../runtime/dbTypes';
import { inTransaction, getInTransaction } from '../runtime/transaction';

export const MAX_SEGMENTS = 200;

const reviveSegment = (d: Stored<SegmentDoc>): SegmentDoc => ({
  ...d, usedBy: d.usedBy ?? [], tag: d.tag ?? null, description: d.description ?? '',
  createdAt: new Date(d.createdAt), updatedAt: new Date(d.updatedAt),
} as SegmentDoc);

export async function liveSegmentDocs(db: Database): Promise<SegmentDoc[]> {
  const { data } = await db.collection('segments').where({ status: 'live' }).limit(MAX_SEGMENTS).get();
  return data.map(reviveSegment);
}

/** Every version whose membership is kept: each live segment's current version and the versions automations pinned. */
export async function liveSegments(db: Database, docs?: SegmentDoc[]): Promise<LiveSegment[]> {
  const segs = docs ?? (await liveSegmentDocs(db));
  const out: LiveSegment[] = segs.map((s) => ({ segmentId: s._id, version: s.version, rule: s.rule, tag: s.tag }));
  const older = [...new Set(segs.flatMap((s) => s.usedBy.filter((u) => u.version !== s.version).map((u) => segmentKey(s._id, u.version))))];
  if (older.length) {
    const _ = db.command;
    const { data } = await db.collection('segment_versions').where({ _id: _.in(older) }).limit(older.length).get();
    // An old version keeps its audience, never its tag: a rule tag follows its current rule only.
    for (const v of data) out.push({ segmentId: v.segmentId, version: v.version, rule: v.rule as SegmentRule, tag: null });
  }
  return out.sort((a, b) => (segmentKey(a.segmentId, a.version) < segmentKey(b.segmentId, b.version) ? -1 : 1));
}

/** A short hash of the live versions and their rules: a new hash starts a new sweep. */
export const liveHash = (live: LiveSegment[]) =>
  crypto.createHash('sha1').update(JSON.stringify(live.map((s) => [s.segmentId, s.version, s.rule, s.tag]))).digest('hex').slice(0, 12);

/**
 * A live automation starts using a segment: its current version is pinned (editing it later makes a new version,
 * and this version's membership and events go on). Idempotent per automation: a second call answers the version it
 * pinned first. Answers the version and its rule (the automation keeps both).
 */
export async function pinSegment(db: Database, segmentId: string, automationId: string, now: Date): Promise<{ version: number; rule: SegmentRule; key: string }> {
  return inTransaction(db, async (tx) => {
    const doc = await getInTransaction(tx, 'segments', segmentId);
    if (!doc || doc.status !== 'live') throw new AppError('NOT_FOUND', '分群不存在');
    const seg = reviveSegment(doc);
    const already = seg.usedBy.find((u) => u.automationId === automationId);
    if (already) {
      const v = already.version === seg.version ? { rule: seg.rule } : (await getInTransaction(tx, 'segment_versions', segmentKey(segmentId, already.version)))!;
      return { version: already.version, rule: v.rule as SegmentRule, key: segmentKey(segmentId, already.version) };
    }
    await tx.collection('segments').doc(segmentId).update({ data: { usedBy: [...seg.usedBy, { automationId, version: seg.version }], updatedAt: now } });
    return { version: seg.version, rule: seg.rule, key: segmentKey(segmentId, seg.version) };
  });
}

/** The automation stopped (paused, ended, or moved to another version): its pin is dropped. Idempotent. */
export async function unpinSegment(db: Database, segmentId: string, automationId: string, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    const doc = await getInTransaction(tx, 'segments', segmentId);
    if (!doc) return;
    const usedBy = (doc.usedBy ?? []).filter((u) => u.automationId !== automationId);
    if (usedBy.length !== (doc.usedBy ?? []).length) await tx.collection('segments').doc(segmentId).update({ data: { usedBy, updatedAt: now } });
  });
}

/** Whether the member is in `segmentId` version `version` as of the timer's last pass over them. */
export async function inSegment(db: Database, openid: string, segmentId: string, version: number): Promise<boolean> {
  const { data } = await db.collection('segment_members').where({ _id: openid }).limit(1).get();
  return (data[0]?.segs ?? []).includes(segmentKey(segmentId, version));
}

/** The rule of one version (current or older). */
export async function segmentVersion(db: Database, segmentId: string, version: number): Promise<{ name: string; rule: SegmentRule } | null> {
  const { data } = await db.collection('segment_versions').where({ _id: segmentKey(segmentId, version) }).limit(1).get();
  return data[0] ? { name: data[0].name, rule: data[0].rule as SegmentRule } : null;
}

export { parseKey, segmentKey };
