// The automation engine (function `automation`, its timer): reads trigger events from documents the platform already
// writes, with a resumable cursor per source (new members by createdAt, paid orders, tier-change messages, lifecycle
// transitions), then a daily pass over the members in chunks (points expiring, birthday month, broken streaks,
// silence, close to the next tier, schedules). Each (rule, member, occurrence) is one run (core/automation.ts):
//   - already in automation_runs: nothing (a second job run, a retry, a concurrent run: all harmless);
//   - skipped (unknown or frozen member, conditions not met): the skip is logged with its reason;
//   - acting: one member transaction writes the run, its grants (a ledger lot keyed by the run key), its vouchers,
//     messages, tags and follow-up tasks, the per-member limit counter and the rule's budget counter (read in the
//     transaction: two runs spending one budget at once conflict and one retries, so the budget is never exceeded);
//     a run over its limit or budget is logged as skipped instead.
// No hot path is touched: everything is read after the fact from what they wrote.
import type { AutomationAction, AutomationEvent, AutomationRule, AutomationRuleDoc, AutomationRunDoc, Cost, DailyFacts, Occurrence, SkipReason } from '../core/automation';
import {
  costOf, dailyOccurrence, decide, DAILY_KINDS, eventMatches, eventOccurrence, limitKey, logsSkip, messageAvailableAt, periodKey, runKey, taskDueDay, voucherExpiresAt,
} from '../core/automation';
import { PLAYBOOK } from '../core/automationPlaybook';
import { checkinStateOf } from '../core/checkin';
import { voucherCodeFor } from '../core/codes';
import type { LoyaltyConfig } from '../core/config';
import type { BenefitVoucherDoc, Insert, MemberDoc, Stored, Update } from '../core/documents';
import { planEarn, unchangedPlan } from '../core/ledger';
import type { Stage } from '../core/lifecycleStage';
import { pointsStateOf } from '../core/member';
import { messageDoc, messageId } from '../core/notify';
import { nextReviewAt } from '../core/reviewSchedule';
import { matchesSegment, memberFacts } from '../core/segments';
import { shanghaiDay } from '../core/time';
import { tierByLevel, tierProgress } from '../core/tiers';
import { isDuplicateKey, retryOnConflict } from '../runtime/dbErrors';
import type { Database } from '../runtime/dbTypes';
import { isAlreadyWritten } from '../runtime/idempotent';
import { reviveMember, writeMember } from '../runtime/memberRepo';
import { getInTransaction } from '../runtime/transaction';
import { queueNpsSurvey } from '../services/nps';

/** Events are read up to this long ago: a transaction that committed late with an earlier time is still seen. */
export const EVENT_LAG_MS = 60_000;
const PAGE = 100;
const DAY_MS = 86_400_000;

// --- rules ---

export function reviveRule(d: Stored<AutomationRuleDoc>): AutomationRule {
  return {
    id: d._id, name: d.name, description: d.description, trigger: d.trigger as AutomationRule['trigger'], conditions: (d.conditions ?? null) as AutomationRule['conditions'],
    actions: d.actions as AutomationAction[], limits: d.limits as AutomationRule['limits'], status: d.status, version: d.version, liveSince: d.liveSince ? new Date(d.liveSince) : null, segmentVersion: d.segmentVersion ?? null,
  };
}

/** Every rule: the saved ones, and the playbook's never saved (drafts, version 0). */
export async function allRules(db: Database): Promise<{ rules: AutomationRule[]; docs: Map<string, Stored<AutomationRuleDoc>> }> {
  const { data } = await db.collection('automation_rules').limit(1000).get();
  const docs = new Map(data.map((d) => [d._id, d]));
  const saved = data.map(reviveRule);
  const rules = [...PLAYBOOK.filter((p) => !docs.has(p.id)), ...saved];
  return { rules, docs };
}

export async function liveRules(db: Database): Promise<AutomationRule[]> {
  const { data } = await db.collection('automation_rules').where({ status: 'live' }).limit(1000).get();
  return data.map(reviveRule);
}

// --- one run ---

export interface RunOutcome { outcome: 'acted' | 'skipped' | null; reason?: SkipReason | null }

