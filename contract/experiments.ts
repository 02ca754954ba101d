// Experiments (function `experiments`): A/B tests of points strategies. Operators write drafts and start and stop
// them; analysts read, plan and analyse (core/roles.ts). An experiment's arms change the points rules for their
// members (an overlay on the loyalty rules, checked by the rules schema); the holdout gets no change. Assignment is by
// a stable hash of the experiment's salt and the member, recorded at first exposure (order.paid, check-in).
// docs/loyalty-rules.md "Experiments" explains the statistics (core/experimentStats.ts).
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, day, freeObject, int, integer, iso, nullable, number, object, oneOf, opt, requestId, slug, str, text } from './fields';

const experimentId = () => str(2, 40, /^[A-Za-z0-9_-]+$/);
const armId = () => str(1, 20, /^[A-Za-z0-9_-]+$/);
const rate = (message: string, min: number, max: number) => z.number(message).check(z.gte(min, message), z.lte(max, message));

/** The primary metric's baseline and the smallest lift worth detecting, with the test's alpha and power. */
export const planInput = z.strictObject({
  /** The primary metric's rate today (e.g. 0.2 = 20 % repurchase within 30 days). */
  baseline: rate('基线比例必须在 0.001-0.999 之间', 0.001, 0.999),
  /** The smallest relative lift worth detecting (0.1 = +10 % of the baseline). */
  relativeLift: rate('最小可检测提升必须在 0.005-10 之间', 0.005, 10),
  alpha: rate('显著性水平必须在 0.001-0.2 之间', 0.001, 0.2),
  power: rate('统计功效必须在 0.5-0.99 之间', 0.5, 0.99),
});

const plan = object({
  perTreatment: integer(), control: integer(), alphaPerComparison: number(), total: integer(),
  /** Days to reach the sample at the given eligible members per day (null without a rate). */
  days: nullable(integer()),
});

export const armInput = z.strictObject({
  id: armId(),
  name: str(1, 20),
  /** Percent of eligible members (the arms add up to 100). */
  share: int(1, 99),
  /** The change to the rules for this arm (points, checkin, tiers sections); {} for the holdout. */
  overlay: freeObject(),
});

const STATUSES = ['draft', 'live', 'stopped'] as const;

const arm = object({ id: text(), name: text(), share: integer(), overlay: z.record(z.string(), z.unknown()), holdout: bool() });

export const experimentView = object({
  id: text(), name: text(), hypothesis: text(), status: oneOf(STATUSES), version: integer(),
  arms: array(arm),
  segmentId: nullable(text()), segmentName: nullable(text()),
  plannedStart: day(), plannedEnd: day(), windowDays: integer(),
  plan: object({ baseline: number(), relativeLift: number(), alpha: number(), power: number() }),
  minimum: object({ perTreatment: integer(), control: integer(), alphaPerComparison: number() }),
  marginRate: number(),
  primaryMetric: text(), guardrails: array(text()),
  startedAt: nullable(iso()), stoppedAt: nullable(iso()), updatedAt: iso(), updatedBy: text(),
  /** When the result can be read: the planned end + the metric window. */
  readyAt: iso(),
});

const interval = object({ low: number(), high: number() });
const rateArm = object({ n: integer(), successes: integer(), rate: number(), ci: interval });
const meanArm = object({ n: integer(), mean: number(), sd: number() });
const meanTest = object({ control: meanArm, treatment: meanArm, difference: number(), ci: interval, relativeLift: nullable(number()), t: number(), df: number(), pValue: number(), significant: bool() });

export const comparisonView = object({
  arm: text(), armName: text(),
  /** Primary: repurchase within the window (two-proportion z-test, Wilson intervals per arm, Wald for the difference). */
  primary: object({ control: rateArm, treatment: rateArm, difference: number(), ci: interval, relativeLift: nullable(number()), z: number(), pValue: number(), significant: bool() }),
  /** GMV per member in fen: winsorised at the pooled 99th percentile, CUPED on pre-period spend, Welch's t-test. */
  arpu: object({ ...meanTest.shape, capY: number(), theta: number(), varianceReduction: number(), unadjusted: meanTest }),
  /** Points issued per member (earned less reversed) in the window, Welch's t-test. */
  points: meanTest,
  margin: object({ extraGmvFen: number(), extraPoints: number(), marginRate: number(), fenPerPoint: number(), perMemberFen: number(), totalFen: number() }),
  verdict: oneOf(['not_finished', 'invalid', 'keep', 'drop', 'no_difference']),
  label: text(),
  reasons: array(text()),
});

