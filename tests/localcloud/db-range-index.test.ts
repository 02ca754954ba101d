// Range conditions on _id and on declared index fields walk an ordered index (localcloud/db/rangeIndex.ts) and a
// page stops at its limit, as on the real database; the answers must be exactly those of a full scan. Checked
// through the real wx-server-sdk against a brute force over generated documents of mixed types (numbers, strings,
// dates, arrays, missing values), with writes between the queries so the index is kept, not only built.
import type { IndexFile } from '../../localcloud/db';
import { startDbServer, type DbServer } from './helpers/dbServer';

let s: DbServer;
let _: any;

const INDEXES: IndexFile = { items: [{ name: 'at', keys: { at: 1 } }, { name: 'n', keys: { n: 1 } }] };
const BASE = Date.parse('2026-06-01T00:00:00Z');

interface Item { _id: string; n?: unknown; at?: unknown; other?: number }

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

function item(i: number): Item {
  const kind = Math.floor(rand() * 10);
  const n = kind < 5 ? Math.floor(rand() * 50) : kind < 7 ? `s${Math.floor(rand() * 50)}` : kind < 8 ? [Math.floor(rand() * 50), Math.floor(rand() * 50)] : kind < 9 ? null : undefined;
  const at = rand() < 0.85 ? new Date(BASE + Math.floor(rand() * 40) * 3600_000) : undefined;
  return { _id: `i${String(i).padStart(4, '0')}`, ...(n === undefined ? {} : { n }), ...(at ? { at } : {}), other: Math.floor(rand() * 3) };
}

const docs = new Map<string, Item>();

beforeAll(async () => {
  s = await startDbServer({ indexes: INDEXES });
  _ = s.db.command;
  const all = Array.from({ length: 600 }, (_x, i) => item(i));
  for (const d of all) docs.set(d._id, d);
  await s.database.insertMany('items', all);
});
afterAll(() => s.close());

type Bound = { op: '$gt' | '$gte' | '$lt' | '$lte'; v: number | string | Date };
const cmp = (a: number | string | Date, b: number | string | Date) => (a instanceof Date ? a.getTime() - (b as Date).getTime() : a < b ? -1 : a > b ? 1 : 0);
const sameType = (a: unknown, b: unknown) => (a instanceof Date ? b instanceof Date : typeof a === typeof b && !(b instanceof Date));
const holds = (x: unknown, b: Bound) => x !== null && x !== undefined && sameType(x, b.v) && ({ $gt: (c: number) => c > 0, $gte: (c: number) => c >= 0, $lt: (c: number) => c < 0, $lte: (c: number) => c <= 0 })[b.op](cmp(x as never, b.v));
const values = (d: Item, field: keyof Item) => (Array.isArray(d[field]) ? (d[field] as unknown[]) : [d[field]]);
// As MongoDB: each bound is met by some element of an array (not necessarily the same one).
const inRange = (d: Item, field: keyof Item, bounds: Bound[]) => bounds.every((b) => values(d, field).some((x) => holds(x, b)));

function brute(field: keyof Item, bounds: Bound[], where: Partial<Item>, dir: 1 | -1 | 0) {
  let out = [...docs.values()].filter((d) => inRange(d, field, bounds) && Object.entries(where).every(([k, v]) => d[k as keyof Item] === v));
  if (dir !== 0) {
    // MongoDB sorts an array field by its smallest (ascending) or largest (descending) element in the range's type.
    const key = (d: Item) => {
      const xs = values(d, field).filter((x) => bounds.every((b) => holds(x, b))) as Array<number | string | Date>;
      return xs.sort(cmp)[dir === 1 ? 0 : xs.length - 1];
    };
    out = out.sort((a, b) => dir * cmp(key(a), key(b)) || (a._id < b._id ? -1 : 1));
  }
  return out.map((d) => d._id);
}

const condOf = (bounds: Bound[]) => bounds.reduce((c: any, b) => {
  const op = ({ $gt: 'gt', $gte: 'gte', $lt: 'lt', $lte: 'lte' } as const)[b.op];
  return c ? c.and(_[op](b.v)) : _[op](b.v);
}, null);

