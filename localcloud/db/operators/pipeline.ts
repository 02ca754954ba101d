// Pipeline stages mingo answers differently from the real service (MongoDB).
//
// $bucket: a bucket is [lower, upper): a value equal to a boundary belongs to the bucket that boundary opens (mingo
// 6.7.2 put it in the one below), and only buckets with at least one document are answered (mingo also answered the
// empty ones with their accumulators over nothing). Buckets in boundary order, the default last.
import { computeValue, type Options } from 'mingo/core';
import { Lazy, type Iterator } from 'mingo/lazy';
import { compare, isNil } from 'mingo/util';

type Doc = Record<string, unknown>;
interface BucketSpec { groupBy: unknown; boundaries: unknown[]; default?: unknown; output?: Record<string, unknown> }

function fail(message: string): never {
  throw new Error(`$bucket: ${message}`);
}

export function $bucket(collection: Iterator, spec: unknown, options: Options): Iterator {
  const expr = spec as BucketSpec;
  const bounds = expr.boundaries;
  if (!Array.isArray(bounds) || bounds.length < 2) fail('must specify at least two boundaries');
  if (!bounds.every((b, i) => i === 0 || compare(b, bounds[i - 1]) > 0)) fail('boundaries must be in ascending order');
  const lower = bounds[0];
  const upper = bounds[bounds.length - 1];
  const fallback = expr.default;
  if (!isNil(fallback) && compare(fallback, lower) >= 0 && compare(fallback, upper) < 0 && typeof fallback === typeof lower) {
    fail("'default' must be out of the boundaries' range");
  }
  const output = expr.output ?? { count: { $sum: 1 } };
  const groups = new Map<unknown, Doc[]>();
  collection.each((doc: unknown) => {
    const key = computeValue(doc as Doc, expr.groupBy, null, options);
    let bucket: unknown;
    if (isNil(key) || compare(key, lower) < 0 || compare(key, upper) >= 0) {
      if (isNil(fallback)) fail('a value is out of the boundaries and there is no default');
      bucket = fallback;
    } else {
      // The last boundary at or below the value opens its bucket.
      let i = bounds.length - 2;
      while (compare(bounds[i], key) > 0) i--;
      bucket = bounds[i];
    }
    const list = groups.get(bucket) ?? [];
    list.push(doc as Doc);
    groups.set(bucket, list);
  });
  const order = [...bounds.slice(0, -1), ...(isNil(fallback) ? [] : [fallback])].filter((b) => groups.has(b));
  return Lazy(order).map((id) => ({ ...(computeValue(groups.get(id)!, output, null, options) as Doc), _id: id }));
}
