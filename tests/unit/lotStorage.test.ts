import { compactLots } from '../../cloudfunctions/core/lotStorage';
import type { Lot } from '../../cloudfunctions/core/ledger';

const now = new Date('2026-11-22T04:00:00Z');
const lot = (lotId: string, remaining: number, expiresAt: string, extra: Partial<Lot> = {}): Lot => ({
  lotId, amount: remaining, remaining, earnedAt: new Date('2026-03-01T00:00:00Z'), expiresAt: new Date(expiresAt), availableAt: new Date('2026-03-01T00:00:00Z'), format: 'mall', ref: lotId, ...extra,
});

describe('lots kept on the member document', () => {
  test('released non-order lots of one expiry and format merge; totals are unchanged', () => {
    const lots = [
      lot('checkin:2026-03-02', 5, '2027-12-31T16:00:00Z', { earnedAt: new Date('2026-03-02T00:00:00Z') }),
      lot('checkin:2026-03-01', 5, '2027-12-31T16:00:00Z'),
      lot('registration', 100, '2027-12-31T16:00:00Z', { format: '' }),
      lot('checkin:2026-03-03', 3, '2028-12-31T16:00:00Z'),
    ];
    const out = compactLots(lots, now);
    expect(out.map((l) => [l.lotId, l.amount, l.remaining])).toEqual([['checkin:2026-03-01', 10, 10], ['registration', 100, 100], ['checkin:2026-03-03', 3, 3]]);
    expect(out.reduce((s, l) => s + l.remaining, 0)).toBe(lots.reduce((s, l) => s + l.remaining, 0));
  });

  test('order lots and pending lots stay separate; empty expired lots are dropped, empty live ones kept', () => {
    const lots = [
      lot('order:A', 50, '2027-12-31T16:00:00Z'),
      lot('order:B', 70, '2027-12-31T16:00:00Z'),
      lot('gift', 10, '2027-12-31T16:00:00Z', { availableAt: new Date('2026-12-01T00:00:00Z') }),
      lot('old', 0, '2025-12-31T16:00:00Z'),
      lot('spent', 0, '2027-12-31T16:00:00Z'),
    ];
    expect(compactLots(lots, now).map((l) => l.lotId).sort()).toEqual(['gift', 'order:A', 'order:B', 'spent']);
  });

  test('does not mutate its input', () => {
    const lots = [lot('a', 1, '2027-12-31T16:00:00Z'), lot('b', 2, '2027-12-31T16:00:00Z')];
    compactLots(lots, now);
    expect(lots.map((l) => l.remaining)).toEqual([1, 2]);
  });
});
