import { cloneValue } from './clone';
import { Engine } from './engine';
import { invalidParam } from './errors';
import { duplicateId, withIds } from './operations';
import { handleRequest } from './protocol';
import { matchDocs, shapeResults } from './queryEngine';
import { Storage } from './storage';
import type { DatabaseOptions } from './types';

export type { DatabaseOptions, IndexFile, IndexSpec } from './types';

/** A network round trip to add to every SDK request: `ms` (half on the way in, half on the way out) ± `jitterMs`. */
export interface DbLatency { ms: number; jitterMs?: number }

/** Which SDK request a test holds (Database.holdNext). */
export type RequestMatch = (action: string, params: Record<string, any>) => boolean;

/** An error body a held request is answered with (e.g. `DATABASE_REQUEST_FAILED`), before or after it is applied. */
export interface InjectedFault { code: string; message: string; afterApplying?: boolean }

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const IDLE_SWEEP_INTERVAL_MS = 1_000;

/**
 * An in-process database that answers the CloudBase database protocol, so the unmodified wx-server-sdk can
 * run against it (mounted at `POST /tcb` by the local server). MongoDB semantics via mingo; durable through
 * a checksummed append-only journal plus snapshots in `dataDir`.
 */
export class Database {
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;
  private latency: DbLatency = { ms: 0 };
  private holds: Array<{ match: RequestMatch; arrived: () => void; gate: Promise<InjectedFault | undefined> }> = [];

  private constructor(private readonly engine: Engine) {
    this.sweeper = setInterval(() => engine.abortIdleTransactions(), IDLE_SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  static async open(opts: DatabaseOptions): Promise<Database> {
    const engine = new Engine(opts.indexes ?? {}, opts.now);
    if (opts.dataDir) engine.storage = await Storage.open(opts.dataDir, opts.fsync ?? true, engine);
    return new Database(engine);
  }

  /** Returns the exact JSON body to send back with HTTP 200 for one SDK request. */
  async handle(action: string, params: Record<string, any>): Promise<object> {
    if (this.closed) return { code: 'DATABASE_REQUEST_FAILED', message: '[DATABASE_REQUEST_FAILED] database is closed' };
    let fault: InjectedFault | undefined;
    const held = this.holds.findIndex((h) => h.match(action, params ?? {}));
    if (held >= 0) {
      const [hold] = this.holds.splice(held, 1);
      hold.arrived();
      fault = await hold.gate;
      if (fault && !fault.afterApplying) return { code: fault.code, message: fault.message, requestId: 'injected-fault' };
    }
    const trip = this.roundTrip();
    if (trip === 0) {
      const answer = await handleRequest(this.engine, action, params);
      return fault ? { code: fault.code, message: fault.message, requestId: 'injected-fault' } : answer;
    }
    // The request reaches the database half a round trip after it was sent, and its answer returns half a trip later:
    // a transaction holds its locks across those trips, as it does on the real service.
    await sleep(trip / 2);
    const answer = await handleRequest(this.engine, action, params);
    await sleep(trip / 2);
    return fault ? { code: fault.code, message: fault.message, requestId: 'injected-fault' } : answer;
  }

  /** Delays every later SDK request by a round trip (0 turns it off); semantics are unchanged. */
  setLatency(latency: DbLatency): void {
    if (!(latency.ms >= 0) || !((latency.jitterMs ?? 0) >= 0)) throw new RangeError('latency must be >= 0 ms');
    this.latency = { ms: latency.ms, jitterMs: latency.jitterMs ?? 0 };
  }

  /**
   * Test support: the next SDK request `match` accepts (action such as `database.startTransaction`, and its raw
   * parameters) waits before it reaches the database until `release()`; `reached` resolves when it arrives. Lets a test
   * act at an exact point of an invocation (kill its worker, change a document), deterministically. `release(fault)`
   * answers the request with that error instead: without reaching the database, or `afterApplying` it (an answer lost
   * on the way back: the caller cannot tell whether its write, or its commit, happened).
   */
  holdNext(match: RequestMatch): { reached: Promise<void>; release(fault?: InjectedFault): void } {
    let arrived!: () => void;
    let release!: (fault?: InjectedFault) => void;
    const reached = new Promise<void>((resolve) => { arrived = resolve; });
    const gate = new Promise<InjectedFault | undefined>((resolve) => { release = resolve; });
    this.holds.push({ match, arrived, gate });
    return { reached, release };
  }

  getLatency(): DbLatency {
    return { ...this.latency };
  }

  private roundTrip(): number {
    const { ms, jitterMs = 0 } = this.latency;
    if (ms === 0 && jitterMs === 0) return 0;
    return Math.max(0, ms + (Math.random() * 2 - 1) * jitterMs);
  }

  listCollections(): string[] {
    return this.engine.collectionNames();
  }

  /** Committed documents for a viewer page (plain JS values, not EJSON); limit defaults to 100. */
  find(collection: string, query: object = {}, opts: { offset?: number; limit?: number } = {}): { total: number; docs: object[] } {
    const matched = matchDocs(this.engine.collection(collection), query as Record<string, any>);
    return { total: matched.length, docs: shapeResults(matched, { skip: opts.offset ?? 0, limit: opts.limit ?? 100 }) };
  }

  /** Bulk load for seeding: one commit (one journal record), all-or-nothing, unique indexes enforced. */
  async insertMany(collection: string, docs: object[]): Promise<void> {
    if (!Array.isArray(docs)) throw invalidParam('docs must be an array');
    if (docs.length === 0) return;
    const withId = withIds(docs as Record<string, any>[]);
    const coll = this.engine.collection(collection);
    const seen = new Set<string | number>();
    for (const d of withId) {
      if (coll.latest(d._id) || seen.has(d._id)) throw duplicateId(collection, d._id);
      seen.add(d._id);
    }
    await this.engine.commit(withId.map((d) => ({ coll: collection, id: d._id, before: undefined, after: cloneValue(d) })));
  }

  /** Seed and test support: sets top-level fields of the committed documents `query` matches, in one commit. */
  async setFields(collection: string, query: object, fields: Record<string, unknown>): Promise<number> {
    const coll = this.engine.collection(collection);
    const matched = matchDocs(coll, query as Record<string, any>);
    if (matched.length === 0) return 0;
    await this.engine.commit(matched.map((d) => ({ coll: collection, id: d._id, before: d, after: { ...cloneValue(d), ...cloneValue(fields) } })));
    return matched.length;
  }

  /** Aborts open transactions, flushes, writes a snapshot and releases the files. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    for (const txn of this.engine.txns.all()) this.engine.endTransaction(txn);
    await this.engine.storage?.close(() => this.engine.capture());
  }
}
