import 'mingo/init/system';
import { FIDELITY_CONTEXT } from './operators/fidelity';
import './operators';
import { Aggregator, Query } from 'mingo';
import type { Collection } from './collection';
import { candidateIds, equalityPlan, rangePlan } from './queryPlanner';
import { idKey } from './keys';
import type { Doc } from './types';

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Record<string, any>;
}

type MingoOptions = NonNullable<ConstructorParameters<typeof Query>[1]>;

/**
 * Every Query and Aggregator runs with these: no $where/$function, and the operators in FIDELITY_CONTEXT
 * (operators/fidelity.ts) before mingo's own, so results are MongoDB's.
 */
export const MINGO_OPTIONS: MingoOptions = { scriptEnabled: false, context: FIDELITY_CONTEXT, useGlobalContext: true };

export interface Matcher { test(doc: Record<string, any>): boolean }

const isPlainValue = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * A query of top-level fields each equal to a string, finite number or boolean (`{ _id: x }`, `{ memberNo: y }`: most
 * of what the functions send) is matched here as MongoDB matches it: the field equals the value or is an array that
 * holds it. Building a mingo Query copies its operator tables each time, a tenth of a request's CPU in the local
 * cloud; anything else still goes to mingo.
 */
function plainEquality(query: Record<string, any>): Matcher | null {
  const pairs = Object.entries(query);
  if (!pairs.every(([k, v]) => !k.startsWith('$') && !k.includes('.') && isPlainValue(v))) return null;
  return {
    test: (doc) => pairs.every(([k, v]) => {
      const x = doc[k];
      return x === v || (Array.isArray(x) && x.some((e) => e === v));
    }),
  };
}

export function compileQuery(query: Record<string, any>): Matcher {
  return plainEquality(query) ?? new Query(query, MINGO_OPTIONS);
}

/** All committed documents matching `query`, in natural (insertion) order. */
export function matchDocs(coll: Collection, query: Record<string, any>): Doc[] {
  const test = Object.keys(query).length ? compileQuery(query) : null;
  const ids = candidateIds(coll, query);
  const out: Doc[] = [];
  if (ids) {
    for (const id of ids) {
      const doc = coll.latest(id);
      if (doc && (!test || test.test(doc))) out.push(doc);
    }
  } else {
    for (const doc of coll.liveDocs()) if (!test || test.test(doc)) out.push(doc);
  }
  return out;
}

/**
 * The documents of one page of a find (skip + limit of them, in `sort` order) by walking an ordered index, when the
 * query has no equality an index answers and a range on _id or a declared field whose order is the sort's: the walk
 * stops at the page, as the real database's does. Null when the page needs the whole match.
 */
export function pageByRange(coll: Collection, query: Record<string, any>, opts: FindOptions): Doc[] | null {
  if (opts.limit === undefined || Object.values(query).some((c) => c && typeof c === 'object' && ('$near' in c || '$nearSphere' in c))) return null;
  // An equality an index answers is narrower: the usual plan takes it (sized here, not listed).
  if (equalityPlan(coll, query) !== null) return null;
  const plan = rangePlan(coll, query, opts.sort);
  if (!plan?.ordered) return null;
  const test = compileQuery(query);
  const want = (opts.skip ?? 0) + opts.limit;
  const seen = new Set<string>();
  const out: Doc[] = [];
  for (const id of plan.ids) {
    if (out.length >= want) break;
    const key = idKey(id);
    if (seen.has(key)) continue;
    seen.add(key);
    const doc = coll.latest(id);
    if (doc && test.test(doc)) out.push(doc);
  }
  return out;
}

/** Sort, skip, limit and project an already-filtered list (documents are never modified). */
export function shapeResults(docs: Doc[], opts: FindOptions): Record<string, any>[] {
  let list: Record<string, any>[] = docs;
  if (opts.sort && Object.keys(opts.sort).length) list = new Aggregator([{ $sort: opts.sort }], MINGO_OPTIONS).run(list);
  const skip = opts.skip ?? 0;
  const end = opts.limit === undefined ? undefined : skip + opts.limit;
  list = list.slice(skip, end);
  if (opts.projection && Object.keys(opts.projection).length) {
    list = new Query({}, MINGO_OPTIONS).find(list, opts.projection).all() as Record<string, any>[];
  }
  return list;
}
