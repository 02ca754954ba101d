// The contract's date rules: a day, a month and a zoned ISO time are real calendar values in 2000–2100, so an
// impossible date is INVALID_INPUT naming the field instead of a rolled-over day or an INTERNAL in the core.
import * as z from 'zod/mini';
import { day, isoTime, isRealDay, isRealIsoTime, isRealMonth, month } from '../../contract/fields';
import { describeIssues } from '../../contract/issues';

const messageOf = (schema: z.ZodMiniType, value: unknown, root = '') => {
  const r = schema.safeParse(value);
  return r.success ? 'ok' : describeIssues(r.error.issues, root);
};

describe('isoTime', () => {
  test.each([
    '2026-03-01T10:00Z', '2026-02-28T23:59:59Z', '2028-02-29T00:00:00.123+08:00', '2000-01-01T00:00:00Z',
    '2100-12-31T23:59:59Z', '2026-06-30T12:00:00-05:00', '2026-12-31T20:00:00.5+14:00',
  ])('%s is a real instant', (s) => {
    expect(isRealIsoTime(s)).toBe(true);
    expect(messageOf(z.strictObject({ paidAt: isoTime() }), { paidAt: s })).toBe('ok');
  });

  test.each([
    '2026-02-30T10:00Z', '2027-02-29T10:00Z', '2026-04-31T10:00Z', '2026-13-01T10:00Z', '2026-00-10T10:00Z', '2026-01-00T10:00Z',
    '0000-01-01T00:00Z', '9999-12-31T23:59Z', '1999-12-31T23:59:59Z', '2101-01-01T00:00Z', '2026-01-01T24:00Z',
    '2026-01-01T10:60Z', '2026-01-01T10:00:60Z', '2026-01-01T10:00+15:00', '2026-01-01T10:00+08:60',
    '2000-01-01T00:00+08:00', // 1999 in UTC
  ])('%s is refused as 不是有效的时间', (s) => {
    expect(isRealIsoTime(s)).toBe(false);
    expect(messageOf(z.strictObject({ paidAt: isoTime() }), { paidAt: s }, 'order')).toBe('支付时间不是有效的时间');
  });

  test('a wrong pattern still reads as a format problem', () => {
    expect(messageOf(z.strictObject({ paidAt: isoTime() }), { paidAt: 'yesterday at noon' })).toBe('支付时间格式不正确');
    expect(messageOf(z.strictObject({ paidAt: isoTime() }), { paidAt: '2026-01-01 10:00:00' })).toBe('支付时间格式不正确');
  });
});

describe('day and month', () => {
  test.each(['2026-01-31', '2028-02-29', '2000-01-01', '2100-12-31'])('%s is a real day', (s) => {
    expect(isRealDay(s)).toBe(true);
    expect(messageOf(z.strictObject({ from: day() }), { from: s })).toBe('ok');
  });

  test.each(['2026-02-30', '2027-02-29', '2100-02-29', '2026-04-31', '0000-01-01', '9999-12-31', '1999-12-31', '2101-01-01'])('%s is not a real day', (s) => {
    expect(isRealDay(s)).toBe(false);
    expect(messageOf(z.strictObject({ from: day() }), { from: s })).toBe('开始日期不是有效的日期');
  });

  test('an out-of-pattern day is a format problem', () => {
    expect(messageOf(z.strictObject({ from: day() }), { from: '2026-13-01' })).toBe('开始日期格式不正确');
  });

  test.each(['2026-01', '2000-01', '2100-12'])('%s is a real month', (s) => {
    expect(isRealMonth(s)).toBe(true);
    expect(messageOf(z.strictObject({ month: month() }), { month: s })).toBe('ok');
  });

  test.each(['0000-01', '9999-12', '1999-12', '2101-01'])('%s is not a month in range', (s) => {
    expect(isRealMonth(s)).toBe(false);
    expect(messageOf(z.strictObject({ month: month() }), { month: s })).toBe('月份不是有效的月份');
  });

  test('2026-13 is a format problem', () => {
    expect(messageOf(z.strictObject({ month: month() }), { month: '2026-13' })).toBe('月份格式不正确');
  });
});
