// Field rules shared by several actions: written once, so a rule (an id's alphabet, the ISO time, the amount cap)
// cannot drift between the actions that use it.
import * as z from 'zod/mini';

export const str = (min: number, max: number, pattern?: RegExp) => {
  const checks = [z.minLength(min), z.maxLength(max)];
  return pattern ? z.string().check(...checks, z.regex(pattern)) : z.string().check(...checks);
};

export const int = (min?: number, max?: number) => {
  const checks = [];
  if (min !== undefined) checks.push(z.minimum(min));
  if (max !== undefined) checks.push(z.maximum(max));
  return checks.length ? z.int().check(...checks) : z.int();
};

/** An optional input field; null counts as absent (outside systems often send null for "not given"). */
export const opt = <S extends z.ZodMiniType>(schema: S) =>
  z.pipe(z.optional(z.nullable(schema)), z.transform((v) => (v ?? undefined) as z.output<S> | undefined));

const ID_CHARS = /^[A-Za-z0-9_-]+$/;

/** Keys of documents and external references: letters, digits and `_ . : -`. */
export const externalId = (max = 64) => str(1, max, /^[A-Za-z0-9_.:-]+$/);
export const slug = (max = 40) => str(1, max, ID_CHARS);
/** Made once per confirmation by the client (or the outside system); a retry sends the same one. */
export const requestId = () => str(8, 64, ID_CHARS);
export const memberNo = () => str(6, 20, /^\d+$/);
/** The client's device code (made once per installation), sent beside the action for the staff audit trail. */
export const deviceCode = () => str(8, 64, ID_CHARS);
// Dates are checked as real calendar values in a sane range, not only by their pattern: `2026-02-30` is not 2 March
// and year 0000 or 9999 never reaches the core. The refusal names the field (`参数 order.paidAt 不是有效的时间`).
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const realDay = (y: number, m: number, d: number) =>
  y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** A zoned ISO time that denotes a real instant: real month, day, hour, minute, second and offset, years 2000–2100. */
export function isRealIsoTime(s: string): boolean {
  const m = ISO_TIME.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  if (!realDay(y, mo, d) || h > 23 || mi > 59 || sec > 59) return false;
  if (m[8] !== 'Z' && (Number(m[10]) > 14 || Number(m[11]) > 59)) return false;
  const at = Date.parse(s);
  if (!Number.isFinite(at)) return false;
  const year = new Date(at).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** A real calendar day `YYYY-MM-DD`, years 2000–2100. */
export function isRealDay(s: string): boolean {
  const m = DAY.exec(s);
  return !!m && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A real calendar month `YYYY-MM`, years 2000–2100. */
export function isRealMonth(s: string): boolean {
  const m = MONTH.exec(s);
  return !!m && realDay(Number(m[1]), Number(m[2]), 1);
}

/** A refinement whose refusal names the field: issues.ts renders `params.problem` after `参数 <path>`. */
const fieldRule = (test: (s: string) => boolean, problem: string) => z.refine<string>(test, { params: { problem } });

/** An instant with its zone, ISO 8601 (`2027-01-01T10:00:00+08:00`). */
export const isoTime = () =>
  str(10, 40, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/).check(fieldRule(isRealIsoTime, '不是有效的时间'));
/** A Shanghai calendar day `YYYY-MM-DD`. */
export const day = () =>
  z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/), fieldRule(isRealDay, '不是有效的日期'));
/** A Shanghai calendar month `YYYY-MM`. */
export const month = () => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/), fieldRule(isRealMonth, '不是有效的月份'));
// Names every plain object inherits (`constructor`, `toString`, `__proto__`, `hasOwnProperty`...): never a field.
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The path of the first inherited name used as a key, at any depth; null when there is none. */
export function prototypeKeyPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (value === null || typeof value !== 'object' || path.length > 64) return null;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    if (typeof key === 'string' && PROTOTYPE_KEYS.has(key)) return [...path, key];
    const found = prototypeKeyPath(child, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * A free-form object checked elsewhere (the rules overrides): a plain object, with no inherited name as a key at any
 * depth (`z.record` would turn a `__proto__` key into the object's prototype and lose it unchecked).
 */
export const freeObject = () =>
  z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), { params: { problem: '必须是对象' } }).check(
    z.superRefine((v, ctx) => {
      const at = prototypeKeyPath(v);
      if (at) ctx.issues.push({ code: 'unrecognized_keys', keys: [String(at[at.length - 1])], path: at.slice(0, -1), input: v });
    }),
  );

/** Money in fen; at most 100 million yuan in one amount. */
export const fen = (min = 1) => int(min, 100_000_000_00);
/** Opaque page cursor (digits). */
export const cursor = () => str(1, 20, /^\d+$/);
export const pageSize = () => int(1, 50);

export const noInput = z.strictObject({});

// Output building blocks (answers are JSON: instants are ISO strings, days `YYYY-MM-DD`).
export const iso = () => z.string();
export const nullable = z.nullable;
export const object = z.strictObject;
export const array = z.array;
export const literal = z.literal;
export const oneOf = z.enum;
export const integer = z.int;
export const number = z.number;
export const text = z.string;
export const bool = z.boolean;
