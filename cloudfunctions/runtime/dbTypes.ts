// The slice of the wx-server-sdk database API this project uses, typed for promise-style calls (the SDK's own
// typings mix in callback overloads that make every result a union) and by collection: `db.collection('members')`
// reads `Stored<MemberDoc>` and writes `MemberDoc` (core/documents.ts).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { CollectionName, Collections, NewDoc, Stored, UpdateData } from '../core/documents';

export type { CollectionName, Collections, Stored };

/** A query condition: fields (or dotted paths) to values or to `db.command` conditions. */
export type Where<T> = { [K in keyof T]?: unknown } & { [path: `${string}.${string}`]: unknown };

type FieldPath<T> = (keyof T & string) | `${keyof T & string}.${string}`;

export interface Query<T> {
  where(query: Where<T>): Query<T>;
  orderBy(field: FieldPath<T>, order: 'asc' | 'desc'): Query<T>;
  skip(n: number): Query<T>;
  limit(n: number): Query<T>;
  /** The documents then hold only these fields (and _id). */
  field<K extends keyof T>(projection: { [P in K]: boolean }): Query<Pick<T, K | ('_id' extends keyof T ? '_id' : never)>>;
  get(): Promise<{ data: Stored<T>[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: UpdateData<T> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DocRef<T> {
  get(): Promise<{ data: Stored<T> }>;
  update(options: { data: UpdateData<T> }): Promise<{ stats: { updated: number } }>;
  set(options: { data: Omit<T, '_id'> }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

/** An aggregation pipeline; its rows are not documents, so the caller says what `end` lists. */
export interface Aggregate {
  match(condition: object): Aggregate;
  group(spec: object): Aggregate;
  /** One row per element of the array at `path` ('$field.list'). */
  unwind(path: string): Aggregate;
  sort(spec: Record<string, 1 | -1>): Aggregate;
  limit(n: number): Aggregate;
  count(field: string): Aggregate;
  bucket(spec: { groupBy: string; boundaries: number[]; default?: string; output?: object }): Aggregate;
  project(spec: object): Aggregate;
  /** A join; with `pipeline` (db.command.aggregate.pipeline()...done()) an uncorrelated sub-query of `from`. */
  lookup(spec: { from: string; as: string; localField?: string; foreignField?: string; let?: object; pipeline?: object[] }): Aggregate;
  end<R = Record<string, unknown>>(): Promise<{ list: R[] }>;
}

export interface Collection<T extends { _id: string }> extends Query<T> {
  doc(id: string): DocRef<T>;
  add(options: { data: NewDoc<T> }): Promise<{ _id: string }>;
  /** Several documents in one request (database.insertDocument takes a list); a duplicate _id fails the request. */
  add(options: { data: NewDoc<T>[] }): Promise<{ ids: string[] }>;
  aggregate(): Aggregate;
}

export interface TxCollection<T extends { _id: string }> {
  doc(id: string): DocRef<T>;
  /** One document, or several in ONE request (database.insertDocument takes a list; the SDK answers `ids`). */
  add(options: { data: NewDoc<T> }): Promise<{ _id: string }>;
  add(options: { data: NewDoc<T>[] }): Promise<{ ids: string[] }>;
  /** A query read inside the transaction (wx-server-sdk sends the transaction id with where().get()). */
  where(query: Where<T>): { limit(n: number): { get(): Promise<{ data: Stored<T>[] }> }; get(): Promise<{ data: Stored<T>[] }> };
}

export interface TransactionHandle {
  collection<N extends CollectionName>(name: N): TxCollection<Collections[N]>;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

export interface Database {
  collection<N extends CollectionName>(name: N): Collection<Collections[N]>;
  /** Query and update operators (`_.gte`, `_.in`, `_.inc`, `_.aggregate`...): opaque values the SDK serialises. */
  command: any;
  serverDate(options?: { offset: number }): unknown;
  startTransaction(): Promise<TransactionHandle>;
  runTransaction<T>(callback: (tx: TransactionHandle) => Promise<T>, times?: number): Promise<T>;
}
