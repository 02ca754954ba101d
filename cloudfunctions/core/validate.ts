// A tiny schema validator for function inputs: each check returns the parsed value or throws INVALID_INPUT
// with a message a person can read. No dependency, so it bundles into every function for free.
import { AppError } from './errors';

export interface Schema<T> {
  parse(value: unknown, path: string): T;
  optional(): Schema<T | undefined>;
}

function schema<T>(parse: (value: unknown, path: string) => T): Schema<T> {
  return {
    parse,
    optional: () => schema((value, path) => (value === undefined || value === null ? undefined : parse(value, path))),
  };
}

const invalid = (path: string, what: string) => new AppError('INVALID_INPUT', `参数 ${path} ${what}`);

export const v = {
  string: (opts: { min?: number; max?: number; pattern?: RegExp } = {}) =>
    schema<string>((value, path) => {
      if (typeof value !== 'string') throw invalid(path, '必须是字符串');
      const min = opts.min ?? 0;
      const max = opts.max ?? 256;
      if (value.length < min) throw invalid(path, min === 1 ? '不能为空' : `长度不能少于 ${min}`);
      if (value.length > max) throw invalid(path, `长度不能超过 ${max}`);
      if (opts.pattern && !opts.pattern.test(value)) throw invalid(path, '格式不正确');
      return value;
    }),
  int: (opts: { min?: number; max?: number } = {}) =>
    schema<number>((value, path) => {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(path, '必须是整数');
      if (opts.min !== undefined && value < opts.min) throw invalid(path, `不能小于 ${opts.min}`);
      if (opts.max !== undefined && value > opts.max) throw invalid(path, `不能大于 ${opts.max}`);
      return value;
    }),
  boolean: () =>
    schema<boolean>((value, path) => {
      if (typeof value !== 'boolean') throw invalid(path, '必须是布尔值');
      return value;
    }),
  oneOf: <T extends string>(choices: readonly T[]) =>
    schema<T>((value, path) => {
      if (!choices.includes(value as T)) throw invalid(path, `必须是 ${choices.join(' / ')} 之一`);
      return value as T;
    }),
  array: <T>(item: Schema<T>, opts: { max?: number } = {}) =>
    schema<T[]>((value, path) => {
      if (!Array.isArray(value)) throw invalid(path, '必须是数组');
      if (opts.max !== undefined && value.length > opts.max) throw invalid(path, `最多 ${opts.max} 项`);
      return value.map((x, i) => item.parse(x, `${path}[${i}]`));
    }),
  /** Any JSON object (checked further by the action itself), at most `maxBytes` when serialised. */
  json: (opts: { maxBytes?: number } = {}) =>
    schema<Record<string, unknown>>((value, path) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(path, '必须是对象');
      if (JSON.stringify(value).length > (opts.maxBytes ?? 65536)) throw invalid(path, '内容过大');
      return value as Record<string, unknown>;
    }),
  /** Unknown keys are rejected: a typo in a field name must not be silently ignored. */
  object: <S extends Record<string, Schema<unknown>>>(shape: S) =>
    schema<{ [K in keyof S]: S[K] extends Schema<infer U> ? U : never }>((value, path) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(path, '必须是对象');
      const input = value as Record<string, unknown>;
      for (const key of Object.keys(input)) if (!(key in shape)) throw invalid(path === 'input' ? key : `${path}.${key}`, '不被支持');
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape)) {
        const parsed = field.parse(input[key], path === 'input' ? key : `${path}.${key}`);
        if (parsed !== undefined) out[key] = parsed;
      }
      return out as { [K in keyof S]: S[K] extends Schema<infer U> ? U : never };
    }),
};

export const noInput = v.object({});

export type Infer<S> = S extends Schema<infer T> ? T : never;
