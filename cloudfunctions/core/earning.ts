// Points for a paid order: base rate × tier multiplier × promotion multiplier, floored once at the end, plus the
// fixed bonus points of spend-threshold campaigns (满 500 元 送 100 积分).
import { floorYuanProduct } from './arithmetic';
import type { LoyaltyConfig, PointsCampaign, TierRule } from './config';
import { shanghaiDay, shanghaiParts } from './time';

export interface PaidOrder {
  amountFen: number;
  paidAt: Date;
  /** Business format of the store ('mall', 'hotel', ...), matched against campaign `storeFormats`. */
  storeFormat?: string;
}

export interface OrderPoints {
  /** floor(amount in yuan × pointsPerYuan): the points before multipliers, for display. */
  base: number;
  tierMultiplier: number;
  /** True when paid on a double-points day (a Shanghai day of the month in `doublePointsDays`). */
  doubleDay: boolean;
  /** Names of the campaigns that applied. */
  campaigns: string[];
  /** Double day and campaigns combined by `multiplierCombination`; 1 when none applies. */
  promotionMultiplier: number;
  /** tierMultiplier × promotionMultiplier. */
  multiplier: number;
  /** Fixed points of the applying campaigns' `bonusPoints`: the highest one ('highest') or their sum ('product'). */
  bonusPoints: number;
  /** floor(amountFen / 100 × pointsPerYuan × multiplier) + bonusPoints, computed from the amount, not from `base`. */
  points: number;
}

export function isDoublePointsDay(at: Date, config: LoyaltyConfig): boolean {
  return config.points.doublePointsDays.daysOfMonth.includes(shanghaiParts(at).day);
}

/** Whether campaign `c` applies to an order paid at `at` in `storeFormat` for `amountFen` (its spend threshold). */
export function campaignApplies(c: PointsCampaign, at: Date, storeFormat: string | undefined, amountFen = Infinity): boolean {
  if (c.minFen !== undefined && amountFen < c.minFen) return false;
  const day = shanghaiDay(at);
  if (day < c.from || day > c.to) return false;
  if (c.weekdays && !c.weekdays.includes(shanghaiParts(at).weekday)) return false;
  if (c.storeFormats && (storeFormat === undefined || !c.storeFormats.includes(storeFormat))) return false;
  return true;
}

export function orderPoints(order: PaidOrder, tier: TierRule, config: LoyaltyConfig): OrderPoints {
  const rules = config.points;
  if (!Number.isSafeInteger(order.amountFen) || order.amountFen < 0) throw new RangeError(`amountFen must be a non-negative integer: ${order.amountFen}`);
  const doubleDay = isDoublePointsDay(order.paidAt, config);
  const applied = rules.campaigns.filter((c) => campaignApplies(c, order.paidAt, order.storeFormat, order.amountFen));
  const promotions = [...(doubleDay ? [rules.doublePointsDays.multiplier] : []), ...applied.map((c) => c.multiplier ?? 1)];
  const stacked = rules.multiplierCombination === 'product';
  const promotionFactors = stacked ? promotions : [Math.max(1, ...promotions)];
  const bonuses = applied.map((c) => c.bonusPoints ?? 0);
  const bonusPoints = stacked ? bonuses.reduce((a, b) => a + b, 0) : Math.max(0, ...bonuses);
  const promotionMultiplier = promotionFactors.reduce((a, b) => a * b, 1);
  const tierMultiplier = tier.pointsMultiplier;
  return {
    base: floorYuanProduct(order.amountFen, [rules.pointsPerYuan]),
    tierMultiplier,
    doubleDay,
    campaigns: applied.map((c) => c.name),
    promotionMultiplier: round3(promotionMultiplier),
    multiplier: round3(tierMultiplier * promotionMultiplier),
    bonusPoints,
    points: floorYuanProduct(order.amountFen, [rules.pointsPerYuan, tierMultiplier, ...promotionFactors]) + bonusPoints,
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
