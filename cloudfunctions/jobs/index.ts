import { loadConfig } from '../runtime/configStore';
import { defineFunction } from '../runtime/handler';
import { removeDoneFollowUps } from '../runtime/outbox';
import { applyDueFollowUps } from '../services/followUps';
import { sweepStockClaims } from '../services/stockClaims';
import { issueDueBenefits } from './benefits';
import { reviewDueMembers } from './dailyReview';

// Leaves headroom inside the function timeout (config.json: 60 s) to record the run and return. Budgets are wall time
// (Date.now()), not the business clock: the tests' frozen clock would never end them.
const BUDGET_MS = 45_000;
// The outbox pass comes first (a bounded batch), then the review with what is left of the budget.
const OUTBOX_BUDGET_MS = 15_000;
const OUTBOX_BATCH = 100;
// Kept for the benefits pass after the review (a long review leaves it at least this much).
const BENEFITS_BUDGET_MS = 10_000;
const DAY_MS = 24 * 60 * 60_000;

export const main = defineFunction({
  name: 'jobs',
  contract: {},
  actions: {},
  onTimer: async ({ db, now, trigger }) => {
    const started = Date.now();
    // A broken outbox pass must not hold up the review: its entries wait for the next run.
    const outbox = await applyDueFollowUps(db, now, { limit: OUTBOX_BATCH, budgetMs: OUTBOX_BUDGET_MS }).catch((err) => {
      console.error('[outbox] pass failed', err);
      return { applied: 0, failed: 0, remaining: true };
    });
    // Stock claims whose function died mid-redemption (or mid-cancellation): settled or given back, once.
    const stockClaims = await sweepStockClaims(db, now).catch((err) => {
      console.error('[stock] claim sweep failed', err);
      return null;
    });
    const run = await reviewDueMembers(db, now, BUDGET_MS - BENEFITS_BUDGET_MS - (Date.now() - started));
    // Tier changes of the review come first, so a member upgraded tonight gets the new tier's benefits in this run.
    const benefits = await issueDueBenefits(db, now, Math.max(BENEFITS_BUDGET_MS, BUDGET_MS - (Date.now() - started))).catch((err) => {
      console.error('[benefits] pass failed', err);
      return { members: 0, vouchers: 0, points: 0, remaining: true, failures: 0 };
    });
    // Nonces past their replay window can no longer be replayed: forget them (one indexed remove).
    const noncesRemoved = await db.collection('channel_nonces').where({ expiresAt: db.command.lt(now) }).remove()
      .then((r) => r.stats.removed, (err) => { console.error('[nonces] cleanup failed', err); return 0; });
    // Done follow-ups past their retention are forgotten; pending and failed ones stay until done.
    const outboxRemoved = await loadConfig(db)
      .then((config) => removeDoneFollowUps(db, new Date(now.getTime() - config.referral.outboxRetentionDays * DAY_MS)))
      .catch((err) => { console.error('[outbox] cleanup failed', err); return 0; });
    await db.collection('jobs').add({ data: { kind: 'review', trigger, ...run, outbox, benefits, noncesRemoved, outboxRemoved, stockClaims, at: now } });
    return { ...run, outbox, benefits, outboxRemoved, noncesRemoved, stockClaims };
  },
});