function randomBounds(field: 'n' | 'at' | '_id'): Bound[] {
  const v = (): number | string | Date => (field === 'at' ? new Date(BASE + Math.floor(rand() * 44 - 2) * 3600_000) : field === '_id' ? `i${String(Math.floor(rand() * 620)).padStart(4, '0')}` : rand() < 0.7 ? Math.floor(rand() * 55) : `s${Math.floor(rand() * 55)}`);
  const low = v();
  const high = field === 'n' && typeof low === 'number' ? Math.floor(rand() * 55) : field === 'n' ? `s${Math.floor(rand() * 55)}` : v();
  const shape = Math.floor(rand() * 3);
  if (shape === 0) return [{ op: pick(['$gt', '$gte'] as const), v: low }];
  if (shape === 1) return [{ op: pick(['$lt', '$lte'] as const), v: high }];
  return [{ op: pick(['$gt', '$gte'] as const), v: low }, { op: pick(['$lt', '$lte'] as const), v: high }];
}

async function write() {
  const ids = [...docs.keys()];
  for (let k = 0; k < 15; k++) {
    const id = pick(ids);
    const change = item(Number(id.slice(1)));
    const { _id: _drop, ...fields } = change;
    if (rand() < 0.2) {
      await s.db.collection('items').doc(id).remove();
      docs.delete(id);
    } else {
      await s.db.collection('items').doc(id).set({ data: fields });
      docs.set(id, change);
    }
  }
}

test('pages of range queries equal a full scan: sorted by the range field both ways, unsorted, with skip, limit and another condition', async () => {
  for (let round = 0; round < 60; round++) {
    const field = pick(['n', 'at', '_id'] as const);
    const bounds = randomBounds(field);
    const where = rand() < 0.3 ? { other: Math.floor(rand() * 3) } : {};
    const dir = pick([1, -1, 0] as const);
    const limit = pick([1, 5, 20, 1000]);
    const skip = pick([0, 0, 3]);
    let q = s.db.collection('items').where({ ...where, [field]: condOf(bounds) });
    if (dir !== 0) q = q.orderBy(field, dir === 1 ? 'asc' : 'desc');
    const { data } = await q.skip(skip).limit(limit).get();
    const got = data.map((d: Item) => d._id);
    const expected = brute(field, bounds, where, dir);
    const label = JSON.stringify({ round, field, bounds, where, dir, skip, limit });
    if (dir === 0) {
      // No sort: any page of the match will do; it must hold matches only, as many as there are.
      expect({ label, n: got.length }).toEqual({ label, n: Math.min(limit, Math.max(0, expected.length - skip)) });
      for (const id of got) expect({ label, id, ok: expected.includes(id) }).toEqual({ label, id, ok: true });
    } else if (field === 'n') {
      // Arrays sort by an element in MongoDB's own way: the page holds matches only, as many as there are.
      expect({ label, n: got.length }).toEqual({ label, n: Math.min(limit, Math.max(0, expected.length - skip)) });
      for (const id of got) expect({ label, id, ok: expected.includes(id) }).toEqual({ label, id, ok: true });
    } else {
      // Ties may come in any order (MongoDB gives none): the page's values in order, and matches only.
      const valueOf = (id: string) => String(field === '_id' ? id : (docs.get(id)?.at as Date).toISOString());
      expect({ label, got: got.map(valueOf) }).toEqual({ label, got: expected.slice(skip, skip + limit).map(valueOf) });
      for (const id of got) expect({ label, id, ok: expected.includes(id) }).toEqual({ label, id, ok: true });
    }
    const { total } = await s.db.collection('items').where({ ...where, [field]: condOf(bounds) }).count();
    expect({ label, total }).toEqual({ label, total: expected.length });
    if (round % 5 === 4) await write();
  }
});

test('a page walks the index: the first page of a cursor over _id holds the next ids in order, after writes too', async () => {
  await write();
  const sorted = [...docs.keys()].sort();
  let cursor = '';
  const seen: string[] = [];
  for (;;) {
    const { data } = await s.db.collection('items').where({ _id: _.gt(cursor) }).orderBy('_id', 'asc').limit(50).get();
    if (data.length === 0) break;
    seen.push(...data.map((d: Item) => d._id));
    cursor = data[data.length - 1]._id;
  }
  expect(seen).toEqual(sorted);
});

test('an $or of indexed branches (a range, an equality with null that also finds a missing field) answers as a full scan', async () => {
  const cut = new Date(BASE + 20 * 3600_000);
  const { data } = await s.db.collection('items').where(_.or([{ at: _.lte(cut) }, { at: null }])).limit(1000).get();
  const expected = [...docs.values()].filter((d) => d.at === undefined || d.at === null || (d.at as Date).getTime() <= cut.getTime()).map((d) => d._id).sort();
  expect(data.map((d: Item) => d._id).sort()).toEqual(expected);
  expect(expected.some((id) => docs.get(id)?.at === undefined)).toBe(true);
});
