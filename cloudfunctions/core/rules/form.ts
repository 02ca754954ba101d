// The rules as a form, from the one rules schema: every field with its kind (whole number, number, switch, choice,
// text, list of numbers or texts), its range and its Chinese label, unit and help (labels.ts), and every list of
// records (tiers, milestones, tasks...) whose items the console edits field by field. Paths use `[]` for a list item
// (`tiers[].minGrowth`); a field of one variant of a union (the rolling growth window's `months`) says `when`.
import type * as z from 'zod/mini';
import { loyaltyConfigSchema } from './index';
import { CHOICE_NAMES, LIST_ITEMS, RULE_LABELS } from './labels';

export type RuleFieldKind = 'int' | 'number' | 'bool' | 'choice' | 'text' | 'intList' | 'textList' | 'json';

export interface RuleField {
  path: string;
  kind: RuleFieldKind;
  label: string;
  unit: string | null;
  help: string | null;
  optional: boolean;
  min: number | null;
  max: number | null;
  choices: Array<{ value: string; name: string }> | null;
  /** Shown only while the sibling `field` has `value` (a union's variant). */
  when: { field: string; value: string } | null;
}

export interface RuleList { path: string; label: string; itemLabel: string }

export interface RuleForm { sections: Array<{ key: string; label: string }>; fields: RuleField[]; lists: RuleList[] }

type Def = { type: string; [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Schema = { _zod: { def: Def } };
const defOf = (s: Schema) => s._zod.def;

function bounds(def: Def): { min: number | null; max: number | null } {
  let min: number | null = null;
  let max: number | null = null;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'greater_than') min = d.value;
    if (d.check === 'less_than') max = d.value;
  }
  return { min, max };
}

const labelOf = (path: string) => {
  const found = RULE_LABELS[path];
  return { label: found?.[0] ?? path.split('.').pop()!.replace('[]', ''), unit: found?.[1] ?? null, help: found?.[2] ?? null };
};

const choicesOf = (values: unknown[]) => values.map((v) => ({ value: String(v), name: CHOICE_NAMES[String(v)] ?? String(v) }));

function unwrap(schema: Schema): { schema: Schema; optional: boolean } {
  let s = schema;
  let optional = false;
  while (['optional', 'nullable', 'default'].includes(defOf(s).type)) {
    optional = true;
    s = defOf(s).innerType;
  }
  return { schema: s, optional };
}

function walk(schema: Schema, path: string, out: RuleForm, optional = false, when: RuleField['when'] = null): void {
  const { schema: inner, optional: opt } = unwrap(schema);
  const def = defOf(inner);
  const field = (kind: RuleFieldKind, extra: Partial<RuleField> = {}) =>
    out.fields.push({ path, kind, ...labelOf(path), optional: optional || opt, min: null, max: null, choices: null, when, ...extra });
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, Schema>)) walk(child, path ? `${path}.${key}` : key, out, false, when);
      return;
    case 'union': {
      // Variants told apart by a literal `mode`: one choice field, and each variant's other fields shown for it.
      const variants = def.options as Schema[];
      const modes = variants.map((v) => defOf(defOf(v).shape.mode).values[0] as string);
      out.fields.push({ path: `${path}.mode`, kind: 'choice', ...labelOf(`${path}.mode`), optional: false, min: null, max: null, choices: choicesOf(modes), when });
      variants.forEach((v, i) => {
        for (const [key, child] of Object.entries(defOf(v).shape as Record<string, Schema>)) {
          if (key !== 'mode') walk(child, `${path}.${key}`, out, false, { field: `${path}.mode`, value: modes[i] });
        }
      });
      return;
    }
    case 'array': {
      const element = unwrap(def.element).schema;
      const type = defOf(element).type;
      if (type === 'object' || type === 'union') {
        const { label } = labelOf(path);
        out.lists.push({ path, label, itemLabel: LIST_ITEMS[path] ?? label });
        walk(element, `${path}[]`, out);
        return;
      }
      field(type === 'number' ? 'intList' : 'textList');
      return;
    }
    case 'number': field(def.format === 'safeint' ? 'int' : 'number', bounds(def)); return;
    case 'boolean': field('bool'); return;
    case 'literal': field('choice', { choices: choicesOf(def.values) }); return;
    case 'enum': field('choice', { choices: choicesOf(Object.values(def.entries)) }); return;
    case 'string': field('text'); return;
    default: field('json');
  }
}

export function ruleForm(schema: z.ZodMiniType = loyaltyConfigSchema): RuleForm {
  const out: RuleForm = { sections: [], fields: [], lists: [] };
  for (const key of Object.keys(defOf(schema as unknown as Schema).shape)) out.sections.push({ key, label: labelOf(key).label });
  walk(schema as unknown as Schema, '', out);
  return out;
}
