import 'mingo/init/system';
import { Aggregator, ProcessingMode } from 'mingo';
import { randomBytes } from 'node:crypto';
import { isDate, isRegExp } from './clone';
import type { Engine } from './engine';
import { DbError, invalidParam } from './errors';
import { idKey, isDocId } from './keys';
import { encodeStored } from './ejson';
import { matchDocs, MINGO_OPTIONS, pageByRange, shapeResults, type FindOptions } from './queryEngine';
import { leadingGeoNear, orderNear } from './operators/geo';
import { candidateIds } from './queryPlanner';
import type { Change, Doc, DocId } from './types';
import { applyUpdate, replaceDoc } from './updates';

export interface Target {
  coll: string;
  /** DOC: query is exactly `{ _id }`; WHERE: any filter. */
  byId: boolean;
  query: Record<string, any>;
}

export interface ModifySpec {
  data: Record<string, any>;
  multi: boolean;
  /** true: `data` holds update operators; false: `data` replaces the document (set). */
  merge: boolean;
  upsert: boolean;
}

export const newDocId = (): string => randomBytes(16).toString('hex');

export function docIdOf(query: Record<string, any>): DocId {
  const id = query._id;
  if (typeof id !== 'string' && typeof id !== 'number') throw invalidParam('a document query needs a string or number _id');
  return id;
}

export function duplicateId(coll: string, id: DocId): DbError {
  return new DbError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  );
}

/** Gives every document a valid _id (a generated 32-hex-char one when absent). */
export function withIds(docs: Record<string, any>[]): Doc[] {
  return docs.map((d) => {
    if (d === null || typeof d !== 'object' || Array.isArray(d)) throw invalidParam('each inserted document must be an object');
    if (d._id === undefined || d._id === null) return { _id: newDocId(), ...d } as Doc;
    if (!isDocId(d._id)) throw invalidParam('_id must be a string, a number or an ObjectId');
    return d as Doc;
  });
}

/** `total` is the whole match's count, absent when the page came from an index walk that stopped at it. */
export function find(engine: Engine, t: Target, opts: FindOptions): { total?: number; list: Record<string, any>[] } {
  const c = engine.collection(t.coll);
  const page = pageByRange(c, t.query, opts);
  if (page) return { list: shapeResults(page, { ...opts, sort: undefined }) };
  const matched = orderNear(c, t.query, matchDocs(c, t.query)); // $near / $nearSphere: nearest first (operators/geo.ts)
  return { total: matched.length, list: shapeResults(matched, opts) };
}

export function count(engine: Engine, t: Target): number {
  return matchDocs(engine.collection(t.coll), t.query).length;
}

export function insert(engine: Engine, coll: string, raw: Record<string, any>[]): Promise<DocId[]> {
  const docs = withIds(raw);
  return engine.writeWaitingForLocks<DocId[]>(() => {
    const blockedBy = engine.lockedBy(coll, docs.map((d) => d._id));
    if (blockedBy) return { blockedBy };
    const c = engine.collection(coll);
    const seen = new Set<string>();
    for (const d of docs) {
      if (c.latest(d._id) || seen.has(idKey(d._id))) throw duplicateId(coll, d._id);
      seen.add(idKey(d._id));
    }
    const durable = engine.commit(docs.map((d) => ({ coll, id: d._id, before: undefined, after: d })));
    return { result: docs.map((d) => d._id), durable };
  });
}

function targets(engine: Engine, t: Target, multi: boolean): Doc[] {
  const matched = matchDocs(engine.collection(t.coll), t.query);
  return multi ? matched : matched.slice(0, 1);
}

/** Ids a write must not touch while a transaction locks them (for a DOC write, also a missing id). */
function lockIds(t: Target, docs: Doc[]): DocId[] {
  const ids = docs.map((d) => d._id);
  if (t.byId) ids.push(docIdOf(t.query));
  return ids;
}

