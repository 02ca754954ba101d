// Lifecycle stages (issue 12 §1): which stage a member is in from their facts, when it next changes by time alone,
// and a churn-risk score. Pure; Shanghai days (core/time.ts). Not core/lifecycle.ts (lifecycle GROWTH credits).
//
// Stages, checked in this order (docs/loyalty-rules.md "Lifecycle stages"):
//   new       新会员  fewer than `newDays` Shanghai days since joining (whatever they bought);
//   churned   流失    `churnedDays` or more days since the last purchase (never purchased: since joining);
//   dormant   沉睡    `dormantDays` or more days since the last purchase (never purchased: since joining);
//   active    活跃    at least ceil(activeOrdersPerMonth × activeWindowDays / 30) paid orders in the last
//                     `activeWindowDays` days (today included);
//   occasional 低频   everyone else: past the new period, bought (or joined) recently, but not often enough for 活跃.
// A purchase is a paid order not fully refunded, dated by its payment time.
import type { StageRules } from './rules/stages';
import { addDays, daysBetween, shanghaiDay, shanghaiDayStart } from './time';

export const STAGES = ['new', 'active', 'occasional', 'dormant', 'churned'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_NAMES: Readonly<Record<Stage, string>> = { new: '新会员', active: '活跃', occasional: '低频', dormant: '沉睡', churned: '流失' };

export interface Purchase { orderId: string; at: Date }

/** Stored on the member as `lifecycle`: the stage, since when, the stage before, and the purchases it is judged on. */
export interface LifecycleState {
  stage: Stage;
  since: Date;
  previous: Stage | null;
  /** Purchases (not fully refunded) of the year before the latest one, newest first, at most MAX_PURCHASES. */
  purchases: Purchase[];
}

export interface StageFacts { joinedAt: Date; purchases: Purchase[] }

/** Most purchases kept on the member (a heavy buyer's list stays small; 活跃 needs far fewer). */
export const MAX_PURCHASES = 100;
/** Days of purchases kept before the latest one (the longest window a rule may need: 活跃 up to 365 days). */
export const HISTORY_DAYS = 365;

/** Paid orders 活跃 needs within the window. */
export const activeOrdersNeeded = (r: StageRules) => Math.max(1, Math.ceil((r.activeOrdersPerMonth * r.activeWindowDays) / 30 - 1e-9));

const byNewest = (a: Purchase, b: Purchase) => b.at.getTime() - a.at.getTime() || (a.orderId < b.orderId ? -1 : 1);

function view(facts: StageFacts, now: Date) {
  const today = shanghaiDay(now);
  const joinDay = shanghaiDay(facts.joinedAt);
  const bought = facts.purchases.filter((p) => p.at.getTime() <= now.getTime()).sort(byNewest);
  const anchor = bought.length > 0 ? shanghaiDay(bought[0].at) : joinDay;
  return { today, joinDay, bought, anchor, age: daysBetween(joinDay, today), quiet: daysBetween(anchor, today) };
}

/** The member's stage at `now`, and when it began by time alone (null: it began with an event, e.g. a purchase). */
export function stageAt(facts: StageFacts, now: Date, r: StageRules): { stage: Stage; startsAt: Date | null } {
  const v = view(facts, now);
  if (v.age < r.newDays) return { stage: 'new', startsAt: facts.joinedAt };
  if (v.quiet >= r.churnedDays) return { stage: 'churned', startsAt: shanghaiDayStart(addDays(v.anchor, r.churnedDays)) };
  if (v.quiet >= r.dormantDays) return { stage: 'dormant', startsAt: shanghaiDayStart(addDays(v.anchor, r.dormantDays)) };
  const needed = activeOrdersNeeded(r);
  const inWindow = v.bought.filter((p) => daysBetween(shanghaiDay(p.at), v.today) < r.activeWindowDays);
  if (inWindow.length >= needed) return { stage: 'active', startsAt: null };
  // 低频 by time: the new period ended, or a purchase left the window and the count fell below 活跃.
  const starts = [shanghaiDayStart(addDays(v.joinDay, r.newDays))];
  const leaving = v.bought[needed - 1];
  if (leaving) starts.push(shanghaiDayStart(addDays(shanghaiDay(leaving.at), r.activeWindowDays)));
  const latest = Math.max(...starts.map((d) => d.getTime()).filter((t) => t <= now.getTime()));
  return { stage: 'occasional', startsAt: Number.isFinite(latest) ? new Date(latest) : null };
}

/** The next instant after `now` at which the stage may change without any event (a Shanghai day start), or null. */
export function nextStageChangeAt(facts: StageFacts, now: Date, r: StageRules): Date | null {
  const v = view(facts, now);
  const at = [addDays(v.joinDay, r.newDays), addDays(v.anchor, r.dormantDays), addDays(v.anchor, r.churnedDays)];
  const leaving = v.bought[activeOrdersNeeded(r) - 1];
  if (leaving) at.push(addDays(shanghaiDay(leaving.at), r.activeWindowDays));
  const later = at.map(shanghaiDayStart).filter((d) => d.getTime() > now.getTime()).map((d) => d.getTime());
  return later.length > 0 ? new Date(Math.min(...later)) : null;
}

/**
 * Churn risk 0-100 (docs/loyalty-rules.md "Churn risk"): how surprising the current silence is for this member.
 * Purchases are taken as a Poisson process whose rate is estimated, with a prior, up to the last purchase (so the
 * estimate does not move while the member is silent): λ = (n + priorOrders) / (observedDays + priorDays), n the
 * purchases kept (the history window before the last one), observedDays = min(days from joining to the last
 * purchase, history window). risk = 1 − exp(−λ × daysSinceLastPurchase): the probability that a member still buying
 * at that rate would have bought again by now — 1 − "probability alive" in the spirit of BG/NBD and Pareto/NBD,
 * without fitted parameters. Never purchased: n = 0, observed 0, counted from joining.
 */
export function churnRisk(facts: StageFacts, now: Date, r: StageRules): number {
  const v = view(facts, now);
  const history = Math.max(r.activeWindowDays, r.churnedDays);
  const n = v.bought.filter((p) => daysBetween(shanghaiDay(p.at), v.anchor) < history).length;
  const observed = Math.min(Math.max(daysBetween(v.joinDay, v.anchor), 0), history);
  const rate = (n + r.risk.priorOrders) / (observed + r.risk.priorDays);
  return Math.round(100 * (1 - Math.exp(-rate * Math.max(v.quiet, 0))));
}

/** The purchases worth keeping: newest first, one per order, those within the history window before the latest. */
export function keptPurchases(purchases: Purchase[]): Purchase[] {
  const sorted = [...new Map(purchases.map((p) => [p.orderId, p])).values()].sort(byNewest);
  if (sorted.length === 0) return [];
  const latest = shanghaiDay(sorted[0].at);
  return sorted.filter((p) => daysBetween(shanghaiDay(p.at), latest) < HISTORY_DAYS).slice(0, MAX_PURCHASES);
}

export interface StageTransition { from: Stage; to: Stage; at: Date; fromSince: Date }

export interface LifecycleUpdate { lifecycle: LifecycleState; riskScore: number; transition: StageTransition | null }

/**
 * The member's lifecycle after an event or the passing of time. `purchases` are the member's kept purchases with
 * the event applied (an order added, a fully refunded order removed). By time (`review`, the daily job): a change is dated
 * when it happened by the calendar (e.g. the day the 60th quiet day began), never before the previous stage began;
 * otherwise (an order, a refund) it is dated `now`. No previous state (a member from before stages): the stage is
 * set without a transition.
 */
export function updateLifecycle(before: LifecycleState | null | undefined, joinedAt: Date, purchases: Purchase[], now: Date, r: StageRules, cause: StageCause): LifecycleUpdate {
  const byTime = cause === 'review';
  const kept = keptPurchases(purchases);
  const facts = { joinedAt, purchases: kept };
  const judged = stageAt(facts, now, r);
  // 活跃 is entered by frequency and kept by recency: an active member whose older orders leave the window (or who
  // buys again) stays 活跃 until 沉睡; only a refund judges afresh (the refunded order should never have counted).
  const { stage, startsAt } = before?.stage === 'active' && judged.stage === 'occasional' && cause !== 'refund' ? { stage: 'active' as const, startsAt: null } : judged;
  const riskScore = churnRisk(facts, now, r);
  if (!before) return { lifecycle: { stage, since: startsAt ?? now, previous: null, purchases: kept }, riskScore, transition: null };
  if (before.stage === stage) return { lifecycle: { ...before, purchases: kept }, riskScore, transition: null };
  const natural = byTime && startsAt ? startsAt.getTime() : now.getTime();
  const since = new Date(Math.min(now.getTime(), Math.max(before.since.getTime(), natural)));
  return {
    lifecycle: { stage, since, previous: before.stage, purchases: kept },
    riskScore,
    transition: { from: before.stage, to: stage, at: since, fromSince: before.since },
  };
}

/** The transitions log's key: one leaving of one stage instance, so a replay or a second job run never logs twice. */
export const transitionId = (openid: string, t: Pick<StageTransition, 'from' | 'to' | 'fromSince'>) => `${openid}|${t.from}|${t.fromSince.getTime()}|${t.to}`;

/** The stored state with dates revived. */
export function reviveLifecycle(x: unknown): LifecycleState | null {
  if (!x || typeof x !== 'object') return null;
  const l = x as { stage: Stage; since: Date | string; previous?: Stage | null; purchases?: { orderId: string; at: Date | string }[] };
  return { stage: l.stage, since: new Date(l.since), previous: l.previous ?? null, purchases: (l.purchases ?? []).map((p) => ({ orderId: p.orderId, at: new Date(p.at) })) };
}

/** What changes the stage: an order (its purchase added), a refund (a fully refunded order's purchase removed), time. */
export type StageCause = 'order' | 'refund' | 'review';

export interface StageStep {
  fields: { lifecycle: LifecycleState; riskScore: number };
  /** The transition's log document, when the stage changed. */
  inserts: Array<{ collection: 'lifecycle_transitions'; doc: import('./documents').LifecycleTransitionDoc }>;
  /** When the daily job must look at the member for the next time-driven change (null: none due by time). */
  nextAt: Date | null;
}

/**
 * One member write's stage part: the new lifecycle and risk score, the transition to log (keyed by transitionId,
 * inserted in the member's transaction: a replay or a second job run finds the stage already changed, and an
 * insert of the same key would fail the transaction rather than log twice).
 */
export function stageStep(
  member: { openid: string; memberNo: string; createdAt: Date; lifecycle?: LifecycleState | null },
  change: { add?: Purchase; remove?: string; backfill?: Purchase[] },
  now: Date, r: StageRules, cause: StageCause, ref: string | null,
): StageStep {
  const before = member.lifecycle ?? null;
  const base = [...(before?.purchases ?? change.backfill ?? []), ...(change.add ? [change.add] : [])].filter((p) => p.orderId !== change.remove);
  const up = updateLifecycle(before, member.createdAt, base, now, r, cause);
  const inserts: StageStep['inserts'] = up.transition ? [{
    collection: 'lifecycle_transitions',
    doc: {
      _id: transitionId(member.openid, up.transition), openid: member.openid, memberNo: member.memberNo,
      from: up.transition.from, to: up.transition.to, at: up.transition.at, month: shanghaiDay(up.transition.at).slice(0, 7),
      cause, ref, riskScore: up.riskScore, createdAt: now,
    },
  }] : [];
  return { fields: { lifecycle: up.lifecycle, riskScore: up.riskScore }, inserts, nextAt: nextStageChangeAt({ joinedAt: member.createdAt, purchases: up.lifecycle.purchases }, now, r) };
}

/** A member write with the stage step merged in: its fields, its log insert, and reviewAt no later than the next change. */
export function withStage<W extends { fields: { reviewAt: Date }; inserts?: import('./documents').Insert[]; updates?: import('./documents').Update[] }>(write: W, step: StageStep): W {
  const reviewAt = step.nextAt && step.nextAt < write.fields.reviewAt ? step.nextAt : write.fields.reviewAt;
  return { ...write, fields: { ...write.fields, ...step.fields, reviewAt }, inserts: [...(write.inserts ?? []), ...step.inserts] };
}
