import { randomBytes } from 'node:crypto';
import { decodeParam, encodeForSdk } from './ejson';
import type { Engine } from './engine';
import { DbError, invalidParam, notEmulated, transactionNotExist } from './errors';
import { modifyAndReturn } from './findAndModify';
import * as ops from './operations';
import type { SortSpec } from './queryEngine';
import * as txnOps from './txnOperations';

/** A query returns at most 1,000 documents (the SDK also caps limit() at 1000 before sending). */
const MAX_LIMIT = 1000;
/** Without limit() the SDK sends 100; a request without any limit gets 100 too. */
const DEFAULT_LIMIT = 100;
/** An aggregation without a $limit stage returns 20 documents (as the real service does, see README). */
const AGGREGATE_DEFAULT_LIMIT = 20;

type Params = Record<string, any>;

/**
 * Answers one CloudBase database request as the wx-server-sdk sends it to `POST /tcb`
 * (body `{ action, envName, ...params }`). Always resolves to the JSON body to send with HTTP 200;
 * failures are `{ code, message }` bodies, see errors.ts for what the SDK makes of them.
 */
export async function handleRequest(engine: Engine, action: string, params: Params): Promise<object> {
  const requestId = randomBytes(8).toString('hex');
  let answer: object;
  try {
    answer = { ...(await dispatch(engine, action, params ?? {})), requestId };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    answer = e instanceof DbError ? { code: e.code, message: e.message, requestId } : { code: 'DATABASE_REQUEST_FAILED', message: `[DATABASE_REQUEST_FAILED] ${message}`, requestId };
  }
  // What the answer saw may include commits still on their way to disk (see Engine.durableSoFar).
  await engine.durableSoFar();
  return answer;
}

async function dispatch(engine: Engine, action: string, p: Params): Promise<object> {
  switch (action) {
    case 'database.startTransaction':
      return { transactionId: engine.txns.start(engine.now().getTime()).id };
    case 'database.commitTransaction':
      await txnOps.txnCommit(engine, txnOps.openTxn(engine, requireString(p, 'transactionId')));
      return {};
    case 'database.abortTransaction': {
      // Aborting a transaction that is no longer open (committed, aborted by a conflict, expired, unknown) fails as
      // on MongoDB (NoSuchTransaction); the SDK's runTransaction and our inTransaction() ignore that failure.
      engine.endTransaction(txnOps.openTxn(engine, requireString(p, 'transactionId')));
      return {};
    }
    case 'database.getDocument':
      return { data: getDocument(engine, p) };
    case 'database.calculateDocument': {
      const t = target(engine, p);
      const total = p.transactionId ? txnOps.txnCount(engine, txn(engine, p), t) : ops.count(engine, t);
      return { data: { total } };
    }
    case 'database.insertDocument':
      return { data: { insertedIds: await insertDocument(engine, p) } };
    case 'database.modifyDocument': {
      const { updated, upsertId } = await modifyDocument(engine, p);
      return { data: { updated, upsert_id: upsertId } };
    }
    case 'database.modifyAndReturnDoc': {
      const { updated, doc } = await modifyAndReturnDoc(engine, p);
      return { data: { updated, doc: doc ? encodeForSdk(doc) : null } };
    }
    case 'database.removeDocument': {
      const t = target(engine, p);
      const multi = t.byId ? false : p.multi !== false;
      const deleted = p.transactionId ? txnOps.txnRemove(engine, txn(engine, p), t, multi) : await ops.remove(engine, t, multi);
      return { data: { deleted } };
    }
    case 'database.aggregateDocuments':
      return { data: { list: aggregate(engine, p).map(encodeForSdk) } };
    default:
      throw notEmulated(action);
  }
}

/** The open transaction a request names; DATABASE_TRANSACTION_FAIL when it is not open. */
function txn(engine: Engine, p: Params) {
  const id = p.transactionId;
  if (typeof id !== 'string' || !id) throw transactionNotExist();
  return txnOps.openTxn(engine, id);
}

function getDocument(engine: Engine, p: Params) {
  const t = target(engine, p);
  const offset = nonNegativeInt(p.offset, 0, 'offset');
  const limit = Math.min(nonNegativeInt(p.limit, DEFAULT_LIMIT, 'limit'), MAX_LIMIT);
  const opts = {
    sort: decodeOrder(engine, p.order),
    skip: offset,
    limit,
    projection: decodeParam(p.projection, engine.now, 'projection'),
  };
  const { total, list } = p.transactionId ? txnOps.txnFind(engine, txn(engine, p), t, opts) : ops.find(engine, t, opts);
  return { list: list.map(encodeForSdk), total, offset, limit };
}

