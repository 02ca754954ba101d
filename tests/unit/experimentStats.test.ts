// The experiment statistics (core/distributions.ts, core/experimentStats.ts): known values from tables and textbook
// examples (reference values computed with SciPy 1.17), then simulations on generated populations with a seeded PRNG:
// A/A tests are called significant at the nominal 5 %, a planted lift of the planned size is found at the planned
// power, CUPED removes variance when pre-period spend correlates, SRM flags a broken split.
import {
  betaI, chiSquareCdf, chiSquareSurvival, gammaP, lnGamma, normalCdf, normalQuantile, studentQuantile, studentTwoSided,
} from '../../cloudfunctions/core/distributions';
import {
  bootstrapMeanDifference, incrementalMargin, moneyTest, normalVariate, planMean, planProportion, proportionPower, quantile,
  sampleRatioMismatch, seededRng, twoProportionTest, verdict, welchTest, wilson, type Rng, type Unit,
} from '../../cloudfunctions/core/experimentStats';

const close = (actual: number, expected: number, rel = 1e-9) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

describe('distributions against table values', () => {
  test('log-gamma, incomplete gamma and beta', () => {
    close(lnGamma(1), 0);
    close(lnGamma(0.5), Math.log(Math.sqrt(Math.PI)));
    close(lnGamma(10), Math.log(362880));
    close(gammaP(1, 2), 1 - Math.exp(-2));
    close(betaI(2, 3, 0.4), 0.5248); // I_0.4(2,3) = 1 − (1−x)^3 (1 + 3x) = 0.5248
    close(betaI(1, 1, 0.3), 0.3);
  });
  test('normal CDF and quantile', () => {
    close(normalCdf(1.96), 0.9750021048517795);
    close(normalCdf(-3), 0.0013498980316300933, 1e-12);
    close(normalCdf(0), 0.5);
    close(normalQuantile(0.975), 1.959963984540054);
    close(normalQuantile(0.8), 0.8416212335729143);
    close(normalQuantile(1e-6), -4.753424308822899);
  });
  test('chi-square', () => {
    close(chiSquareSurvival(3.841458820694124, 1), 0.05);
    close(chiSquareSurvival(10, 3), 0.01856613546304325);
    close(chiSquareCdf(2.5, 4), 0.35536420706457217);
  });
  test('Student t', () => {
    close(studentTwoSided(2, 5), 0.10193947882985835);
    close(studentTwoSided(1.5, 24.99), 0.1461434338826627);
    close(studentQuantile(0.975, 10), 2.228138851986274, 1e-9);
    close(studentQuantile(0.975, 1), 12.706204736174694, 1e-9);
    close(studentQuantile(0.975, 30), 2.0422724563012378, 1e-9);
  });
});