export const resultView = object({
  experiment: experimentView,
  asOf: iso(),
  finished: bool(),
  arms: array(object({ id: text(), name: text(), share: integer(), members: integer(), needed: integer() })),
  srm: object({ observed: array(integer()), expected: array(number()), chiSquare: number(), df: integer(), pValue: number(), ok: bool() }),
  comparisons: array(comparisonView),
});

export const experiments = {
  /** Every experiment, newest first (at most 200). */
  list: action({ input: z.strictObject({}), output: object({ experiments: array(experimentView) }) }),
  get: action({ input: z.strictObject({ experimentId: experimentId() }), output: experimentView, errors: ['NOT_FOUND'] }),
  /**
   * Creates (no `expectedVersion`) or edits a draft. Exactly one holdout arm (id `holdout`, no overlay) and 1-3 others
   * whose shares add up to 100 with it; each overlay merged over the current rules must pass the rules schema; the
   * minimum sample comes from the planner (Bonferroni over the treatment arms, the holdout's share).
   */
  save: action({
    input: z.strictObject({
      experimentId: experimentId(),
      expectedVersion: opt(int(0)),
      requestId: requestId(),
      name: str(1, 40),
      hypothesis: opt(str(0, 200)),
      arms: z.array(armInput).check(z.minLength(2, '至少需要对照组和一个实验组'), z.maxLength(4, '最多 3 个实验组和一个对照组')),
      /** A live segment (function `segments`) members must match to be enrolled; absent: every member. */
      segmentId: opt(slug(40)),
      plannedStart: day(),
      plannedEnd: day(),
      /** Days after exposure the metrics count (repurchase within 30 days by default). */
      windowDays: opt(int(7, 90)),
      plan: planInput,
      /** Gross margin on GMV (0.3 = 30 %), for the incremental margin. */
      marginRate: rate('毛利率必须在 0-1 之间', 0, 1),
    }),
    output: experimentView,
    errors: ['NOT_FOUND', 'STALE_VERSION', 'NOT_ELIGIBLE', 'ALREADY_EXISTS'],
  }),
  /** Starts a draft: its arms apply from the planned start (or now, if later) to the planned end. */
  start: action({ input: z.strictObject({ experimentId: experimentId(), expectedVersion: int(0) }), output: experimentView, errors: ['NOT_FOUND', 'STALE_VERSION', 'NOT_ELIGIBLE'] }),
  /** Stops a live experiment: no member is exposed or given an arm's rules any more; the recorded arms stay. */
  stop: action({ input: z.strictObject({ experimentId: experimentId(), expectedVersion: int(0) }), output: experimentView, errors: ['NOT_FOUND', 'STALE_VERSION', 'NOT_ELIGIBLE'] }),
  /** The sample size planner: members per arm for the primary metric, and for a mean when `mean` is given. */
  plan: action({
    input: z.strictObject({
      ...planInput.shape,
      /** Holdout share in percent and the number of treatment arms (defaults: 50, 1). */
      holdoutShare: opt(int(1, 99)),
      treatments: opt(int(1, 3)),
      /** Eligible members exposed per day, to estimate the duration. */
      perDay: opt(int(1, 10_000_000)),
      mean: opt(z.strictObject({ sd: rate('标准差必须为正数', 0.000001, 1e12), delta: rate('最小可检测差值必须为正数', 0.000001, 1e12) })),
    }),
    output: object({ proportion: plan, mean: nullable(plan) }),
  }),
  /** The analysis as of now (fixed horizon: before the planned end + window the verdict is 实验尚未结束). */
  analyse: action({ input: z.strictObject({ experimentId: experimentId() }), output: resultView, errors: ['NOT_FOUND'] }),
};
