// Experiments (A/B tests of points strategies), the pure parts: an experiment's definition, its arms' changes as an
// overlay on the loyalty rules (checked by the same schema, core/rules), assignment of a member to an arm by a stable
// hash of the experiment's salt and the openid, eligibility by a rule-tag segment (the tag the segments function keeps
// on its members: no segment engine and no request on the hot paths), and what earning and check-in do with them:
// the member's arm (recorded at first exposure on the member document, never changed) and the rules for that member.
// The statistics are in core/experimentStats.ts; the cloud function `experiments` stores and analyses them.
import { configProblems, mergeConfig, type LoyaltyConfig } from './config';
import type { MemberDoc } from './member';

/** The rules sections an arm may change: earning (multiplier, campaigns, double days), check-in rewards, tiers' benefits. */
export const OVERLAY_SECTIONS = ['points', 'checkin', 'tiers'] as const;
export type OverlaySection = (typeof OVERLAY_SECTIONS)[number];
export type RulesOverlay = Partial<{ [K in OverlaySection]: unknown }>;

export const HOLDOUT_ARM = 'holdout';

export interface ExperimentArm {
  /** 'holdout' for the arm with no change; otherwise a short id ('a', 'b', ...). */
  id: string;
  name: string;
  /** Share of eligible members, in percent (the arms' shares add up to 100). */
  share: number;
  /** The change to the rules for this arm's members; {} for the holdout. */
  overlay: RulesOverlay;
}

export type ExperimentStatus = 'draft' | 'live' | 'stopped';

export interface ExperimentPlan {
  /** The primary metric's baseline rate (repurchase within the window) and the smallest relative lift worth detecting. */
  baseline: number;
  relativeLift: number;
  alpha: number;
  power: number;
}

/** What the experiments path reads from the config document on the hot paths: live experiments only, compact. */
export interface LiveExperiment {
  id: string;
  salt: string;
  arms: Array<{ id: string; share: number; overlay: RulesOverlay }>;
  /** Eligibility: the tag of a rule-tag segment (function `segments` keeps it on exactly the members who match the
   * segment's rule, member.tags), so the hot paths judge it from the member document they hold; absent: everyone. */
  segmentTag?: string;
  /** Enrolment: members are assigned and exposed from `start` to `end`. */
  start: Date;
  end: Date;
  /** The arms keep applying to members already exposed until `until` (the end + the metric window); absent: `end`. */
  until?: Date;
}

// ---------------------------------------------------------------------------------------------------------------
// Assignment.

/** A 32-bit hash of a string: FNV-1a over UTF-16 code units, then murmur3's finaliser for avalanche. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The member's arm: the hash of salt + openid as a point in [0, 100), placed among the arms' cumulative shares. */
export function assignArm(salt: string, openid: string, arms: ReadonlyArray<{ id: string; share: number }>): string {
  const total = arms.reduce((s, a) => s + a.share, 0);
  const x = (hash32(`${salt}:${openid}`) / 4294967296) * total;
  let acc = 0;
  for (const arm of arms) {
    acc += arm.share;
    if (x < acc) return arm.id;
  }
  return arms[arms.length - 1].id;
}

// ---------------------------------------------------------------------------------------------------------------
// Overlays.

/** The rules with an arm's overlay merged in (core/rules mergeConfig: objects by key, arrays replace). */
export const applyOverlay = (config: LoyaltyConfig, overlay: RulesOverlay): LoyaltyConfig => mergeConfig(config, overlay);

/** What is wrong with an overlay over `config`: unknown sections, or the merged rules failing the rules schema. */
export function overlayProblems(config: LoyaltyConfig, overlay: unknown): string[] {
  if (typeof overlay !== 'object' || overlay === null || Array.isArray(overlay)) return ['规则调整必须是对象'];
  const extra = Object.keys(overlay).filter((k) => !(OVERLAY_SECTIONS as readonly string[]).includes(k));
  if (extra.length) return [`实验只能调整积分、签到和等级权益规则（不支持 ${extra.join('、')}）`];
  return configProblems(applyOverlay(config, overlay as RulesOverlay));
}

// A warm instance merges and checks each arm's rules once per loaded configuration (the configuration object is
// replaced when the cache reloads it), not on every order.
const merged = new WeakMap<LoyaltyConfig, Map<string, LoyaltyConfig | null>>();

