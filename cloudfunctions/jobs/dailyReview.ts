// The daily review: every member whose reviewAt has passed gets expiry, pending release, lifecycle growth, dormancy
// decay, the growth window and the tier evaluation applied. Works in chunks inside the function's time budget; a
// later run resumes with whoever is still due (a reviewed member is not due again before the next day).
import type { LoyaltyConfig } from '../core/config';
import { dailyReviewFlow } from '../core/flows';
import { growthWindowStart } from '../core/growth';
import { shanghaiDay } from '../core/time';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import { growthSince, writeMember } from '../runtime/memberRepo';
import { pointsExpiringMessage } from '../core/notify';
import { soonestExpiring } from '../core/points';
import { enqueueMessage } from '../services/messages';
import { stageStep, withStage, HISTORY_DAYS, type Purchase } from '../core/lifecycleStage';

const CHUNK = 200;
const PARALLEL = 4;

export async function reviewMember(db: Database, openid: string, now: Date, config: LoyaltyConfig) {
  const summary = await reviewMemberState(db, openid, now, config);
  // Points about to expire: a subscription message, once per expiry date (outside the transaction: later reviews
  // see the same lot, and a second queueing of its key is a no-op).
  const message = pointsExpiringMessage(openid, summary.expiringSoon, now, config.notify.pointsExpiringDays);
  if (message) await enqueueMessage(db, message, now).catch((err) => console.error(`[messages] ${message.id}:`, err));
  return summary;
}

async function reviewMemberState(db: Database, openid: string, now: Date, config: LoyaltyConfig) {
  return writeMember(db, openid, {
    now,
    load: (member) => {
      // Entries back to the window of the tier period's end (retention) or of now, whichever starts earlier.
      const ends = member.tierValidUntil && member.tierValidUntil < now ? new Date(member.tierValidUntil.getTime() - 1) : now;
      return Promise.all([growthSince(db, openid, growthWindowStart(ends, config)), member.lifecycle ? null : purchasesSince(db, openid, now)]);
    },
  }, ({ member, lots, extra: [entries, backfill] }) => {
    const flow = dailyReviewFlow(member, lots, entries, now, config);
    const expiringSoon = soonestExpiring(flow.write.ledger.state.lots, now);
    // Dormant and churned happen by time passing: the stage as of today, logged once (the second run sees it set).
    const stage = stageStep(member, { backfill: backfill ?? [] }, now, config.stages, 'review', shanghaiDay(now));
    return { write: withStage(flow.write, stage), result: { ...flow.summary, expiringSoon } };
  });
}

/** A member from before lifecycle stages: their purchases of the kept history, read once to set the first stage. */
async function purchasesSince(db: Database, openid: string, now: Date): Promise<Purchase[]> {
  const _ = db.command;
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const { data } = await db.collection('orders').where({ openid, paidAt: _.gte(since), status: _.neq('refunded') })
    .field({ _id: true, paidAt: true }).orderBy('paidAt', 'desc').limit(100).get();
  return data.map((o) => ({ orderId: String(o._id), at: new Date(o.paidAt) }));
}

export interface ReviewRun { day: string; reviewed: number; expiredPoints: number; tierChanges: number; remaining: boolean; failures: number }

export async function reviewDueMembers(db: Database, now: Date, budgetMs: number, clock: () => number = Date.now): Promise<ReviewRun> {
  const started = clock();
  const config = await loadConfig(db);
  const _ = db.command;
  const run: ReviewRun = { day: shanghaiDay(now), reviewed: 0, expiredPoints: 0, tierChanges: 0, remaining: false, failures: 0 };
  const failed = new Set<string>();
  while (clock() - started < budgetMs) {
    // No sort: any due member will do, and sorting every due member for each chunk would cost more than the chunk.
    const { data } = await db.collection('members').where({ reviewAt: _.lte(now) }).limit(CHUNK + failed.size).field({ _id: true }).get();
    const due = data.map((d) => String(d._id)).filter((id) => !failed.has(id));
    if (due.length === 0) return run;
    for (let i = 0; i < due.length && clock() - started < budgetMs; i += PARALLEL) {
      await Promise.all(due.slice(i, i + PARALLEL).map(async (openid) => {
        try {
          const summary = await reviewMember(db, openid, now, config);
          run.reviewed += 1;
          run.expiredPoints += summary.expiredPoints;
          if (summary.tier.change === 'upgrade' || summary.tier.change === 'downgrade') run.tierChanges += 1;
        } catch (err) {
          // One broken member must not stall everyone behind them; it stays due and is retried next run.
          failed.add(openid);
          run.failures += 1;
          console.error(`[review] ${openid}:`, err);
        }
      }));
    }
  }
  run.remaining = true;
  return run;
}