export interface ModifyResult {
  updated: number;
  upsertId: DocId | null;
}

export function modify(engine: Engine, t: Target, spec: ModifySpec): Promise<ModifyResult> {
  return engine.writeWaitingForLocks<ModifyResult>(() => {
    const docs = targets(engine, t, spec.multi);
    const blockedBy = engine.lockedBy(t.coll, lockIds(t, docs));
    if (blockedBy) return { blockedBy };
    const changes: Change[] = [];
    for (const before of docs) {
      const after = spec.merge ? applyUpdate(before, spec.data) : replaceDoc(before._id, spec.data);
      if (after && !(spec.merge === false && sameDoc(before, after))) changes.push({ coll: t.coll, id: before._id, before, after });
    }
    let upsertId: DocId | null = null;
    if (docs.length === 0 && spec.upsert) {
      const created = upsertDoc(t, spec);
      if (engine.collection(t.coll).latest(created._id)) throw duplicateId(t.coll, created._id);
      const blocked = engine.lockedBy(t.coll, [created._id]);
      if (blocked) return { blockedBy: blocked };
      changes.push({ coll: t.coll, id: created._id, before: undefined, after: created });
      upsertId = created._id;
    }
    const durable = changes.length ? engine.commit(changes) : Promise.resolve();
    return { result: { updated: changes.length - (upsertId === null ? 0 : 1), upsertId }, durable };
  });
}

/** Field order counts, as in MongoDB. */
export function sameDoc(a: Doc, b: Doc): boolean {
  return encodeStored(a) === encodeStored(b);
}

/** The document an upsert creates: the query's plain equality fields, then the update or replacement. */
export function upsertDoc(t: Target, spec: ModifySpec): Doc {
  const base: Record<string, any> = {};
  for (const [k, v] of Object.entries(t.query)) {
    const isOperatorObject = v && typeof v === 'object' && !isDate(v) && Object.keys(v).some((x) => x.startsWith('$'));
    if (!k.startsWith('$') && !k.includes('.') && !isRegExp(v) && !isOperatorObject) base[k] = v;
  }
  const id = (base._id as DocId | undefined) ?? newDocId();
  if (!spec.merge) return replaceDoc(id, spec.data);
  return applyUpdate({ ...base, _id: id }, spec.data, true) ?? ({ ...base, _id: id } as Doc);
}

export function remove(engine: Engine, t: Target, multi: boolean): Promise<number> {
  return engine.writeWaitingForLocks<number>(() => {
    const docs = targets(engine, t, multi);
    const blockedBy = engine.lockedBy(t.coll, docs.map((d) => d._id));
    if (blockedBy) return { blockedBy };
    const changes = docs.map((before): Change => ({ coll: t.coll, id: before._id, before, after: undefined }));
    return { result: docs.length, durable: changes.length ? engine.commit(changes) : Promise.resolve() };
  });
}

/** Aggregation over committed data; a leading $match uses the indexes, later stages run in mingo. */
export function aggregate(engine: Engine, coll: string, pipeline: Record<string, any>[]): Record<string, any>[] {
  const c = engine.collection(coll);
  let stages = pipeline;
  let input: Doc[];
  const geo = leadingGeoNear(c, pipeline); // a leading $geoNear stage runs in operators/geo.ts
  if (geo) {
    input = geo.docs;
    stages = geo.stages;
  } else if (stages[0] && '$match' in stages[0] && candidateIds(c, stages[0].$match) !== null) {
    input = matchDocs(c, stages[0].$match);
    stages = stages.slice(1);
  } else {
    input = [...c.liveDocs()];
  }
  const aggregator = new Aggregator(stages, {
    ...MINGO_OPTIONS,
    processingMode: ProcessingMode.CLONE_INPUT, // stages must never modify stored documents
    collectionResolver: (name: string) => [...engine.collection(name).liveDocs()],
  });
  return aggregator.run(input);
}
