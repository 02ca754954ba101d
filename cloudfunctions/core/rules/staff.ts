// What store staff may do at the till [`staff`]. See docs/loyalty-rules.md section 7.5.
import * as z from 'zod/mini';
import { int } from './fields';

const backdateMessage = '员工补录消费的天数必须是 0-30 之间的整数（0 = 仅当天）';

export const staffRulesSchema = z.strictObject({
  /**
   * How many Shanghai days before today a purchase recorded by staff may be dated (`recordPurchase.paidAt`), per
   * role: 0 = today only (from 00:00 Shanghai time), 7 = today and the 7 days before.
   */
  backdateDays: z.strictObject({
    clerk: int(backdateMessage, 0, 30),
    manager: int(backdateMessage, 0, 30),
    admin: int(backdateMessage, 0, 30),
  }),
});

export type StaffRules = z.infer<typeof staffRulesSchema>;

export const DEFAULT_STAFF_RULES: StaffRules = { backdateDays: { clerk: 0, manager: 7, admin: 7 } };
