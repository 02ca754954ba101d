// Query operators with MongoDB's matching. mingo 6.7.2's $elemMatch tests a field-name criterion such as
// { value: { $exists: true } } against scalar elements too, so ['Go'] or [1, 2, 3] matched it; MongoDB tests such a
// criterion only against elements that are documents (or arrays). mingo's $jsonSchema needs a validator it does not
// ship: here is MongoDB's $jsonSchema dialect (draft 4 plus bsonType, without $ref/format/default/definitions).
import { ObjectId } from 'bson';
import { Query } from 'mingo';
import type { Options } from 'mingo/core';
import { isDate, isRegExp } from '../clone';

type AnyObject = Record<string, unknown>;

const isPlainObject = (v: unknown): v is AnyObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !isDate(v) && !isRegExp(v) && !(v as any)._bsontype;

/** Values at a dotted path, descending into arrays of documents as MongoDB does (numeric parts index arrays). */
export function valuesAt(v: unknown, parts: string[], i = 0, out: unknown[] = []): unknown[] {
  if (i === parts.length) {
    out.push(v);
    return out;
  }
  const part = parts[i];
  if (Array.isArray(v)) {
    if (/^\d+$/.test(part) && Number(part) < v.length) valuesAt(v[Number(part)], parts, i + 1, out);
    for (const el of v) if (isPlainObject(el)) valuesAt(el, parts, i, out);
  } else if (isPlainObject(v) && part in v) {
    valuesAt(v[part], parts, i + 1, out);
  }
  return out;
}

const TOP_LEVEL = new Set(['$and', '$or', '$nor', '$expr', '$where', '$jsonSchema', '$comment', '$text']);

function $elemMatch(selector: string, criteria: unknown, options: Options) {
  if (!isPlainObject(criteria)) throw new Error('$elemMatch needs an Object');
  const keys = Object.keys(criteria);
  const valueForm = keys.length > 0 && keys[0].startsWith('$') && !TOP_LEVEL.has(keys[0]);
  const query = new Query(valueForm ? { v: criteria } : criteria, options);
  const test = valueForm
    ? (el: unknown) => query.test({ v: el })
    : (el: unknown) => (isPlainObject(el) || Array.isArray(el)) && query.test(el as AnyObject);
  const parts = selector.split('.');
  return (doc: AnyObject) => valuesAt(doc, parts).some((arr) => Array.isArray(arr) && arr.some(test));
}

// ---- $jsonSchema ---------------------------------------------------------------------------------------------

type Schema = AnyObject;
type Validator = (v: unknown) => boolean;

const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id']);
const KNOWN = new Set([
  'bsonType', 'enum', 'type', 'allOf', 'anyOf', 'oneOf', 'not', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum',
  'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxProperties', 'minProperties', 'required',
  'additionalProperties', 'properties', 'patternProperties', 'dependencies', 'additionalItems', 'items', 'maxItems',
  'minItems', 'uniqueItems', 'title', 'description',
]);

function bsonTypeOf(v: unknown): string[] {
  if (v === null) return ['null'];
  if (v === undefined) return ['undefined'];
  if (typeof v === 'string') return ['string'];
  if (typeof v === 'boolean') return ['bool'];
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return ['double', 'number'];
    return Math.abs(v) <= 2147483647 ? ['int', 'number'] : ['long', 'number'];
  }
  if (Array.isArray(v)) return ['array'];
  if (isDate(v)) return ['date'];
  if (isRegExp(v)) return ['regex'];
  if (v instanceof ObjectId || (v as any)?._bsontype === 'ObjectId') return ['objectId'];
  if ((v as any)?._bsontype) {
    const t = String((v as any)._bsontype);
    return [t === 'Binary' ? 'binData' : t === 'Decimal128' ? 'decimal' : t.charAt(0).toLowerCase() + t.slice(1)];
  }
  return ['object'];
}

const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
  object: (v) => bsonTypeOf(v)[0] === 'object',
  array: Array.isArray,
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
};

