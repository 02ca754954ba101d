// A value a warm function instance keeps for a while (rules, the store list): they change rarely and every read is
// a billed request. The age is wall time in this instance on purpose, not the business clock (runtime/clock.ts):
// it measures how stale the copy may be, and moving the test clock must not keep or drop a copy.
export function warmCache<T, A>(ttlMs: () => number, load: (arg: A) => Promise<T>) {
  const copies = warmCopies<{ value: T }>(ttlMs, 1);
  return {
    /** `arg` (e.g. the database handle) is passed to `load` when the copy is missing or stale. */
    async get(arg: A): Promise<T> {
      return (copies.get('') ?? copies.keep('', { value: await load(arg) })).value;
    },
    forget(): void {
      copies.forget('');
    },
  };
}

/** Copies by key (a channel, a mall item) under the same rule, each kept `ttlMs` from its read; the oldest past `max` dropped. */
export function warmCopies<T>(ttlMs: () => number, max = 500) {
  const copies = new Map<string, { value: T; at: number }>();
  return {
    /** The copy of `key` while it is fresh; undefined when there is none. */
    get(key: string): T | undefined {
      const copy = copies.get(key);
      return copy && Date.now() - copy.at < ttlMs() ? copy.value : undefined;
    },
    keep(key: string, value: T): T {
      copies.delete(key);
      copies.set(key, { value, at: Date.now() });
      if (copies.size > max) copies.delete(copies.keys().next().value as string);
      return value;
    },
    forget(key: string): void {
      copies.delete(key);
    },
  };
}
