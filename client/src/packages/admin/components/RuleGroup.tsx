// One record of the rules as a form: its fields (from admin.ruleForm: label, unit, help, the input its kind needs) and
// its lists of records, each item a RuleGroup again with 添加 / 删除. `base` is the record's path pattern ('' for the
// rules themselves, `tiers[]` for a tier); `only` limits the root to one section.
import { useState } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { RuleFormSpec, RuleFieldSpec } from '../rules-store';
import { getAt, parseTyped, setAt, typedText, type Draft } from '../rule-values';

interface Props { spec: RuleFormSpec; base: string; value: Draft; onChange: (next: Draft) => void; only?: string; readOnly: boolean }

const directlyUnder = (path: string, prefix: string) => path.startsWith(prefix) && !path.slice(prefix.length).includes('[]');

function RuleInput({ field, value, onChange, readOnly }: { field: RuleFieldSpec; value: unknown; onChange: (v: unknown) => void; readOnly: boolean }) {
  const pick = (v: unknown) => !readOnly && onChange(v);
  if (field.kind === 'bool') {
    return (
      <View className='console-tabs'>
        {([[true, '开启'], [false, '关闭']] as const).map(([v, name]) => (
          <Text key={name} className={`console-tab rule-bool${value === v ? ' console-tab--active' : ''}`} onClick={() => pick(v)}>{name}</Text>
        ))}
      </View>
    );
  }
  if (field.kind === 'choice') {
    return (
      <View className='console-tabs'>
        {(field.choices ?? []).map((c) => (
          <Text key={c.value} className={`console-tab rule-choice${value === c.value ? ' console-tab--active' : ''}`} data-value={c.value} onClick={() => pick(c.value)}>{c.name}</Text>
        ))}
      </View>
    );
  }
  const text = typedText(field.kind, value);
  if (field.kind === 'json') {
    return <Textarea className='console-input rule-json' value={text} disabled={readOnly} autoHeight onInput={(e) => onChange(parseTyped('json', e.detail.value))} />;
  }
  return (
    <Input
      className='console-input rule-input' value={text} disabled={readOnly}
      type={field.kind === 'int' || field.kind === 'number' ? 'digit' : 'text'}
      onInput={(e) => onChange(parseTyped(field.kind, e.detail.value))}
    />
  );
}

export default function RuleGroup({ spec, base, value, onChange, only, readOnly }: Props) {
  const prefix = base ? `${base}.` : '';
  const inSection = (path: string) => !only || path === only || path.startsWith(`${only}.`) || path.startsWith(`${only}[]`);
  const fields = spec.fields.filter((f) => inSection(f.path) && directlyUnder(f.path, prefix));
  const lists = spec.lists.filter((l) => inSection(l.path) && directlyUnder(l.path, prefix));
  const rel = (path: string) => path.slice(prefix.length);
  const shown = (f: RuleFieldSpec) => !f.when || getAt(value, rel(f.when.field)) === f.when.value;

  return (
    <View className='rule-group'>
      {fields.filter(shown).map((f) => (
        <View key={f.path} className='console-field rule-field' data-path={f.path}>
          <Text className='console-field__label'>{f.label}{f.unit ? `（${f.unit}）` : ''}{f.optional ? ' · 选填' : ''}</Text>
          <RuleInput field={f} value={getAt(value, rel(f.path))} readOnly={readOnly} onChange={(v) => onChange(setAt(value, rel(f.path), v))} />
          {(f.help || rangeText(f)) && <Text className='console-field__help'>{[f.help, rangeText(f)].filter(Boolean).join('；')}</Text>}
        </View>
      ))}
      {lists.map((l) => (
        <RuleList key={l.path} list={l} items={(getAt(value, rel(l.path)) as Draft[] | undefined) ?? []} nested={base !== ''} spec={spec} readOnly={readOnly}
          onChange={(next) => onChange(setAt(value, rel(l.path), next))} />
      ))}
    </View>
  );
}

/** `不小于 0`, `0 – 30`: the range the schema allows, for the help line. */
function rangeText(f: RuleFieldSpec): string | null {
  if (f.min !== null && f.max !== null) return `范围 ${f.min} – ${f.max}`;
  if (f.min !== null) return `不小于 ${f.min}`;
  if (f.max !== null) return `不大于 ${f.max}`;
  return null;
}

interface ListProps { list: RuleFormSpec['lists'][number]; items: Draft[]; nested: boolean; spec: RuleFormSpec; readOnly: boolean; onChange: (next: Draft[]) => void }

/** A list of records; one inside a record (a tier's benefits) starts folded, so the page stays readable. */
function RuleList({ list: l, items, nested, spec, readOnly, onChange: setItems }: ListProps) {
  const [open, setOpen] = useState(!nested);
  return (
    <View className='console-card rule-list' data-path={l.path}>
      <View className='console-actions'>
        <Text className='console-card__title'>{l.label}（{items.length}）</Text>
        {nested && <Text className='console-button console-button--ghost rule-toggle' onClick={() => setOpen(!open)}>{open ? '收起' : '展开'}</Text>}
      </View>
      {open && items.map((item, i) => (
        <View key={i} className='rule-item' data-index={i}>
          <View className='console-actions'>
            <Text className='console-card__meta'>{l.itemLabel} {i + 1}</Text>
            {!readOnly && <Text className='console-button console-button--danger rule-remove' onClick={() => setItems(items.filter((_, j) => j !== i))}>删除{l.itemLabel}</Text>}
          </View>
          <RuleGroup spec={spec} base={`${l.path}[]`} value={item} readOnly={readOnly} onChange={(next) => setItems(items.map((x, j) => (j === i ? next : x)))} />
        </View>
      ))}
      {open && !readOnly && (
        <Text className='console-button console-button--ghost rule-add' onClick={() => setItems([...items, structuredCloneOf(items[items.length - 1])])}>添加{l.itemLabel}</Text>
      )}
    </View>
  );
}

/** A new item starts as a copy of the last one (its shape is what the rule needs), or empty. */
const structuredCloneOf = (item: Draft | undefined): Draft => (item ? JSON.parse(JSON.stringify(item)) : {});