const BSON_TYPES = new Set([
  'double', 'string', 'object', 'array', 'binData', 'undefined', 'objectId', 'bool', 'date', 'null', 'regex',
  'javascript', 'int', 'timestamp', 'long', 'decimal', 'minKey', 'maxKey', 'number', 'dbPointer', 'symbol',
]);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqual(a[k], b[k]));
  }
  if ((a as any)?._bsontype && (b as any)?._bsontype && typeof (a as any).equals === 'function') return (a as any).equals(b);
  return false;
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v : [v]) as string[];

export function compileSchema(schema: unknown, path = ''): Validator {
  if (!isPlainObject(schema)) throw new Error(`$jsonSchema must be an object${path ? ` at '${path}'` : ''}`);
  const checks: Validator[] = [];
  const s = schema as Schema;
  for (const key of Object.keys(s)) {
    if (UNSUPPORTED.has(key)) throw new Error(`$jsonSchema keyword '${key}' is not currently supported`);
    if (!KNOWN.has(key)) throw new Error(`Unknown $jsonSchema keyword: ${key}`);
  }
  if ('type' in s && 'bsonType' in s) throw new Error('Cannot specify both $jsonSchema keywords \'type\' and \'bsonType\'');
  if (s.type !== undefined) {
    const types = asList(s.type);
    for (const t of types) {
      if (t === 'integer') throw new Error("$jsonSchema type 'integer' is not currently supported.");
      if (!JSON_TYPES[t]) throw new Error(`Unknown type name alias: ${t}`);
    }
    checks.push((v) => types.some((t) => JSON_TYPES[t](v)));
  }
  if (s.bsonType !== undefined) {
    const types = asList(s.bsonType);
    for (const t of types) if (!BSON_TYPES.has(t)) throw new Error(`Unknown type name alias: ${t}`);
    checks.push((v) => bsonTypeOf(v).some((t) => types.includes(t)));
  }
  if (s.enum !== undefined) {
    if (!Array.isArray(s.enum) || s.enum.length === 0) throw new Error("$jsonSchema keyword 'enum' must be a non-empty array");
    const values = s.enum;
    checks.push((v) => values.some((e) => deepEqual(v, e)));
  }
  const num = (k: string) => {
    const n = s[k];
    if (n !== undefined && typeof n !== 'number') throw new Error(`$jsonSchema keyword '${k}' must be a number`);
    return n as number | undefined;
  };
  const isNum = (v: unknown): v is number => typeof v === 'number';
  const max = num('maximum');
  const min = num('minimum');
  const multipleOf = num('multipleOf');
  if (max !== undefined) checks.push((v) => !isNum(v) || (s.exclusiveMaximum === true ? v < max : v <= max));
  if (min !== undefined) checks.push((v) => !isNum(v) || (s.exclusiveMinimum === true ? v > min : v >= min));
  if (multipleOf !== undefined) checks.push((v) => !isNum(v) || Number.isInteger(v / multipleOf));
  const maxLength = num('maxLength');
  const minLength = num('minLength');
  if (maxLength !== undefined) checks.push((v) => typeof v !== 'string' || Array.from(v).length <= maxLength);
  if (minLength !== undefined) checks.push((v) => typeof v !== 'string' || Array.from(v).length >= minLength);
  if (s.pattern !== undefined) {
    const re = new RegExp(String(s.pattern), 'u');
    checks.push((v) => typeof v !== 'string' || re.test(v));
  }
  // Objects
  const isObj = (v: unknown): v is AnyObject => bsonTypeOf(v)[0] === 'object';
  const maxProps = num('maxProperties');
  const minProps = num('minProperties');
  if (maxProps !== undefined) checks.push((v) => !isObj(v) || Object.keys(v).length <= maxProps);
  if (minProps !== undefined) checks.push((v) => !isObj(v) || Object.keys(v).length >= minProps);
  if (s.required !== undefined) {
    if (!Array.isArray(s.required) || s.required.length === 0) throw new Error("$jsonSchema keyword 'required' must be a non-empty array");
    const req = s.required as string[];
    checks.push((v) => !isObj(v) || req.every((k) => k in v));
  }
  const props: Record<string, Validator> = {};
  if (s.properties !== undefined) {
    if (!isPlainObject(s.properties)) throw new Error("$jsonSchema keyword 'properties' must be an object");
    for (const [k, sub] of Object.entries(s.properties)) props[k] = compileSchema(sub, path ? `${path}.${k}` : k);
  }
  const patterns: Array<[RegExp, Validator]> = [];
  if (s.patternProperties !== undefined) {
    if (!isPlainObject(s.patternProperties)) throw new Error("$jsonSchema keyword 'patternProperties' must be an object");
    for (const [p, sub] of Object.entries(s.patternProperties)) patterns.push([new RegExp(p, 'u'), compileSchema(sub, path)]);
  }
  let additional: Validator | null = null;
  if (s.additionalProperties === false) additional = () => false;
  else if (isPlainObject(s.additionalProperties)) additional = compileSchema(s.additionalProperties, path);
  if (Object.keys(props).length || patterns.length || additional) {
    checks.push((v) => {
      if (!isObj(v)) return true;
      for (const [k, val] of Object.entries(v)) {
        let covered = false;
        if (props[k]) {
          covered = true;
          if (!props[k](val)) return false;
        }
        for (const [re, sub] of patterns) {
          if (re.test(k)) {
            covered = true;
            if (!sub(val)) return false;
          }
        }
        if (!covered && additional && !additional(val)) return false;
      }
      return true;
    });
  }
  if (s.dependencies !== undefined) {
    if (!isPlainObject(s.dependencies)) throw new Error("$jsonSchema keyword 'dependencies' must be an object");
    for (const [k, dep] of Object.entries(s.dependencies)) {
      const sub = Array.isArray(dep) ? (v: unknown) => (dep as string[]).every((d) => d in (v as AnyObject)) : compileSchema(dep, path);
      checks.push((v) => !isObj(v) || !(k in v) || sub(v));
    }
  }
  // Arrays
  const maxItems = num('maxItems');
  const minItems = num('minItems');
  if (maxItems !== undefined) checks.push((v) => !Array.isArray(v) || v.length <= maxItems);
  if (minItems !== undefined) checks.push((v) => !Array.isArray(v) || v.length >= minItems);
  if (s.uniqueItems === true) checks.push((v) => !Array.isArray(v) || v.every((x, i) => v.findIndex((y) => deepEqual(x, y)) === i));
  if (s.items !== undefined) {
    if (Array.isArray(s.items)) {
      const tuple = s.items.map((sub, i) => compileSchema(sub, `${path}.${i}`));
      const extra =
        s.additionalItems === false ? () => false : isPlainObject(s.additionalItems) ? compileSchema(s.additionalItems, path) : null;
      checks.push((v) => !Array.isArray(v) || v.every((x, i) => (i < tuple.length ? tuple[i](x) : !extra || extra(x))));
    } else {
      const each = compileSchema(s.items, path);
      checks.push((v) => !Array.isArray(v) || v.every(each));
    }
  }
  // Logic
  const list = (k: string): Validator[] => {
    const l = s[k];
    if (!Array.isArray(l) || l.length === 0) throw new Error(`$jsonSchema keyword '${k}' must be a non-empty array`);
    return l.map((sub) => compileSchema(sub, path));
  };
  if (s.allOf !== undefined) {
    const subs = list('allOf');
    checks.push((v) => subs.every((f) => f(v)));
  }
  if (s.anyOf !== undefined) {
    const subs = list('anyOf');
    checks.push((v) => subs.some((f) => f(v)));
  }
  if (s.oneOf !== undefined) {
    const subs = list('oneOf');
    checks.push((v) => subs.filter((f) => f(v)).length === 1);
  }
  if (s.not !== undefined) {
    const sub = compileSchema(s.not, path);
    checks.push((v) => !sub(v));
  }
  return (v) => checks.every((c) => c(v));
}

function $jsonSchema(_selector: string, schema: unknown, _options: Options) {
  const validate = compileSchema(schema);
  return (doc: AnyObject) => validate(doc);
}

/** Query operators mingo has with different results (installed in the fidelity context). */
export const QUERY_OVERRIDES = { $elemMatch, $jsonSchema };
