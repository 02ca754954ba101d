// Marketing automation (function `automation`, issue 12 §3): the rule schema (a trigger, conditions in the segment
// language, actions, limits, a status and a version), the console's actions on rules (list, save, status, dry run,
// run log) and the staff follow-up tasks (人工关怀回访: the store's list, a clerk's outcome, the console's report).
// The engine is the function's timer (cloudfunctions/automation/engine.ts; core/automation.ts decides).
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, int, integer, iso, memberNo, month, nullable, object, oneOf, opt, requestId, str, text } from './fields';
import { segmentRule } from './segmentRule';

const hhmm = () => z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));
export const ruleId = () => str(1, 40, /^[a-z][a-zA-Z0-9_-]*$/);
const tag = () => str(1, 20);

export const TRIGGER_KINDS = [
  'registered', 'orderPaid', 'tierChanged', 'stageChanged', 'segmentEntered', 'segmentLeft',
  'pointsExpiring', 'birthdayMonth', 'checkinStreakBroken', 'inactive', 'tierNear', 'schedule',
] as const;
export const STAGE_KEYS = ['new', 'active', 'occasional', 'dormant', 'churned'] as const;
export const PERIODS = ['day', 'week', 'month', 'year'] as const;
export const LIMIT_PERIODS = ['ever', ...PERIODS] as const;
export const RULE_STATUSES = ['draft', 'live', 'paused'] as const;
export const ACTION_KINDS = ['grantPoints', 'issueVoucher', 'sendMessage', 'addTag', 'removeTag', 'createTask', 'npsSurvey'] as const;
export const TASK_OUTCOMES = ['reached', 'noAnswer', 'notInterested'] as const;

/** What starts a run: an event the platform records, a time-driven fact the daily pass finds, or a schedule. */
export const triggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('registered') }),
  /** Every paid order of at least minFen (0: any). */
  z.strictObject({ kind: z.literal('orderPaid'), minFen: int(0, 100_000_000_00) }),
  z.strictObject({ kind: z.literal('tierChanged'), direction: z.enum(['up', 'down', 'any']) }),
  /** A change into `to` (null: any stage), from `from` (null: any). */
  z.strictObject({ kind: z.literal('stageChanged'), to: z.nullable(z.enum(STAGE_KEYS)), from: z.nullable(z.enum(STAGE_KEYS)) }),
  z.strictObject({ kind: z.literal('segmentEntered'), segment: str(1, 40) }),
  z.strictObject({ kind: z.literal('segmentLeft'), segment: str(1, 40) }),
  /** Points expiring within `days` (once per expiry day). */
  z.strictObject({ kind: z.literal('pointsExpiring'), days: int(1, 90) }),
  /** The member's birthday month (once a year). */
  z.strictObject({ kind: z.literal('birthdayMonth') }),
  /** A check-in streak of at least minStreak days ended (no check-in yesterday). */
  z.strictObject({ kind: z.literal('checkinStreakBroken'), minStreak: int(2, 365) }),
  /** No activity (purchase, visit, interaction) for `days` days (once per silence). */
  z.strictObject({ kind: z.literal('inactive'), days: int(1, 365) }),
  /** Growth within `percent` % of the next tier's threshold (once per tier). */
  z.strictObject({ kind: z.literal('tierNear'), percent: int(1, 50) }),
  /** Every `every` (checked daily): each member in the conditions' audience, once per period. */
  z.strictObject({ kind: z.literal('schedule'), every: z.enum(PERIODS) }),
]);

export const automationActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('grantPoints'), points: int(1, 100_000), reason: str(1, 40) }),
  /** A coupon in the member's 卡券包 (a benefit voucher), valid `validDays` from issue; empty lists: every format / store. */
  z.strictObject({
    kind: z.literal('issueVoucher'), title: str(1, 20), description: str(0, 60), faceValueFen: z.nullable(int(1, 100_000_00)),
    validDays: int(1, 365), formats: z.array(str(1, 20)).check(z.maxLength(20)), storeIds: z.array(str(1, 64)).check(z.maxLength(100)),
  }),
  /** A subscription message (the automation template: {title}, {body}; each at most 20 characters when sent). */
  z.strictObject({ kind: z.literal('sendMessage'), title: str(1, 20), body: str(1, 20) }),
  z.strictObject({ kind: z.literal('addTag'), tag: tag() }),
  z.strictObject({ kind: z.literal('removeTag'), tag: tag() }),
  /** A staff follow-up task (人工关怀回访) in the member's store's list, due `dueDays` after it is made. */
  z.strictObject({ kind: z.literal('createTask'), reason: str(1, 40), dueDays: int(0, 60) }),
  /** The NPS survey (推荐意愿, services/nps.ts): its message, at most once per member and quarter. */
  z.strictObject({ kind: z.literal('npsSurvey') }),
]);

export const limitsSchema = z.strictObject({
  /** At most `max` runs that act per member per period (`ever`: in the rule's whole life, every version). */
  perMember: z.strictObject({ max: int(1, 100), period: z.enum(LIMIT_PERIODS) }),
  /** The rule's global budget: points granted and vouchers issued in total (null: no budget). */
  budget: z.strictObject({ points: z.nullable(int(0, 100_000_000)), vouchers: z.nullable(int(0, 10_000_000)) }),
  /** Messages are not sent between start and end (Shanghai time): they wait for the end. Null: the notify rules' own. */
  quietHours: z.nullable(z.strictObject({ start: hhmm(), end: hhmm() })),
});