describe('tests against textbook examples', () => {
  test("Welch's t-test (Wikipedia's example 1: t = 2.46, df = 24.99, p = 0.021)", () => {
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    const r = welchTest(a1, a2);
    close(r.t, 2.455356398286006);
    close(r.df, 24.988529290231416);
    close(r.pValue, 0.021378001462866992, 1e-8);
    expect(r.significant).toBe(true);
    expect(r.ci.low).toBeGreaterThan(0);
  });
  test('two proportions: 200/1000 vs 250/1000 (z = 2.677, p = 0.0074) with Wald and Wilson intervals', () => {
    const r = twoProportionTest({ n: 1000, successes: 200 }, { n: 1000, successes: 250 });
    close(r.z, 2.6773977630083294);
    close(r.pValue, 0.007419649261025672, 1e-8);
    close(r.ci.low, 0.013463621687539853);
    close(r.ci.high, 0.08653637831246015);
    close(r.relativeLift!, 0.25);
    const w = wilson(20, 100);
    close(w.low, 0.1333669333310325);
    close(w.high, 0.2888291655931589);
  });
  test('SRM: 5050 vs 4850 against 50/50 is χ² = 4.04, p = 0.044 (not flagged at 0.001); 5300 vs 4700 is', () => {
    const ok = sampleRatioMismatch([5050, 4850], [1, 1]);
    close(ok.chiSquare, 4.040404040404041);
    close(ok.pValue, 0.044423184850005966, 1e-8);
    expect(ok.ok).toBe(true);
    expect(sampleRatioMismatch([5300, 4700], [50, 50]).ok).toBe(false);
    // Unequal planned shares: 90/10 observed exactly is a perfect fit.
    expect(sampleRatioMismatch([900, 100], [90, 10]).chiSquare).toBe(0);
  });
  test('sample size: 10 % → 12 % at α 0.05, power 0.8 needs 3841 per arm (Fleiss, no continuity correction)', () => {
    expect(planProportion({ baseline: 0.1, relativeLift: 0.2, alpha: 0.05, power: 0.8 })).toEqual({ perTreatment: 3841, control: 3841, alphaPerComparison: 0.05 });
    // Means: σ = 1, δ = 0.5 → 2 (1.96 + 0.84)² / 0.25 = 62.8 → 63.
    expect(planMean({ sd: 1, delta: 0.5, alpha: 0.05, power: 0.8 }).perTreatment).toBe(63);
    // Two treatment arms: Bonferroni halves alpha, more members needed; a holdout half the size of an arm needs more treated.
    const two = planProportion({ baseline: 0.1, relativeLift: 0.2, alpha: 0.05, power: 0.8, comparisons: 2 });
    expect(two.alphaPerComparison).toBe(0.025);
    expect(two.perTreatment).toBeGreaterThan(3841);
    const half = planProportion({ baseline: 0.1, relativeLift: 0.2, alpha: 0.05, power: 0.8, ratio: 0.5 });
    expect(half.perTreatment).toBeGreaterThan(3841);
    expect(half.control).toBe(Math.ceil(half.perTreatment * 0.5));
    // The power at the planned size is the planned power.
    close(proportionPower({ baseline: 0.1, relativeLift: 0.2, alpha: 0.05, nTreatment: 3841, nControl: 3841 }), 0.8, 2e-3);
  });
  test('incremental margin: extra GMV × margin − extra points × value per point', () => {
    expect(incrementalMargin({ extraGmvFen: 500, extraPoints: 40, marginRate: 0.3, fenPerPoint: 1, treatedMembers: 1000 }))
      .toEqual({ extraGmvFen: 500, extraPoints: 40, marginRate: 0.3, fenPerPoint: 1, perMemberFen: 110, totalFen: 110_000 });
    expect(incrementalMargin({ extraGmvFen: 100, extraPoints: 50, marginRate: 0.3, fenPerPoint: 1, treatedMembers: 10 }).perMemberFen).toBe(-20);
  });
  test('quantile and the seeded bootstrap are deterministic', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([5, 1, 3], 1)).toBe(5);
    const rng = seededRng(7);
    const c = Array.from({ length: 200 }, () => 100 + 20 * normalVariate(rng));
    const t = Array.from({ length: 200 }, () => 110 + 20 * normalVariate(rng));
    const a = bootstrapMeanDifference(c, t, { seed: 42, resamples: 1000 });
    expect(bootstrapMeanDifference(c, t, { seed: 42, resamples: 1000 })).toEqual(a);
    const w = welchTest(c, t);
    // The bootstrap interval agrees with Welch's within a tenth of its width.
    expect(Math.abs(a.low - w.ci.low)).toBeLessThan((w.ci.high - w.ci.low) / 10);
    expect(Math.abs(a.high - w.ci.high)).toBeLessThan((w.ci.high - w.ci.low) / 10);
  });
});

