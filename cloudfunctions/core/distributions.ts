// Probability distributions the experiment analysis needs, written out (no dependency): the log-gamma function, the
// regularized incomplete gamma and beta functions, and from them the normal, chi-square and Student t distributions.
// Methods: Lanczos log-gamma (g = 7, 9 terms); the incomplete gamma by its series below a + 1 and Legendre's continued
// fraction above (modified Lentz); the incomplete beta by its continued fraction (Numerical Recipes §6.2, §6.4); the
// normal quantile by Acklam's rational approximation refined by one Halley step. Relative accuracy about 1e-12 or
// better across the ranges the analysis uses (tests/unit/experimentStats.test.ts checks table values).

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITER = 500;

/** The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (!Number.isFinite(x)) return 1;
  const lnPre = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let ap = a;
    let sum = 1 / a;
    let del = sum;
    for (let n = 0; n < MAX_ITER; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return Math.min(1, sum * Math.exp(lnPre));
  }
  return 1 - gammaQcf(a, x, lnPre);
}

/** Q(a, x) = 1 − P(a, x) by the continued fraction (x ≥ a + 1). */
function gammaQcf(a: number, x: number, lnPre: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(lnPre) * h;
}

/** The regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), without cancellation in the far tail. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  const lnPre = a * Math.log(x) - x - lnGamma(a);
  return x < a + 1 ? 1 - gammaP(a, x) : gammaQcf(a, x, lnPre);
}

/** Continued fraction of the incomplete beta (Numerical Recipes betacf, modified Lentz). */
function betaCf(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function betaI(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaCf(a, b, x)) / a;
  return 1 - (Math.exp(lnFront) * betaCf(b, a, 1 - x)) / b;
}

/** Standard normal CDF Φ(z), accurate in both tails (through the incomplete gamma: erf(x) = P(½, x²)). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const half = gammaQ(0.5, (z * z) / 2) / 2;
  return z >= 0 ? 1 - half : half;
}

/** Two-sided normal p-value of a z statistic: 2 · (1 − Φ(|z|)). */
export const normalTwoSided = (z: number) => Math.min(1, gammaQ(0.5, (z * z) / 2));

/** Standard normal quantile Φ⁻¹(p), 0 < p < 1 (Acklam's approximation, one Halley refinement). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - lo) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Chi-square CDF with k degrees of freedom. */
export const chiSquareCdf = (x: number, k: number) => gammaP(k / 2, Math.max(0, x) / 2);

/** Upper tail P(X ≥ x) of the chi-square distribution with k degrees of freedom (the goodness-of-fit p-value). */
export const chiSquareSurvival = (x: number, k: number) => gammaQ(k / 2, Math.max(0, x) / 2);

/** Two-sided p-value of Student's t with `df` degrees of freedom (df may be fractional, as in Welch's test). */
export function studentTwoSided(t: number, df: number): number {
  if (!Number.isFinite(df) || df > 1e7) return normalTwoSided(t);
  return betaI(df / 2, 0.5, df / (df + t * t));
}

/** Student t CDF. */
export function studentCdf(t: number, df: number): number {
  const tail = studentTwoSided(t, df) / 2;
  return t >= 0 ? 1 - tail : tail;
}

/** Student t quantile (inverse CDF) by bisection on the CDF, bracketed from the normal quantile. */
export function studentQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentQuantile(1 - p, df);
  let lo = 0;
  let hi = Math.max(1, normalQuantile(p));
  while (studentCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (studentCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
