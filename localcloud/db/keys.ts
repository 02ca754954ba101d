import { EJSON } from 'bson';
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
  return 'o' + EJSON.stringify(v as object, { relaxed: false });
}

/** Number and string ids are distinct documents. */
export function idKey(id: DocId): string {
  return (typeof id === 'number' ? 'n' : 's') + String(id);
}

/** Readable `{ openid: "o1", key: "k" }` as in MongoDB's E11000 messages. */
export function formatDupKey(fields: string[], values: unknown[]): string {
  const parts = fields.map((f, i) => `${f}: ${values[i] === undefined ? 'null' : JSON.stringify(values[i])}`);
  return `{ ${parts.join(', ')} }`;
}
