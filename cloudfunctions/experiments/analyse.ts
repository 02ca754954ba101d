// experiments.analyse: reads the exposed members (member.experiments.<id>) a page at a time, their orders and points
// entries around each member's own exposure in batches of members, and computes the result with the core
// (core/experimentStats.ts): the SRM check first, then per treatment arm against the holdout the primary metric
// (repurchase within the window), ARPU (winsorised, CUPED on pre-period spend, Welch), points issued per member,
// the incremental margin, and the fixed-horizon verdict.
import type { Output } from '../../contract';
import { HOLDOUT_ARM, type ExperimentDoc } from '../core/experiments';
import {
  incrementalMargin, moneyTest, sampleRatioMismatch, twoProportionTest, verdict, welchTest, type MeanTest, type Unit,
} from '../core/experimentStats';
import type { Stored } from '../core/documents';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import { enrolment, readExperiment, readyAt, view } from './store';

const DAY_MS = 86_400_000;
const PAGE = 1000;
const BATCH = 100;

/** One exposed member's numbers in the experiment. */
export interface MemberOutcome {
  openid: string;
  arm: string;
  exposedAt: Date;
  /** A paid order (not fully refunded) after the exposure, within the window. */
  repurchased: boolean;
  /** Net GMV (paid − refunded, fen) of orders after the exposure within the window. */
  gmvFen: number;
  /** Net GMV in the window's length before the exposure (the exposure order included), for CUPED. */
  preFen: number;
  /** Points earned less points reversed from the exposure to the end of the window. */
  points: number;
}

async function exposedMembers(db: Database, id: string): Promise<Array<{ openid: string; arm: string; at: Date }>> {
  const _ = db.command;
  const out: Array<{ openid: string; arm: string; at: Date }> = [];
  let last = '';
  for (;;) {
    const { data } = await db.collection('members')
      .where({ [`experiments.${id}`]: _.exists(true), ...(last ? { _id: _.gt(last) } : {}) })
      .field({ experiments: true, experimentsAt: true }).orderBy('_id', 'asc').limit(PAGE).get();
    for (const m of data) {
      const arm = m.experiments?.[id];
      const at = m.experimentsAt?.[id];
      if (typeof arm === 'string' && at) out.push({ openid: m._id, arm, at: new Date(at) });
    }
    if (data.length < PAGE) return out;
    last = data[data.length - 1]._id;
  }
}

/** Every document of a query on a batch of members, paged by _id. */
async function pages<T extends { _id: string }>(read: (after: string) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  let after = '';
  for (;;) {
    const page = await read(after);
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]._id;
  }
}

/** The outcomes of exposed members: their orders and points entries read in batches of BATCH members. */
export async function outcomes(db: Database, x: Stored<ExperimentDoc>): Promise<MemberOutcome[]> {
  const _ = db.command;
  const windowMs = x.windowDays * DAY_MS;
  const exposed = await exposedMembers(db, x._id);
  const result: MemberOutcome[] = [];
  for (let i = 0; i < exposed.length; i += BATCH) {
    const batch = exposed.slice(i, i + BATCH);
    const ids = batch.map((m) => m.openid);
    const from = new Date(Math.min(...batch.map((m) => m.at.getTime())) - windowMs);
    const to = new Date(Math.max(...batch.map((m) => m.at.getTime())) + windowMs);
    const after = (a: string) => (a ? { _id: _.gt(a) } : {});
    const [orders, entries] = await Promise.all([
      pages((a) => db.collection('orders').where({ openid: _.in(ids), paidAt: _.gte(from).and(_.lte(to)), ...after(a) })
        .field({ openid: true, paidAt: true, paidFen: true, status: true, rewards: true }).orderBy('_id', 'asc').limit(PAGE).get().then((r) => r.data)),
      pages((a) => db.collection('point_ledger').where({ openid: _.in(ids), type: _.in(['earn', 'reverse']), createdAt: _.gte(new Date(from.getTime() + windowMs)).and(_.lte(to)), ...after(a) })
        .field({ openid: true, amount: true, createdAt: true }).orderBy('_id', 'asc').limit(PAGE).get().then((r) => r.data)),
    ]);
    const byMember = new Map(batch.map((m) => [m.openid, { openid: m.openid, arm: m.arm, exposedAt: m.at, repurchased: false, gmvFen: 0, preFen: 0, points: 0 } as MemberOutcome]));
    for (const o of orders) {
      const m = byMember.get(o.openid);
      if (!m) continue;
      const t = new Date(o.paidAt).getTime();
      const at = m.exposedAt.getTime();
      const net = o.paidFen - (o.rewards?.refundedFen ?? 0);
      if (t > at && t <= at + windowMs) {
        m.gmvFen += net;
        if (o.status !== 'refunded') m.repurchased = true;
      } else if (t <= at && t > at - windowMs) m.preFen += net;
    }
    for (const e of entries) {
      const m = byMember.get(e.openid);
      if (!m) continue;
      const t = new Date(e.createdAt).getTime();
      if (t >= m.exposedAt.getTime() && t <= m.exposedAt.getTime() + windowMs) m.points += e.amount;
    }
    result.push(...byMember.values());
  }
  return result;
}

