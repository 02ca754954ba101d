// A birthday as a member (编辑资料) or staff (staff.setBirthday) gives it: month and day, the year optional; a date
// that does not exist (04-31, 02-29 of a common year) is refused.
import * as z from 'zod/mini';
import { daysInMonth, int, opt } from './fields';

/** Without a year, 02-29 is a birthday (a leap year's month). */
const daysIn = (month: number, year?: number) => daysInMonth(year ?? 2024, month);

export const birthdayInput = z.strictObject({
  month: int(1, 12),
  day: int(1, 31),
  year: opt(int(1900, 2100)),
}).check(z.refine((b) => b.day <= daysIn(b.month, b.year), { message: '生日日期不存在', path: ['day'] }));
