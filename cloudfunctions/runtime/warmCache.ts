// A value a warm function instance keeps for a while (rules, the store list): they change rarely and every read is
// a billed request. The age is wall time in this instance on purpose, not the business clock (runtime/clock.ts):
// it measures how stale the copy may be, and moving the test clock must not keep or drop a copy.
export function warmCache<T, A>(ttlMs: () => number, load: (arg: A) => Promise<T>) {
  let cached: { value: T; at: number } | null = null;
  return {
    /** `arg` (e.g. the database handle) is passed to `load` when the copy is missing or stale. */
    async get(arg: A): Promise<T> {
      if (cached && Date.now() - cached.at < ttlMs()) return cached.value;
      const value = await load(arg);
      cached = { value, at: Date.now() };
      return value;
    },
    forget(): void {
      cached = null;
    },
  };
}