const meanOut = (t: MeanTest) => ({ control: t.control, treatment: t.treatment, difference: t.difference, ci: t.ci, relativeLift: t.relativeLift, t: t.t, df: t.df, pValue: t.pValue, significant: t.significant });

export async function analyse(db: Database, id: string, now: Date): Promise<Output<'experiments', 'analyse'>> {
  const x = await readExperiment(db, id);
  const [members, config] = await Promise.all([outcomes(db, x), loadConfig(db)]);
  return resultOf(x, members, config.settlement.fenPerPoint, now);
}

/** The result from the members' outcomes (pure; the integration test checks it against a direct computation). */
export function resultOf(x: Stored<ExperimentDoc>, members: MemberOutcome[], fenPerPoint: number, now: Date): Output<'experiments', 'analyse'> {
  const byArm = (arm: string) => members.filter((m) => m.arm === arm);
  const counts = x.arms.map((a) => byArm(a.id).length);
  const srm = sampleRatioMismatch(counts, x.arms.map((a) => a.share));
  const alpha = x.minimum.alphaPerComparison;
  const control = byArm(HOLDOUT_ARM);
  const ready = readyAt(x);
  const units = (ms: MemberOutcome[]): Unit[] => ms.map((m) => ({ y: m.gmvFen, pre: m.preFen }));
  const comparisons = x.arms.filter((a) => a.id !== HOLDOUT_ARM).map((arm) => {
    const treated = byArm(arm.id);
    const primary = twoProportionTest(
      { n: control.length, successes: control.filter((m) => m.repurchased).length },
      { n: treated.length, successes: treated.filter((m) => m.repurchased).length }, alpha);
    const arpu = moneyTest(units(control), units(treated), { alpha });
    const points = welchTest(control.map((m) => m.points), treated.map((m) => m.points), alpha);
    const margin = incrementalMargin({ extraGmvFen: arpu.difference, extraPoints: points.difference, marginRate: x.marginRate, fenPerPoint, treatedMembers: treated.length });
    const v = verdict({
      now, readyAt: ready,
      minimum: [{ arm: arm.name, needed: x.minimum.perTreatment, members: treated.length }, { arm: x.arms.find((a) => a.id === HOLDOUT_ARM)?.name ?? '对照组', needed: x.minimum.control, members: control.length }],
      srm, primary, guardrailsBreached: arpu.significant && arpu.difference < 0 ? ['人均消费（ARPU）'] : [], marginPerMemberFen: margin.perMemberFen,
    });
    if (x.status === 'stopped' && x.stoppedAt && new Date(x.stoppedAt).getTime() < enrolment(x).end.getTime()) v.reasons.unshift('实验已提前停止');
    return {
      arm: arm.id, armName: arm.name,
      primary: { control: primary.control, treatment: primary.treatment, difference: primary.difference, ci: primary.ci, relativeLift: primary.relativeLift, z: primary.z, pValue: primary.pValue, significant: primary.significant },
      arpu: { ...meanOut(arpu), capY: arpu.capY, theta: arpu.theta, varianceReduction: arpu.varianceReduction, unadjusted: meanOut(arpu.unadjusted) },
      points: meanOut(points),
      margin,
      verdict: v.verdict, label: v.label, reasons: v.reasons,
    };
  });
  return {
    experiment: view(x),
    asOf: now.toISOString(),
    finished: now.getTime() >= ready.getTime(),
    arms: x.arms.map((a, i) => ({ id: a.id, name: a.name, share: a.share, members: counts[i], needed: a.id === HOLDOUT_ARM ? x.minimum.control : x.minimum.perTreatment })),
    srm: { observed: srm.observed, expected: srm.expected, chiSquare: srm.chiSquare, df: srm.df, pValue: srm.pValue, ok: srm.ok },
    comparisons,
  };
}
