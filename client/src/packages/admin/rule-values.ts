// Reading and writing a rule by its path inside a draft (`a.b.c`), and what a typed value becomes for each kind.
import type { RuleFieldSpec } from './rules-store';

export type Draft = Record<string, unknown>;

export function getAt(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Draft)[k] : undefined), value);
}

/** A copy of `value` with `path` set (undefined removes it). */
export function setAt(value: Draft, path: string, next: unknown): Draft {
  const [head, ...rest] = path.split('.');
  const copy: Draft = Array.isArray(value) ? ([...value] as unknown as Draft) : { ...value };
  if (rest.length === 0) {
    if (next === undefined) delete copy[head];
    else copy[head] = next;
    return copy;
  }
  copy[head] = setAt((copy[head] as Draft | undefined) ?? {}, rest.join('.'), next);
  return copy;
}

/** What the operator typed, as the rule's kind stores it; anything not a number stays text (the preview names it). */
export function parseTyped(kind: RuleFieldSpec['kind'], text: string): unknown {
  const t = text.trim();
  if (kind === 'int' || kind === 'number') return t === '' ? undefined : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
  if (kind === 'intList') return t === '' ? [] : t.split(/[,，\s]+/).filter(Boolean).map((x) => (/^-?\d+$/.test(x) ? Number(x) : x));
  if (kind === 'textList') return t === '' ? [] : t.split(/[,，]+/).map((x) => x.trim()).filter(Boolean);
  if (kind === 'json') {
    try {
      return JSON.parse(t || '{}');
    } catch {
      return t;
    }
  }
  return text;
}

export function typedText(kind: RuleFieldSpec['kind'], value: unknown): string {
  if (value === undefined || value === null) return '';
  if (kind === 'intList' || kind === 'textList') return Array.isArray(value) ? value.join(', ') : String(value);
  if (kind === 'json') return JSON.stringify(value);
  return String(value);
}

/** `tiers[2].minGrowth` → `tiers[].minGrowth`, the path of its field in the form. */
export const patternOf = (path: string) => path.replace(/\[\d+\]/g, '[]');
