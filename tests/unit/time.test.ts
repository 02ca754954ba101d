import { addDays, daysBetween, endOfShanghaiYear, shanghaiDay, shanghaiDayStart, shanghaiParts } from '../../cloudfunctions/core/time';

describe('Asia/Shanghai days', () => {
  test('a UTC instant late in the day already belongs to the next Shanghai day', () => {
    expect(shanghaiDay(new Date('2026-03-17T15:59:59.999Z'))).toBe('2026-03-17');
    expect(shanghaiDay(new Date('2026-03-17T16:00:00.000Z'))).toBe('2026-03-18');
  });

  test('day start is 16:00 UTC of the previous day', () => {
    expect(shanghaiDayStart('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(() => shanghaiDayStart('2026-1-1')).toThrow(RangeError);
  });

  test('adding days crosses month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2027-01-02', '2026-12-30')).toBe(-3);
  });

  test('calendar parts follow Shanghai, not UTC', () => {
    // 2026-12-31T16:30Z is 00:30 on 1 January 2027 in Shanghai, a Friday.
    expect(shanghaiParts(new Date('2026-12-31T16:30:00Z'))).toEqual({ year: 2027, month: 1, day: 1, weekday: 5 });
  });

  test('end of year is midnight of 1 January in Shanghai, optionally years later', () => {
    expect(endOfShanghaiYear(new Date('2026-06-01T00:00:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(endOfShanghaiYear(new Date('2026-06-01T00:00:00Z'), 1).toISOString()).toBe('2027-12-31T16:00:00.000Z');
    // 31 Dec 2026 20:00 UTC is already 2027 in Shanghai.
    expect(endOfShanghaiYear(new Date('2026-12-31T20:00:00Z')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
  });
});
