// Settlement between business formats [`settlement`]. See docs/loyalty-rules.md section 7.3.
import * as z from 'zod/mini';
import { num } from './fields';

export const settlementSchema = z.strictObject({
  /** Value of one point in fen when formats bill each other (up to two decimals). */
  fenPerPoint: num('结算单价（分/积分）不正确', 0, 10000),
});

export type SettlementRules = z.infer<typeof settlementSchema>;

export const DEFAULT_SETTLEMENT_RULES: SettlementRules = { fenPerPoint: 1 };
