import { DbError } from './errors';
import { geometryProblem } from './operators/geo';
import { formatDupKey, getPath, idKey, valueKey } from './keys';
import { RangeIndex } from './rangeIndex';
import type { Change, Doc, DocId, IndexSpec } from './types';

type Posting = DocId | Set<DocId>;

/** Equality lookup on one top-level field: value -> ids. Arrays are indexed per element and as a whole. */
export class LookupIndex {
  private readonly map = new Map<string, Posting>();
  constructor(readonly field: string) {}

  private keysOf(doc: Doc): string[] {
    const v = getPath(doc, this.field);
    if (!Array.isArray(v)) return [valueKey(v)];
    return [...new Set([valueKey(v), ...v.map(valueKey)])];
  }

  add(doc: Doc): void {
    for (const k of this.keysOf(doc)) {
      const cur = this.map.get(k);
      if (cur === undefined) this.map.set(k, doc._id);
      else if (cur instanceof Set) cur.add(doc._id);
      else if (cur !== doc._id) this.map.set(k, new Set([cur, doc._id]));
    }
  }

  remove(doc: Doc): void {
    for (const k of this.keysOf(doc)) {
      const cur = this.map.get(k);
      if (cur instanceof Set) {
        cur.delete(doc._id);
        if (cur.size === 1) this.map.set(k, cur.values().next().value as DocId);
      } else if (cur === doc._id) this.map.delete(k);
    }
  }

  /** How many ids hold `value`, without listing them. */
  count(value: unknown): number {
    const cur = this.map.get(valueKey(value));
    return cur === undefined ? 0 : cur instanceof Set ? cur.size : 1;
  }

  lookup(value: unknown): DocId[] {
    const cur = this.map.get(valueKey(value));
    if (cur === undefined) return [];
    return cur instanceof Set ? [...cur] : [cur];
  }
}

/** A unique (possibly compound) index: full key -> the one id that holds it. */
export class UniqueIndex {
  private readonly map = new Map<string, DocId>();
  readonly fields: string[];
  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.keys);
  }

  /** null when the document is not in the index (sparse and none of the fields present). */
  keyOf(doc: Doc): string | null {
    const values = this.fields.map((f) => getPath(doc, f));
    if (this.spec.sparse && values.every((v) => v === undefined)) return null;
    return values.length === 1 ? valueKey(values[0]) : JSON.stringify(values.map(valueKey));
  }

  owner(key: string): DocId | undefined {
    return this.map.get(key);
  }

  add(doc: Doc): void {
    const k = this.keyOf(doc);
    if (k !== null) this.map.set(k, doc._id);
  }

  remove(doc: Doc): void {
    const k = this.keyOf(doc);
    if (k !== null && this.map.get(k) === doc._id) this.map.delete(k);
  }

  duplicate(coll: string, doc: Doc): DbError {
    const dupKey = formatDupKey(this.fields, this.fields.map((f) => getPath(doc, f)));
    return new DbError(
      'DATABASE_DUPLICATE_WRITE',
      `E11000 duplicate key error collection: ${coll} index: ${this.spec.name} dup key: ${dupKey}`,
    );
  }
}

export class CollectionIndexes {
  readonly lookups = new Map<string, LookupIndex>();
  readonly uniques: UniqueIndex[] = [];
  /** Fields with a 2dsphere index: $near / $geoNear need one; every value stored there must be a geometry. */
  readonly geo: string[] = [];
  /** Ordered indexes on _id and declared fields, built on the first range query of the field, then kept. */
  private readonly ranges = new Map<string, RangeIndex>();

  constructor(specs: IndexSpec[]) {
    for (const spec of specs) {
      for (const [field, kind] of Object.entries(spec.keys)) if (kind === '2dsphere' && !this.geo.includes(field)) this.geo.push(field);
      const first = Object.keys(spec.keys)[0];
      if (first && spec.keys[first] !== '2dsphere' && !first.includes('.') && first !== '_id' && !this.lookups.has(first)) {
        this.lookups.set(first, new LookupIndex(first));
      }
      if (spec.unique) this.uniques.push(new UniqueIndex(spec));
    }
  }

  /** The ordered index of `field` (_id or a declared index's first key), built from `docs` when first asked for. */
  rangeIndex(field: string, docs: () => Iterable<Doc>): RangeIndex | null {
    if (field !== '_id' && !this.lookups.has(field)) return null;
    let ix = this.ranges.get(field);
    if (!ix) {
      ix = new RangeIndex(field);
      for (const doc of docs()) ix.add(doc);
      this.ranges.set(field, ix);
    }
    return ix;
  }

  apply(before: Doc | undefined, after: Doc | undefined): void {
    for (const ix of this.ranges.values()) {
      if (before) ix.remove(before);
      if (after) ix.add(after);
    }
    for (const ix of this.lookups.values()) {
      if (before) ix.remove(before);
      if (after) ix.add(after);
    }
    for (const ix of this.uniques) {
      if (before) ix.remove(before);
      if (after) ix.add(after);
    }
  }

  /** Throws DATABASE_DUPLICATE_WRITE if applying all `changes` together would violate a unique index. */
  checkUnique(coll: string, changes: Change[]): void {
    this.checkGeo(coll, changes);
    if (this.uniques.length === 0) return;
    const changedById = new Map<string, Change>();
    for (const ch of changes) changedById.set(idKey(ch.id), ch);
    for (const ix of this.uniques) {
      const claimed = new Map<string, string>();
      for (const ch of changes) {
        if (!ch.after) continue;
        const key = ix.keyOf(ch.after);
        if (key === null) continue;
        const mine = idKey(ch.id);
        const other = claimed.get(key);
        if (other !== undefined && other !== mine) throw ix.duplicate(coll, ch.after);
        claimed.set(key, mine);
        const owner = ix.owner(key);
        if (owner === undefined || idKey(owner) === mine) continue;
        const ownerChange = changedById.get(idKey(owner));
        const ownerKeepsKey = !ownerChange || (ownerChange.after !== undefined && ix.keyOf(ownerChange.after) === key);
        if (ownerKeepsKey) throw ix.duplicate(coll, ch.after);
      }
    }
  }

  /** A 2dsphere-indexed field holds a geometry or nothing, as MongoDB refuses the write otherwise. */
  private checkGeo(coll: string, changes: Change[]): void {
    for (const field of this.geo) {
      for (const ch of changes) {
        const v = ch.after && getPath(ch.after, field);
        if (v === undefined || v === null) continue;
        const values = Array.isArray(v) && !v.every((x) => typeof x === 'number') ? v : [v];
        for (const value of values) {
          const problem = geometryProblem(value);
          if (problem) {
            throw new DbError('DATABASE_REQUEST_FAILED', `Can't extract geo keys: { _id: ${JSON.stringify(ch.id)}, ${field}: ${JSON.stringify(value)} }  ${problem} (collection ${coll})`);
          }
        }
      }
    }
  }
}
