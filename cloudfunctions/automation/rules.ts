// The console's automation rules: list, save (a new version each time), status (draft / live / paused), dry run and
// the run log. A playbook rule never saved is listed as shipped (version 0) and saved like any other.
import type { Output, ParsedInput } from '../../contract';
import type { AutomationRule, AutomationRuleDoc, AutomationRunDoc, RuleBody, RuleStatus } from '../core/automation';
import { costOf, dailyOccurrence, isEventTrigger, ruleSummary, SKIP_REASON_NAMES } from '../core/automation';
import { playbookRule } from '../core/automationPlaybook';
import type { Stored } from '../core/documents';
import { AppError } from '../core/errors';
import { isDuplicateKey, retryOnConflict } from '../runtime/dbErrors';
import type { Database } from '../runtime/dbTypes';
import { loadConfig } from '../runtime/configStore';
import type { StaffMember } from '../runtime/handler';
import { findMember, reviveMember } from '../runtime/memberRepo';
import { allRules, conditionsHold, dailyFacts, reviveRule } from './engine';
import { pinSegment, unpinSegment } from '../services/segments';

type RuleView = Output<'automation', 'listRules'>['rules'][number];
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const REMEMBERED_REQUESTS = 20;

function view(rule: AutomationRule, doc: Stored<AutomationRuleDoc> | undefined, spent: { points: number; vouchers: number }, runs: { acted: number; skipped: number }): RuleView {
  return {
    id: rule.id, name: rule.name, description: rule.description, trigger: rule.trigger, conditions: rule.conditions, actions: rule.actions, limits: rule.limits,
    status: rule.status, version: rule.version, playbook: doc ? doc.playbook : true, liveSince: iso(rule.liveSince), updatedAt: iso(doc?.updatedAt),
    updatedBy: doc?.lastWrite?.byName ?? null, summary: ruleSummary(rule), spent, runs,
  };
}

async function spentOf(db: Database, ids: string[]) {
  if (ids.length === 0) return new Map<string, { points: number; vouchers: number }>();
  const { data } = await db.collection('automation_budgets').where({ _id: db.command.in(ids) }).limit(ids.length).get();
  return new Map(data.map((d) => [String(d._id), { points: d.points, vouchers: d.vouchers }]));
}

async function runCounts(db: Database, ids: string[]) {
  const out = new Map<string, { acted: number; skipped: number }>();
  if (ids.length === 0) return out;
  const $ = db.command.aggregate;
  const { list } = await db.collection('automation_runs').aggregate().match({ rule: db.command.in(ids) })
    .group({ _id: { rule: '$rule', outcome: '$outcome' }, n: $.sum(1) }).limit(ids.length * 2).end<{ _id: { rule: string; outcome: 'acted' | 'skipped' }; n: number }>();
  for (const row of list) {
    const c = out.get(row._id.rule) ?? { acted: 0, skipped: 0 };
    c[row._id.outcome] = row.n;
    out.set(row._id.rule, c);
  }
  return out;
}

async function viewOf(db: Database, id: string): Promise<RuleView> {
  const { data } = await db.collection('automation_rules').where({ _id: id }).get();
  const doc = data[0];
  const rule = doc ? reviveRule(doc) : playbookRule(id);
  if (!rule) throw new AppError('NOT_FOUND', '自动化规则不存在');
  const [spent, runs] = await Promise.all([spentOf(db, [id]), runCounts(db, [id])]);
  return view(rule, doc, spent.get(id) ?? { points: 0, vouchers: 0 }, runs.get(id) ?? { acted: 0, skipped: 0 });
}

export async function listRules(db: Database): Promise<Output<'automation', 'listRules'>> {
  const { rules, docs } = await allRules(db);
  const ids = rules.map((r) => r.id);
  const [spent, runs] = await Promise.all([spentOf(db, ids), runCounts(db, ids)]);
  const order: Record<RuleStatus, number> = { live: 0, paused: 1, draft: 2 };
  return {
    rules: rules.map((r) => view(r, docs.get(r.id), spent.get(r.id) ?? { points: 0, vouchers: 0 }, runs.get(r.id) ?? { acted: 0, skipped: 0 }))
      .sort((a, b) => order[a.status] - order[b.status] || Number(b.playbook) - Number(a.playbook) || a.id.localeCompare(b.id)),
  };
}

const stale = (doc: Stored<AutomationRuleDoc>) => `规则已被他人修改（${doc.lastWrite?.byName ?? '他人'}，第 ${doc.version} 版），请刷新后重试`;

