// How tiers are kept and lost [`tierPolicy`]. See docs/loyalty-rules.md section 2.
import * as z from 'zod/mini';
import { int, num } from './fields';

export const tierPolicySchema = z.strictObject({
  /** Tiers lost per evaluation at most. */
  downgradeMaxSteps: int('每次评估最多下降的等级数必须是正整数', 1),
  /** A granted tier lasts this many months (rolling window) before retention is checked. */
  validityMonths: int('等级有效期必须是 1-36 个月', 1, 36),
  /** retainGrowth of a tier that does not set it, as a share of its minGrowth. */
  defaultRetainRatio: num('默认保级比例必须在 0-1 之间', 0, 1),
});

export type TierPolicy = z.infer<typeof tierPolicySchema>;

export const DEFAULT_TIER_POLICY: TierPolicy = { downgradeMaxSteps: 1, validityMonths: 12, defaultRetainRatio: 0.8 };
