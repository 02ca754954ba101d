import { isDate, isRegExp } from './clone';
import type { Collection } from './collection';
import { idKey, isDocId, isObjectId } from './keys';
import { rangeOf } from './rangeIndex';
import type { DocId } from './types';

/**
 * Picks candidate ids for a query from _id or a declared index's first key (top-level equality or $in,
 * also inside $and). Returns null when only a full scan can answer. Candidates are a superset: callers
 * still test each document against the full query.
 */
export function candidateIds(coll: Collection, query: Record<string, any>): DocId[] | null {
  const equal = equalityCandidates(coll, query);
  if (equal !== null) return equal;
  const range = rangePlan(coll, query, undefined);
  if (range) return [...new Set(range.ids)];
  return orCandidates(coll, query);
}

/** A top-level $or whose every branch an index answers: the union of the branches' candidates. */
function orCandidates(coll: Collection, query: Record<string, any>): DocId[] | null {
  const branches = query.$or;
  if (!Array.isArray(branches) || branches.length === 0) return null;
  const out = new Map<string, DocId>();
  for (const branch of branches) {
    const ids = branch && typeof branch === 'object' ? candidateIds(coll, branch) : null;
    if (ids === null) return null;
    for (const id of ids) out.set(idKey(id), id);
  }
  return [...out.values()];
}

/**
 * An ordered index walk for a range condition on _id or a declared field (the first such field of the query), in
 * the order of `sort` when the sort is on that field alone (`ordered`), so a page can stop at its limit.
 */
export function rangePlan(coll: Collection, query: Record<string, any>, sort: Record<string, 1 | -1> | undefined): { ids: Iterable<DocId>; ordered: boolean } | null {
  const sortFields = sort ? Object.keys(sort) : [];
  let fallback: { ids: Iterable<DocId>; ordered: boolean } | null = null;
  for (const [field, cond] of rangeConditions(query)) {
    const range = rangeOf(cond);
    if (!range) continue;
    const ix = coll.indexes.rangeIndex(field, () => coll.liveDocs());
    // Bounds on an array field may hold for different elements: one element in the whole range is no superset.
    if (!ix || (ix.multikey && range.low && range.high)) continue;
    const ordered = sortFields.length === 0 || (sortFields.length === 1 && sortFields[0] === field);
    const plan = { ids: ix.ids(range, ordered && sort?.[field] === -1 ? -1 : 1), ordered };
    if (ordered) return plan;
    fallback ??= plan;
  }
  return fallback;
}

/**
 * Each field's range conditions of the query: at the top level and in a top-level $and (the SDK sends
 * `_.gte(a).and(_.lt(b))` as `$and: [{ f: { $gte: a } }, { f: { $lt: b } }]`), merged per field.
 */
function rangeConditions(query: Record<string, any>): Array<[string, Record<string, unknown>]> {
  const merged = new Map<string, Record<string, unknown>>();
  const add = (field: string, cond: unknown) => {
    if (field.startsWith('$') || !rangeOf(cond)) return;
    const into = merged.get(field) ?? {};
    for (const [op, v] of Object.entries(cond as object)) if (!(op in into)) into[op] = v;
    merged.set(field, into);
  };
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) if (part && typeof part === 'object' && Object.keys(part).length === 1) add(Object.keys(part)[0], Object.values(part)[0]);
    } else add(field, cond);
  }
  return [...merged];
}

/** Candidates from _id or a declared index's equality (or $in), the narrowest; null when none applies. */
export function equalityCandidates(coll: Collection, query: Record<string, any>): DocId[] | null {
  return equalityPlan(coll, query)?.list() ?? null;
}

/** The narrowest equality an index answers, sized but not listed yet; null when none applies. */
export function equalityPlan(coll: Collection, query: Record<string, any>): { size: number; list: () => DocId[] } | null {
  // Each usable field sized first, the smallest listed: a common value (every 'spend' entry) is never copied out.
  let best: { size: number; list: () => DocId[] } | null = null;
  const consider = (size: number, list: () => DocId[]) => {
    if (best === null || size < best.size) best = { size, list };
  };
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) {
        const ids = part && typeof part === 'object' ? equalityCandidates(coll, part) : null;
        if (ids) consider(ids.length, () => ids);
      }
      continue;
    }
    const values = equalityValues(cond);
    if (!values) continue;
    if (field === '_id') {
      const ids = values.filter(isDocId);
      consider(ids.length, () => ids);
      continue;
    }
    const index = coll.indexes.lookups.get(field);
    if (index) consider(values.reduce((n: number, v) => n + index.count(v), 0), () => [...new Set(values.flatMap((v) => index.lookup(v)))]);
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
