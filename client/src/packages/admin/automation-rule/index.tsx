// 自动化规则: a new rule (no ruleId) or a saved / playbook one. The trigger, conditions (the segment rule builder; off
// = every member the trigger names), actions, limits (per member per period, the global budget, quiet hours), the
// status (启用 / 暂停 / 设为草稿), a dry run (who it would reach now and what it would cost), and its run log.
import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ACTION_NAMES, STATUS_NAMES, TRIGGER_KINDS, TRIGGER_NAMES } from '../../../../../contract/automation';
import { STAGE_NAMES, STAGES } from '../../../../../contract/segmentRule';
import ConsoleShell from '../components/ConsoleShell';
import SegmentRuleBuilder from '../components/SegmentRuleBuilder';
import { fromRule, newAction, newDraft, toBody, type ActionDraft, type ActionKind, type RuleDraft } from '../automation-draft';
import { automationStore, useAutomation } from '../automation-store';
import AutomationRuns from '../components/AutomationRuns';
import { mayRunAction } from '../session-store';
import '../catalog.scss';
import '../segments.scss';
import '../automation.scss';

const URL = '/packages/admin/automation/index';
const ACTION_KINDS: ActionKind[] = ['grantPoints', 'issueVoucher', 'sendMessage', 'addTag', 'removeTag', 'createTask', 'npsSurvey'];
const PERIODS = [['ever', '累计'], ['day', '每天'], ['week', '每周'], ['month', '每月'], ['year', '每年']] as const;

function Chips<T extends string>({ options, value, onPick, name }: { options: ReadonlyArray<readonly [T, string]>; value: T; onPick: (v: T) => void; name: string }) {
  return (
    <View className={`catalog-chips automation-chips automation-chips--${name}`}>
      {options.map(([v, label]) => <Text key={v} className={`catalog-chip${v === value ? ' catalog-chip--active' : ''}`} data-value={v} onClick={() => onPick(v)}>{label}</Text>)}
    </View>
  );
}

function Field({ label, value, onInput, placeholder, name, type }: { label: string; value: string; onInput: (v: string) => void; placeholder?: string; name: string; type?: 'number' | 'digit' | 'text' }) {
  return (
    <View className='console-field'>
      <Text className='console-field__label'>{label}</Text>
      <Input className={`console-input automation-${name}`} type={type ?? 'text'} placeholder={placeholder} value={value} onInput={(e) => onInput(e.detail.value)} />
    </View>
  );
}

function TriggerBlock({ d, set }: { d: RuleDraft; set: (t: Partial<RuleDraft['trigger']>) => void }) {
  const t = d.trigger;
  const stages = [['', '任意'] as const, ...STAGES.map((s) => [s, STAGE_NAMES[s]] as const)];
  return (
    <View className='automation-block automation-trigger'>
      <Text className='automation-block__title'>触发条件</Text>
      <Chips name='trigger' options={TRIGGER_KINDS.map((k) => [k, TRIGGER_NAMES[k]] as const)} value={t.kind} onPick={(kind) => set({ kind })} />
      {t.kind === 'orderPaid' && <Field name='min-yuan' label='订单最低金额（元，0 = 任意订单）' type='digit' value={t.minYuan} onInput={(minYuan) => set({ minYuan })} />}
      {t.kind === 'tierChanged' && <Chips name='direction' options={[['up', '等级提升'], ['down', '等级下降'], ['any', '任意变化']] as const} value={t.direction} onPick={(direction) => set({ direction })} />}
      {t.kind === 'stageChanged' && (
        <>
          <Text className='console-field__label'>从阶段</Text>
          <Chips name='stage-from' options={stages} value={t.from as never} onPick={(from) => set({ from })} />
          <Text className='console-field__label'>变为阶段</Text>
          <Chips name='stage-to' options={stages} value={t.to as never} onPick={(to) => set({ to })} />
        </>
      )}
      {(t.kind === 'segmentEntered' || t.kind === 'segmentLeft') && <Field name='segment' label='人群编号（会员分群中的编号）' value={t.segment} onInput={(segment) => set({ segment })} />}
      {(t.kind === 'pointsExpiring' || t.kind === 'inactive') && <Field name='days' label={t.kind === 'inactive' ? '未活跃天数' : '积分多少天内过期'} type='number' value={t.days} onInput={(days) => set({ days })} />}
      {t.kind === 'checkinStreakBroken' && <Field name='min-streak' label='至少连续签到天数' type='number' value={t.minStreak} onInput={(minStreak) => set({ minStreak })} />}
      {t.kind === 'tierNear' && <Field name='percent' label='距下一等级不足（%）' type='number' value={t.percent} onInput={(percent) => set({ percent })} />}
      {t.kind === 'schedule' && <Chips name='every' options={[['day', '每天'], ['week', '每周'], ['month', '每月'], ['year', '每年']] as const} value={t.every} onPick={(every) => set({ every })} />}
    </View>
  );
}

