// Exact integer arithmetic for points and growth: no 0.1 + 0.2 surprises, no overflow on large amounts.

// Rates and multipliers are honoured to three decimals (1.2, 1.25, 0.333 are exact; 1.2345 counts as 1.235).
const milli = (x: number) => BigInt(Math.round(x * 1000));

/** floor(fen / 100 × f1 × f2 × …): a per-yuan rate times multipliers, floored once at the end. */
export function floorYuanProduct(amountFen: number, factors: number[]): number {
  const numerator = factors.reduce((acc, f) => acc * milli(f), BigInt(amountFen));
  return Number(numerator / (BigInt(100) * BigInt(1000) ** BigInt(factors.length))); // no bigint literals: the client compiles core at ES2017
}

/** floor(a × b / c) for non-negative safe integers, c > 0. */
export function floorRatio(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}
