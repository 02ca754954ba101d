// Counts the database requests a piece of work makes (the daily review reports its own in its run record): a view of
// the wx-server-sdk handle in which every call that answers a promise is one request to the database service
// (a get, count, update, add, remove, an aggregate's end, startTransaction, commit, rollback, a transaction's reads
// and writes). Query builders (collection, where, limit, doc...) are wrapped so their requests count too; values such
// as db.command are handed out as they are.
import type { Database } from './dbTypes';

export function countingDb(db: Database): { db: Database; requests: () => number } {
  let n = 0;
  const wrap = <T extends object>(target: T): T => new Proxy(target, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop, obj) as unknown;
      if (typeof value !== 'function' || prop === 'constructor' || prop === 'serverDate') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
        if (result && typeof (result as Promise<unknown>).then === 'function') {
          n += 1;
          // A transaction's own reads and writes are requests too.
          return prop === 'startTransaction' ? (result as Promise<object>).then((tx) => wrap(tx)) : result;
        }
        return result && typeof result === 'object' ? wrap(result as object) : result;
      };
    },
  });
  return { db: wrap(db), requests: () => n };
}