export interface EngineContext { db: Database; now: Date; config: LoyaltyConfig; secret: string }

const runDoc = (rule: AutomationRule, member: { openid: string; memberNo: string }, occ: Occurrence, outcome: 'acted' | 'skipped', reason: SkipReason | null, cost: Cost, now: Date): AutomationRunDoc => ({
  _id: runKey(rule, member.openid, occ.key), rule: rule.id, version: rule.version, openid: member.openid, memberNo: member.memberNo,
  occurrence: occ.key, trigger: rule.trigger.kind, ref: occ.ref, outcome, reason,
  points: cost.points, vouchers: cost.vouchers, messages: cost.messages, tasks: cost.tasks, createdAt: now,
});

const NO_COST: Cost = { points: 0, vouchers: 0, messages: 0, tasks: 0 };

async function logSkip(db: Database, doc: AutomationRunDoc): Promise<boolean> {
  try {
    await retryOnConflict(() => db.collection('automation_runs').add({ data: doc }));
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Whether the member's conditions hold (the segment language on the member's facts). */
export function conditionsHold(rule: Pick<AutomationRule, 'conditions'>, member: MemberDoc, now: Date): boolean {
  if (!rule.conditions) return true;
  return matchesSegment(rule.conditions, memberFacts(member as never, now));
}

/** The store a follow-up goes to: where the member last bought (the activity summary, else their latest order). */
async function storeOf(db: Database, member: MemberDoc): Promise<string | null> {
  const fromActivity = (member as { activity?: { stores?: Array<{ k: string }> } }).activity?.stores?.[0]?.k;
  if (fromActivity) return fromActivity;
  const { data } = await db.collection('orders').where({ openid: member.openid }).orderBy('paidAt', 'desc').limit(1).get();
  return (data[0]?.storeId as string | null | undefined) ?? null;
}

const tagsAfter = (tags: string[], actions: AutomationAction[]) => {
  const set = new Set(tags);
  for (const a of actions) {
    if (a.kind === 'addTag') set.add(a.tag);
    if (a.kind === 'removeTag') set.delete(a.tag);
  }
  return [...set];
};

/**
 * One run of a rule for a member on an occurrence. `known` says the run key is already logged (read in bulk).
 * Answers what happened (null: no run, it was already there or the rule does not apply).
 */
export async function runRule(ctx: EngineContext, rule: AutomationRule, openid: string, member: MemberDoc | null, occ: Occurrence, known = false): Promise<RunOutcome> {
  const { db, now } = ctx;
  const matches = member ? conditionsHold(rule, member, now) : false;
  const first = decide({ rule, occurrence: occ, alreadyRun: known, member: member ? { frozen: !!member.frozen } : null, matches, actedInPeriod: 0, spent: { points: 0, vouchers: 0 } });
  if (!first.run) return { outcome: null };
  const who = member ?? { openid, memberNo: '' };
  if (!first.act) {
    if (!logsSkip(rule.trigger, first.reason)) return { outcome: null };
    return (await logSkip(db, runDoc(rule, who, occ, 'skipped', first.reason, NO_COST, now))) ? { outcome: 'skipped', reason: first.reason } : { outcome: null };
  }
  const m = member as MemberDoc;
  const key = runKey(rule, openid, occ.key);
  const period = periodKey(rule.limits.perMember.period, now);
  const limitId = limitKey(rule.id, openid, period);
  const needsStore = rule.actions.some((a) => a.kind === 'createTask');
  const storeId = needsStore ? await storeOf(db, m) : null;
  try {
    const result = await writeMember(db, openid, {
      now, tries: 30,
      inTx: async (tx) => {
        const [run, limit, budget] = await Promise.all([
          getInTransaction(tx, 'automation_runs', key), getInTransaction(tx, 'automation_limits', limitId), getInTransaction(tx, 'automation_budgets', rule.id),
        ]);
        return { run, limit, budget };
      },
    }, ({ member: current, lots, inTx }): { write: Parameters<typeof persistShape>[0] | null; result: RunOutcome & { skip?: AutomationRunDoc } } => {
      const decision = decide({
        rule, occurrence: occ, alreadyRun: !!inTx.run, member: { frozen: !!current.frozen }, matches: true,
        actedInPeriod: inTx.limit?.count ?? 0, spent: { points: inTx.budget?.points ?? 0, vouchers: inTx.budget?.vouchers ?? 0 },
      });
      if (!decision.run) return { write: null, result: { outcome: null } };
      if (!decision.act) return { write: null, result: { outcome: 'skipped', reason: decision.reason, skip: runDoc(rule, current, occ, 'skipped', decision.reason, NO_COST, now) } };
      const cost = decision.cost;
      const inserts: Insert[] = [{ collection: 'automation_runs', doc: runDoc(rule, current, occ, 'acted', null, cost, now) }];
      const updates: Update[] = [];
      if (inTx.limit) updates.push({ collection: 'automation_limits', id: limitId, data: { count: inTx.limit.count + 1, updatedAt: now } });
      else inserts.push({ collection: 'automation_limits', doc: { _id: limitId, rule: rule.id, openid, period, count: 1, updatedAt: now } });
      if (cost.points > 0 || cost.vouchers > 0) {
        if (inTx.budget) updates.push({ collection: 'automation_budgets', id: rule.id, data: { points: inTx.budget.points + cost.points, vouchers: inTx.budget.vouchers + cost.vouchers, updatedAt: now } });
        else inserts.push({ collection: 'automation_budgets', doc: { _id: rule.id, points: cost.points, vouchers: cost.vouchers, updatedAt: now } });
      }
      let ledger = unchangedPlan(pointsStateOf(current, lots), now);
      let granted = false;
      rule.actions.forEach((a, i) => {
        const suffix = i === 0 ? '' : `:${i}`;
        switch (a.kind) {
          case 'grantPoints':
            ledger = planEarn(ledger.state, { amount: a.points, key: `auto:${key}${suffix}`, reason: a.reason, ref: rule.id, issuer: `automation:${rule.id}`, at: now }, ctx.config);
            granted = true;
            break;
          case 'issueVoucher':
            inserts.push({ collection: 'benefit_vouchers', doc: voucherDoc(rule, a, current, `${key}${suffix}`, ctx.secret, now) });
            break;
          case 'sendMessage':
            inserts.push({ collection: 'messages', doc: messageDoc({
              id: messageId('automation', openid, `${rule.id}:v${rule.version}:${occ.key}${suffix}`), openid, key: 'automation', source: `automation:${rule.id}`,
              variables: { title: a.title, body: a.body, at: now.toISOString() }, availableAt: messageAvailableAt(now, rule.limits.quietHours),
            }, now) });
            break;
          case 'createTask':
            inserts.push({ collection: 'followup_tasks', doc: {
              _id: `task:${key}${suffix}`, openid, memberNo: current.memberNo, nickname: current.nickname, storeId, rule: rule.id, ruleName: rule.name, run: key,
              reason: a.reason, dueDay: taskDueDay(now, a.dueDays), month: shanghaiDay(now).slice(0, 7), status: 'open', outcome: null, note: null,
              doneBy: null, doneByName: null, doneAt: null, requestId: null, createdAt: now, updatedAt: now,
            } });
            break;
          default: break;
        }
      });
      const fields: Record<string, unknown> = {};
      if (rule.actions.some((a) => a.kind === 'addTag' || a.kind === 'removeTag')) fields.tags = tagsAfter(((current as { tags?: string[] }).tags ?? []), rule.actions);
      if (granted) fields.reviewAt = nextReviewAt({ lots: ledger.state.lots, tier: current, previous: current.reviewAt, now });
      return { write: { ledger: granted ? ledger : undefined, fields: fields as never, inserts, updates }, result: { outcome: 'acted' } };
    });
    if (result.skip) {
      const { skip, ...rest } = result;
      return (await logSkip(db, skip)) ? rest : { outcome: null };
    }
    // The NPS survey has its own once-a-quarter document and transaction: queued after the run is logged (a crash in
    // between loses this survey, never sends one the log does not show).
    if (result.outcome === 'acted' && rule.actions.some((a) => a.kind === 'npsSurvey')) {
      await queueNpsSurvey(db, openid, rule.trigger.kind === 'orderPaid' ? occ.ref : null, now, `automation:${rule.id}`)
        .catch((err) => console.error(`[automation] nps survey of ${key} failed`, err));
    }
    return result;
  } catch (err) {
    // The run key (or its ledger key) already written: a concurrent run of the same key won.
    if (isAlreadyWritten(err)) return { outcome: null };
    throw err;
  }
}

// Only for typing the plan's write (memberRepo's MemberWrite).
const persistShape = (w: import('../runtime/memberRepo').MemberWrite) => w;

function voucherDoc(rule: AutomationRule, a: Extract<AutomationAction, { kind: 'issueVoucher' }>, m: MemberDoc, unit: string, secret: string, now: Date): BenefitVoucherDoc {
  const id = `av_${unit.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const code = voucherCodeFor(secret, id);
  return {
    _id: id, openid: m.openid, memberNo: m.memberNo, benefitKey: `auto_${rule.id}`, title: a.title, description: a.description,
    level: m.tierLevel, record: `auto_${rule.id}`, period: shanghaiDay(now), faceValueFen: a.faceValueFen, issuerFormat: a.formats[0] ?? '',
    status: 'issued', voucherCode: code, voucher: { code, expiresAt: voucherExpiresAt(now, a.validDays), storeIds: a.storeIds, formats: a.formats },
    used: null, cancelled: null, issuedBy: 'job', createdAt: now, updatedAt: now,
  };
}

// --- event sources ---

interface Source {
  id: 'registered' | 'orderPaid' | 'tierChanged' | 'stageChanged' | 'segmentEvent';
  /** The trigger kinds it feeds. */
  kinds: readonly string[];
  collection: 'members' | 'orders' | 'messages' | 'lifecycle_transitions' | 'segment_events';
  where: Record<string, unknown>;
  event: (d: Record<string, any>) => AutomationEvent | null;
}

const SOURCES: Source[] = [
  { id: 'registered', kinds: ['registered'], collection: 'members', where: {}, event: (d) => ({ kind: 'registered', openid: d._id, at: new Date(d.createdAt), ref: d._id }) },
  { id: 'orderPaid', kinds: ['orderPaid'], collection: 'orders', where: {}, event: (d) => ({ kind: 'orderPaid', openid: d.openid, at: new Date(d.paidAt ?? d.createdAt), ref: d._id, paidFen: d.paidFen ?? 0 }) },
  {
    id: 'tierChanged', kinds: ['tierChanged'], collection: 'messages', where: { key: 'tierChanged' },
    event: (d) => ({ kind: 'tierChanged', openid: d.openid, at: new Date(d.createdAt), ref: String(d._id).split(':').pop() as string, fromLevel: Number(d.variables?.fromLevel), toLevel: Number(d.variables?.toLevel) }),
  },
  {
    id: 'stageChanged', kinds: ['stageChanged'], collection: 'lifecycle_transitions', where: {},
    event: (d) => ({ kind: 'stageChanged', openid: d.openid, at: new Date(d.at), ref: `${d.to}-${shanghaiDay(new Date(d.at))}`, from: d.from as Stage, to: d.to as Stage }),
  },
  {
    id: 'segmentEvent', kinds: ['segmentEntered', 'segmentLeft'], collection: 'segment_events', where: {},
    event: (d) => ({ kind: d.kind === 'enter' ? 'segmentEntered' : 'segmentLeft', openid: d.openid, at: new Date(d.at ?? d.createdAt), ref: String(d._id), segment: String(d.segmentId), version: Number(d.version) }),
  },
];

async function membersById(db: Database, ids: string[]): Promise<Map<string, MemberDoc>> {
  if (ids.length === 0) return new Map();
  const { data } = await db.collection('members').where({ _id: db.command.in([...new Set(ids)]) }).limit(ids.length).get();
  return new Map(data.map((d) => [String(d._id), reviveMember(d)]));
}

async function knownRuns(db: Database, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    const { data } = await db.collection('automation_runs').where({ _id: db.command.in(part) }).field({ _id: true }).limit(part.length).get();
    for (const d of data) out.add(String(d._id));
  }
  return out;
}

export interface PassCounts { events: number; acted: number; skipped: number; remaining: boolean }

/** Runs the rules of each event of one source from its cursor, a page at a time, until caught up or out of time. */
async function readSource(ctx: EngineContext, source: Source, rules: AutomationRule[], deadline: number, counts: PassCounts): Promise<void> {
  const { db, now } = ctx;
  const _ = db.command;
  const until = new Date(now.getTime() - EVENT_LAG_MS);
  const cursorDoc = (await db.collection('automation_cursors').where({ _id: source.id }).get()).data[0];
  const mine = rules.filter((r) => source.kinds.includes(r.trigger.kind));
  // No live rule reads this source: move the cursor up (switching a rule on never replays what came before).
  if (mine.length === 0) {
    await db.collection('automation_cursors').doc(source.id).set({ data: { at: until, id: '', updatedAt: now } });
    return;
  }
  let cursor = cursorDoc ? { at: new Date(cursorDoc.at), id: cursorDoc.id } : { at: new Date(Math.min(...mine.map((r) => (r.liveSince ?? now).getTime())) - 1), id: '' };
  const field = 'createdAt';
  while (Date.now() < deadline) {
    // segment_events is the segments function's collection (not typed in core/documents.ts in every checkout).
    const { data } = await db.collection(source.collection as 'orders').where(_.and([
      source.where,
      { [field]: _.lte(until) },
      _.or([{ [field]: _.gt(cursor.at) }, { [field]: cursor.at, _id: _.gt(cursor.id) }]),
    ]) as never).orderBy(field, 'asc').orderBy('_id', 'asc').limit(PAGE).get();
    if (data.length === 0) break;
    const events = data.map((d) => source.event(d as Record<string, any>)).filter((e): e is AutomationEvent => e !== null && !!e.openid);
    const members = await membersById(db, events.map((e) => e.openid));
    const pairs = events.flatMap((e) => mine.filter((r) => eventMatches(r.trigger, e, r.segmentVersion ?? null)).map((r) => ({ e, r, occ: eventOccurrence(e) })));
    const known = await knownRuns(db, pairs.map((p) => runKey(p.r, p.e.openid, p.occ.key)));
    for (const p of pairs) {
      const out = await runRule(ctx, p.r, p.e.openid, members.get(p.e.openid) ?? null, p.occ, known.has(runKey(p.r, p.e.openid, p.occ.key)));
      if (out.outcome === 'acted') counts.acted += 1;
      if (out.outcome === 'skipped') counts.skipped += 1;
    }
    counts.events += events.length;
    const last = data[data.length - 1] as Record<string, any>;
    cursor = { at: new Date(last[field]), id: String(last._id) };
    await db.collection('automation_cursors').doc(source.id).set({ data: { at: cursor.at, id: cursor.id, updatedAt: now } });
    if (data.length < PAGE) return;
  }
  if (Date.now() >= deadline) counts.remaining = true;
}

// --- the daily pass ---

export function dailyFacts(m: MemberDoc, config: LoyaltyConfig): DailyFacts {
  const state = checkinStateOf(m.checkin);
  const lastRun = state.runs[state.runs.length - 1];
  const tier = tierByLevel(m.tierLevel, config.tiers);
  const { nextTier } = tierProgress(m.growth.total, tier, config.tiers);
  return {
    openid: m.openid, createdAt: m.createdAt, lastActiveAt: m.lastActiveAt ?? m.createdAt,
    lots: (m.points.lots ?? []).map((l) => ({ remaining: l.remaining, expiresAt: l.expiresAt ? new Date(l.expiresAt) : null })),
    birthdayMonth: m.birthday?.month ?? null,
    lastCheckinDay: lastRun?.to ?? null,
    lastStreak: lastRun ? Math.round((Date.parse(lastRun.to) - Date.parse(lastRun.from)) / DAY_MS) + 1 : 0,
    growth: m.growth.total,
    nextTier: nextTier ? { level: nextTier.level, threshold: nextTier.threshold, currentMin: tier.minGrowth } : null,
  };
}

async function dailyPass(ctx: EngineContext, rules: AutomationRule[], deadline: number, counts: PassCounts): Promise<{ day: string; done: boolean }> {
  const { db, now } = ctx;
  const _ = db.command;
  const day = shanghaiDay(now);
  const mine = rules.filter((r) => (DAILY_KINDS as readonly string[]).includes(r.trigger.kind));
  const ref = db.collection('automation_daily');
  let doc = (await ref.where({ _id: day }).get()).data[0];
  if (!doc) {
    try {
      await ref.add({ data: { _id: day, cursor: '', status: 'running', signature: '', members: 0, runs: 0, startedAt: now, updatedAt: now } });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    doc = (await ref.where({ _id: day }).get()).data[0];
  }
  if (!doc) return { day, done: true };
  // The day's rules (ids and versions): a rule switched on or edited during the day starts the pass over (its runs are
  // keyed, so members already seen by the other rules cost a read, never a second act).
  const signature = mine.map((r) => `${r.id}:v${r.version}`).sort().join(',');
  if ((doc.signature ?? '') !== signature) {
    await ref.where({ _id: day, cursor: doc.cursor }).update({ data: { cursor: '', status: 'running', signature, updatedAt: now } });
    doc = (await ref.where({ _id: day }).get()).data[0];
    if (!doc) return { day, done: true };
  }
  if (doc.status === 'done') return { day, done: true };
  let cursor = doc.cursor;
  while (Date.now() < deadline) {
    const { data } = await db.collection('members').where(cursor ? { _id: _.gt(cursor) } : {}).orderBy('_id', 'asc').limit(PAGE).get();
    if (data.length === 0 || mine.length === 0) {
      await ref.where({ _id: day, cursor }).update({ data: { status: 'done', updatedAt: now } });
      return { day, done: true };
    }
    const members = data.map(reviveMember);
    const pairs = members.flatMap((m) => {
      const facts = dailyFacts(m, ctx.config);
      return mine.flatMap((r) => {
        const occ = dailyOccurrence(r.trigger, facts, now);
        return occ ? [{ m, r, occ }] : [];
      });
    });
    const known = await knownRuns(db, pairs.map((p) => runKey(p.r, p.m.openid, p.occ.key)));
    let runs = 0;
    for (const p of pairs) {
      const out = await runRule(ctx, p.r, p.m.openid, p.m, p.occ, known.has(runKey(p.r, p.m.openid, p.occ.key)));
      if (out.outcome === 'acted') counts.acted += 1;
      if (out.outcome === 'skipped') counts.skipped += 1;
      if (out.outcome) runs += 1;
    }
    const next = String(members[members.length - 1]._id);
    // A compare-and-set on the cursor: two runs at once move it once per chunk (the runs themselves are keyed).
    await ref.where({ _id: day, cursor }).update({ data: { cursor: next, members: _.inc(members.length), runs: _.inc(runs), updatedAt: now } });
    cursor = next;
    if (data.length < PAGE) {
      await ref.where({ _id: day, cursor }).update({ data: { status: 'done', updatedAt: now } });
      return { day, done: true };
    }
  }
  counts.remaining = true;
  return { day, done: false };
}

/** The timer's run: each event source from its cursor, then the day's pass; within `budgetMs` of wall time. */
export async function runAutomation(ctx: EngineContext, budgetMs: number): Promise<PassCounts & { daily: { day: string; done: boolean } }> {
  // Wall time, not the clock module: the budget is the function's real timeout, which a moved test clock does not move.
  const deadline = Date.now() + budgetMs;
  const rules = await liveRules(ctx.db);
  const counts: PassCounts = { events: 0, acted: 0, skipped: 0, remaining: false };
  for (const source of SOURCES) {
    await readSource(ctx, source, rules, deadline, counts).catch((err) => {
      console.error(`[automation] source ${source.id} failed`, err);
      counts.remaining = true;
    });
  }
  const daily = await dailyPass(ctx, rules, deadline, counts);
  return { ...counts, daily };
}

/** A dry run's cost of one run of the rule. */
export const runCost = (rule: Pick<AutomationRule, 'actions'>): Cost => costOf(rule.actions);