function ActionEditor({ a, update, remove }: { a: ActionDraft; update: (a: ActionDraft) => void; remove: () => void }) {
  const set = (patch: Partial<ActionDraft>) => update({ ...a, ...patch });
  return (
    <View className='automation-action' data-kind={a.kind}>
      <View className='automation-action__head'>
        <Chips name='action' options={ACTION_KINDS.map((k) => [k, ACTION_NAMES[k]] as const)} value={a.kind} onPick={(kind) => set({ kind })} />
        <Text className='automation-remove' onClick={remove}>删除</Text>
      </View>
      {a.kind === 'grantPoints' && (
        <View className='automation-pair'>
          <Input className='console-input automation-points' type='number' placeholder='积分' value={a.points} onInput={(e) => set({ points: e.detail.value })} />
          <Input className='console-input automation-reason' placeholder='明细说明，如 唤醒礼' value={a.reason} onInput={(e) => set({ reason: e.detail.value })} />
        </View>
      )}
      {a.kind === 'issueVoucher' && (
        <>
          <Input className='console-input automation-title' placeholder='券名称，如 首单立减券' value={a.title} onInput={(e) => set({ title: e.detail.value })} />
          <Input className='console-input automation-description' placeholder='使用说明（可不填）' value={a.description} onInput={(e) => set({ description: e.detail.value })} />
          <View className='automation-pair'>
            <Input className='console-input automation-face' type='digit' placeholder='面额（元，可不填）' value={a.faceValueYuan} onInput={(e) => set({ faceValueYuan: e.detail.value })} />
            <Input className='console-input automation-valid' type='number' placeholder='有效天数' value={a.validDays} onInput={(e) => set({ validDays: e.detail.value })} />
          </View>
        </>
      )}
      {a.kind === 'sendMessage' && (
        <View className='automation-pair'>
          <Input className='console-input automation-title' placeholder='标题（20 字内）' value={a.title} onInput={(e) => set({ title: e.detail.value })} />
          <Input className='console-input automation-body' placeholder='内容（20 字内）' value={a.body} onInput={(e) => set({ body: e.detail.value })} />
        </View>
      )}
      {(a.kind === 'addTag' || a.kind === 'removeTag') && <Input className='console-input automation-tag' placeholder='标签名称' value={a.tag} onInput={(e) => set({ tag: e.detail.value })} />}
      {a.kind === 'npsSurvey' && <Text className='console-card__meta automation-nps-note'>发送「服务满意度调查」订阅消息（推荐意愿 0-10 分），每位会员每季度最多一次</Text>}
      {a.kind === 'createTask' && (
        <View className='automation-pair'>
          <Input className='console-input automation-reason' placeholder='回访原因，如 人工关怀回访' value={a.reason} onInput={(e) => set({ reason: e.detail.value })} />
          <Input className='console-input automation-due' type='number' placeholder='几天内完成' value={a.dueDays} onInput={(e) => set({ dueDays: e.detail.value })} />
        </View>
      )}
    </View>
  );
}

