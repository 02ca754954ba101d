// Date expression operators with MongoDB's results (what CloudBase answers), replacing mingo's, which differ:
// mingo 6.7.2 prints %w as 0-6 (MongoDB 1-7, Sunday 1), counts $week one too high from the first Sunday of a year
// that does not start on a Sunday, answers $isoWeekYear with the calendar year for the first days of January
// (2021-01-01 is in ISO week 53 of 2020), resolves a named time zone with today's offset instead of the offset at
// the date itself (daylight saving time: America/New_York in February is -05:00 even when today is -04:00), prints
// month names in the process's time zone, and reads numbers as seconds where MongoDB refuses them.
// Each operator here accepts `<date>`, `[<date>]` or `{ date, timezone }`, as MongoDB does.
import { ObjectId, Timestamp } from 'bson';
import { computeValue, type Options } from 'mingo/core';
import { isDate } from '../clone';

type AnyObject = Record<string, unknown>;

export interface TimeZone {
  /** Minutes east of UTC at `ms`. */
  offsetAt(ms: number): number;
  readonly utc: boolean;
}

const UTC: TimeZone = { offsetAt: () => 0, utc: true };
const OFFSET_RE = /^([+-])(\d{2})(?::?(\d{2}))?$/;
const zones = new Map<string, TimeZone>();

/** MongoDB accepts an Olson name ("Asia/Shanghai", "UTC") or an offset "+08", "+0800", "+08:00". */
export function parseTimeZone(spec: unknown, op: string): TimeZone {
  if (spec === undefined || spec === null) return UTC;
  if (typeof spec !== 'string') throw new Error(`${op}: timezone must evaluate to a string, found ${typeName(spec)}`);
  const cached = zones.get(spec);
  if (cached) return cached;
  let tz: TimeZone;
  const m = OFFSET_RE.exec(spec);
  if (m) {
    const minutes = (Number(m[2]) * 60 + Number(m[3] ?? 0)) * (m[1] === '-' ? -1 : 1);
    tz = { offsetAt: () => minutes, utc: minutes === 0 };
  } else {
    let fmt: Intl.DateTimeFormat;
    try {
      if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(spec)) throw new RangeError();
      fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: spec,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new Error(`${op}: unrecognized time zone identifier: "${spec}"`);
    }
    tz = {
      utc: spec === 'UTC' || spec === 'Etc/UTC' || spec === 'GMT',
      offsetAt(ms: number) {
        const parts: Record<string, string> = {};
        for (const p of fmt.formatToParts(new Date(ms))) parts[p.type] = p.value;
        let year = Number(parts.year);
        if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
        const whole = Math.floor(ms / 1000) * 1000;
        const local = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
        return Math.round((local - whole) / 60000);
      },
    };
  }
  zones.set(spec, tz);
  return tz;
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (Array.isArray(v)) return 'array';
  if (isDate(v)) return 'date';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'object' && (v as any)._bsontype) return String((v as any)._bsontype).toLowerCase();
  return typeof v === 'object' ? 'object' : typeof v;
}

/** MongoDB's coerceToDate: Date, ObjectId (its creation second) or Timestamp; anything else is an error. */
export function toMillis(v: unknown, op: string): number {
  if (isDate(v)) return v.getTime();
  if (v instanceof ObjectId || (v as any)?._bsontype === 'ObjectId') return (v as ObjectId).getTimestamp().getTime();
  if (v instanceof Timestamp || (v as any)?._bsontype === 'Timestamp') return (v as Timestamp).getHighBitsUnsigned() * 1000;
  throw new Error(`${op}: can't convert from BSON type ${typeName(v)} to Date`);
}

/** Calendar fields of an instant as seen in a time zone. */
export interface Parts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  dayOfYear: number; // 1-366
  dayOfWeek: number; // 1 (Sunday) - 7 (Saturday)
  isoDayOfWeek: number; // 1 (Monday) - 7 (Sunday)
  week: number; // 0-53, weeks start on Sunday (strftime %U)
  isoWeek: number; // 1-53
  isoWeekYear: number;
  offset: number; // minutes east of UTC
}

const DAY = 86_400_000;

export function partsOf(ms: number, tz: TimeZone): Parts {
  const offset = tz.offsetAt(ms);
  const d = new Date(ms + offset * 60_000);
  const year = d.getUTCFullYear();
  const dayStart = Date.UTC(year, d.getUTCMonth(), d.getUTCDate());
  const yday0 = Math.round((dayStart - Date.UTC(year, 0, 1)) / DAY);
  const wday0 = d.getUTCDay(); // 0 = Sunday
  const isoDow = wday0 === 0 ? 7 : wday0;
  // ISO week: the week (Mon-Sun) holding this day's Thursday; its year is the ISO week-year.
  const thursday = new Date(dayStart + (4 - isoDow) * DAY);
  const isoWeekYear = thursday.getUTCFullYear();
  const isoWeek = Math.floor(Math.round((thursday.getTime() - Date.UTC(isoWeekYear, 0, 1)) / DAY) / 7) + 1;
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    dayOfYear: yday0 + 1,
    dayOfWeek: wday0 + 1,
    isoDayOfWeek: isoDow,
    week: Math.floor((yday0 + 7 - wday0) / 7),
    isoWeek,
    isoWeekYear,
    offset,
  };
}

