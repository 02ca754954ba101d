// The slice of the wx-server-sdk database API this project uses, typed for promise-style calls
// (the SDK's own typings mix in callback overloads that make every result a union).
/* eslint-disable @typescript-eslint/no-explicit-any */
export type Doc = Record<string, any>;

export interface Query {
  where(query: Doc): Query;
  orderBy(field: string, order: 'asc' | 'desc'): Query;
  skip(n: number): Query;
  limit(n: number): Query;
  field(projection: Record<string, boolean>): Query;
  get(): Promise<{ data: Doc[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DocRef {
  get(): Promise<{ data: Doc }>;
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>;
  set(options: { data: Doc }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Collection extends Query {
  doc(id: string): DocRef;
  add(options: { data: Doc }): Promise<{ _id: string }>;
  aggregate(): any;
}

export interface TransactionHandle {
  collection(name: string): { doc(id: string): DocRef; add(options: { data: Doc }): Promise<{ _id: string }> };
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

export interface Database {
  collection(name: string): Collection;
  command: any;
  serverDate(options?: { offset: number }): unknown;
  startTransaction(): Promise<TransactionHandle>;
  runTransaction<T>(callback: (tx: TransactionHandle) => Promise<T>, times?: number): Promise<T>;
}
