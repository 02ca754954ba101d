// Experiments' documents (`experiments`) and the live list the earning and check-in paths read with the rules
// (config/loyalty `experiments`, core/experiments.ts LiveExperiment): saved drafts are checked whole; start and stop
// are compare-and-set on the experiment's version, then the live list is rebuilt from the live experiments and
// replaced by a compare-and-set on `experimentsRev` (two starts at once never drop each other).
import type { Output, ParsedInput } from '../../contract';
import { HOLDOUT_ARM, liveForm, overlayProblems, type ExperimentDoc, type LiveExperiment } from '../core/experiments';
import { planProportion } from '../core/experimentStats';
import type { Stored } from '../core/documents';
import { AppError } from '../core/errors';
import { addDays, shanghaiDayStart } from '../core/time';
import { CONFIG_DOC_ID, forgetConfig, loadConfig } from '../runtime/configStore';
import { isDuplicateKey } from '../runtime/dbErrors';
import type { Database } from '../runtime/dbTypes';

export type ExperimentView = Output<'experiments', 'get'>;

const DEFAULT_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Enrolment runs from the planned start day's 00:00 to the end of the planned end day (Shanghai). */
export const enrolment = (x: Pick<Stored<ExperimentDoc>, 'plannedStart' | 'plannedEnd'>) =>
  ({ start: shanghaiDayStart(x.plannedStart), end: shanghaiDayStart(addDays(x.plannedEnd, 1)) });

/** When the result can be read: every member enrolled by the end has had the whole window (the arms apply till then). */
export const readyAt = (x: Pick<Stored<ExperimentDoc>, 'plannedStart' | 'plannedEnd' | 'windowDays'>) => new Date(enrolment(x).end.getTime() + x.windowDays * DAY_MS);

export function view(x: Stored<ExperimentDoc>): ExperimentView {
  return {
    id: x._id, name: x.name, hypothesis: x.hypothesis, status: x.status, version: x.version,
    arms: x.arms.map((a) => ({ id: a.id, name: a.name, share: a.share, overlay: a.overlay as Record<string, unknown>, holdout: a.id === HOLDOUT_ARM })),
    segmentId: x.segmentId, segmentName: x.segmentName,
    plannedStart: x.plannedStart, plannedEnd: x.plannedEnd, windowDays: x.windowDays,
    plan: x.plan, minimum: x.minimum, marginRate: x.marginRate, primaryMetric: x.primaryMetric, guardrails: x.guardrails,
    startedAt: iso(x.startedAt), stoppedAt: iso(x.stoppedAt), updatedAt: iso(x.updatedAt)!, updatedBy: x.updatedBy,
    readyAt: readyAt(x).toISOString(),
  };
}

export async function readExperiment(db: Database, id: string): Promise<Stored<ExperimentDoc>> {
  const { data } = await db.collection('experiments').where({ _id: id }).get();
  if (!data[0]) throw new AppError('NOT_FOUND', '实验不存在');
  return data[0];
}

/** The minimum sample for the arms: the planner with Bonferroni over the treatment arms and the holdout's share. */
export function minimumFor(plan: ExperimentDoc['plan'], arms: ReadonlyArray<{ id: string; share: number }>) {
  const treated = arms.filter((a) => a.id !== HOLDOUT_ARM);
  const holdout = arms.find((a) => a.id === HOLDOUT_ARM)!;
  const smallest = Math.min(...treated.map((a) => a.share));
  const p = planProportion({ ...plan, comparisons: treated.length, ratio: holdout.share / smallest });
  // The smallest treatment arm sets the pace: the others reach their size with it, in proportion to their shares.
  return { perTreatment: p.perTreatment, control: p.control, alphaPerComparison: p.alphaPerComparison };
}

type SaveInput = ParsedInput<'experiments', 'save'>;

