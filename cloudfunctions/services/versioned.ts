// Console edits of a document (mall items, stores, activities, channels, staff): every save carries the version the
// operator edited and a request id. A save from a stale version is refused (STALE_VERSION), naming who changed the
// document, when and which fields, never a silent overwrite; a double click (the same request id) saves once and
// answers the saved document. Creating is once per id.
import type { CollectionName, Collections, Stored } from '../core/documents';
import { AppError } from '../core/errors';
import { shanghaiDay, shanghaiTime } from '../core/time';
import { isDuplicateKey } from '../runtime/dbErrors';
import type { Database } from '../runtime/dbTypes';

/** Who saved a versioned document last, with which request, and which fields changed. */
export interface LastWrite { requestId: string; by: string; byName: string; at: Date; fields: string[] }

export interface VersionedFields { version: number; lastWrite: LastWrite; createdAt: Date; updatedAt: Date }

/** The collections the console edits; their documents carry `Partial<VersionedFields>` (seeded ones may have none). */
export type VersionedCollection = Extract<CollectionName, 'staff' | 'mall_items' | 'stores' | 'activities' | 'channels'>;

export interface Editor { openid: string; name: string }

export interface Saved<T> { doc: Stored<T>; before: Stored<T> | null; replayed: boolean }

async function read<N extends VersionedCollection>(db: Database, collection: N, id: string): Promise<Stored<Collections[N]> | null> {
  const { data } = await db.collection(collection).where({ _id: id } as never).get();
  return (data[0] as Stored<Collections[N]> | undefined) ?? null;
}

/** The version of a stored document: 0 when it has none yet (never saved through the console). */
export const versionOf = (doc: object): number => {
  const v = (doc as { version?: unknown }).version;
  return typeof v === 'number' ? v : 0;
};

/** The refusal of a save from a stale version: who changed it since, when, what. */
export function staleMessage(last: LastWrite | undefined, labels: Record<string, string>): string {
  if (!last) return '已被他人修改，请刷新后重试';
  const at = new Date(last.at);
  const fields = last.fields.map((f) => labels[f] ?? f).join('、');
  return `已被他人修改，请刷新：${last.byName} 于 ${shanghaiDay(at)} ${shanghaiTime(at)} 修改了${fields ? ` ${fields}` : ''}`;
}

const changedFields = (before: object, patch: object) =>
  Object.keys(patch).filter((k) => JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((patch as Record<string, unknown>)[k]));

/**
 * Applies `patch` to the document at `expectedVersion` (a compare-and-set on the version). `labels` name the fields
 * in the stale refusal. NOT_FOUND when there is no such document.
 */
export async function updateVersioned<N extends VersionedCollection>(
  db: Database, collection: N, id: string,
  edit: { expectedVersion: number; requestId: string; by: Editor; patch: Partial<Collections[N]>; labels: Record<string, string>; notFound: string },
  now: Date,
): Promise<Saved<Collections[N]>> {
  const before = await read(db, collection, id);
  if (!before) throw new AppError('NOT_FOUND', edit.notFound);
  const current = before as unknown as Partial<VersionedFields>;
  if (current.lastWrite?.requestId === edit.requestId) return { doc: before, before: null, replayed: true };
  // A document never saved through the console (seeded, or written before versions existed) is version 0.
  if (versionOf(before) !== edit.expectedVersion) throw new AppError('STALE_VERSION', staleMessage(current.lastWrite, edit.labels));
  const lastWrite: LastWrite = { requestId: edit.requestId, by: edit.by.openid, byName: edit.by.name, at: now, fields: changedFields(before as object, edit.patch as object) };
  const data = { ...edit.patch, version: edit.expectedVersion + 1, lastWrite, updatedAt: now };
  // The compare-and-set: version 0 is a document without a version field.
  const sameVersion = edit.expectedVersion === 0 ? db.command.exists(false) : edit.expectedVersion;
  const { stats } = await db.collection(collection).where({ _id: id, version: sameVersion } as never).update({ data: data as never });
  if (stats.updated !== 1) {
    const after = await read(db, collection, id);
    const last = (after as unknown as VersionedFields | null)?.lastWrite;
    if (after && last?.requestId === edit.requestId) return { doc: after, before: null, replayed: true };
    throw new AppError('STALE_VERSION', staleMessage(last, edit.labels));
  }
  return { doc: (await read(db, collection, id))!, before, replayed: false };
}

/** Creates `doc` (version 1) under its id once; the same request again answers it, another is ALREADY_EXISTS. */
export async function createVersioned<N extends VersionedCollection>(
  db: Database, collection: N, doc: Omit<Collections[N], keyof VersionedFields> & { _id: string },
  edit: { requestId: string; by: Editor; exists: string },
  now: Date,
): Promise<Saved<Collections[N]>> {
  const lastWrite: LastWrite = { requestId: edit.requestId, by: edit.by.openid, byName: edit.by.name, at: now, fields: Object.keys(doc).filter((k) => k !== '_id') };
  try {
    await db.collection(collection).add({ data: { ...doc, version: 1, lastWrite, createdAt: now, updatedAt: now } as never });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await read(db, collection, doc._id);
    if (existing && (existing as unknown as VersionedFields).lastWrite?.requestId === edit.requestId) return { doc: existing, before: null, replayed: true };
    throw new AppError('ALREADY_EXISTS', edit.exists);
  }
  return { doc: (await read(db, collection, doc._id))!, before: null, replayed: false };
}
