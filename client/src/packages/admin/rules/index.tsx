// 规则: the loyalty rules section by section as forms built from their schema (admin.ruleForm); before saving, the
// changes against the rules in effect and, for a new tier ladder, how many members it moves (admin.previewConfig);
// saved against the version edited (a concurrent save is refused, not overwritten). 版本记录: who saved what and why,
// and rollback to any version (admins). Operators and analysts read the rules.
import { useEffect, useMemo, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { formatNumber, formatShanghaiDateTime } from '../../../utils/format';
import ConsoleShell from '../components/ConsoleShell';
import RuleGroup from '../components/RuleGroup';
import { patternOf, type Draft } from '../rule-values';
import { rulesStore, useRules } from '../rules-store';
import { mayRunAction } from '../session-store';

const HISTORY = 'history';
const show = (v: unknown) => (v === null || v === undefined ? '（无）' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export default function ConsoleRules() {
  const config = useRules((s) => s.config.data);
  const spec = useRules((s) => s.form.data);
  const history = useRules((s) => s.history.data);
  const loadError = useRules((s) => s.config.error ?? s.form.error);
  const { busy: previewing, result: preview, error: previewError } = useRules((s) => s.preview);
  const { busy: saving, error: saveError, result: saved } = useRules((s) => s.save);
  const [section, setSection] = useState('points');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [note, setNote] = useState('');
  const canSave = mayRunAction('admin.setConfig');
  const canRollback = mayRunAction('admin.rollbackConfig');

  useDidShow(() => void rulesStore.getState().load());
  // A fresh draft from the rules in effect whenever another version is loaded.
  useEffect(() => setDraft(config ? (JSON.parse(JSON.stringify(config.effective)) as Draft) : null), [config?.version]);

  const effective = config?.effective as Draft | undefined;
  const edited = useMemo(() => Object.keys(draft ?? {}).filter((k) => JSON.stringify(draft?.[k]) !== JSON.stringify(effective?.[k])), [draft, effective]);
  const rules = () => ({ ...(config?.overrides ?? {}), ...Object.fromEntries(edited.map((k) => [k, draft?.[k]])) });
  const labelOf = (path: string) => spec?.fields.find((f) => f.path === patternOf(path))?.label ?? spec?.lists.find((l) => l.path === patternOf(path))?.label ?? path;
  const edit = (next: Draft) => {
    setDraft(next);
    rulesStore.getState().clearPreview();
  };

  return (
    <ConsoleShell current='/packages/admin/rules/index' title='规则'>
      {loadError && <Text className='console-error'>{loadError.message}</Text>}
      {config && <Text className='console-card__meta rules-version'>当前版本 {config.version}{config.updatedBy ? ` · ${config.updatedBy}` : ''}{config.updatedAt ? ` · ${formatShanghaiDateTime(config.updatedAt)}` : ''}</Text>}
      <View className='console-tabs rules-tabs'>
        {[...(spec?.sections ?? []), { key: HISTORY, label: '版本记录' }].map((s) => (
          <Text key={s.key} className={`console-tab rules-tab${section === s.key ? ' console-tab--active' : ''}${edited.includes(s.key) ? ' rules-tab--edited' : ''}`} data-section={s.key} onClick={() => setSection(s.key)}>
            {s.label}{edited.includes(s.key) ? ' ●' : ''}
          </Text>
        ))}
      </View>
      {section === HISTORY ? (
        <View className='console-card rules-history'>
          {history?.items.map((v) => (
            <View key={v.version} className='console-row history-row' data-version={v.version}>
              <Text className='console-cell'>版本 {v.version}</Text>
              <Text className='console-cell console-cell--wide'>{v.note ?? '—'}{v.rollbackOf && !v.note?.startsWith('回滚到版本') ? `（回滚到版本 ${v.rollbackOf}）` : ''}</Text>
              <Text className='console-cell'>{v.updatedBy ?? '—'} · {formatShanghaiDateTime(v.updatedAt).slice(5)}</Text>
              {canRollback && v.version !== config?.version
                ? <Text className='console-button console-button--ghost rollback-submit' onClick={() => void rulesStore.getState().rollback(v.version)}>{saving ? '处理中…' : '回滚到此版本'}</Text>
                : <Text className='console-cell'>{v.version === config?.version ? '当前版本' : ''}</Text>}
            </View>
          ))}
          {history?.items.length === 0 && <Text className='console-empty'>还没有修改过规则，当前为默认规则</Text>}
          {saveError && <Text className='console-error'>{saveError.message}</Text>}
        </View>
      ) : (
        <View className='console-split'>
          <View className='console-split__list'>
            <View className='console-card rules-form' data-section={section}>
              {spec && draft && <RuleGroup spec={spec} base='' only={section} value={draft} readOnly={!canSave} onChange={edit} />}
            </View>
          </View>
          <View className='console-split__detail'>
            <View className='console-card rules-preview'>
              <Text className='console-card__title'>变更预览</Text>
              {!canSave && <Text className='console-note'>你的岗位可以查看规则与预览影响，修改需管理员操作</Text>}
              {edited.length === 0 && <Text className='console-card__meta'>修改左侧的规则后，可在这里预览变更与影响</Text>}
              {edited.length > 0 && <Text className='console-button console-button--ghost preview-submit' onClick={() => void rulesStore.getState().previewRules(rules())}>{previewing ? '计算中…' : '预览变更'}</Text>}
              {previewError && <Text className='console-error'>{previewError.message}</Text>}
              {preview && !preview.valid && preview.problems.map((p) => <Text key={p} className='console-error preview-problem'>{p}</Text>)}
              {preview?.valid && (
                <View className='preview-result'>
                  {preview.changes.map((c) => <Text key={c.path} className='console-code preview-change' data-path={c.path}>{labelOf(c.path)}：{show(c.before)} → {show(c.after)}</Text>)}
                  {preview.tierImpact && (
                    <View className='console-note tier-impact'>
                      <Text>按会员当前成长值，新等级体系下 {formatNumber(preview.tierImpact.up)} 人等级上升、{formatNumber(preview.tierImpact.down)} 人等级下降（共 {formatNumber(preview.tierImpact.members)} 人）</Text>
                      {preview.tierImpact.byLevel.map((l) => <Text key={l.level} className='console-card__meta'>{l.name}：{formatNumber(l.before)} → {formatNumber(l.after)} 人</Text>)}
                    </View>
                  )}
                  {canSave && (
                    <View>
                      <Input className='console-input save-note' placeholder='修改原因（会记录在版本记录中）' value={note} maxlength={200} onInput={(e) => setNote(e.detail.value)} />
                      <Text className='console-button save-submit' onClick={() => void rulesStore.getState().saveRules(rules(), note).then((ok) => ok && setNote(''))}>{saving ? '保存中…' : '保存为新版本'}</Text>
                    </View>
                  )}
                </View>
              )}
              {saveError && <Text className='console-error save-error'>{saveError.message}</Text>}
              {saved && !saveError && <Text className='console-ok save-ok'>已保存为版本 {saved.version}</Text>}
            </View>
          </View>
        </View>
      )}
    </ConsoleShell>
  );
}
