// The points mall [`mall`]. See docs/loyalty-rules.md section 7.1.
import * as z from 'zod/mini';
import { int } from './fields';

export const mallSchema = z.strictObject({
  /** A member may cancel an unused redemption (of a cancellable kind) within this many minutes of redeeming. */
  memberCancelMinutes: int('兑换取消时限必须是非负整数（分钟）'),
});

export type MallRules = z.infer<typeof mallSchema>;

export const DEFAULT_MALL_RULES: MallRules = { memberCancelMinutes: 30 };
