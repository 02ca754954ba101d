// The pure parts of the snapshot's later figures (core/stats.ts) and the NPS survey's quarter (core/nps.ts).
import { addDeep, cohortTable, entrySource, npsOf, totalsKey } from '../../cloudfunctions/core/stats';
import { npsBand, quarterOf } from '../../cloudfunctions/core/nps';

test('chunk totals add deeply: numbers add, labels stay, keys only on one side are kept', () => {
  type Totals = { n: number; byStore: Record<string, { storeId: string; points: number }>; cohorts: Record<string, { members: number; buyers: Record<string, number> }> };
  const a: Totals = { n: 1, byStore: { [totalsKey('s1')]: { storeId: 's1', points: 5 } }, cohorts: { '2026-01': { members: 2, buyers: { m0: 1 } } } };
  const b: Totals = { n: 2, byStore: { [totalsKey('s1')]: { storeId: 's1', points: 7 }, [totalsKey('s.2')]: { storeId: 's.2', points: 1 } }, cohorts: { '2026-01': { members: 1, buyers: { m1: 1 } } } };
  expect(addDeep(a, b)).toEqual({
    n: 3,
    byStore: { 'k:s1': { storeId: 's1', points: 12 }, 'k:s%2e2': { storeId: 's.2', points: 1 } },
    cohorts: { '2026-01': { members: 3, buyers: { m0: 1, m1: 1 } } },
  });
});

test('map keys are never empty and carry no field-path characters', () => {
  expect(totalsKey('')).toBe('k:');
  expect(totalsKey('spend', '')).toBe('k:spend|');
  expect(totalsKey('a.b$c%')).toBe('k:a%2eb%24c%25');
});

test('the source of an entry is its key before the first colon', () => {
  expect(['order:O1', 'registration', 'checkin:2026-06-10', 'refund:R1:points', ''].map(entrySource)).toEqual(['order', 'registration', 'checkin', 'refund', 'other']);
});

test('NPS: promoters 9-10 minus detractors 0-6 over all answers, one decimal; null without answers', () => {
  expect(npsOf({})).toEqual({ responses: 0, promoters: 0, passives: 0, detractors: 0, score: null });
  expect(npsOf({ s10: 2, s9: 1, s8: 1, s7: 1, s6: 1, s0: 1 })).toEqual({ responses: 7, promoters: 3, passives: 2, detractors: 2, score: 14.3 });
  expect([0, 6, 7, 8, 9, 10].map(npsBand)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
});

test('the cohort table runs from the month of joining to the snapshot month, with shares of the cohort', () => {
  const table = cohortTable({ '2026-04': { members: 4, buyers: { m0: 1, m2: 2 }, redeemers: { m1: 1 } }, '2026-07': { members: 1, buyers: { m0: 1 }, redeemers: {} } }, '2026-06');
  expect(table).toEqual({ asOfMonth: '2026-06', rows: [{ month: '2026-04', members: 4, buyers: [1, 0, 2], buyerShare: [0.25, 0, 0.5], redeemers: [0, 1, 0], redeemerShare: [0, 0.25, 0] }] });
});

test('a survey quarter is the Shanghai quarter', () => {
  expect(quarterOf(new Date('2026-03-31T15:59:59Z'))).toBe('2026-Q1'); // 23:59:59 in Shanghai
  expect(quarterOf(new Date('2026-03-31T16:00:00Z'))).toBe('2026-Q2'); // 1 April 00:00 in Shanghai
  expect(quarterOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-Q1');
});
