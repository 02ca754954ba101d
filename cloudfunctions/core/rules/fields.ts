// Building blocks of the rule schemas. A field carries one Chinese message that the operator sees whatever is wrong
// with its value (a wrong type or out of range). `{name}` (or any `{field}`) in a message is replaced by that field
// of the list item the problem is in, e.g. the tier's name (see problems.ts).
import * as z from 'zod/mini';

/** A whole number (safe integer) from `min` (default 0), up to `max` when given. */
export const int = (message: string, min = 0, max?: number) =>
  z.int(message).check(z.minimum(min, message), ...(max === undefined ? [] : [z.maximum(max, message)]));

/** A finite number from `min` up to `max`; with `aboveMin` the minimum itself is refused. */
export const num = (message: string, min: number, max?: number, aboveMin = false) =>
  z.number(message).check(aboveMin ? z.gt(min, message) : z.minimum(min, message), ...(max === undefined ? [] : [z.maximum(max, message)]));

/** A string of `min` to `max` characters. */
export const text = (message: string, min = 0, max = 200) => z.string(message).check(z.minLength(min, message), z.maxLength(max, message));

/** A Shanghai calendar day, 'YYYY-MM-DD'. */
export const day = (message: string) => z.string(message).check(z.regex(/^\d{4}-\d{2}-\d{2}$/, message));
