import { isDate, isRegExp } from './clone';
import type { Collection } from './collection';
import { isDocId, isObjectId } from './keys';
import type { DocId } from './types';

/**
 * Picks candidate ids for a query from _id or a declared index's first key (top-level equality or $in,
 * also inside $and). Returns null when only a full scan can answer. Candidates are a superset: callers
 * still test each document against the full query.
 */
export function candidateIds(coll: Collection, query: Record<string, any>): DocId[] | null {
  let best: DocId[] | null = null;
  const consider = (ids: DocId[] | null) => {
    if (ids && (best === null || ids.length < best.length)) best = ids;
  };
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) if (part && typeof part === 'object') consider(candidateIds(coll, part));
      continue;
    }
    const values = equalityValues(cond);
    if (!values) continue;
    if (field === '_id') {
      consider(values.filter(isDocId));
      continue;
    }
    const index = coll.indexes.lookups.get(field);
    if (index) consider([...new Set(values.flatMap((v) => index.lookup(v)))]);
    if (best !== null && (best as DocId[]).length === 0) break;
  }
  return best;
}

/** The values a condition requires equality with, or null if it is not a plain equality / $eq / $in. */
function equalityValues(cond: unknown): unknown[] | null {
  if (isRegExp(cond)) return null;
  if (cond === null || typeof cond !== 'object' || isDate(cond) || isObjectId(cond)) return [cond];
  if (Array.isArray(cond)) return null;
  const ops = cond as Record<string, unknown>;
  const keys = Object.keys(ops);
  if (!keys.some((k) => k.startsWith('$'))) return null; // embedded-document equality: scan
  if ('$eq' in ops && isIndexable(ops.$eq)) return [ops.$eq];
  if (Array.isArray(ops.$in) && ops.$in.every(isIndexable)) return ops.$in;
  return null;
}

function isIndexable(v: unknown): boolean {
  return v === null || typeof v !== 'object' || isDate(v) || isObjectId(v);
}