export default function ConsoleAutomationRule() {
  const { params } = useRouter();
  const ruleId = params.ruleId || undefined;
  const rules = useAutomation((s) => s.rules);
  const save = useAutomation((s) => s.save);
  const status = useAutomation((s) => s.status);
  const dry = useAutomation((s) => s.dry);
  const runs = useAutomation((s) => s.runs);
  const canEdit = mayRunAction('automation.saveRule');
  const [draft, setDraft] = useState<RuleDraft>(newDraft);
  const [newId, setNewId] = useState('');
  const [loaded, setLoaded] = useState<string | null>(null);

  useEffect(() => {
    automationStore.getState().clearEdit();
    if (!automationStore.getState().rules.data) void automationStore.getState().loadRules();
    if (ruleId) void automationStore.getState().loadRuns({ ruleId });
  }, [ruleId]);
  const rule = ruleId ? rules.data?.rules.find((r) => r.id === ruleId) ?? null : null;
  useEffect(() => {
    if (!rule || loaded === `${rule.id}:${rule.version}`) return;
    setLoaded(`${rule.id}:${rule.version}`);
    setDraft(fromRule(rule));
  }, [rule, loaded]);
  useEffect(() => {
    if (!ruleId && save.result) void Taro.redirectTo({ url: `/packages/admin/automation-rule/index?ruleId=${save.result.rule.id}` });
  }, [ruleId, save.result]);

  const setTrigger = (t: Partial<RuleDraft['trigger']>) => setDraft({ ...draft, trigger: { ...draft.trigger, ...t } });
  const setAction = (i: number, a: ActionDraft | null) => setDraft({ ...draft, actions: a ? draft.actions.map((x, j) => (j === i ? a : x)) : draft.actions.filter((_, j) => j !== i) });
  const onSave = () => void automationStore.getState().saveRule(ruleId ?? newId.trim(), rule ? rule.version : null, toBody(draft));

  return (
    <ConsoleShell current={URL} title={ruleId ? `自动化规则：${rule?.name ?? ''}` : '新建自动化规则'}>
      {rules.status === 'error' && rules.error && <Text className='console-error'>{rules.error.message}</Text>}
      {rule && (
        <View className='console-card automation-head'>
          <View className='automation-badges'>
            <Text className={`console-badge automation-status automation-status--${rule.status}`}>{STATUS_NAMES[rule.status]}</Text>
            <Text className='console-badge'>{rule.version === 0 ? '默认方案（未修改）' : `版本 ${rule.version}`}</Text>
          </View>
          <Text className='automation-summary'>{rule.summary}</Text>
          {canEdit && (
            <View className='console-actions'>
              {rule.status !== 'live' && <Text className='console-button automation-go-live' onClick={() => void automationStore.getState().setStatus(rule.id, 'live')}>启用</Text>}
              {rule.status === 'live' && <Text className='console-button console-button--ghost automation-pause' onClick={() => void automationStore.getState().setStatus(rule.id, 'paused')}>暂停</Text>}
              {rule.status !== 'draft' && <Text className='console-button console-button--ghost automation-to-draft' onClick={() => void automationStore.getState().setStatus(rule.id, 'draft')}>设为草稿</Text>}
            </View>
          )}
          {status.error && <Text className='console-error automation-status-error'>{status.error.message}</Text>}
        </View>
      )}
      <View className='console-split'>
        <View className='console-split__list'>
          <View className='console-card automation-form'>
            {!ruleId && <Field name='rule-id' label='规则编号（小写字母开头，如 spring-gift）' value={newId} onInput={setNewId} />}
            <Field name='name' label='名称' value={draft.name} onInput={(name) => setDraft({ ...draft, name })} placeholder='如 沉睡会员唤回礼' />
            <Field name='rule-description' label='说明' value={draft.description} onInput={(description) => setDraft({ ...draft, description })} placeholder='可不填' />
            <TriggerBlock d={draft} set={setTrigger} />
            <View className='automation-block automation-conditions'>
              <Text className='automation-block__title'>规则条件</Text>
              <Chips name='conditions' options={[['all', '触发的全部会员'], ['some', '符合条件的会员']] as const} value={draft.useConditions ? 'some' : 'all'} onPick={(v) => setDraft({ ...draft, useConditions: v === 'some' })} />
              {draft.useConditions && <SegmentRuleBuilder draft={draft.group} onChange={(group) => setDraft({ ...draft, group })} />}
            </View>
            <View className='automation-block automation-actions'>
              <Text className='automation-block__title'>执行动作</Text>
              {draft.actions.map((a, i) => <ActionEditor key={a.id} a={a} update={(x) => setAction(i, x)} remove={() => setAction(i, null)} />)}
              {draft.actions.length < 6 && <Text className='console-button console-button--ghost automation-add-action' onClick={() => setDraft({ ...draft, actions: [...draft.actions, newAction()] })}>＋ 添加动作</Text>}
            </View>
            <View className='automation-block automation-limits'>
              <Text className='automation-block__title'>限制</Text>
              <Text className='console-field__label'>每位会员最多执行</Text>
              <View className='automation-pair'>
                <Input className='console-input automation-max' type='number' value={draft.max} onInput={(e) => setDraft({ ...draft, max: e.detail.value })} />
                <Text>次</Text>
              </View>
              <Chips name='period' options={PERIODS} value={draft.period} onPick={(period) => setDraft({ ...draft, period })} />
              <View className='automation-pair'>
                <Input className='console-input automation-budget-points' type='number' placeholder='积分总预算（不填 = 不限）' value={draft.budgetPoints} onInput={(e) => setDraft({ ...draft, budgetPoints: e.detail.value })} />
                <Input className='console-input automation-budget-vouchers' type='number' placeholder='券总预算（不填 = 不限）' value={draft.budgetVouchers} onInput={(e) => setDraft({ ...draft, budgetVouchers: e.detail.value })} />
              </View>
              <View className='automation-pair'>
                <Input className='console-input automation-quiet-start' placeholder='免打扰开始，如 21:00' value={draft.quietStart} onInput={(e) => setDraft({ ...draft, quietStart: e.detail.value })} />
                <Input className='console-input automation-quiet-end' placeholder='免打扰结束，如 09:00' value={draft.quietEnd} onInput={(e) => setDraft({ ...draft, quietEnd: e.detail.value })} />
              </View>
            </View>
            <View className='console-actions'>
              <Text className={`console-button console-button--ghost automation-dry-run${dry.busy ? ' console-button--busy' : ''}`} onClick={() => void automationStore.getState().dryRun(toBody(draft))}>{dry.busy ? '试算中…' : '试算'}</Text>
              {canEdit && <Text className={`console-button automation-save${save.busy ? ' console-button--busy' : ''}`} onClick={onSave}>{save.busy ? '保存中…' : '保存'}</Text>}
            </View>
            {save.error && <Text className='console-error automation-save-error'>{save.error.message}</Text>}
            {save.result && ruleId && <Text className='console-ok automation-saved'>已保存为版本 {save.result.rule.version}{save.result.rule.status === 'live' ? '，运行中的规则按新版本执行' : ''}</Text>}
            {dry.error && <Text className='console-error automation-dry-error'>{dry.error.message}</Text>}
          </View>
        </View>
        <View className='console-split__detail'>
          {dry.result && (
            <View className='console-card automation-dry-result'>
              <Text className='console-card__meta'>若现在执行，可触达会员</Text>
              <Text className='automation-figure automation-reached'>{dry.result.reached} 人</Text>
              <Text className='console-card__meta automation-dry-scanned'>已检查 {dry.result.scanned} 位会员{dry.result.nextCursor ? '（会员较多，仅计算了前一部分）' : ''}</Text>
              <Text className='console-card__meta automation-dry-cost'>预计发放积分 {dry.result.points} · 券 {dry.result.vouchers} 张 · 消息 {dry.result.messages} 条 · 回访任务 {dry.result.tasks} 个</Text>
              {(dry.result.budget.points !== null || dry.result.budget.vouchers !== null) && (
                <Text className='console-card__meta automation-dry-budget'>剩余预算：{dry.result.budget.points !== null ? `积分 ${dry.result.budget.points}` : '积分不限'} · {dry.result.budget.vouchers !== null ? `券 ${dry.result.budget.vouchers}` : '券不限'}</Text>
              )}
              {dry.result.sample.length > 0 && <Text className='console-card__meta automation-dry-sample'>示例：{dry.result.sample.map((m) => `${m.nickname}（${m.memberNo}）`).join('、')}</Text>}
            </View>
          )}
          {ruleId && (
            <View className='console-card automation-rule-runs'>
              <Text className='console-card__title'>执行记录</Text>
              {runs.error && <Text className='console-error'>{runs.error.message}</Text>}
              {runs.data && runs.data.runs.length === 0 && <Text className='console-empty automation-runs-empty'>还没有执行记录</Text>}
              {runs.data && runs.data.runs.length > 0 && <AutomationRuns runs={runs.data.runs} showMember />}
            </View>
          )}
        </View>
      </View>
    </ConsoleShell>
  );
}
