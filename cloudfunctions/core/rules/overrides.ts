// Operator overrides of the rules: deep-merged over the defaults, then the whole result checked by the schema, so
// an unknown key anywhere (`points.pointsPerYaun`) is refused and cross-section checks see the rules that will run.
import * as z from 'zod/mini';
import { DEFAULT_CONFIG, loyaltyConfigSchema, type LoyaltyConfig } from './index';
import { NO_MESSAGE, problemsOf, type ConfigProblem } from './problems';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type ConfigOverrides = DeepPartial<LoyaltyConfig>;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Date);
}

/**
 * Objects merge key by key; arrays and scalars from the override replace the default, and so does a variant (an
 * object with a `mode`, like points.expiry) given with another mode, whose keys would not fit the old one's.
 * Unchecked: checkOverrides checks the result; tests build configurations with it.
 */
export function mergeConfig<T>(base: T, override: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(override)) return (override === undefined ? base : override) as T;
  if ('mode' in base && 'mode' in override && base.mode !== override.mode) return override as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined && key !== '_id') out[key] = mergeConfig((base as Record<string, unknown>)[key], value);
  }
  return out as T;
}

export type OverrideCheck = { ok: true; config: LoyaltyConfig } | { ok: false; problems: ConfigProblem[] };

function check(merged: unknown): OverrideCheck {
  const result = z.safeParse(loyaltyConfigSchema, merged, { error: () => NO_MESSAGE });
  return result.success ? { ok: true, config: result.data } : { ok: false, problems: problemsOf(result.error.issues, merged) };
}

/** The rules `overrides` make (merged over the defaults, checked as a whole), or every problem with them. */
export function checkOverrides(overrides: unknown): OverrideCheck {
  if (overrides === undefined || overrides === null) return { ok: true, config: DEFAULT_CONFIG };
  if (!isPlainObject(overrides)) return { ok: false, problems: [{ path: [], message: '规则配置必须是对象', unknownKey: false }] };
  return check(mergeConfig(DEFAULT_CONFIG, overrides));
}

/** The problems of complete rules, each message once (none: valid). */
export function configProblems(config: unknown): string[] {
  const result = check(config);
  return result.ok ? [] : [...new Set(result.problems.map((p) => p.message))];
}

export interface StoredRules {
  config: LoyaltyConfig;
  /** What was wrong with the stored overrides, for the log. */
  problems: ConfigProblem[];
  fallback: 'none' | 'unknownKeysDropped' | 'defaults';
}

function withoutKeys(config: unknown, paths: (string | number)[][]): unknown {
  const copy = JSON.parse(JSON.stringify(config)) as Record<string | number, unknown>;
  for (const path of paths) {
    const parent = path.slice(0, -1).reduce<unknown>((node, k) => (isPlainObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[k] : undefined), copy);
    if (isPlainObject(parent)) delete parent[path[path.length - 1]];
  }
  return copy;
}

/**
 * The rules to run with, from overrides stored earlier, perhaps before a check existed. Never throws: unknown keys
 * are dropped (they never had an effect); if the rest still fails, the defaults run.
 */
export function storedRules(overrides: unknown): StoredRules {
  const first = checkOverrides(overrides);
  if (first.ok) return { config: first.config, problems: [], fallback: 'none' };
  const unknown = first.problems.filter((p) => p.unknownKey);
  if (unknown.length > 0) {
    const second = check(withoutKeys(mergeConfig(DEFAULT_CONFIG, overrides), unknown.map((p) => p.path)));
    if (second.ok) return { config: second.config, problems: first.problems, fallback: 'unknownKeysDropped' };
  }
  return { config: DEFAULT_CONFIG, problems: first.problems, fallback: 'defaults' };
}
