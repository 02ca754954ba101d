import 'mingo/init/system';
import { FIDELITY_CONTEXT } from './operators/fidelity';
import './operators';
import { Aggregator, Query } from 'mingo';
import type { Collection } from './collection';
import { candidateIds } from './queryPlanner';
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

export function compileQuery(query: Record<string, any>): Query {
  return new Query(query, MINGO_OPTIONS);
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
