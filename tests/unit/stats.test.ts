// The snapshot's pure parts (core/stats.ts): the breakage estimator, the liability, the expiry schedule, ARPU.
import { addSchedules, arpuFen, breakageRate, emptySchedule, expiryBoundaries, pointsLiability, rate, scheduleFromLots } from '../../cloudfunctions/core/stats';

const at = (iso: string) => new Date(iso);

test('breakage is expired / (expired + spent), 0 without history', () => {
  expect(breakageRate(250, 750)).toBe(0.25);
  expect(breakageRate(1, 2)).toBe(0.3333);
  expect(breakageRate(0, 0)).toBe(0);
  expect(breakageRate(0, 100)).toBe(0);
  expect(breakageRate(100, 0)).toBe(1);
});

test('the liability values outstanding points less expected breakage; a negative total is no liability', () => {
  expect(pointsLiability(10_000, 1, 0.25)).toEqual({ outstandingPoints: 10_000, fenPerPoint: 1, grossFen: 10_000, breakageRate: 0.25, expectedBreakagePoints: 2500, netFen: 7500 });
  expect(pointsLiability(333, 0.5, 0.1)).toEqual({ outstandingPoints: 333, fenPerPoint: 0.5, grossFen: 167, breakageRate: 0.1, expectedBreakagePoints: 33, netFen: 150 });
  expect(pointsLiability(-40, 1, 0.2)).toMatchObject({ grossFen: 0, expectedBreakagePoints: 0, netFen: 0 });
});

test('ARPU and rates round, and are 0 for no members', () => {
  expect(arpuFen(1000, 3)).toBe(333);
  expect(arpuFen(1000, 0)).toBe(0);
  expect(rate(2, 3)).toBe(0.6667);
  expect(rate(5, 0)).toBe(0);
});

test('the schedule has 12 Shanghai months from the as-of instant, month starts belong to their month, the rest is later', () => {
  const asOf = at('2026-11-30T20:00:00+08:00');
  expect(expiryBoundaries(asOf).map((d) => d.toISOString())).toEqual([
    asOf.toISOString(),
    ...['2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10', '2027-11']
      .map((m) => at(`${m}-01T00:00:00+08:00`).toISOString()),
  ]);
  const schedule = scheduleFromLots([
    { remaining: 5, expiresAt: at('2026-11-30T19:59:59+08:00') }, // already expired as of then: not due
    { remaining: 7, expiresAt: at('2026-11-30T23:59:59+08:00') }, // the rest of this month
    { remaining: 11, expiresAt: at('2026-12-01T00:00:00+08:00') }, // exactly at a month start: that month
    { remaining: 13, expiresAt: at('2027-01-01T00:00:00+08:00') }, // a year-end expiry
    { remaining: 0, expiresAt: at('2027-02-01T00:00:00+08:00') },
    { remaining: 17, expiresAt: at('2027-10-31T23:59:59+08:00') }, // the last of the 12 months
    { remaining: 19, expiresAt: at('2027-11-01T00:00:00+08:00') }, // after the 12 months
  ], asOf);
  expect(schedule.months.map((m) => [m.month, m.points]).filter(([, p]) => p)).toEqual([['2026-11', 7], ['2026-12', 11], ['2027-01', 13], ['2027-10', 17]]);
  expect(schedule.months[0].month).toBe('2026-11');
  expect(schedule.months).toHaveLength(12);
  expect(schedule.later).toBe(19);
  expect(addSchedules(schedule, schedule).later).toBe(38);
  expect(addSchedules(emptySchedule(asOf), schedule)).toEqual(schedule);
});
