// The daily review of one member as a plan (pure): what the review writes, and whether that write changes anything
// but the member's next review time. The job (jobs/dailyReview.ts) reads a page of members and their growth entries
// in a few queries, plans each member here, and writes only those whose state changes; the others get their next
// reviewAt (and churn risk) set by one conditional update per group.
import type { LoyaltyConfig } from './config';
import { dailyReviewFlow, type FlowWrite } from './flows';
import { growthWindowStart, type GrowthEntry } from './growth';
import type { Lot } from './ledger';
import { stageStep, withStage, type Purchase, type StageStep } from './lifecycleStage';
import type { MemberDoc } from './member';
import { applyMemberSet, memberDocuments } from './memberDocuments';
import { pointsExpiringMessage, type NewMessage } from './notify';
import { soonestExpiring } from './points';
import { shanghaiDay } from './time';
import type { Insert } from './documents';

/**
 * Growth entries the review needs: back to the window of the tier period's end (retention) or of now, whichever
 * starts earlier.
 */
export function reviewGrowthSince(member: Pick<MemberDoc, 'tierValidUntil'>, now: Date, config: LoyaltyConfig): Date {
  const ends = member.tierValidUntil && member.tierValidUntil < now ? new Date(member.tierValidUntil.getTime() - 1) : now;
  return growthWindowStart(ends, config);
}

/** The review's member write: the flow's, with the lifecycle stage's fields and its transition log insert. */
export type ReviewWrite = FlowWrite & { fields: FlowWrite['fields'] & StageStep['fields']; inserts: Insert[] };

export interface ReviewPlan {
  write: ReviewWrite;
  summary: ReturnType<typeof dailyReviewFlow>['summary'] & { expiringSoon: ReturnType<typeof soonestExpiring> };
  /** The points-expiring message the review queues (once per expiry date: its id), if any. */
  message: NewMessage | null;
}

/**
 * The review of `member` at `now`: expiry, pending release, lifecycle growth, dormancy decay, the growth window, the
 * tier evaluation, the lifecycle stage (dormant and churned happen by time passing; logged once, the second run sees
 * it set) and the points-expiring message. `entries`: the member's growth entries since reviewGrowthSince, oldest
 * first; `backfill`: the purchases of a member from before lifecycle stages (null when the member has a stage).
 */
export function planReview(member: MemberDoc, lots: Lot[], entries: GrowthEntry[], backfill: Purchase[] | null, now: Date, config: LoyaltyConfig): ReviewPlan {
  const flow = dailyReviewFlow(member, lots, entries, now, config);
  const expiringSoon = soonestExpiring(flow.write.ledger.state.lots, now);
  const stage = stageStep(member, { backfill: backfill ?? [] }, now, config.stages, 'review', shanghaiDay(now));
  const write = withStage({ ...flow.write, inserts: [] as Insert[] }, stage) as ReviewWrite;
  return {
    write,
    summary: { ...flow.summary, expiringSoon },
    message: pointsExpiringMessage(member.openid, expiringSoon, now, config.notify.pointsExpiringDays),
  };
}

/** What a review that changes nothing else still sets: the next review time, and the churn risk when it moved. */
export interface QuietReview { reviewAt: Date; riskScore?: number }

// Set by every review whatever it finds (the review's own bookkeeping), so they do not make a write a change.
const BOOKKEEPING = new Set(['reviewAt', 'riskScore', 'rev', 'updatedAt']);

/** A value in a canonical form for comparison: dates as times, object keys sorted, undefined fields dropped. */
function canonical(x: unknown): unknown {
  if (x instanceof Date) return { $date: x.getTime() };
  if (Array.isArray(x)) return x.map(canonical);
  if (x && typeof x === 'object') {
    return Object.fromEntries(Object.keys(x).sort().filter((k) => (x as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, canonical((x as Record<string, unknown>)[k])]));
  }
  return x;
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * null when the review's write changes the member's state (an entry to insert, a lot released or expired, growth,
 * tier, lifecycle...): it must go through the member's transaction. Otherwise what is left to set, which needs no
 * transaction: a conditional update on the member's `rev` (no other write came in between) is the whole review.
 */
export function quietReview(member: MemberDoc, write: ReviewWrite, now: Date): QuietReview | null {
  if (write.inserts.length > 0) return null;
  const { set, inserts } = memberDocuments(member, write, now);
  if (inserts.length > 0) return null;
  const after = applyMemberSet(member, set as Record<string, unknown>);
  const touched = new Set(Object.keys(set).map((path) => path.split('.')[0]).filter((k) => !BOOKKEEPING.has(k)));
  for (const key of touched) {
    if (!same((member as unknown as Record<string, unknown>)[key], (after as unknown as Record<string, unknown>)[key])) return null;
  }
  const riskScore = write.fields.riskScore;
  return { reviewAt: write.fields.reviewAt, ...(riskScore !== undefined && riskScore !== member.riskScore ? { riskScore } : {}) };
}
