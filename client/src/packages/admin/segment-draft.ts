// The rule builder's draft (分群规则): groups and conditions as the console edits them (text while typing, chips for
// enumerations), turned into the contract's rule by `toRule` (whose schema then names any problem in Chinese) and
// back by `fromRule` for editing a saved segment. Money is typed in 元 and sent in fen.
import {
  CHANNEL_NAMES, CHANNELS, DAYS_OPTIONAL, DAYS_REQUIRED, FIELD_KINDS, FIELD_NAMES, LIST_OPS, NO_VALUE_OPS, OP_NAMES, OPS_BY_KIND, SEGMENT_FIELDS,
  type SegmentCondition, type SegmentField, type SegmentGroup, type SegmentOp, type SegmentRule,
  STAGE_NAMES, STAGES,
} from '../../../../contract/segmentRule';

export { FIELD_NAMES, OP_NAMES, SEGMENT_FIELDS };
export type { SegmentField, SegmentOp, SegmentRule };

export interface CondDraft { kind: 'cond'; id: number; field: SegmentField; op: SegmentOp; value: string; values: string[]; lo: string; hi: string; days: string; key: string }
export interface GroupDraft { kind: 'group'; id: number; match: 'all' | 'any'; items: Array<CondDraft | GroupDraft> }

let seq = 0;
const nextId = () => ++seq;

/** The fields whose value is picked from chips, with the choices. */
export const CHOICES: Partial<Record<SegmentField, Array<{ value: string; name: string }>>> = {
  stage: STAGES.map((s) => ({ value: s, name: STAGE_NAMES[s] })),
  channel: CHANNELS.map((c) => ({ value: c, name: CHANNEL_NAMES[c] })),
  birthday: Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), name: `${i + 1}月` })),
};

export const opsOf = (field: SegmentField): readonly SegmentOp[] => OPS_BY_KIND[FIELD_KINDS[field]];
export const needsDays = (field: SegmentField) => DAYS_REQUIRED.includes(field) || DAYS_OPTIONAL.includes(field);
export const daysRequired = (field: SegmentField) => DAYS_REQUIRED.includes(field);
export const takesValue = (op: SegmentOp) => !NO_VALUE_OPS.includes(op);
export const isList = (op: SegmentOp) => LIST_OPS.includes(op);

/** What the value input says it wants. */
export function valueHint(c: CondDraft): string {
  const kind = FIELD_KINDS[c.field];
  if (kind === 'time') return '天数，如 30';
  if (c.field === 'spendFen') return isList(c.op) ? '金额（元），多个用逗号分隔' : '金额（元），如 100';
  if (kind === 'number') return isList(c.op) ? '多个用逗号分隔，如 1,2' : '数值，如 1000';
  if (c.field === 'experiment') return isList(c.op) ? '分组编号，多个用逗号分隔' : '分组编号，如 B';
  if (c.field === 'tags') return isList(c.op) ? '标签，多个用逗号分隔' : '标签名称';
  if (c.field === 'formats') return isList(c.op) ? '业态编码，多个用逗号分隔' : '业态编码，如 mall';
  if (c.field === 'stores') return isList(c.op) ? '门店编号，多个用逗号分隔' : '门店编号';
  return '';
}

/** A wording of the days parameter for the field. */
export const daysLabel = (field: SegmentField) => (field === 'expiring' ? '未来天数' : daysRequired(field) ? '最近天数' : '最近天数（可不填 = 全部）');

export function newCondition(field: SegmentField = 'tierLevel'): CondDraft {
  return { kind: 'cond', id: nextId(), field, op: opsOf(field)[0], value: '', values: [], lo: '', hi: '', days: daysRequired(field) ? '30' : '', key: '' };
}

export const newGroup = (match: 'all' | 'any' = 'all', items: Array<CondDraft | GroupDraft> = [newCondition()]): GroupDraft => ({ kind: 'group', id: nextId(), match, items });

/** The condition with another field: the first op of its kind, the value cleared. */
export const withField = (c: CondDraft, field: SegmentField): CondDraft => ({ ...newCondition(field), id: c.id });

/** The condition with another op: chips keep at most one value for a single-value op. */
export function withOp(c: CondDraft, op: SegmentOp): CondDraft {
  return { ...c, op, values: isList(op) ? c.values : c.values.slice(0, 1) };
}

const splitList = (s: string) => s.split(/[,，、\s]+/).map((x) => x.trim()).filter(Boolean);
const num = (s: string, fen: boolean): number | string => {
  const t = s.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return t; // the schema names it
  return fen ? Math.round(Number(t) * 100) : Number(t);
};

function conditionOf(c: CondDraft): SegmentCondition {
  const kind = FIELD_KINDS[c.field];
  const fen = c.field === 'spendFen';
  const out: SegmentCondition = { field: c.field, op: c.op };
  if (needsDays(c.field) && c.days.trim()) out.days = num(c.days, false) as number;
  if (c.field === 'experiment') out.key = c.key.trim();
  if (!takesValue(c.op)) return out;
  if (CHOICES[c.field]) {
    const vals = c.values.map((v) => (kind === 'month' ? Number(v) : v));
    if (isList(c.op)) out.value = vals;
    else if (vals.length) out.value = vals[0];
    return out;
  }
  if (c.op === 'between') out.value = [num(c.lo, fen), num(c.hi, fen)] as [number, number];
  else if (isList(c.op)) out.value = splitList(c.value).map((v) => (kind === 'number' ? num(v, fen) : v));
  else if (c.value.trim()) out.value = kind === 'number' || kind === 'time' ? num(c.value, fen) : c.value.trim();
  return out;
}

export function toRule(g: GroupDraft): SegmentRule {
  return { match: g.match, items: g.items.map((i) => (i.kind === 'group' ? toRule(i) : conditionOf(i))) } as SegmentGroup;
}

const yuan = (fen: number) => String(fen / 100);

function draftOf(c: SegmentCondition): CondDraft {
  const d = newCondition(c.field);
  const fen = c.field === 'spendFen';
  const show = (v: number | string) => (fen && typeof v === 'number' ? yuan(v) : String(v));
  const value = c.value;
  return {
    ...d, op: c.op, days: c.days === undefined ? '' : String(c.days), key: c.key ?? '',
    values: CHOICES[c.field] && value !== undefined ? (Array.isArray(value) ? value : [value]).map(String) : [],
    value: CHOICES[c.field] || value === undefined || c.op === 'between' ? '' : Array.isArray(value) ? value.map(show).join(',') : show(value),
    lo: c.op === 'between' && Array.isArray(value) ? show(value[0]) : '',
    hi: c.op === 'between' && Array.isArray(value) ? show(value[1]) : '',
  };
}

export function fromRule(rule: SegmentRule): GroupDraft {
  return { kind: 'group', id: nextId(), match: rule.match, items: rule.items.map((i) => ('match' in i ? fromRule(i as SegmentGroup) : draftOf(i as SegmentCondition))) };
}

/** The draft with the node `id` replaced by `f(node)` (null removes it), anywhere in the tree. */
export function updateNode(g: GroupDraft, id: number, f: (n: CondDraft | GroupDraft) => CondDraft | GroupDraft | null): GroupDraft {
  if (g.id === id) return (f(g) as GroupDraft | null) ?? g;
  const items: Array<CondDraft | GroupDraft> = [];
  for (const i of g.items) {
    if (i.id === id) {
      const next = f(i);
      if (next) items.push(next);
    } else items.push(i.kind === 'group' ? updateNode(i, id, f) : i);
  }
  return { ...g, items };
}