/** A rule as the operator edits it. */
export const ruleBodySchema = z.strictObject({
  name: str(1, 30),
  description: str(0, 120),
  trigger: triggerSchema,
  /** The segment language (contract/segments.ts); null: every member the trigger names. */
  conditions: z.nullable(segmentRule()),
  actions: z.array(automationActionSchema).check(z.minLength(1), z.maxLength(6)),
  limits: limitsSchema,
});

export type Trigger = z.infer<typeof triggerSchema>;
export type AutomationAction = z.infer<typeof automationActionSchema>;
export type Limits = z.infer<typeof limitsSchema>;
export type RuleBody = z.infer<typeof ruleBodySchema>;
export type RuleStatus = (typeof RULE_STATUSES)[number];
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

const ruleView = object({
  id: text(), name: text(), description: text(), trigger: triggerSchema, conditions: z.nullable(segmentRule()),
  actions: array(automationActionSchema), limits: limitsSchema, status: oneOf(RULE_STATUSES), version: integer(),
  /** A rule of the default playbook (still as shipped when never saved: version 0). */
  playbook: bool(), liveSince: nullable(iso()), updatedAt: nullable(iso()), updatedBy: nullable(text()),
  summary: text(), spent: object({ points: integer(), vouchers: integer() }),
  runs: object({ acted: integer(), skipped: integer() }),
});

const runView = object({
  id: text(), rule: text(), ruleName: text(), version: integer(), memberNo: text(), period: text(),
  outcome: oneOf(['acted', 'skipped']), reason: nullable(text()), reasonName: nullable(text()),
  trigger: text(), ref: nullable(text()), points: integer(), vouchers: integer(), messages: integer(), tasks: integer(), at: iso(),
});

const taskView = object({
  id: text(), memberNo: text(), nickname: text(), phone: nullable(text()), storeId: nullable(text()), storeName: nullable(text()),
  reason: text(), ruleName: text(), dueDay: text(), overdue: bool(), status: oneOf(['open', 'done']),
  outcome: nullable(oneOf(TASK_OUTCOMES)), outcomeName: nullable(text()), note: nullable(text()), doneByName: nullable(text()), doneAt: nullable(iso()), createdAt: iso(),
});

export const automation = {
  /** Every rule with its status, version, spend and run counts; the default playbook's rules are listed too. */
  listRules: action({ input: z.strictObject({}), output: object({ rules: array(ruleView) }) }),
  /**
   * Creates a rule (no expectedVersion) or saves a new version of it; a live rule stays live on its new version
   * (runs of the old one keep their key). A playbook rule never saved is version 0.
   */
  saveRule: action({
    input: z.strictObject({ ruleId: ruleId(), expectedVersion: opt(int(0, 1_000_000)), requestId: requestId(), rule: ruleBodySchema }),
    output: object({ rule: ruleView, replayed: bool() }),
    errors: ['ALREADY_EXISTS', 'STALE_VERSION'],
  }),
  /** Switches a rule on (live), pauses it, or puts it back to draft; the version stays. */
  setRuleStatus: action({
    input: z.strictObject({ ruleId: ruleId(), status: z.enum(RULE_STATUSES), requestId: requestId() }),
    output: object({ rule: ruleView, replayed: bool() }),
    errors: ['NOT_FOUND'],
  }),
  /**
   * What a rule (saved, or the body being edited) would do now: members reached and its cost, over one page of
   * members from `cursor` (pass nextCursor until it is null; totals are the page's, the console adds them up).
   */
  dryRun: action({
    input: z.strictObject({ ruleId: opt(ruleId()), rule: opt(ruleBodySchema), cursor: opt(str(1, 80)) }),
    output: object({
      scanned: integer(), reached: integer(), points: integer(), vouchers: integer(), messages: integer(), tasks: integer(),
      sample: array(object({ memberNo: text(), nickname: text() })), nextCursor: nullable(text()),
      budget: object({ points: nullable(integer()), vouchers: nullable(integer()) }),
    }),
    errors: ['NOT_FOUND'],
  }),
  /** The run log of a rule or of a member (newest first), each run acted or skipped with its reason. */
  runs: action({
    input: z.strictObject({ ruleId: opt(ruleId()), memberNo: opt(memberNo()), cursor: opt(str(1, 40)) }),
    output: object({ runs: array(runView), nextCursor: nullable(text()) }),
    errors: ['NOT_FOUND'],
  }),
  /** The follow-up tasks of the caller's store (a manager's or clerk's own store; an admin names one): open ones first. */
  tasks: action({
    input: z.strictObject({ storeId: opt(str(1, 64)), status: opt(z.enum(['open', 'done'])) }),
    output: object({ storeId: nullable(text()), tasks: array(taskView) }),
  }),
  /** The clerk's outcome of a follow-up call: 已联系, 未接通, 无意向; once (the same request again answers it). */
  recordTaskOutcome: action({
    input: z.strictObject({ taskId: str(1, 200), outcome: z.enum(TASK_OUTCOMES), note: opt(str(0, 100)), requestId: requestId() }),
    output: object({ task: taskView, replayed: bool() }),
    errors: ['NOT_FOUND', 'ALREADY_DONE', 'FORBIDDEN'],
  }),
  /** The month's follow-up tasks per store: made, done by outcome, still open (overdue among them). */
  taskReport: action({
    input: z.strictObject({ month: month() }),
    output: object({
      month: text(),
      stores: array(object({ storeId: nullable(text()), storeName: text(), created: integer(), open: integer(), overdue: integer(), reached: integer(), noAnswer: integer(), notInterested: integer() })),
    }),
  }),
};

// The Chinese names the console shows (core/automation.ts keeps them beside the decision).
export { ACTION_NAMES, OUTCOME_NAMES, SKIP_REASON_NAMES, STATUS_NAMES, TRIGGER_NAMES } from '../cloudfunctions/core/automation';
