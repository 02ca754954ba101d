import { firesBetween, parseCron } from '../../localcloud/cron';

describe('7-field timer cron in UTC+8', () => {
  test('"0 0 3 * * * *" fires at 03:00:00 Shanghai, which is 19:00 UTC the day before', () => {
    const cron = parseCron('0 0 3 * * * *');
    expect(cron.matches(new Date('2026-11-21T19:00:00Z'))).toBe(true);
    expect(cron.matches(new Date('2026-11-21T19:00:01Z'))).toBe(false);
    expect(cron.matches(new Date('2026-11-22T03:00:00Z'))).toBe(false);
  });

  test('lists, ranges, steps, names and the year field', () => {
    const cron = parseCron('*/15 30 9-17/4 1,15 JAN-MAR * 2027');
    expect(cron.matches(new Date('2027-01-15T05:30:45Z'))).toBe(true); // 13:30:45 Shanghai
    expect(cron.matches(new Date('2027-01-15T05:30:44Z'))).toBe(false);
    expect(cron.matches(new Date('2027-04-15T05:30:45Z'))).toBe(false);
    expect(cron.matches(new Date('2026-01-15T05:30:45Z'))).toBe(false);
  });

  test('weekday field: MON-FRI, and 7 also means Sunday', () => {
    const weekdays = parseCron('0 0 8 * * MON-FRI *');
    expect(weekdays.matches(new Date('2026-11-23T00:00:00Z'))).toBe(true); // Monday 08:00 Shanghai
    expect(weekdays.matches(new Date('2026-11-22T00:00:00Z'))).toBe(false); // Sunday
    expect(parseCron('0 0 8 * * 7 *').matches(new Date('2026-11-22T00:00:00Z'))).toBe(true);
  });

  test('bad expressions are refused', () => {
    expect(() => parseCron('0 0 3 * * *')).toThrow(/7 fields/);
    expect(() => parseCron('0 0 25 * * * *')).toThrow(/outside/);
  });

  test('firesBetween finds a run inside an interval, including a clock jump of months', () => {
    const cron = parseCron('0 0 3 * * * *');
    expect(firesBetween(cron, new Date('2026-11-21T18:59:59Z'), new Date('2026-11-21T19:00:00Z'))).toBe(true);
    expect(firesBetween(cron, new Date('2026-11-21T19:00:00Z'), new Date('2026-11-22T18:59:59Z'))).toBe(false);
    expect(firesBetween(cron, new Date('2026-11-22T00:00:00Z'), new Date('2027-03-01T00:00:00Z'))).toBe(true);
  });
});
