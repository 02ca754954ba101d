// Queries of top-level fields equal to plain values are matched without mingo (localcloud/db/queryEngine.ts
// `compileQuery`); every answer must be mingo's, over values of every kind a document holds.
import fc from 'fast-check';
import { Query } from 'mingo';
import { compileQuery, MINGO_OPTIONS } from '../../localcloud/db/queryEngine';

const FIELDS = ['_id', 'a', 'b'];
const plain = fc.oneof(fc.string({ maxLength: 2 }), fc.integer({ min: -2, max: 2 }), fc.constantFrom(0.5, -0, 0, true, false));
const stored = fc.oneof(plain, fc.constant(null), fc.array(plain, { maxLength: 3 }),
  fc.record({ x: plain }, { noNullPrototype: true }), fc.date({ min: new Date(0), max: new Date(1e12), noInvalidDate: true }));
const doc = fc.record(Object.fromEntries(FIELDS.map((f) => [f, stored])), { requiredKeys: [], noNullPrototype: true });
const query = fc.record(Object.fromEntries(FIELDS.map((f) => [f, plain])), { requiredKeys: [], noNullPrototype: true });

test('a plain equality query matches exactly what mingo matches', () => {
  fc.assert(fc.property(query, fc.array(doc, { minLength: 1, maxLength: 8 }), (q, docs) => {
    const fast = compileQuery(q);
    const slow = new Query(q, MINGO_OPTIONS);
    expect(docs.map((d) => fast.test(d))).toEqual(docs.map((d) => slow.test(d)));
  }), { numRuns: 2000 });
});

test('an array inside an array is not looked into, as MongoDB does not (mingo does)', () => {
  expect(compileQuery({ a: 'x' }).test({ a: [['x']] })).toBe(false);
  expect(compileQuery({ a: 'x' }).test({ a: [['y'], 'x'] })).toBe(true);
});

test('anything else is left to mingo', () => {
  for (const q of [{ 'a.b': 1 }, { a: null }, { a: { $gt: 1 } }, { $or: [{ a: 1 }] }, { a: [1] }, { a: new Date(0) }, { a: Number.NaN }]) {
    expect(compileQuery(q)).toBeInstanceOf(Query);
  }
});