describe('the fixed-horizon verdict', () => {
  const srm = sampleRatioMismatch([1000, 1000], [1, 1]);
  const base = {
    now: new Date('2027-03-01T00:00:00Z'), readyAt: new Date('2027-02-01T00:00:00Z'),
    minimum: [{ arm: 'A', needed: 900, members: 1000 }, { arm: '对照', needed: 900, members: 1000 }],
    srm, primary: { significant: true, difference: 0.03 }, guardrailsBreached: [], marginPerMemberFen: 120,
  };
  test('before the planned end or the planned sample there is no result', () => {
    expect(verdict({ ...base, now: new Date('2027-01-15T00:00:00Z') })).toMatchObject({ verdict: 'not_finished', reasons: ['观察期未满：2027-02-01 08:00 起可读取结果'] });
    const short = verdict({ ...base, minimum: [{ arm: 'A', needed: 1200, members: 1000 }] });
    expect(short).toMatchObject({ verdict: 'not_finished', label: '实验尚未结束' });
    expect(short.reasons[0]).toBe('A样本 1000 人，未达计划的 1200 人');
  });
  test('SRM before anything else, then keep / drop / no difference', () => {
    expect(verdict({ ...base, srm: sampleRatioMismatch([1100, 900], [1, 1]) }).verdict).toBe('invalid');
    expect(verdict(base)).toMatchObject({ verdict: 'keep', label: '值得保留' });
    expect(verdict({ ...base, marginPerMemberFen: -5 })).toMatchObject({ verdict: 'drop', label: '不值得保留' });
    expect(verdict({ ...base, guardrailsBreached: ['人均消费'] }).verdict).toBe('drop');
    expect(verdict({ ...base, primary: { significant: true, difference: -0.02 } }).verdict).toBe('drop');
    expect(verdict({ ...base, primary: { significant: false, difference: 0.01 } })).toMatchObject({ verdict: 'no_difference', label: '无显著差异' });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Simulations on generated populations.

const bernoulliCount = (rng: Rng, n: number, p: number) => { let s = 0; for (let i = 0; i < n; i++) if (rng() < p) s++; return s; };

/** A member population: pre-period spend lognormal (many small, a few large), spend in the window correlated with it. */
function members(rng: Rng, n: number, lift = 0): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < n; i++) {
    const habit = Math.exp(8 + 0.6 * normalVariate(rng)); // a member's typical 30-day spend in fen (~3,000 median)
    const pre = Math.max(0, habit * (1 + 0.3 * normalVariate(rng)));
    const y = Math.max(0, habit * (1 + 0.3 * normalVariate(rng)) + lift);
    out.push({ y: Math.round(pre === 0 ? 0 : y), pre: Math.round(pre) });
  }
  return out;
}

describe('simulations (seeded)', () => {
  test('1,000 A/A experiments on a 20 % rate: the two-proportion test is significant 5 % ± 2 % of the time', () => {
    const rng = seededRng(20261201);
    let significant = 0;
    for (let run = 0; run < 1000; run++) {
      const r = twoProportionTest({ n: 1000, successes: bernoulliCount(rng, 1000, 0.2) }, { n: 1000, successes: bernoulliCount(rng, 1000, 0.2) });
      if (r.significant) significant++;
    }
    expect(significant / 1000).toBeGreaterThanOrEqual(0.03);
    expect(significant / 1000).toBeLessThanOrEqual(0.07);
  });

  test('a planted lift of the planned size (20 % → 23 %) is detected at the planned 80 % power ± 5 %', () => {
    const plan = planProportion({ baseline: 0.2, relativeLift: 0.15, alpha: 0.05, power: 0.8 });
    const rng = seededRng(99);
    let detected = 0;
    for (let run = 0; run < 1000; run++) {
      const r = twoProportionTest({ n: plan.control, successes: bernoulliCount(rng, plan.control, 0.2) }, { n: plan.perTreatment, successes: bernoulliCount(rng, plan.perTreatment, 0.23) });
      if (r.significant && r.difference > 0) detected++;
    }
    expect(detected / 1000).toBeGreaterThanOrEqual(0.75);
    expect(detected / 1000).toBeLessThanOrEqual(0.85);
  });

  test('1,000 A/A experiments on skewed spend: winsorised Welch with CUPED is significant 5 % ± 2 % of the time', () => {
    const rng = seededRng(5);
    let significant = 0;
    for (let run = 0; run < 1000; run++) if (moneyTest(members(rng, 200), members(rng, 200)).significant) significant++;
    expect(significant / 1000).toBeGreaterThanOrEqual(0.03);
    expect(significant / 1000).toBeLessThanOrEqual(0.07);
  });

  test('CUPED removes variance when pre-period spend correlates, and finds a planted spend lift more often', () => {
    const rng = seededRng(11);
    const one = moneyTest(members(rng, 2000), members(rng, 2000));
    expect(one.theta).toBeGreaterThan(0.5);
    expect(one.varianceReduction).toBeGreaterThan(0.5);
    expect(one.ci.high - one.ci.low).toBeLessThan((one.unadjusted.ci.high - one.unadjusted.ci.low) * 0.7);
    // Uncorrelated pre-period: nothing to remove, and θ ≈ 0.
    const flat = (n: number) => members(rng, n).map((u, i, all) => ({ y: u.y, pre: all[(i + 1) % all.length].pre }));
    expect(Math.abs(moneyTest(flat(2000), flat(2000)).varianceReduction)).toBeLessThan(0.02);
    // A planted lift of 300 fen per member, 300 members per arm: CUPED detects it clearly more often than the raw test.
    let withCuped = 0;
    let without = 0;
    for (let run = 0; run < 300; run++) {
      const r = moneyTest(members(rng, 300), members(rng, 300, 300));
      if (r.significant && r.difference > 0) withCuped++;
      if (r.unadjusted.significant && r.unadjusted.difference > 0) without++;
    }
    expect(withCuped).toBeGreaterThan(without * 1.3);
  });

  test('SRM: a correct 50/50 split rarely alarms; a 52/48 leak over 20,000 members is caught', () => {
    const rng = seededRng(3);
    let alarms = 0;
    for (let run = 0; run < 1000; run++) {
      const a = bernoulliCount(rng, 4000, 0.5);
      if (!sampleRatioMismatch([a, 4000 - a], [50, 50]).ok) alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(5);
    let caught = 0;
    for (let run = 0; run < 100; run++) {
      const a = bernoulliCount(rng, 20_000, 0.52);
      if (!sampleRatioMismatch([a, 20_000 - a], [50, 50]).ok) caught++;
    }
    expect(caught).toBeGreaterThan(90);
  });
});
