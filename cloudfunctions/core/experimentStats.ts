// The statistics of an experiment (A/B test of a points strategy), pure: the sample ratio mismatch check, the
// two-proportion z-test for rates, Welch's t-test on winsorised money per member with CUPED on pre-period spend, a
// seeded bootstrap, the incremental margin, the sample size planner and the fixed-horizon verdict. The distributions
// are in core/distributions.ts. docs/loyalty-rules.md "Experiments" explains the method.
import { shanghaiDay, shanghaiTime } from './time';
import { chiSquareSurvival, normalCdf, normalQuantile, normalTwoSided, studentQuantile, studentTwoSided } from './distributions';

// ---------------------------------------------------------------------------------------------------------------
// A seeded PRNG (mulberry32) and a normal generator, for the bootstrap and the simulation tests.

export type Rng = () => number;

/** A deterministic uniform [0, 1) generator from a 32-bit seed (mulberry32). */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal variate (Box–Muller) from a uniform generator. */
export function normalVariate(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

// ---------------------------------------------------------------------------------------------------------------
// Descriptive helpers.

export const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

/** Sample variance (n − 1); 0 with fewer than two values. */
export function variance(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return ss / (n - 1);
}

function covariance(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = mean(xs);
  const my = mean(ys);
  let s = 0;
  for (let i = 0; i < n; i++) s += (xs[i] - mx) * (ys[i] - my);
  return s / (n - 1);
}

/** The q-quantile (0..1) of values by linear interpolation between order statistics (type 7, R's default). */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/** Caps values above `cap` at `cap` (winsorising the upper tail of money, which is never negative). */
export const capAt = (values: readonly number[], cap: number) => values.map((v) => Math.min(v, cap));

// ---------------------------------------------------------------------------------------------------------------
// Sample ratio mismatch: chi-square goodness of fit of the arms' member counts against the planned shares.

/** A p-value below this says the split is broken (the usual threshold for SRM: a false alarm once in 1,000). */
export const SRM_ALPHA = 0.001;

export interface SrmCheck {
  observed: number[];
  expected: number[];
  chiSquare: number;
  df: number;
  pValue: number;
  /** True when the observed split is consistent with the planned one (p ≥ SRM_ALPHA). */
  ok: boolean;
}

export function sampleRatioMismatch(observed: readonly number[], shares: readonly number[]): SrmCheck {
  const total = observed.reduce((s, x) => s + x, 0);
  const shareSum = shares.reduce((s, x) => s + x, 0);
  const expected = shares.map((s) => (total * s) / shareSum);
  let chi = 0;
  for (let i = 0; i < observed.length; i++) if (expected[i] > 0) chi += (observed[i] - expected[i]) ** 2 / expected[i];
  const df = observed.length - 1;
  const pValue = total > 0 && df > 0 ? chiSquareSurvival(chi, df) : 1;
  return { observed: [...observed], expected, chiSquare: chi, df, pValue, ok: pValue >= SRM_ALPHA };
}

// ---------------------------------------------------------------------------------------------------------------
// Rates: the two-proportion z-test (pooled standard error under the null) with an unpooled (Wald) interval for the
// difference, and each arm's Wilson interval.

export interface Interval { low: number; high: number }

/** Wilson score interval of a proportion. */
export function wilson(successes: number, n: number, alpha = 0.05): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const z = normalQuantile(1 - alpha / 2);
  const p = successes / n;
  const den = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / den;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface ProportionTest {
  control: { n: number; successes: number; rate: number; ci: Interval };
  treatment: { n: number; successes: number; rate: number; ci: Interval };
  /** treatment rate − control rate. */
  difference: number;
  /** Interval of the difference (unpooled standard error). */
  ci: Interval;
  /** difference / control rate (null when the control rate is 0). */
  relativeLift: number | null;
  z: number;
  pValue: number;
  significant: boolean;
}

export function twoProportionTest(control: { n: number; successes: number }, treatment: { n: number; successes: number }, alpha = 0.05): ProportionTest {
  const p1 = control.n ? control.successes / control.n : 0;
  const p2 = treatment.n ? treatment.successes / treatment.n : 0;
  const pooled = control.n + treatment.n ? (control.successes + treatment.successes) / (control.n + treatment.n) : 0;
  const sePooled = control.n && treatment.n ? Math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n)) : 0;
  const seDiff = control.n && treatment.n ? Math.sqrt((p1 * (1 - p1)) / control.n + (p2 * (1 - p2)) / treatment.n) : 0;
  const difference = p2 - p1;
  const z = sePooled > 0 ? difference / sePooled : 0;
  const pValue = sePooled > 0 ? normalTwoSided(z) : 1;
  const zc = normalQuantile(1 - alpha / 2);
  return {
    control: { ...control, rate: p1, ci: wilson(control.successes, control.n, alpha) },
    treatment: { ...treatment, rate: p2, ci: wilson(treatment.successes, treatment.n, alpha) },
    difference,
    ci: { low: difference - zc * seDiff, high: difference + zc * seDiff },
    relativeLift: p1 > 0 ? difference / p1 : null,
    z,
    pValue,
    significant: pValue < alpha,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Means: Welch's t-test, on values winsorised at a pooled upper percentile, optionally CUPED-adjusted.

export interface MeanTest {
  control: { n: number; mean: number; sd: number };
  treatment: { n: number; mean: number; sd: number };
  difference: number;
  ci: Interval;
  relativeLift: number | null;
  t: number;
  df: number;
  pValue: number;
  significant: boolean;
}

export function welchTest(control: readonly number[], treatment: readonly number[], alpha = 0.05): MeanTest {
  const n1 = control.length;
  const n2 = treatment.length;
  const m1 = mean(control);
  const m2 = mean(treatment);
  const v1 = variance(control);
  const v2 = variance(treatment);
  const a = n1 ? v1 / n1 : 0;
  const b = n2 ? v2 / n2 : 0;
  const se = Math.sqrt(a + b);
  const difference = m2 - m1;
  const df = se > 0 && n1 > 1 && n2 > 1 ? (a + b) ** 2 / ((a * a) / (n1 - 1) + (b * b) / (n2 - 1)) : Math.max(1, n1 + n2 - 2);
  const t = se > 0 ? difference / se : 0;
  const pValue = se > 0 ? studentTwoSided(t, df) : 1;
  const tc = studentQuantile(1 - alpha / 2, df);
  return {
    control: { n: n1, mean: m1, sd: Math.sqrt(v1) },
    treatment: { n: n2, mean: m2, sd: Math.sqrt(v2) },
    difference,
    ci: { low: difference - tc * se, high: difference + tc * se },
    relativeLift: m1 !== 0 ? difference / m1 : null,
    t,
    df,
    pValue,
    significant: pValue < alpha,
  };
}

export interface Unit {
  /** The metric in the experiment window (e.g. GMV in fen). */
  y: number;
  /** The same member's pre-period value (e.g. spend in the 30 days before exposure), for CUPED. */
  pre: number;
}

export interface MoneyTest extends MeanTest {
  /** The upper cap values were winsorised at (pooled percentile over both arms), for y and for pre. */
  capY: number;
  capPre: number;
  /** CUPED's θ = cov(y, pre) / var(pre) on the pooled sample (0 when pre-period spend does not vary). */
  theta: number;
  /** 1 − var(adjusted) / var(raw), pooled: how much of the variance CUPED removed. */
  varianceReduction: number;
  /** The unadjusted (winsorised) Welch test, for comparison. */
  unadjusted: MeanTest;
}

export interface MoneyOptions { alpha?: number; winsorQuantile?: number; cuped?: boolean }

/**
 * Money per member: both arms winsorised at the pooled `winsorQuantile` (99 % by default; the same cap for both arms
 * so the cap does not depend on the treatment), then CUPED: y − θ (pre − mean pre) with θ from the pooled sample,
 * then Welch's t-test. The adjusted difference estimates the same effect as the raw one (pre is measured before the
 * treatment, so θ (pre − mean) has the same expectation in each arm) with less variance.
 */
export function moneyTest(control: readonly Unit[], treatment: readonly Unit[], options: MoneyOptions = {}): MoneyTest {
  const alpha = options.alpha ?? 0.05;
  const q = options.winsorQuantile ?? 0.99;
  const all = [...control, ...treatment];
  const capY = quantile(all.map((u) => u.y), q);
  const capPre = quantile(all.map((u) => u.pre), q);
  const w = (us: readonly Unit[]) => us.map((u) => ({ y: Math.min(u.y, capY), pre: Math.min(u.pre, capPre) }));
  const c = w(control);
  const t = w(treatment);
  const pooled = [...c, ...t];
  const ys = pooled.map((u) => u.y);
  const pres = pooled.map((u) => u.pre);
  const varPre = variance(pres);
  const theta = options.cuped === false || varPre === 0 ? 0 : covariance(ys, pres) / varPre;
  const preMean = mean(pres);
  const adjust = (us: typeof c) => us.map((u) => u.y - theta * (u.pre - preMean));
  const unadjusted = welchTest(c.map((u) => u.y), t.map((u) => u.y), alpha);
  const adjusted = welchTest(adjust(c), adjust(t), alpha);
  const varY = variance(ys);
  const varAdj = variance(adjust(pooled));
  return {
    ...adjusted,
    // The relative lift is against the control's raw mean (the adjusted mean of the control is centred differently).
    relativeLift: unadjusted.control.mean !== 0 ? adjusted.difference / unadjusted.control.mean : null,
    capY,
    capPre,
    theta,
    varianceReduction: varY > 0 ? 1 - varAdj / varY : 0,
    unadjusted,
  };
}

/**
 * A seeded percentile bootstrap of the difference in means (treatment − control): `resamples` resamplings of each arm
 * with replacement. The same seed gives the same interval.
 */
export function bootstrapMeanDifference(control: readonly number[], treatment: readonly number[], options: { seed: number; resamples?: number; alpha?: number }): Interval & { difference: number } {
  const rng = seededRng(options.seed);
  const b = options.resamples ?? 2000;
  const alpha = options.alpha ?? 0.05;
  const resampleMean = (xs: readonly number[]) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[Math.floor(rng() * xs.length)];
    return xs.length ? s / xs.length : 0;
  };
  const diffs: number[] = [];
  for (let i = 0; i < b; i++) diffs.push(resampleMean(treatment) - resampleMean(control));
  return { difference: mean(treatment) - mean(control), low: quantile(diffs, alpha / 2), high: quantile(diffs, 1 - alpha / 2) };
}

