// Points as cash at the till and in channels' checkouts (积分抵扣) [`deduction`]. See docs/loyalty-rules.md
// section 3.6 and core/deduction.ts.
import * as z from 'zod/mini';
import { int, text } from './fields';

const listMessage = (what: string) => `积分抵扣适用${what}必须是文字列表`;

export const deductionSchema = z.strictObject({
  /** Whether points may pay part of an order at all. */
  enabled: z.boolean('积分抵扣开关必须是 true 或 false'),
  /** Points worth one yuan (100 fen) of deduction; points and fen are exchanged only in exact units (e.g. 150 → 3 points = 2 fen). */
  pointsPerYuan: int('每元抵扣所需积分必须是 1-100000 之间的整数', 1, 100_000),
  /** The largest share of an order's amount that points may pay, in percent (below 100, so some cash is always paid and a refund can return points in proportion). */
  maxSharePercent: int('积分最高抵扣比例必须是 1-99 之间的整数（%）', 1, 99),
  /** A hold of fewer points than this is refused. */
  minPoints: int('单次最少抵扣积分必须是非负整数', 0, 100_000_000),
  /** Business formats where a deduction applies; empty: every format. */
  formats: z.array(text(listMessage('业态'), 1, 50), listMessage('业态')),
  /** Stores (ids) where a deduction applies; empty: every store. */
  storeIds: z.array(text(listMessage('门店'), 1, 64), listMessage('门店')),
  /** Whether the part paid with points earns order points and growth too (no: only the cash part earns). */
  deductedPartEarns: z.boolean('抵扣部分是否累计积分必须是 true 或 false'),
  /** Minutes a hold reserves its points before it lapses by itself and the points are spendable again. */
  holdMinutes: int('积分预留时长必须是 1-1440 之间的整数（分钟）', 1, 1440),
});

export type DeductionRules = z.infer<typeof deductionSchema>;

export const DEFAULT_DEDUCTION_RULES: DeductionRules = {
  enabled: true,
  pointsPerYuan: 100,
  maxSharePercent: 50,
  minPoints: 100,
  formats: [],
  storeIds: [],
  deductedPartEarns: false,
  holdMinutes: 15,
};