/** Evaluates `<date>`, `[<date>]` or `{ date, timezone }`; null when the date is null or missing. */
function dateArg(obj: AnyObject, expr: unknown, options: Options, op: string): { ms: number; tz: TimeZone } | null {
  let dateExpr = expr;
  let tzExpr: unknown;
  if (Array.isArray(expr)) {
    if (expr.length !== 1) throw new Error(`Expression ${op} takes exactly 1 arguments. ${expr.length} were passed in.`);
    dateExpr = expr[0];
  } else if (expr && typeof expr === 'object' && !isDate(expr) && !(expr as any)._bsontype && 'date' in (expr as AnyObject)) {
    const spec = expr as AnyObject;
    for (const k of Object.keys(spec)) {
      if (k !== 'date' && k !== 'timezone') throw new Error(`unrecognized option to ${op}: "${k}"`);
    }
    dateExpr = spec.date;
    tzExpr = spec.timezone;
  }
  const date = computeValue(obj, dateExpr, null, options);
  const tzValue = tzExpr === undefined ? undefined : computeValue(obj, tzExpr, null, options);
  if (tzExpr !== undefined && (tzValue === null || tzValue === undefined)) return null;
  const tz = parseTimeZone(tzValue, op);
  if (date === null || date === undefined) return null;
  return { ms: toMillis(date, op), tz };
}

function partOperator(op: string, pick: (p: Parts) => number) {
  return (obj: AnyObject, expr: unknown, options: Options) => {
    const arg = dateArg(obj, expr, options, op);
    return arg === null ? null : pick(partsOf(arg.ms, arg.tz));
  };
}

function pad(n: number, width: number): string {
  if (n < 0 || n > 9999) {
    throw new Error(`$dateToString: Could not convert date to string: date component was outside the supported range of 0-9999: ${n}`);
  }
  return String(n).padStart(width, '0');
}

const FORMAT_CHARS = 'dGHjLmMSuUVwYzZ%';

function validateFormat(format: string): void {
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    if (i + 1 >= format.length) throw new Error("$dateToString: Unmatched '%' at end of format string");
    if (!FORMAT_CHARS.includes(format[i + 1])) throw new Error(`$dateToString: Invalid format character '%${format[i + 1]}' in format string`);
    i++;
  }
}

export function formatDate(format: string, ms: number, tz: TimeZone): string {
  const p = partsOf(ms, tz);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const f = format[++i];
    switch (f) {
      case '%': out += '%'; break;
      case 'Y': out += pad(p.year, 4); break;
      case 'm': out += pad(p.month, 2); break;
      case 'd': out += pad(p.day, 2); break;
      case 'H': out += pad(p.hour, 2); break;
      case 'M': out += pad(p.minute, 2); break;
      case 'S': out += pad(p.second, 2); break;
      case 'L': out += pad(p.millisecond, 3); break;
      case 'j': out += pad(p.dayOfYear, 3); break;
      case 'w': out += pad(p.dayOfWeek, 1); break;
      case 'U': out += pad(p.week, 2); break;
      case 'G': out += pad(p.isoWeekYear, 4); break;
      case 'V': out += pad(p.isoWeek, 2); break;
      case 'u': out += pad(p.isoDayOfWeek, 1); break;
      case 'z': out += (p.offset < 0 ? '-' : '+') + pad(Math.trunc(Math.abs(p.offset) / 60), 2) + pad(Math.abs(p.offset) % 60, 2); break;
      case 'Z': out += String(p.offset); break;
    }
  }
  return out;
}

const $dateToString = (obj: AnyObject, expr: unknown, options: Options) => {
  if (!expr || typeof expr !== 'object' || Array.isArray(expr)) throw new Error('$dateToString only supports an object as its argument');
  const spec = expr as AnyObject;
  for (const k of Object.keys(spec)) {
    if (!['date', 'format', 'timezone', 'onNull'].includes(k)) throw new Error(`Unrecognized argument to $dateToString: ${k}`);
  }
  if (!('date' in spec)) throw new Error("Missing 'date' parameter to $dateToString");
  let format: string | undefined;
  if (spec.format !== undefined) {
    const f = computeValue(obj, spec.format, null, options);
    if (f === null || f === undefined) return null;
    if (typeof f !== 'string') throw new Error(`$dateToString requires that 'format' be a string, found: ${typeName(f)} with value ${JSON.stringify(f)}`);
    validateFormat(f);
    format = f;
  }
  let tz = UTC;
  if (spec.timezone !== undefined) {
    const t = computeValue(obj, spec.timezone, null, options);
    if (t === null || t === undefined) return null;
    tz = parseTimeZone(t, '$dateToString');
  }
  const date = computeValue(obj, spec.date, null, options);
  if (date === null || date === undefined) return spec.onNull === undefined ? null : computeValue(obj, spec.onNull, null, options);
  const ms = toMillis(date, '$dateToString');
  return formatDate(format ?? (tz.utc ? '%Y-%m-%dT%H:%M:%S.%LZ' : '%Y-%m-%dT%H:%M:%S.%L'), ms, tz);
};