async function insertDocument(engine: Engine, p: Params) {
  const coll = requireString(p, 'collectionName');
  if (!Array.isArray(p.data) || p.data.length === 0) throw invalidParam('data must be a non-empty array of EJSON documents');
  const docs = p.data.map((d: unknown, i: number) => decodeParam(d, engine.now, `data[${i}]`));
  if (p.transactionId) return txnOps.txnInsert(engine, txn(engine, p), coll, docs);
  for (const d of docs) if (d && typeof d === 'object') txnOps.checkDocSize(d, true);
  return ops.insert(engine, coll, docs);
}

async function modifyDocument(engine: Engine, p: Params) {
  const t = target(engine, p);
  const data = decodeParam(p.data, engine.now, 'data');
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw invalidParam('data must be an EJSON object');
  const spec: ops.ModifySpec = {
    data,
    merge: p.merge !== false,
    upsert: p.upsert === true,
    multi: t.byId ? false : p.multi === true,
  };
  if (p.transactionId) return txnOps.txnModify(engine, txn(engine, p), t, spec);
  // The resulting document's size is checked inside transactions only; here the update or replacement itself.
  txnOps.checkDocSize(data as any, !spec.merge);
  return ops.modify(engine, t, spec);
}

/** where().updateAndReturn(): the first matching document, updated, returned as it is afterwards. */
async function modifyAndReturnDoc(engine: Engine, p: Params) {
  const t = target(engine, p);
  const data = decodeParam(p.data, engine.now, 'data');
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw invalidParam('data must be an EJSON object');
  if (!p.transactionId) return modifyAndReturn(engine, t, data);
  const r = txnOps.txnModify(engine, txn(engine, p), t, { data, merge: true, upsert: false, multi: false });
  return { updated: r.doc ? 1 : 0, doc: r.doc };
}

function aggregate(engine: Engine, p: Params) {
  const coll = requireString(p, 'collectionName');
  if (!Array.isArray(p.stages)) throw invalidParam('stages must be an array');
  const pipeline: Record<string, any>[] = p.stages.map((s: any, i: number) => {
    if (!s || typeof s.stageKey !== 'string') throw invalidParam(`stages[${i}] needs a stageKey`);
    return { [s.stageKey]: decodeParam(s.stageValue, engine.now, `stages[${i}]`) ?? {} };
  });
  // Without a $limit stage the real service returns 20 documents (the SDK sends no limit of its own).
  if (!pipeline.some((stage: Record<string, unknown>) => '$limit' in stage)) pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT });
  return ops.aggregate(engine, coll, pipeline);
}

function target(engine: Engine, p: Params): ops.Target {
  const coll = requireString(p, 'collectionName');
  const query = decodeParam(p.query, engine.now, 'query') ?? {};
  if (typeof query !== 'object' || Array.isArray(query)) throw invalidParam('query must be an EJSON object');
  const byId = p.queryType === 'DOC';
  if (byId) ops.docIdOf(query);
  return { coll, byId, query };
}

/** orderBy() calls arrive merged into one object `{ a: 1, b: -1 }`; older SDKs sent `[{ field, direction }]`. */
function decodeOrder(engine: Engine, raw: unknown): SortSpec | undefined {
  const order = decodeParam(raw, engine.now, 'order');
  if (!order) return undefined;
  const sort: SortSpec = {};
  const add = (field: unknown, dir: unknown) => {
    if (typeof field !== 'string' || !field) throw invalidParam('order field must be a string');
    sort[field] = dir === -1 || dir === 'desc' ? -1 : 1;
  };
  if (Array.isArray(order)) {
    for (const o of order) {
      if (o && typeof o.field === 'string') add(o.field, o.direction);
      else for (const [k, v] of Object.entries(o ?? {})) add(k, v);
    }
  } else {
    for (const [k, v] of Object.entries(order)) add(k, v);
  }
  return sort;
}

function requireString(p: Params, name: string): string {
  const v = p[name];
  if (typeof v !== 'string' || !v) throw invalidParam(`${name} is required`);
  return v;
}

function nonNegativeInt(v: unknown, fallback: number, name: string): number {
  if (v === undefined || v === null) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw invalidParam(`${name} must be a non-negative integer`);
  return n;
}