function armsProblem(arms: SaveInput['arms']): string | null {
  const ids = arms.map((a) => a.id);
  if (new Set(ids).size !== ids.length) return '实验组编号不能重复';
  const holdouts = arms.filter((a) => a.id === HOLDOUT_ARM);
  if (holdouts.length !== 1) return '需要且只能有一个对照组（编号 holdout）';
  if (Object.keys(holdouts[0].overlay).length) return '对照组不能调整规则';
  const sum = arms.reduce((s, a) => s + a.share, 0);
  if (sum !== 100) return `各组比例之和必须是 100%（现为 ${sum}%）`;
  const empty = arms.find((a) => a.id !== HOLDOUT_ARM && !Object.keys(a.overlay).length);
  if (empty) return `实验组 ${empty.name} 没有调整任何规则`;
  return null;
}

export async function saveDraft(db: Database, input: SaveInput, by: { openid: string }, now: Date): Promise<ExperimentView> {
  if (input.plannedEnd < input.plannedStart) throw new AppError('INVALID_INPUT', '结束日期不能早于开始日期');
  const problem = armsProblem(input.arms);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  const config = await loadConfig(db);
  for (const arm of input.arms) {
    const problems = overlayProblems(config, arm.overlay);
    if (problems.length) throw new AppError('INVALID_INPUT', `实验组 ${arm.name} 的规则调整有误：${problems.join('；')}`);
  }
  let segment: { id: string; name: string; tag: string } | null = null;
  if (input.segmentId) {
    const { data } = await db.collection('segments').where({ _id: input.segmentId }).get();
    const s = data[0];
    if (!s || s.status !== 'live') throw new AppError('NOT_FOUND', '分群不存在或已归档');
    // The hot paths judge eligibility by the segment's tag on the member (kept by the segments timer), not its rule.
    if (!s.tag) throw new AppError('NOT_ELIGIBLE', `分群 ${s.name} 没有设置标签：实验只能用带标签的分群（规则标签）限定参与会员`);
    segment = { id: s._id, name: s.name, tag: s.tag };
  }
  const fields = {
    name: input.name, hypothesis: input.hypothesis ?? '',
    arms: input.arms.map((a) => ({ id: a.id, name: a.name, share: a.share, overlay: a.overlay })),
    segmentId: segment?.id ?? null, segmentName: segment?.name ?? null, segmentTag: segment?.tag ?? null,
    plannedStart: input.plannedStart, plannedEnd: input.plannedEnd, windowDays: input.windowDays ?? DEFAULT_WINDOW_DAYS,
    plan: input.plan, minimum: minimumFor(input.plan, input.arms), marginRate: input.marginRate,
    primaryMetric: 'repurchase' as const, guardrails: ['arpu', 'pointsCost'] as ExperimentDoc['guardrails'],
    lastRequestId: input.requestId, updatedAt: now, updatedBy: by.openid,
  };
  if (input.expectedVersion === undefined) {
    const doc: ExperimentDoc = { _id: input.experimentId, salt: `${input.experimentId}:${now.getTime()}`, status: 'draft', version: 1, startedAt: null, stoppedAt: null, createdAt: now, ...fields };
    try {
      await db.collection('experiments').add({ data: doc });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const existing = await readExperiment(db, input.experimentId);
      if (existing.lastRequestId === input.requestId) return view(existing); // a double click
      throw new AppError('ALREADY_EXISTS', '实验编号已被使用');
    }
    return view(doc as unknown as Stored<ExperimentDoc>);
  }
  const before = await readExperiment(db, input.experimentId);
  if (before.lastRequestId === input.requestId) return view(before);
  if (before.status !== 'draft') throw new AppError('NOT_ELIGIBLE', '实验已启动，不能再修改（固定方案，避免边看边改）');
  const _ = db.command;
  const { stats } = await db.collection('experiments').where({ _id: input.experimentId, version: input.expectedVersion })
    .update({ data: { ...fields, arms: _.set(fields.arms), plan: _.set(fields.plan), minimum: _.set(fields.minimum), version: input.expectedVersion + 1 } });
  if (stats.updated !== 1) throw new AppError('STALE_VERSION', '实验已被他人修改，请刷新后重试');
  return view(await readExperiment(db, input.experimentId));
}