const $dateToParts = (obj: AnyObject, expr: unknown, options: Options) => {
  if (!expr || typeof expr !== 'object' || Array.isArray(expr)) throw new Error('$dateToParts only supports an object as its argument');
  const spec = expr as AnyObject;
  const iso = spec.iso8601 === undefined ? false : computeValue(obj, spec.iso8601, null, options);
  const arg = dateArg(obj, { date: spec.date, ...(spec.timezone !== undefined ? { timezone: spec.timezone } : {}) }, options, '$dateToParts');
  if (arg === null) return null;
  const p = partsOf(arg.ms, arg.tz);
  const time = { hour: p.hour, minute: p.minute, second: p.second, millisecond: p.millisecond };
  return iso
    ? { isoWeekYear: p.isoWeekYear, isoWeek: p.isoWeek, isoDayOfWeek: p.isoDayOfWeek, ...time }
    : { year: p.year, month: p.month, day: p.day, ...time };
};

/** The instant whose local time in `tz` is the given wall-clock time (offset taken at that instant). */
function fromLocal(localMs: number, tz: TimeZone): number {
  let guess = localMs - tz.offsetAt(localMs) * 60_000;
  guess = localMs - tz.offsetAt(guess) * 60_000;
  return guess;
}

const $dateFromParts = (obj: AnyObject, expr: unknown, options: Options) => {
  if (!expr || typeof expr !== 'object' || Array.isArray(expr)) throw new Error('$dateFromParts only supports an object as its argument');
  const spec = expr as AnyObject;
  const v: Record<string, number | null> = {};
  for (const [k, e] of Object.entries(spec)) {
    if (k === 'timezone') continue;
    if (!['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond', 'isoWeekYear', 'isoWeek', 'isoDayOfWeek'].includes(k)) {
      throw new Error(`Unrecognized argument to $dateFromParts: ${k}`);
    }
    const n = computeValue(obj, e, null, options);
    if (n === null || n === undefined) return null;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`'${k}' must evaluate to an integer, found ${typeName(n)} with value ${JSON.stringify(n)}`);
    v[k] = n;
  }
  const tzValue = spec.timezone === undefined ? undefined : computeValue(obj, spec.timezone, null, options);
  if (spec.timezone !== undefined && (tzValue === null || tzValue === undefined)) return null;
  const tz = parseTimeZone(tzValue, '$dateFromParts');
  const hms = (v.hour ?? 0) * 3_600_000 + (v.minute ?? 0) * 60_000 + (v.second ?? 0) * 1000 + (v.millisecond ?? 0);
  let local: number;
  if (v.isoWeekYear !== undefined) {
    if (v.year !== undefined) throw new Error("$dateFromParts: 'year' and 'isoWeekYear' cannot both be given");
    const jan4 = Date.UTC(v.isoWeekYear!, 0, 4);
    const jan4Dow = new Date(jan4).getUTCDay() || 7;
    const week1Monday = jan4 - (jan4Dow - 1) * DAY;
    local = week1Monday + ((v.isoWeek ?? 1) - 1) * 7 * DAY + ((v.isoDayOfWeek ?? 1) - 1) * DAY + hms;
  } else {
    if (v.year === undefined) throw new Error("$dateFromParts requires either 'year' or 'isoWeekYear' to be present");
    const base = new Date(0);
    base.setUTCFullYear(v.year!, (v.month ?? 1) - 1, v.day ?? 1);
    local = base.getTime() + hms;
  }
  return new Date(fromLocal(local, tz));
};

export const DATE_OPERATORS = {
  $year: partOperator('$year', (p) => p.year),
  $month: partOperator('$month', (p) => p.month),
  $dayOfMonth: partOperator('$dayOfMonth', (p) => p.day),
  $hour: partOperator('$hour', (p) => p.hour),
  $minute: partOperator('$minute', (p) => p.minute),
  $second: partOperator('$second', (p) => p.second),
  $millisecond: partOperator('$millisecond', (p) => p.millisecond),
  $dayOfYear: partOperator('$dayOfYear', (p) => p.dayOfYear),
  $dayOfWeek: partOperator('$dayOfWeek', (p) => p.dayOfWeek),
  $isoDayOfWeek: partOperator('$isoDayOfWeek', (p) => p.isoDayOfWeek),
  $week: partOperator('$week', (p) => p.week),
  $isoWeek: partOperator('$isoWeek', (p) => p.isoWeek),
  $isoWeekYear: partOperator('$isoWeekYear', (p) => p.isoWeekYear),
  $dateToString,
  $dateToParts,
  $dateFromParts,
};
