import { defineFunction } from '../runtime/handler';
import { reviewDueMembers } from './dailyReview';

// Leaves headroom inside the function timeout (config.json: 60 s) to record the run and return.
const BUDGET_MS = 45_000;

export const main = defineFunction({
  contract: {},
  actions: {},
  onTimer: async ({ db, now, trigger }) => {
    const run = await reviewDueMembers(db, now, BUDGET_MS);
    await db.collection('jobs').add({ data: { kind: 'review', trigger, ...run, at: now } });
    return run;
  },
});