// ---------------------------------------------------------------------------------------------------------------
// Incremental margin: what the change earned per treated member, and in total over the treated arm.

export interface IncrementalMargin {
  /** Extra GMV per member (fen): treatment mean − control mean. */
  extraGmvFen: number;
  /** Extra points per member: treatment mean − control mean. */
  extraPoints: number;
  marginRate: number;
  fenPerPoint: number;
  /** extra GMV × margin − extra points × value per point, per treated member (fen). */
  perMemberFen: number;
  /** perMemberFen × the treated arm's members. */
  totalFen: number;
}

export function incrementalMargin(input: { extraGmvFen: number; extraPoints: number; marginRate: number; fenPerPoint: number; treatedMembers: number }): IncrementalMargin {
  const perMemberFen = input.extraGmvFen * input.marginRate - input.extraPoints * input.fenPerPoint;
  return {
    extraGmvFen: input.extraGmvFen,
    extraPoints: input.extraPoints,
    marginRate: input.marginRate,
    fenPerPoint: input.fenPerPoint,
    perMemberFen,
    totalFen: perMemberFen * input.treatedMembers,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Sample size. Each treatment arm is compared with the holdout; with several treatment arms the significance level
// of each comparison is alpha / arms (Bonferroni), so the family's false-positive rate stays at alpha.

export interface PlanInput {
  alpha: number;
  power: number;
  /** Treatment arms compared with the holdout (Bonferroni divisor). */
  comparisons?: number;
  /** Holdout members per treatment member (n_control = ratio × n_treatment); 1 for an even split. */
  ratio?: number;
}

export interface Plan {
  /** Members needed in each treatment arm. */
  perTreatment: number;
  /** Members needed in the holdout. */
  control: number;
  /** The significance level of each comparison after the Bonferroni correction. */
  alphaPerComparison: number;
}

const planned = (perTreatment: number, ratio: number, alphaPerComparison: number): Plan => ({
  perTreatment: Math.ceil(perTreatment - 1e-9),
  control: Math.ceil(perTreatment * ratio - 1e-9),
  alphaPerComparison,
});

/**
 * Members per arm to detect a change of a rate from `baseline` to `baseline × (1 + relativeLift)` with a two-sided
 * test at the given alpha and power (the normal approximation with the pooled variance under the null; Fleiss).
 */
export function planProportion(input: PlanInput & { baseline: number; relativeLift: number }): Plan {
  const k = input.ratio ?? 1;
  const a = input.alpha / (input.comparisons ?? 1);
  const p1 = input.baseline;
  const p2 = Math.min(1, p1 * (1 + input.relativeLift));
  const delta = Math.abs(p2 - p1);
  if (!(delta > 0)) return { perTreatment: Infinity, control: Infinity, alphaPerComparison: a };
  const za = normalQuantile(1 - a / 2);
  const zb = normalQuantile(input.power);
  // n_t treatment, n_c = k n_t control; pooled rate weighted by the allocation.
  const pBar = (p2 + k * p1) / (1 + k);
  const num = za * Math.sqrt(pBar * (1 - pBar) * (1 + 1 / k)) + zb * Math.sqrt(p2 * (1 - p2) + (p1 * (1 - p1)) / k);
  return planned((num * num) / (delta * delta), k, a);
}

/** Members per arm to detect a difference `delta` in a mean with standard deviation `sd` (two-sided z approximation). */
export function planMean(input: PlanInput & { sd: number; delta: number }): Plan {
  const k = input.ratio ?? 1;
  const a = input.alpha / (input.comparisons ?? 1);
  if (!(input.delta !== 0 && input.sd > 0)) return { perTreatment: Infinity, control: Infinity, alphaPerComparison: a };
  const za = normalQuantile(1 - a / 2);
  const zb = normalQuantile(input.power);
  return planned(((za + zb) ** 2 * input.sd * input.sd * (1 + 1 / k)) / (input.delta * input.delta), k, a);
}

/** The power of the two-proportion test at the given sample sizes (the planner's inverse; for the console). */
export function proportionPower(input: { baseline: number; relativeLift: number; alpha: number; nTreatment: number; nControl: number }): number {
  const p1 = input.baseline;
  const p2 = Math.min(1, p1 * (1 + input.relativeLift));
  const delta = Math.abs(p2 - p1);
  const { nTreatment: n2, nControl: n1 } = input;
  if (!(delta > 0 && n1 > 0 && n2 > 0)) return 0;
  const pBar = (p1 * n1 + p2 * n2) / (n1 + n2);
  const za = normalQuantile(1 - input.alpha / 2);
  const se0 = Math.sqrt(pBar * (1 - pBar) * (1 / n1 + 1 / n2));
  const se1 = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  // P(|Z| > za under the alternative), the far tail ignored.
  return 1 - normalCdf((za * se0 - delta) / se1);
}

// ---------------------------------------------------------------------------------------------------------------
// The fixed-horizon verdict.

export type Verdict = 'not_finished' | 'invalid' | 'keep' | 'drop' | 'no_difference';

export const VERDICT_LABELS: Record<Verdict, string> = {
  not_finished: '实验尚未结束',
  invalid: '分组比例失衡，结果不可信',
  keep: '值得保留',
  drop: '不值得保留',
  no_difference: '无显著差异',
};

export interface VerdictInput {
  now: Date;
  /** When the last member's metric window closes: the planned end of enrolment + the metric window. */
  readyAt: Date;
  /** The planned minimum sample per arm (the holdout's own minimum may differ), and what each arm has. */
  minimum: Array<{ arm: string; needed: number; members: number }>;
  srm: SrmCheck;
  /** The primary metric's comparison (treatment vs holdout). */
  primary: { significant: boolean; difference: number };
  /** Guardrails that got significantly worse (e.g. ARPU significantly lower). */
  guardrailsBreached: string[];
  /** Incremental margin per treated member (fen). */
  marginPerMemberFen: number;
}

export interface VerdictResult { verdict: Verdict; label: string; reasons: string[] }

/**
 * Fixed horizon: no verdict before the planned end (and its metric window) or before every arm reached its planned
 * sample; then the split is checked (SRM) before anything else; then: a significant improvement of the primary metric
 * with a positive incremental margin and no guardrail breached is worth keeping; a significant worsening, a breached
 * guardrail or a significant improvement that costs more points than it earns is not; otherwise no significant
 * difference (the change has not shown it is worth its cost).
 */
export function verdict(input: VerdictInput): VerdictResult {
  const reasons: string[] = [];
  if (input.now.getTime() < input.readyAt.getTime()) reasons.push(`观察期未满：${shanghaiDay(input.readyAt)} ${shanghaiTime(input.readyAt)} 起可读取结果`);
  for (const m of input.minimum) if (m.members < m.needed) reasons.push(`${m.arm}样本 ${m.members} 人，未达计划的 ${m.needed} 人`);
  const out = (v: Verdict): VerdictResult => ({ verdict: v, label: VERDICT_LABELS[v], reasons });
  if (reasons.length) return out('not_finished');
  if (!input.srm.ok) {
    reasons.push(`分组人数与计划比例不符（卡方检验 p = ${input.srm.pValue.toPrecision(3)}）`);
    return out('invalid');
  }
  if (input.guardrailsBreached.length) {
    reasons.push(`护栏指标显著变差：${input.guardrailsBreached.join('、')}`);
    return out('drop');
  }
  if (input.primary.significant && input.primary.difference < 0) {
    reasons.push('主要指标显著下降');
    return out('drop');
  }
  if (input.primary.significant && input.primary.difference > 0) {
    if (input.marginPerMemberFen <= 0) {
      reasons.push('主要指标显著提升，但增量毛利不足以覆盖积分成本');
      return out('drop');
    }
    reasons.push('主要指标显著提升，且增量毛利为正');
    return out('keep');
  }
  reasons.push('主要指标差异不显著');
  return out('no_difference');
}
