import BTree from 'sorted-btree';
import { isDate, isRegExp } from './clone';
import { getPath, idKey, isObjectId } from './keys';
import type { Doc, DocId } from './types';

// An ordered index on one field (or _id), for range conditions ($gt, $gte, $lt, $lte) and a sort on that field, as
// the real database walks an index: a page of `reviewAt <= now`, or of `_id > cursor` sorted by _id, reads the page,
// not the collection. MongoDB compares only values of one type bracket in a range, so numbers, strings and dates
// each have their own tree; array elements are indexed one by one (multikey). Candidates are a superset: callers
// still test each document against the whole query.

type Bracket = 'number' | 'string' | 'date';
type Key = [number | string, string];

const compare = (a: Key, b: Key): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

function bracketOf(v: unknown): [Bracket, number | string] | null {
  if (typeof v === 'number') return Number.isNaN(v) ? null : ['number', v];
  if (typeof v === 'string') return ['string', v];
  if (isDate(v)) return ['date', (v as Date).getTime()];
  return null;
}

export interface RangeCond { $gt?: unknown; $gte?: unknown; $lt?: unknown; $lte?: unknown }

/** The condition as a range of one bracket, or null when it is anything else (an equality, $in, $ne, mixed types...). */
export function rangeOf(cond: unknown): { bracket: Bracket; low?: { v: number | string; open: boolean }; high?: { v: number | string; open: boolean } } | null {
  if (cond === null || typeof cond !== 'object' || Array.isArray(cond) || isDate(cond) || isRegExp(cond) || isObjectId(cond)) return null;
  const ops = Object.keys(cond);
  if (ops.length === 0 || ops.some((k) => !['$gt', '$gte', '$lt', '$lte'].includes(k))) return null;
  const c = cond as RangeCond;
  let bracket: Bracket | null = null;
  const bound = (value: unknown, open: boolean) => {
    const b = bracketOf(value);
    if (!b || (bracket && bracket !== b[0])) return undefined;
    bracket = b[0];
    return { v: b[1], open };
  };
  const low = c.$gt !== undefined ? bound(c.$gt, true) : c.$gte !== undefined ? bound(c.$gte, false) : null;
  const high = c.$lt !== undefined ? bound(c.$lt, true) : c.$lte !== undefined ? bound(c.$lte, false) : null;
  if (low === undefined || high === undefined || !bracket) return null;
  return { bracket, ...(low ? { low } : {}), ...(high ? { high } : {}) };
}

export class RangeIndex {
  private readonly trees: Record<Bracket, BTree<Key, DocId>> = { number: new BTree(undefined, compare), string: new BTree(undefined, compare), date: new BTree(undefined, compare) };
  /** Some document holds an array there (once seen, kept: a range with two bounds is then not answered here). */
  multikey = false;
  constructor(readonly field: string) {}

  private keysOf(doc: Doc): Array<[Bracket, Key]> {
    const v = this.field === '_id' ? doc._id : getPath(doc, this.field);
    const id = idKey(doc._id);
    const out: Array<[Bracket, Key]> = [];
    if (Array.isArray(v)) this.multikey = true;
    for (const x of Array.isArray(v) ? v : [v]) {
      const b = bracketOf(x);
      if (b) out.push([b[0], [b[1], id]]);
    }
    return out;
  }

  add(doc: Doc): void {
    for (const [b, k] of this.keysOf(doc)) this.trees[b].set(k, doc._id);
  }

  remove(doc: Doc): void {
    for (const [b, k] of this.keysOf(doc)) this.trees[b].delete(k);
  }

  /** Ids with a value in the range, ascending (`dir` 1) or descending (-1) by that value; an id may repeat (arrays). */
  *ids(range: NonNullable<ReturnType<typeof rangeOf>>, dir: 1 | -1): IterableIterator<DocId> {
    const tree = this.trees[range.bracket];
    const { low, high } = range;
    const aboveLow = (v: number | string) => !low || (low.open ? v > low.v : v >= low.v);
    const belowHigh = (v: number | string) => !high || (high.open ? v < high.v : v <= high.v);
    if (dir === 1) {
      for (const [[v], id] of tree.entries(low ? [low.v, ''] : undefined)) {
        if (!belowHigh(v)) return;
        if (aboveLow(v)) yield id;
      }
    } else {
      // '\uffff' sorts after every id key of the same value.
      for (const [[v], id] of tree.entriesReversed(high ? [high.v, '\uffff'] : undefined)) {
        if (!aboveLow(v)) return;
        if (belowHigh(v)) yield id;
      }
    }
  }
}
