import { EJSON, ObjectId } from 'bson';
import { isDate } from './clone';
import type { DocId } from './types';

/** Reads a dotted path without descending into arrays (declared indexes are on plain fields). */
export function getPath(doc: any, path: string): unknown {
  if (!path.includes('.')) return doc?.[path];
  let cur = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/**
 * A string that is equal for two values exactly when MongoDB's equality would be (for the types we store):
 * missing and null collide, as they do in a MongoDB index.
 */
export function valueKey(v: unknown): string {
  if (v === undefined || v === null) return 'z';
  switch (typeof v) {
    case 'number':
      return 'n' + String(v);
    case 'string':
      return 's' + v;
    case 'boolean':
      return v ? 'bt' : 'bf';
  }
  if (isDate(v)) return 'd' + v.getTime();
  if (isObjectId(v)) return 'i' + v.toHexString();
  return 'o' + EJSON.stringify(v as object, { relaxed: false });
}

export const isObjectId = (v: unknown): v is ObjectId =>
  v instanceof ObjectId || (v !== null && typeof v === 'object' && (v as any)._bsontype === 'ObjectId');

/** A valid document id: a string, a number or an ObjectId (`db.ObjectId()` / EJSON `{"$oid": ...}`). */
export const isDocId = (v: unknown): v is DocId => typeof v === 'string' || typeof v === 'number' || isObjectId(v);

/**
 * Number, string and ObjectId ids are distinct documents, as in MongoDB: `"64b7..."` and ObjectId("64b7...") are
 * two ids. ObjectId instances are compared by value (each decode makes a new instance).
 */
export function idKey(id: DocId): string {
  if (typeof id === 'number') return 'n' + String(id);
  if (typeof id === 'string') return 's' + id;
  if (isObjectId(id)) return 'i' + (id as ObjectId).toHexString();
  return 'o' + EJSON.stringify(id as object, { relaxed: false });
}

/** Readable `{ openid: "o1", key: "k" }` as in MongoDB's E11000 messages. */
export function formatDupKey(fields: string[], values: unknown[]): string {
  const show = (v: unknown) => (v === undefined ? 'null' : isObjectId(v) ? `ObjectId('${v.toHexString()}')` : JSON.stringify(v));
  const parts = fields.map((f, i) => `${f}: ${show(values[i])}`);
  return `{ ${parts.join(', ')} }`;
}
