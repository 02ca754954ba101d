export interface IndexSpec {
  name: string;
  /** 1 / -1: ascending / descending; '2dsphere': a geo index (GeoJSON values only, see operators/geo.ts). */
  keys: Record<string, 1 | -1 | '2dsphere'>;
  unique?: boolean;
  sparse?: boolean;
}
export type IndexFile = Record<string /* collection */, IndexSpec[]>;

export interface DatabaseOptions {
  dataDir: string | null; // null = memory only
  indexes: IndexFile; // parsed cloudfunctions/database/indexes.json
  now: () => Date; // the (movable) clock; used for db.serverDate()
  fsync?: boolean; // default true
}

export type DocId = string | number;
export type Doc = Record<string, any> & { _id: DocId };

/** One document's before/after image inside a write; `after` undefined means deleted. */
export interface Change {
  coll: string;
  id: DocId;
  before: Doc | undefined;
  after: Doc | undefined;
}