/** Saves a rule: the first save creates it (version 1, a draft), each later one makes a new version. */
export async function saveRule(db: Database, input: ParsedInput<'automation', 'saveRule'>, by: StaffMember, now: Date): Promise<Output<'automation', 'saveRule'>> {
  const body = input.rule as RuleBody;
  const lastWrite = { requestId: input.requestId, by: by.openid, byName: by.name, at: now };
  const ref = db.collection('automation_rules');
  const { data } = await ref.where({ _id: input.ruleId }).get();
  const doc = data[0];
  if (doc) {
    if (doc.lastWrite?.requestId === input.requestId) return { rule: await viewOf(db, input.ruleId), replayed: true };
    if (input.expectedVersion === undefined) throw new AppError('ALREADY_EXISTS', '规则编号已存在');
    if (input.expectedVersion !== doc.version) throw new AppError('STALE_VERSION', stale(doc));
    const { stats } = await retryOnConflict(() => ref.where({ _id: input.ruleId, version: doc.version }).update({ data: { ...body, version: doc.version + 1, lastWrite, updatedAt: now } as never }));
    if (stats.updated !== 1) {
      const after = (await ref.where({ _id: input.ruleId }).get()).data[0];
      if (after?.lastWrite?.requestId === input.requestId) return { rule: await viewOf(db, input.ruleId), replayed: true };
      throw new AppError('STALE_VERSION', after ? stale(after) : '规则已被他人修改，请刷新后重试');
    }
    return { rule: await viewOf(db, input.ruleId), replayed: false };
  }
  const playbook = playbookRule(input.ruleId);
  if (!playbook && input.expectedVersion !== undefined && input.expectedVersion !== 0) throw new AppError('STALE_VERSION', '规则不存在或已被删除，请刷新后重试');
  if (playbook && (input.expectedVersion ?? 0) !== 0) throw new AppError('STALE_VERSION', '规则已被他人修改，请刷新后重试');
  const created: AutomationRuleDoc = {
    _id: input.ruleId, ...body, status: 'draft', version: 1, liveSince: null, playbook: !!playbook, lastWrite, statusRequests: [], createdAt: now, updatedAt: now,
  };
  try {
    await retryOnConflict(() => ref.add({ data: created }));
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const after = (await ref.where({ _id: input.ruleId }).get()).data[0];
    if (after?.lastWrite?.requestId === input.requestId) return { rule: await viewOf(db, input.ruleId), replayed: true };
    throw new AppError(playbook ? 'STALE_VERSION' : 'ALREADY_EXISTS', playbook ? '规则已被他人修改，请刷新后重试' : '规则编号已存在');
  }
  return { rule: await viewOf(db, input.ruleId), replayed: false };
}

/** Switches a rule's status; going live stamps liveSince (events from before it are never acted on). */
export async function setRuleStatus(db: Database, input: ParsedInput<'automation', 'setRuleStatus'>, by: StaffMember, now: Date): Promise<Output<'automation', 'setRuleStatus'>> {
  const ref = db.collection('automation_rules');
  const mark = `${input.requestId}:${input.status}`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = (await ref.where({ _id: input.ruleId }).get()).data[0];
    if (!doc) {
      const playbook = playbookRule(input.ruleId);
      if (!playbook) throw new AppError('NOT_FOUND', '自动化规则不存在');
      const { id, status: _s, version: _v, liveSince: _l, ...body } = playbook;
      void _s; void _v; void _l;
      const created: AutomationRuleDoc = {
        _id: id, ...body, status: 'draft', version: 1, liveSince: null, playbook: true,
        lastWrite: { requestId: `create-${input.requestId}`, by: by.openid, byName: by.name, at: now }, statusRequests: [], createdAt: now, updatedAt: now,
      };
      try { await ref.add({ data: created }); } catch (err) { if (!isDuplicateKey(err)) throw err; }
      continue;
    }
    if ((doc.statusRequests ?? []).includes(mark)) return { rule: await viewOf(db, input.ruleId), replayed: true };
    const goingLive = input.status === 'live' && doc.status !== 'live';
    const leavingLive = doc.status === 'live' && input.status !== 'live';
    // A rule on entering/leaving a segment pins the segment's version before it goes live (idempotent per rule), so
    // an edit of the segment makes a new version and this rule's audience stays the one it went live with.
    const segmentId = doc.trigger.kind === 'segmentEntered' || doc.trigger.kind === 'segmentLeft' ? doc.trigger.segment : null;
    const pinned = goingLive && segmentId ? await pinSegment(db, segmentId, input.ruleId, now) : null;
    const data = {
      status: input.status, updatedAt: now,
      statusRequests: [...(doc.statusRequests ?? []), mark].slice(-REMEMBERED_REQUESTS),
      ...(goingLive ? { liveSince: now, segmentVersion: pinned?.version ?? null } : {}),
    };
    const { stats } = await retryOnConflict(() => ref.where({ _id: input.ruleId, version: doc.version, status: doc.status }).update({ data: data as never }));
    if (stats.updated === 1) {
      if (leavingLive && segmentId) await unpinSegment(db, segmentId, input.ruleId, now);
      if (goingLive) {
        await db.collection('automation_budgets').add({ data: { _id: input.ruleId, points: 0, vouchers: 0, updatedAt: now } }).catch((err) => { if (!isDuplicateKey(err)) throw err; });
      }
      return { rule: await viewOf(db, input.ruleId), replayed: false };
    }
  }
  throw new AppError('CONFLICT');
}