function armRules(config: LoyaltyConfig, experimentId: string, arm: LiveExperiment['arms'][number]): LoyaltyConfig | null {
  let byArm = merged.get(config);
  if (!byArm) merged.set(config, (byArm = new Map()));
  const key = `${experimentId}/${arm.id}/${JSON.stringify(arm.overlay)}`;
  if (!byArm.has(key)) {
    const problems = Object.keys(arm.overlay).length ? overlayProblems(config, arm.overlay) : [];
    if (problems.length) console.error(`[experiments] ${key}: the arm's rules are invalid over the current rules, running the base rules: ${problems.join('; ')}`);
    byArm.set(key, problems.length ? null : applyOverlay(config, arm.overlay));
  }
  return byArm.get(key) ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// The hot paths: which arm a member is in, and the rules for them.

/** Experiment id -> arm (member.experiments; core/segments.ts reads it as a fact); when each exposure happened in
 * member.experimentsAt. Both are written at first exposure and never changed. */
export type MemberExperiments = Record<string, string>;
/** As stored (a read answers dates as Date or ISO string). */
export type MemberExposures = Record<string, Date | string>;

export interface MemberExperimentRules {
  /** The rules for this member: the base rules with the overlays of the arms they are in (in experiment start order). */
  config: LoyaltyConfig;
  /** The member fields to write when they changed (a first exposure), else null (nothing to write). */
  fields: { experiments: MemberExperiments; experimentsAt: MemberExposures } | null;
  /** The arms this member is in, by experiment id. */
  arms: Record<string, string>;
}

/**
 * The live experiments as they apply to `member` at `now`: an experiment enrolling at `now` (start ≤ now < end) whose
 * segment the member matches and that has not exposed them yet assigns their arm and records the exposure; one that
 * exposed them keeps the recorded arm (even if the member no longer matches the segment) until `until`, so a member
 * enrolled on the last day has the arm's rules for the whole metric window. A member is exposed when the
 * earning or check-in path uses the rules for them, so the exposure is written in that path's member update.
 */
export function experimentRules(
  config: LoyaltyConfig,
  live: readonly LiveExperiment[],
  member: Pick<MemberDoc, 'openid'> & { tags?: string[] | null; experiments?: MemberExperiments | null; experimentsAt?: Record<string, Date | string> | null },
  now: Date,
): MemberExperimentRules {
  const recorded = member.experiments ?? {};
  let fields: MemberExperimentRules['fields'] = null;
  let rules = config;
  const arms: Record<string, string> = {};
  const t = now.getTime();
  for (const x of [...live].sort((a, b) => a.start.getTime() - b.start.getTime())) {
    let arm: string | undefined = recorded[x.id];
    if (t < x.start.getTime() || t >= (arm === undefined ? x.end : x.until ?? x.end).getTime()) continue;
    if (arm === undefined) {
      if (x.segmentTag && !(member.tags ?? []).includes(x.segmentTag)) continue;
      arm = assignArm(x.salt, member.openid, x.arms);
      const before: NonNullable<MemberExperimentRules['fields']> = fields ?? { experiments: recorded, experimentsAt: Object.fromEntries(Object.entries(member.experimentsAt ?? {}).map(([k, v]) => [k, new Date(v)])) };
      fields = { experiments: { ...before.experiments, [x.id]: arm }, experimentsAt: { ...before.experimentsAt, [x.id]: now } };
    }
    arms[x.id] = arm;
    const def = x.arms.find((a) => a.id === arm);
    if (def && Object.keys(def.overlay).length) rules = armRules(rules, x.id, def) ?? rules;
  }
  return { config: rules, fields, arms };
}

/** The live experiments as stored in the config document (dates may come back as strings). */
export function reviveLive(stored: unknown): LiveExperiment[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((x) => {
    if (!x || typeof x !== 'object' || typeof x.id !== 'string' || !Array.isArray(x.arms)) return [];
    return [{ id: x.id, salt: String(x.salt), arms: x.arms, ...(typeof x.segmentTag === 'string' ? { segmentTag: x.segmentTag } : {}), start: new Date(x.start), end: new Date(x.end), ...(x.until ? { until: new Date(x.until) } : {}) }];
  });
}

/** The compact live form of an experiment, as the config document keeps it for the hot paths. */
export const liveForm = (x: { id: string; salt: string; arms: ExperimentArm[]; segmentTag?: string | null; start: Date; end: Date; until: Date }): LiveExperiment =>
  ({ id: x.id, salt: x.salt, arms: x.arms.map((a) => ({ id: a.id, share: a.share, overlay: a.overlay })), ...(x.segmentTag ? { segmentTag: x.segmentTag } : {}), start: x.start, end: x.end, until: x.until });

// ---------------------------------------------------------------------------------------------------------------
// The stored experiment (`experiments`, _id = the experiment id; cloudfunctions/experiments).

export interface ExperimentDoc {
  _id: string;
  name: string;
  hypothesis: string;
  /** The hash salt: the experiment id and its creation time, so two experiments never split members the same way. */
  salt: string;
  status: ExperimentStatus;
  version: number;
  arms: ExperimentArm[];
  /** The rule-tag segment members must be in at first exposure (by its tag on the member), or null: everyone. */
  segmentId: string | null;
  segmentName: string | null;
  segmentTag: string | null;
  /** Shanghai days: enrolment from the start of plannedStart to the start of the day after plannedEnd. */
  plannedStart: string;
  plannedEnd: string;
  /** Days after a member's exposure that the metrics count. */
  windowDays: number;
  plan: ExperimentPlan;
  /** From the planner at save time: members per treatment arm and in the holdout. */
  minimum: { perTreatment: number; control: number; alphaPerComparison: number };
  marginRate: number;
  primaryMetric: 'repurchase';
  guardrails: Array<'arpu' | 'pointsCost'>;
  startedAt: Date | null;
  stoppedAt: Date | null;
  lastRequestId: string;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}
