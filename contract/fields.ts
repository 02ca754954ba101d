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
/** An instant with its zone, ISO 8601 (`2027-01-01T10:00:00+08:00`). */
export const isoTime = () => str(10, 40, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/);
/** A Shanghai calendar day `YYYY-MM-DD`. */
export const day = () => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/));
/** A Shanghai calendar month `YYYY-MM`. */
export const month = () => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
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
