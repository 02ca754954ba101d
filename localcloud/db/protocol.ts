import { randomBytes } from 'node:crypto';
import { decodeParam, encodeForSdk } from './ejson';
import type { Engine } from './engine';
import { DbError, invalidParam } from './errors';
import * as ops from './operations';
import type { SortSpec } from './queryEngine';
import * as txnOps from './txnOperations';

const MAX_LIMIT = 1000;

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
      return { transactionId: engine.txns.start(engine.seq).id };
    case 'database.commitTransaction':
      await txnOps.txnCommit(engine, engine.txns.get(requireString(p, 'transactionId')));
      return {};
    case 'database.abortTransaction': {
      // Rolling back an unknown or already aborted transaction is a no-op: the SDK's rollback path calls it blindly.
      const id = p.transactionId;
      if (typeof id === 'string' && engine.txns.isOpen(id)) engine.endTransaction(engine.txns.get(id));
      return {};
    }
    case 'database.getDocument':
      return { data: getDocument(engine, p) };
    case 'database.calculateDocument': {
      const t = target(engine, p);
      if (p.transactionId) txnOps.requireDocTarget(t);
      return { data: { total: ops.count(engine, t) } };
    }
    case 'database.insertDocument':
      return { data: { insertedIds: await insertDocument(engine, p) } };
    case 'database.modifyDocument': {
      const { updated, upsertId } = await modifyDocument(engine, p);
      return { data: { updated, upsert_id: upsertId } };
    }
    case 'database.removeDocument': {
      const t = target(engine, p);
      const deleted = p.transactionId
        ? txnOps.txnRemove(engine, engine.txns.get(p.transactionId), t)
        : await ops.remove(engine, t, t.byId ? false : p.multi !== false);
      return { data: { deleted } };
    }
    case 'database.aggregateDocuments':
      return { data: { list: aggregate(engine, p).map(encodeForSdk) } };
    default:
      throw invalidParam(`unsupported action ${JSON.stringify(action)}`);
  }
}

function getDocument(engine: Engine, p: Params) {
  const t = target(engine, p);
  const offset = nonNegativeInt(p.offset, 0, 'offset');
  const limit = Math.min(nonNegativeInt(p.limit, 100, 'limit'), MAX_LIMIT);
  const opts = {
    sort: decodeOrder(engine, p.order),
    skip: offset,
    limit,
    projection: decodeParam(p.projection, engine.now, 'projection'),
  };
  const { total, list } = p.transactionId
    ? txnOps.txnFind(engine, engine.txns.get(p.transactionId), t, opts)
    : ops.find(engine, t, opts);
  return { list: list.map(encodeForSdk), total, offset, limit };
}

async function insertDocument(engine: Engine, p: Params) {
  const coll = requireString(p, 'collectionName');
  if (!Array.isArray(p.data) || p.data.length === 0) throw invalidParam('data must be a non-empty array of EJSON documents');
  const docs = p.data.map((d: unknown, i: number) => decodeParam(d, engine.now, `data[${i}]`));
  return p.transactionId
    ? txnOps.txnInsert(engine, engine.txns.get(p.transactionId), coll, docs)
    : ops.insert(engine, coll, docs);
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
  return p.transactionId
    ? txnOps.txnModify(engine, engine.txns.get(p.transactionId), t, spec)
    : ops.modify(engine, t, spec);
}

function aggregate(engine: Engine, p: Params) {
  const coll = requireString(p, 'collectionName');
  if (!Array.isArray(p.stages)) throw invalidParam('stages must be an array');
  const pipeline = p.stages.map((s: any, i: number) => {
    if (!s || typeof s.stageKey !== 'string') throw invalidParam(`stages[${i}] needs a stageKey`);
    return { [s.stageKey]: decodeParam(s.stageValue, engine.now, `stages[${i}]`) ?? {} };
  });
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
