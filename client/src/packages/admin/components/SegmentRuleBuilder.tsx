// The rule builder (分群规则): AND/OR groups (全部满足 / 任一满足) of conditions, each a field, a comparison and a value
// picked in Chinese (chips for fields, comparisons and enumerations; text for numbers, days, tags and codes), groups
// nested at most 3 deep. The page holds the draft; every change comes back through `onChange`.
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  CHOICES, daysLabel, FIELD_NAMES, isList, needsDays, newCondition, newGroup, OP_NAMES, opsOf, SEGMENT_FIELDS, takesValue, updateNode, valueHint, withField, withOp,
  type CondDraft, type GroupDraft,
} from '../segment-draft';

const MAX_DEPTH = 3;

interface Props { draft: GroupDraft; onChange: (draft: GroupDraft) => void }

function Condition({ c, update, remove }: { c: CondDraft; update: (c: CondDraft) => void; remove: () => void }) {
  const [picking, setPicking] = useState(false);
  const choices = CHOICES[c.field];
  const toggle = (v: string) => update({ ...c, values: isList(c.op) ? (c.values.includes(v) ? c.values.filter((x) => x !== v) : [...c.values, v]) : [v] });
  return (
    <View className='segment-cond' data-field={c.field}>
      <View className='segment-cond__head'>
        <Text className='segment-cond__field' onClick={() => setPicking(!picking)}>{FIELD_NAMES[c.field]} ▾</Text>
        <Text className='segment-cond__remove' onClick={remove}>删除</Text>
      </View>
      {picking && (
        <View className='catalog-chips segment-fields'>
          {SEGMENT_FIELDS.map((f) => (
            <Text key={f} className={`catalog-chip${f === c.field ? ' catalog-chip--active' : ''}`} data-pick-field={f} onClick={() => { update(withField(c, f)); setPicking(false); }}>{FIELD_NAMES[f]}</Text>
          ))}
        </View>
      )}
      {c.field === 'experiment' && (
        <Input className='console-input segment-key' placeholder='实验编号' value={c.key} onInput={(e) => update({ ...c, key: e.detail.value })} />
      )}
      {needsDays(c.field) && (
        <View className='segment-days'>
          <Text className='console-field__help'>{daysLabel(c.field)}</Text>
          <Input className='console-input segment-days__input' type='number' placeholder='天' value={c.days} onInput={(e) => update({ ...c, days: e.detail.value })} />
        </View>
      )}
      <View className='catalog-chips segment-ops'>
        {opsOf(c.field).map((op) => (
          <Text key={op} className={`catalog-chip${op === c.op ? ' catalog-chip--active' : ''}`} data-op={op} onClick={() => update(withOp(c, op))}>{OP_NAMES[op]}</Text>
        ))}
      </View>
      {takesValue(c.op) && (choices ? (
        <View className='catalog-chips segment-values'>
          {choices.map((x) => (
            <Text key={x.value} className={`catalog-chip${c.values.includes(x.value) ? ' catalog-chip--active' : ''}`} data-value={x.value} onClick={() => toggle(x.value)}>{x.name}</Text>
          ))}
        </View>
      ) : c.op === 'between' ? (
        <View className='segment-between'>
          <Input className='console-input segment-lo' placeholder='下限' value={c.lo} onInput={(e) => update({ ...c, lo: e.detail.value })} />
          <Text className='console-field__help'>至</Text>
          <Input className='console-input segment-hi' placeholder='上限' value={c.hi} onInput={(e) => update({ ...c, hi: e.detail.value })} />
        </View>
      ) : (
        <Input className='console-input segment-value' placeholder={valueHint(c)} value={c.value} onInput={(e) => update({ ...c, value: e.detail.value })} />
      ))}
    </View>
  );
}

function Group({ g, depth, root, onChange, remove }: { g: GroupDraft; depth: number; root: GroupDraft; onChange: (d: GroupDraft) => void; remove?: () => void }) {
  const set = (id: number, f: (n: CondDraft | GroupDraft) => CondDraft | GroupDraft | null) => onChange(updateNode(root, id, f));
  return (
    <View className={`segment-group segment-group--${depth}`} data-depth={depth}>
      <View className='segment-group__head'>
        <View className='console-tabs segment-match'>
          <Text className={`console-tab${g.match === 'all' ? ' console-tab--active' : ''}`} data-match='all' onClick={() => set(g.id, (n) => ({ ...(n as GroupDraft), match: 'all' }))}>全部满足（且）</Text>
          <Text className={`console-tab${g.match === 'any' ? ' console-tab--active' : ''}`} data-match='any' onClick={() => set(g.id, (n) => ({ ...(n as GroupDraft), match: 'any' }))}>任一满足（或）</Text>
        </View>
        {remove && <Text className='segment-cond__remove' onClick={remove}>删除条件组</Text>}
      </View>
      {g.items.map((i) => (i.kind === 'group'
        ? <Group key={i.id} g={i} depth={depth + 1} root={root} onChange={onChange} remove={() => set(i.id, () => null)} />
        : <Condition key={i.id} c={i} update={(c) => set(i.id, () => c)} remove={() => set(i.id, () => null)} />))}
      <View className='console-actions segment-add'>
        <Text className='console-button console-button--ghost segment-add-cond' onClick={() => set(g.id, (n) => ({ ...(n as GroupDraft), items: [...(n as GroupDraft).items, newCondition()] }))}>添加条件</Text>
        {depth < MAX_DEPTH && (
          <Text className='console-button console-button--ghost segment-add-group' onClick={() => set(g.id, (n) => ({ ...(n as GroupDraft), items: [...(n as GroupDraft).items, newGroup(g.match === 'all' ? 'any' : 'all')] }))}>添加条件组</Text>
        )}
      </View>
    </View>
  );
}

export default function SegmentRuleBuilder({ draft, onChange }: Props) {
  return <View className='segment-builder'><Group g={draft} depth={1} root={draft} onChange={onChange} /></View>;
}
