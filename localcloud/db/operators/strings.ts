// String expression operators with MongoDB's results. mingo 6.7.2 has no $indexOfCP, counts $indexOfBytes,
// $substrCP and $strLenCP in UTF-16 code units (an emoji counts two), and its $substrBytes refuses a range that
// ends at the end of the string. MongoDB counts code points (…CP) or UTF-8 bytes (…Bytes).
import { computeValue, type Options } from 'mingo/core';
import { isDate } from '../clone';
import { typeName } from './dates';

type AnyObject = Record<string, unknown>;

function args(obj: AnyObject, expr: unknown, options: Options, op: string, min: number, max: number): unknown[] {
  const list = Array.isArray(expr) ? expr : [expr];
  if (list.length < min || list.length > max) {
    const n = min === max ? `exactly ${min}` : `${min} to ${max}`;
    throw new Error(`Expression ${op} takes ${n} arguments. ${list.length} were passed in.`);
  }
  return list.map((e) => computeValue(obj, e, null, options));
}

/** MongoDB's coerceToString, used by the $substr family. */
function coerceToString(v: unknown, op: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (isDate(v)) return v.toISOString();
  throw new Error(`${op}: can't convert from BSON type ${typeName(v)} to String`);
}

const isIntegral = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function indexOf(op: '$indexOfCP' | '$indexOfBytes') {
  return (obj: AnyObject, expr: unknown, options: Options) => {
    const [s, sub, start, end] = args(obj, expr, options, op, 2, 4);
    if (s === null || s === undefined) return null;
    if (typeof s !== 'string') throw new Error(`${op} requires a string as the first argument, found: ${typeName(s)}`);
    if (typeof sub !== 'string') throw new Error(`${op} requires a string as the second argument, found: ${typeName(sub)}`);
    const units = op === '$indexOfCP' ? Array.from(s) : [...Buffer.from(s, 'utf8')];
    const needle = op === '$indexOfCP' ? Array.from(sub) : [...Buffer.from(sub, 'utf8')];
    let from = 0;
    let to = units.length;
    if (start !== undefined) {
      if (!isIntegral(start)) throw new Error(`${op} requires an integral starting index, found a value of type: ${typeName(start)}, with value: ${JSON.stringify(start)}`);
      if (start < 0) throw new Error(`${op} requires a nonnegative start index, found: ${start}`);
      from = start;
    }
    if (end !== undefined) {
      if (!isIntegral(end)) throw new Error(`${op} requires an integral ending index, found a value of type: ${typeName(end)}, with value: ${JSON.stringify(end)}`);
      if (end < 0) throw new Error(`${op} requires a nonnegative ending index, found: ${end}`);
      to = Math.min(end, units.length);
    }
    if (from > to) return -1;
    for (let i = from; i + needle.length <= to; i++) {
      let hit = true;
      for (let j = 0; j < needle.length && hit; j++) hit = units[i + j] === needle[j];
      if (hit) return i;
    }
    return -1;
  };
}

const isContinuation = (b: number | undefined) => b !== undefined && (b & 0xc0) === 0x80;

const $substrBytes = (obj: AnyObject, expr: unknown, options: Options, op = '$substrBytes') => {
  const [input, lower, length] = args(obj, expr, options, op, 3, 3);
  const bytes = Buffer.from(coerceToString(input, op), 'utf8');
  if (typeof lower !== 'number') throw new Error(`${op}: starting index must be a numeric type (is BSON type ${typeName(lower)})`);
  if (typeof length !== 'number') throw new Error(`${op}: length must be a numeric type (is BSON type ${typeName(length)})`);
  if (lower < 0) throw new Error(`${op}: starting index must be non-negative (got: ${lower})`);
  const from = Math.trunc(lower);
  if (from >= bytes.length) return '';
  if (isContinuation(bytes[from])) throw new Error(`${op}:  Invalid range, starting index is a UTF-8 continuation byte.`);
  const to = length < 0 ? bytes.length : Math.min(bytes.length, from + Math.trunc(length));
  if (to < bytes.length && isContinuation(bytes[to])) {
    throw new Error(`${op}:  Invalid range, ending index is in the middle of a UTF-8 character.`);
  }
  return bytes.subarray(from, to).toString('utf8');
};

const $substrCP = (obj: AnyObject, expr: unknown, options: Options) => {
  const [input, index, count] = args(obj, expr, options, '$substrCP', 3, 3);
  const cps = Array.from(coerceToString(input, '$substrCP'));
  if (typeof index !== 'number') throw new Error(`$substrCP: starting index must be a numeric type (is BSON type ${typeName(index)})`);
  if (typeof count !== 'number') throw new Error(`$substrCP: length must be a numeric type (is BSON type ${typeName(count)})`);
  if (!Number.isInteger(index) || index < 0) throw new Error('$substrCP: the starting index must be nonnegative integer.');
  if (!Number.isInteger(count) || count < 0) throw new Error('$substrCP: length must be a nonnegative integer.');
  return cps.slice(index, index + count).join('');
};

function strLen(op: '$strLenCP' | '$strLenBytes') {
  return (obj: AnyObject, expr: unknown, options: Options) => {
    const [s] = args(obj, expr, options, op, 1, 1);
    if (typeof s !== 'string') throw new Error(`${op} requires a string argument, found: ${typeName(s)}`);
    return op === '$strLenCP' ? Array.from(s).length : Buffer.byteLength(s, 'utf8');
  };
}

/** Operators mingo lacks (registered globally with useOperators). */
export const NEW_STRING_OPERATORS = {
  $indexOfCP: indexOf('$indexOfCP'),
};

/** Operators mingo has with different results (installed in the fidelity context). */
export const STRING_OVERRIDES = {
  $indexOfBytes: indexOf('$indexOfBytes'),
  $substrBytes: (obj: AnyObject, expr: unknown, options: Options) => $substrBytes(obj, expr, options),
  // MongoDB's $substr is $substrBytes.
  $substr: (obj: AnyObject, expr: unknown, options: Options) => $substrBytes(obj, expr, options, '$substr'),
  $substrCP,
  $strLenCP: strLen('$strLenCP'),
  $strLenBytes: strLen('$strLenBytes'),
};
