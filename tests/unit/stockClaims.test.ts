// Stock claims' tokens (core/stockClaims.ts): what the jobs timer reads back from a token on an item, and which claims
// it may resolve (older than CLAIM_SETTLE_AFTER_MS only: younger ones may still have a live function).
import { CLAIM_COUNTERS, CLAIM_SETTLE_AFTER_MS, claimsDue, newClaim, parseClaimToken } from '../../cloudfunctions/core/stockClaims';

const AT = new Date('2026-12-01T10:00:00.000Z');
const RID = `rd_${'a'.repeat(32)}`;

test('a token carries the direction, the quantity and the time of its claim', () => {
  const take = newClaim('take', 'item-1', 3, RID, AT, 'n0nce1');
  expect(take.token).toBe(`${RID}.t.3.${AT.getTime().toString(36)}.n0nce1`);
  expect(parseClaimToken('item-1', take.token)).toEqual(take);
  const back = newClaim('return', 'item-1', 1, RID, AT, 'abc123');
  expect(parseClaimToken('item-1', back.token)).toMatchObject({ kind: 'return', quantity: 1, at: AT, redemptionId: RID });
});

test('each direction moves units between two counters through reserved', () => {
  expect(CLAIM_COUNTERS).toEqual({ take: { from: 'stock', to: 'sold' }, return: { from: 'sold', to: 'stock' } });
});

test('tokens this module did not make, and claims of no unit, are refused', () => {
  for (const t of ['', 'x', `${RID}.t.0.${AT.getTime().toString(36)}.n`, `${RID}.z.1.${AT.getTime().toString(36)}.n`, `${RID}.t.1.!!.n`, 'a.b.c.d.e.f']) {
    expect(parseClaimToken('i', t)).toBeNull();
  }
  expect(() => newClaim('take', 'i', 0, RID, AT, 'n')).toThrow(RangeError);
});

test('only claims older than the settle delay are due', () => {
  const old = newClaim('take', 'i', 1, RID, new Date(AT.getTime() - CLAIM_SETTLE_AFTER_MS), 'old111');
  const young = newClaim('take', 'i', 1, RID, new Date(AT.getTime() - CLAIM_SETTLE_AFTER_MS + 1), 'young1');
  expect(claimsDue('i', [old.token, young.token, 'foreign-token'], AT)).toEqual([old]);
});
