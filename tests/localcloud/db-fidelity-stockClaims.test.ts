// The conditional updates a flash sale's stock claims are made of (services/stockClaims.ts), through the unmodified
// wx-server-sdk, as MongoDB (the service's database) answers them: a `where` update is atomic per document, `$ne` on an
// array field matches when no element equals the value (and when the field is absent), an equality on an array field
// matches when an element equals it, `$push` of one value appends it (creating the array), `$pull` removes every
// element equal to it, `$inc` creates a missing field; `stats.updated` counts the documents changed. Sources: MongoDB's
// manual ($ne, "Query an Array for an Element", $push, $pull, $inc) and @cloudbase/database 1.4.3's serializer (read
// in node_modules: `_.push(x)` is sent as `{ $push: { f: { $each: [x] } } }`, `_.pull(x)` as `{ $pull: { f: x } }`).
import { startDbServer, type DbServer } from './helpers/dbServer';

let s: DbServer;
let _: any;

beforeAll(async () => {
  s = await startDbServer({ indexes: {} });
  _ = s.db.command;
  await s.db.collection('items').add({ data: { _id: 'hot', stock: 2, sold: 0 } });
});
afterAll(() => s.close());

const lastSent = (action: string) => s.requests.filter((r) => r.action === action).pop()!.body;
const item = async () => (await s.db.collection('items').doc('hot').get()).data;

const take = (token: string, qty = 1) => s.db.collection('items')
  .where({ _id: 'hot', stock: _.gte(qty), pendingClaims: _.neq(token) })
  .update({ data: { stock: _.inc(-qty), reserved: _.inc(qty), pendingClaims: _.push(token) } });
const settle = (token: string, qty = 1) => s.db.collection('items')
  .where({ _id: 'hot', pendingClaims: token })
  .update({ data: { reserved: _.inc(-qty), sold: _.inc(qty), pendingClaims: _.pull(token) } });
const giveBack = (token: string, qty = 1) => s.db.collection('items')
  .where({ _id: 'hot', pendingClaims: token })
  .update({ data: { reserved: _.inc(-qty), stock: _.inc(qty), pendingClaims: _.pull(token) } });

test('a take on a document without the array matches ($ne on a missing field), creates it and the counter', async () => {
  expect((await take('a')).stats.updated).toBe(1);
  expect(JSON.parse(lastSent('database.modifyDocument').data)).toEqual({
    $inc: { stock: { $numberInt: '-1' }, reserved: { $numberInt: '1' } },
    $push: { pendingClaims: { $each: ['a'] } },
  });
  expect(await item()).toEqual({ _id: 'hot', stock: 1, sold: 0, reserved: 1, pendingClaims: ['a'] });
});

test('the same token cannot take twice: $ne on an array matches only when no element equals it', async () => {
  expect((await take('a')).stats.updated).toBe(0);
  expect((await take('b')).stats.updated).toBe(1);
  expect(await item()).toMatchObject({ stock: 0, reserved: 2, pendingClaims: ['a', 'b'] });
});

test('no take below the stock asked for', async () => {
  expect((await take('c')).stats.updated).toBe(0);
  expect(await item()).toMatchObject({ stock: 0, reserved: 2, pendingClaims: ['a', 'b'] });
});

test('settle and give back match an element of the array, pull it, and happen once', async () => {
  expect((await settle('a')).stats.updated).toBe(1);
  expect((await settle('a')).stats.updated).toBe(0);
  expect((await giveBack('a')).stats.updated).toBe(0);
  expect(await item()).toMatchObject({ stock: 0, sold: 1, reserved: 1, pendingClaims: ['b'] });
  expect((await giveBack('b')).stats.updated).toBe(1);
  expect((await giveBack('b')).stats.updated).toBe(0);
  expect(await item()).toMatchObject({ stock: 1, sold: 1, reserved: 0, pendingClaims: [] });
  // An empty array holds no element: $ne matches again, an equality does not.
  expect((await settle('b')).stats.updated).toBe(0);
  expect((await take('b')).stats.updated).toBe(1);
  expect(await item()).toMatchObject({ stock: 0, sold: 1, reserved: 1, pendingClaims: ['b'] });
});

test('concurrent takes of the last units: exactly as many succeed as there is stock', async () => {
  await s.db.collection('items').add({ data: { _id: 'race', stock: 5, sold: 0 } });
  const results = await Promise.all(Array.from({ length: 30 }, (_x, i) => s.db.collection('items')
    .where({ _id: 'race', stock: _.gte(1), pendingClaims: _.neq(`t${i}`) })
    .update({ data: { stock: _.inc(-1), reserved: _.inc(1), pendingClaims: _.push(`t${i}`) } })));
  expect(results.filter((r: any) => r.stats.updated === 1)).toHaveLength(5);
  const race = (await s.db.collection('items').doc('race').get()).data;
  expect({ stock: race.stock, reserved: race.reserved, claims: race.pendingClaims.length }).toEqual({ stock: 0, reserved: 5, claims: 5 });
});
