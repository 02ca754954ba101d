import { types } from 'node:util';

/**
 * Deep copy of a document. Not structuredClone: that creates Dates of the main realm, which fail `instanceof Date`
 * (in mingo and here) when this code runs inside a vm context such as Jest's.
 */
export function cloneValue<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (types.isDate(v)) return new Date((v as unknown as Date).getTime()) as unknown as T;
  if (types.isRegExp(v)) return new RegExp((v as unknown as RegExp).source, (v as unknown as RegExp).flags) as unknown as T;
  if (Array.isArray(v)) return v.map(cloneValue) as unknown as T;
  if ((v as any)._bsontype) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = cloneValue((v as any)[k]);
  return out as T;
}

export const isDate = (v: unknown): v is Date => types.isDate(v);
export const isRegExp = (v: unknown): v is RegExp => types.isRegExp(v);
