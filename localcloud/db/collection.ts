import { CollectionIndexes } from './indexes';
import { idKey } from './keys';
import type { Doc, DocId, IndexSpec } from './types';

/**
 * One committed version of a document; `doc` null is a deletion. Older versions are kept only while an open
 * transaction may still read them (snapshot isolation), see `prune`.
 */
interface Version {
  doc: Doc | null;
  seq: number;
  prev?: Version;
}

export class Collection {
  /** By idKey(id): ObjectId ids are objects, equal by value, not by identity. */
  private readonly versions = new Map<string, Version>();
  /** Keys whose entry holds history or a tombstone that can be dropped once old transactions finish. */
  private readonly withHistory = new Set<string>();
  private live = 0;
  readonly indexes: CollectionIndexes;

  constructor(readonly name: string, specs: IndexSpec[]) {
    this.indexes = new CollectionIndexes(specs);
  }

  get size(): number {
    return this.live;
  }

  latest(id: DocId): Doc | undefined {
    return this.versions.get(idKey(id))?.doc ?? undefined;
  }

  /** Sequence number of the last commit that wrote this id (0 if never written while tracked). */
  lastWriteSeq(id: DocId): number {
    return this.versions.get(idKey(id))?.seq ?? 0;
  }

  asOf(id: DocId, seq: number): Doc | undefined {
    let v = this.versions.get(idKey(id));
    while (v && v.seq > seq) v = v.prev;
    return v?.doc ?? undefined;
  }

  /** Every document as of commit `seq` (a transaction's snapshot), in natural order. */
  *docsAsOf(seq: number): IterableIterator<Doc> {
    for (const v of this.versions.values()) {
      let at: Version | undefined = v;
      while (at && at.seq > seq) at = at.prev;
      if (at?.doc) yield at.doc;
    }
  }

  *liveDocs(): IterableIterator<Doc> {
    for (const v of this.versions.values()) if (v.doc) yield v.doc;
  }

  /** Installs a new committed version; `keepFromSeq` is the oldest snapshot an open transaction reads. */
  put(id: DocId, after: Doc | undefined, seq: number, keepFromSeq: number): void {
    const key = idKey(id);
    const prev = this.versions.get(key);
    const before = prev?.doc ?? undefined;
    this.indexes.apply(before, after);
    if (before) this.live--;
    if (after) this.live++;
    const v: Version = { doc: after ?? null, seq, prev };
    this.versions.set(key, v);
    this.pruneKey(key, keepFromSeq);
  }

  /** Drops versions no open transaction can see; returns false when history remains. */
  prune(id: DocId, keepFromSeq: number): boolean {
    return this.pruneKey(idKey(id), keepFromSeq);
  }

  private pruneKey(id: string, keepFromSeq: number): boolean {
    const head = this.versions.get(id);
    if (!head) return true;
    let v: Version | undefined = head;
    while (v && v.seq > keepFromSeq) v = v.prev;
    if (v) v.prev = undefined;
    if (!head.prev && head.doc === null && head.seq <= keepFromSeq) {
      this.versions.delete(id);
      this.withHistory.delete(id);
      return true;
    }
    const done = !head.prev && head.doc !== null;
    if (done) this.withHistory.delete(id);
    else this.withHistory.add(id);
    return done;
  }

  pruneAll(keepFromSeq: number): void {
    for (const key of [...this.withHistory]) this.pruneKey(key, keepFromSeq);
  }
}