const DRY_PAGE = 200;

/** How many members the rule would reach now, and what it would cost, over one page of members from the cursor. */
export async function dryRun(db: Database, input: ParsedInput<'automation', 'dryRun'>, now: Date): Promise<Output<'automation', 'dryRun'>> {
  let rule: Pick<AutomationRule, 'trigger' | 'conditions' | 'actions' | 'limits'> & { id?: string };
  if (input.rule) rule = input.rule as RuleBody;
  else if (input.ruleId) {
    const doc = (await db.collection('automation_rules').where({ _id: input.ruleId }).get()).data[0];
    const found = doc ? reviveRule(doc) : playbookRule(input.ruleId);
    if (!found) throw new AppError('NOT_FOUND', '自动化规则不存在');
    rule = found;
  } else throw new AppError('INVALID_INPUT', '请选择规则或填写规则内容');
  const config = await loadConfig(db);
  const _ = db.command;
  const { data } = await db.collection('members').where(input.cursor ? { _id: _.gt(input.cursor) } : {}).orderBy('_id', 'asc').limit(DRY_PAGE).get();
  const members = data.map(reviveMember);
  const reached = members.filter((m) => {
    if (m.frozen) return false;
    if (!isEventTrigger(rule.trigger) && !dailyOccurrence(rule.trigger, dailyFacts(m, config), now)) return false;
    return conditionsHold(rule, m, now);
  });
  const cost = costOf(rule.actions);
  const spent = input.ruleId ? (await db.collection('automation_budgets').where({ _id: input.ruleId }).get()).data[0] : undefined;
  const left = (limit: number | null, used: number) => (limit === null ? null : Math.max(0, limit - used));
  return {
    scanned: members.length, reached: reached.length,
    points: reached.length * cost.points, vouchers: reached.length * cost.vouchers, messages: reached.length * cost.messages, tasks: reached.length * cost.tasks,
    sample: reached.slice(0, 5).map((m) => ({ memberNo: m.memberNo, nickname: m.nickname })),
    nextCursor: members.length === DRY_PAGE ? String(members[members.length - 1]._id) : null,
    budget: { points: left(rule.limits.budget.points, spent?.points ?? 0), vouchers: left(rule.limits.budget.vouchers, spent?.vouchers ?? 0) },
  };
}

const RUNS_PAGE = 50;

export async function runs(db: Database, input: ParsedInput<'automation', 'runs'>): Promise<Output<'automation', 'runs'>> {
  if (!input.ruleId && !input.memberNo) throw new AppError('INVALID_INPUT', '请选择规则或填写会员号');
  const where: Record<string, unknown> = {};
  if (input.ruleId) where.rule = input.ruleId;
  if (input.memberNo) {
    const member = await findMember(db, { memberNo: input.memberNo });
    if (!member) throw new AppError('NOT_FOUND', '会员不存在');
    where.openid = member.openid;
  }
  const offset = input.cursor ? Number(input.cursor) || 0 : 0;
  const [{ data }, { rules }] = await Promise.all([
    db.collection('automation_runs').where(where as never).orderBy('createdAt', 'desc').orderBy('_id', 'asc').skip(offset).limit(RUNS_PAGE + 1).get(),
    allRules(db),
  ]);
  const names = new Map(rules.map((r) => [r.id, r.name]));
  const page = (data as Stored<AutomationRunDoc>[]).slice(0, RUNS_PAGE);
  return {
    runs: page.map((r) => ({
      id: r._id, rule: r.rule, ruleName: names.get(r.rule) ?? r.rule, version: r.version, memberNo: r.memberNo, period: r.occurrence, outcome: r.outcome,
      reason: r.reason, reasonName: r.reason ? SKIP_REASON_NAMES[r.reason] : null, trigger: r.trigger, ref: r.ref,
      points: r.points, vouchers: r.vouchers, messages: r.messages, tasks: r.tasks, at: new Date(r.createdAt).toISOString(),
    })),
    nextCursor: data.length > RUNS_PAGE ? String(offset + RUNS_PAGE) : null,
  };
}
