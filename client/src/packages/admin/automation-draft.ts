// The automation rule editor's draft: the trigger, conditions (the segment rule builder's draft), actions and limits as
// the console edits them (text while typing; money in 元), turned into the contract's rule body by `toBody` (whose
// schema names any problem in Chinese) and back by `fromRule`.
import { TRIGGER_KINDS } from '../../../../contract/automation';
import { fromRule as groupFromRule, newGroup, toRule as groupToRule, type GroupDraft, type SegmentRule } from './segment-draft';
import type { RuleBodyInput, RuleRow } from './automation-store';

export type TriggerKind = (typeof TRIGGER_KINDS)[number];
export type ActionKind = RuleBodyInput['actions'][number]['kind'];
type Period = 'day' | 'week' | 'month' | 'year';
type LimitPeriod = 'ever' | Period;

export interface ActionDraft {
  id: number; kind: ActionKind; points: string; reason: string; title: string; description: string; faceValueYuan: string; validDays: string; body: string; tag: string; dueDays: string;
}

export interface RuleDraft {
  name: string; description: string;
  trigger: { kind: TriggerKind; minYuan: string; direction: 'up' | 'down' | 'any'; from: string; to: string; segment: string; days: string; minStreak: string; percent: string; every: Period };
  useConditions: boolean; group: GroupDraft;
  actions: ActionDraft[];
  max: string; period: LimitPeriod; budgetPoints: string; budgetVouchers: string; quietStart: string; quietEnd: string;
}

let seq = 0;
export const newAction = (kind: ActionKind = 'sendMessage'): ActionDraft => ({
  id: ++seq, kind, points: '100', reason: '', title: '', description: '', faceValueYuan: '10', validDays: '30', body: '', tag: '', dueDays: '3',
});

export const newDraft = (): RuleDraft => ({
  name: '', description: '',
  trigger: { kind: 'registered', minYuan: '0', direction: 'up', from: '', to: '', segment: '', days: '30', minStreak: '3', percent: '10', every: 'month' },
  useConditions: false, group: newGroup('all'), actions: [newAction()],
  max: '1', period: 'ever', budgetPoints: '', budgetVouchers: '', quietStart: '', quietEnd: '',
});

const num = (s: string) => (s.trim() === '' ? NaN : Number(s.trim()));
const optNum = (s: string) => (s.trim() === '' ? null : Number(s.trim()));
const fen = (yuan: string) => (yuan.trim() === '' ? null : Math.round(Number(yuan.trim()) * 100));

function triggerOf(d: RuleDraft): RuleBodyInput['trigger'] {
  const t = d.trigger;
  switch (t.kind) {
    case 'orderPaid': return { kind: 'orderPaid', minFen: Math.round(num(t.minYuan || '0') * 100) };
    case 'tierChanged': return { kind: 'tierChanged', direction: t.direction };
    case 'stageChanged': return { kind: 'stageChanged', from: (t.from || null) as never, to: (t.to || null) as never };
    case 'segmentEntered': case 'segmentLeft': return { kind: t.kind, segment: t.segment.trim() };
    case 'pointsExpiring': case 'inactive': return { kind: t.kind, days: num(t.days) };
    case 'checkinStreakBroken': return { kind: 'checkinStreakBroken', minStreak: num(t.minStreak) };
    case 'tierNear': return { kind: 'tierNear', percent: num(t.percent) };
    case 'schedule': return { kind: 'schedule', every: t.every };
    default: return { kind: t.kind } as RuleBodyInput['trigger'];
  }
}

function actionOf(a: ActionDraft): RuleBodyInput['actions'][number] {
  switch (a.kind) {
    case 'grantPoints': return { kind: 'grantPoints', points: num(a.points), reason: a.reason.trim() };
    case 'issueVoucher': return { kind: 'issueVoucher', title: a.title.trim(), description: a.description.trim(), faceValueFen: fen(a.faceValueYuan), validDays: num(a.validDays), formats: [], storeIds: [] };
    case 'sendMessage': return { kind: 'sendMessage', title: a.title.trim(), body: a.body.trim() };
    case 'addTag': case 'removeTag': return { kind: a.kind, tag: a.tag.trim() };
    case 'createTask': return { kind: 'createTask', reason: a.reason.trim(), dueDays: num(a.dueDays) };
    case 'npsSurvey': return { kind: 'npsSurvey' };
  }
}

export function toBody(d: RuleDraft): RuleBodyInput {
  const quiet = d.quietStart.trim() || d.quietEnd.trim() ? { start: d.quietStart.trim(), end: d.quietEnd.trim() } : null;
  return {
    name: d.name.trim(), description: d.description.trim(), trigger: triggerOf(d),
    conditions: d.useConditions ? (groupToRule(d.group) as unknown as RuleBodyInput['conditions']) : null,
    actions: d.actions.map(actionOf),
    limits: { perMember: { max: num(d.max), period: d.period }, budget: { points: optNum(d.budgetPoints), vouchers: optNum(d.budgetVouchers) }, quietHours: quiet },
  };
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function fromRule(r: RuleRow): RuleDraft {
  const d = newDraft();
  const t = r.trigger as Record<string, unknown> & { kind: TriggerKind };
  d.name = r.name; d.description = r.description;
  d.trigger = {
    ...d.trigger, kind: t.kind,
    ...(typeof t.minFen === 'number' ? { minYuan: String(t.minFen / 100) } : {}),
    ...(t.direction ? { direction: t.direction as 'up' } : {}),
    ...(t.kind === 'stageChanged' ? { from: (t.from as string | null) ?? '', to: (t.to as string | null) ?? '' } : {}),
    ...(typeof t.segment === 'string' ? { segment: t.segment } : {}),
    ...(typeof t.days === 'number' ? { days: String(t.days) } : {}),
    ...(typeof t.minStreak === 'number' ? { minStreak: String(t.minStreak) } : {}),
    ...(typeof t.percent === 'number' ? { percent: String(t.percent) } : {}),
    ...(t.every ? { every: t.every as Period } : {}),
  };
  d.useConditions = r.conditions !== null;
  d.group = r.conditions ? groupFromRule(r.conditions as unknown as SegmentRule) : newGroup('all');
  d.actions = r.actions.map((a) => {
    const x = a as Record<string, unknown> & { kind: ActionKind };
    return {
      ...newAction(x.kind), points: str(x.points as number), reason: (x.reason as string) ?? '', title: (x.title as string) ?? '', description: (x.description as string) ?? '',
      faceValueYuan: typeof x.faceValueFen === 'number' ? String(x.faceValueFen / 100) : '', validDays: str(x.validDays as number) || '30', body: (x.body as string) ?? '', tag: (x.tag as string) ?? '', dueDays: str(x.dueDays as number) || '3',
    };
  });
  d.max = String(r.limits.perMember.max); d.period = r.limits.perMember.period;
  d.budgetPoints = str(r.limits.budget.points); d.budgetVouchers = str(r.limits.budget.vouchers);
  d.quietStart = r.limits.quietHours?.start ?? ''; d.quietEnd = r.limits.quietHours?.end ?? '';
  return d;
}