/** Rebuilds the config document's live list from the live experiments (compare-and-set on experimentsRev). */
export async function syncLive(db: Database, by: { openid: string }, now: Date): Promise<LiveExperiment[]> {
  const _ = db.command;
  for (let attempt = 0; attempt < 10; attempt++) {
    const [{ data: cfg }, { data: live }] = await Promise.all([
      db.collection('config').where({ _id: CONFIG_DOC_ID }).field({ experimentsRev: true, version: true }).get(),
      db.collection('experiments').where({ status: 'live' }).limit(100).get(),
    ]);
    const list = live.map((x) => liveForm({ id: x._id, salt: x.salt, arms: x.arms, segmentTag: x.segmentTag, ...enrolment(x), until: readyAt(x) }));
    if (!cfg[0]) {
      // No rules saved yet: the document is created as rules version 1 with no overrides (the default rules), with
      // its history entry, as admin.setConfig would; the rules editor then edits version 1.
      const doc = { rules: {}, version: 1, updatedAt: now, updatedBy: by.openid, note: '启动实验时创建（默认规则）', rollbackOf: null, requestId: null };
      try {
        await db.collection('config').add({ data: { _id: CONFIG_DOC_ID, ...doc, experiments: list, experimentsRev: 1 } });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        continue;
      }
      await db.collection('config_history').add({ data: { _id: `${CONFIG_DOC_ID}:1`, ...doc } }).catch((err) => { if (!isDuplicateKey(err)) throw err; });
      forgetConfig();
      return list;
    }
    const rev = cfg[0].experimentsRev ?? 0;
    const { stats } = await db.collection('config').where({ _id: CONFIG_DOC_ID, experimentsRev: rev === 0 ? _.exists(false) : rev })
      .update({ data: { experiments: _.set(list), experimentsRev: rev + 1 } });
    if (stats.updated === 1) {
      forgetConfig();
      return list;
    }
  }
  throw new AppError('CONFLICT');
}

async function setStatus(db: Database, id: string, expectedVersion: number, from: ExperimentDoc['status'], patch: Partial<ExperimentDoc> & { updatedAt: Date; updatedBy: string }, refusal: string): Promise<ExperimentView> {
  const before = await readExperiment(db, id);
  // A replay of this very change (its answer lost, or the live list not written after it): the list is rebuilt.
  if (before.status === patch.status && before.version === expectedVersion + 1) {
    await syncLive(db, { openid: patch.updatedBy }, patch.updatedAt);
    return view(before);
  }
  if (before.version !== expectedVersion) throw new AppError('STALE_VERSION', '实验已被他人修改，请刷新后重试');
  if (before.status !== from) throw new AppError('NOT_ELIGIBLE', refusal);
  const { stats } = await db.collection('experiments').where({ _id: id, version: expectedVersion, status: from }).update({ data: { ...patch, version: expectedVersion + 1 } });
  if (stats.updated !== 1) throw new AppError('STALE_VERSION', '实验已被他人修改，请刷新后重试');
  await syncLive(db, { openid: patch.updatedBy }, patch.updatedAt);
  return view(await readExperiment(db, id));
}

export async function start(db: Database, input: ParsedInput<'experiments', 'start'>, by: { openid: string }, now: Date): Promise<ExperimentView> {
  const x = await readExperiment(db, input.experimentId);
  if (x.status === 'draft' && enrolment(x).end.getTime() <= now.getTime()) throw new AppError('NOT_ELIGIBLE', '计划结束日期已过，请修改日期后再启动');
  // The arms are checked again over today's rules (they may have changed since the draft was saved).
  const config = await loadConfig(db);
  for (const arm of x.arms) {
    const problems = overlayProblems(config, arm.overlay);
    if (problems.length) throw new AppError('INVALID_INPUT', `实验组 ${arm.name} 的规则调整与当前规则不符：${problems.join('；')}`);
  }
  return setStatus(db, input.experimentId, input.expectedVersion, 'draft', { status: 'live', startedAt: now, updatedAt: now, updatedBy: by.openid }, x.status === 'live' ? '实验已在进行中' : '实验已停止，不能再次启动');
}

export async function stop(db: Database, input: ParsedInput<'experiments', 'stop'>, by: { openid: string }, now: Date): Promise<ExperimentView> {
  return setStatus(db, input.experimentId, input.expectedVersion, 'live', { status: 'stopped', stoppedAt: now, updatedAt: now, updatedBy: by.openid }, '只有进行中的实验可以停止');
}
