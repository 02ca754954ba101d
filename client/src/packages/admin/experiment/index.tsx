// 实验设置: a new experiment (no experimentId) or a saved one. One treatment arm (每元积分 as the earning multiplier,
// 签到积分, and any other change to the points, check-in or tier rules as JSON) against a holdout on today's rules; the
// dates, the metric window and the margin; the sample size planner (baseline repurchase rate, the smallest lift worth
// detecting, α, power); save as a draft, start, stop. A started experiment is fixed (no edits while it runs).
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import ConsoleShell from '../components/ConsoleShell';
import { experimentsStore, pct, STATUS_NAMES, useExperiments, type Experiment } from '../experiments-store';
import { mayRunAction } from '../session-store';
import '../catalog.scss';
import '../experiments.scss';

const URL = '/packages/admin/experiments/index';

const DAY_MS = 86_400_000;
const shanghaiDay = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

interface Form {
  experimentId: string; name: string; hypothesis: string;
  armName: string; share: string; pointsPerYuan: string; checkinPoints: string; extra: string;
  plannedStart: string; plannedEnd: string; windowDays: string; marginRate: string;
  baseline: string; lift: string; alpha: string; power: string; perDay: string;
}

const blank = (): Form => ({
  experimentId: '', name: '', hypothesis: '', armName: '实验组', share: '50', pointsPerYuan: '2', checkinPoints: '', extra: '',
  plannedStart: shanghaiDay(Date.now()), plannedEnd: shanghaiDay(Date.now() + 13 * DAY_MS), windowDays: '30', marginRate: '30',
  baseline: '20', lift: '10', alpha: '0.05', power: '0.8', perDay: '',
});

type Overlay = Record<string, Record<string, unknown>>;

function fromExperiment(x: Experiment): Form {
  const arm = x.arms.find((a) => !a.holdout)!;
  const overlay = JSON.parse(JSON.stringify(arm.overlay)) as Overlay;
  const pointsPerYuan = overlay.points?.pointsPerYuan;
  const checkinPoints = overlay.checkin?.points;
  if (overlay.points) delete overlay.points.pointsPerYuan;
  if (overlay.checkin) delete overlay.checkin.points;
  for (const k of Object.keys(overlay)) if (!Object.keys(overlay[k]).length) delete overlay[k];
  return {
    experimentId: x.id, name: x.name, hypothesis: x.hypothesis, armName: arm.name, share: String(arm.share),
    pointsPerYuan: pointsPerYuan === undefined ? '' : String(pointsPerYuan), checkinPoints: checkinPoints === undefined ? '' : String(checkinPoints),
    extra: Object.keys(overlay).length ? JSON.stringify(overlay, null, 2) : '',
    plannedStart: x.plannedStart, plannedEnd: x.plannedEnd, windowDays: String(x.windowDays), marginRate: String(Math.round(x.marginRate * 1000) / 10),
    baseline: String(Math.round(x.plan.baseline * 1000) / 10), lift: String(Math.round(x.plan.relativeLift * 1000) / 10), alpha: String(x.plan.alpha), power: String(x.plan.power), perDay: '',
  };
}

const num = (s: string) => (s.trim() === '' ? NaN : Number(s));

/** The arm's overlay from the form: the JSON part, then 每元积分 and 签到积分 over it. A JSON that does not parse is a problem. */
function overlayOf(f: Form): Overlay | string {
  let overlay: Overlay = {};
  if (f.extra.trim()) {
    try {
      const parsed: unknown = JSON.parse(f.extra);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return '其他规则调整必须是 JSON 对象';
      overlay = parsed as Overlay;
    } catch {
      return '其他规则调整不是有效的 JSON';
    }
  }
  if (f.pointsPerYuan.trim()) overlay = { ...overlay, points: { ...overlay.points, pointsPerYuan: num(f.pointsPerYuan) } };
  if (f.checkinPoints.trim()) overlay = { ...overlay, checkin: { ...overlay.checkin, points: num(f.checkinPoints) } };
  return overlay;
}

function Field({ label, className, value, onInput, placeholder, type }: { label: string; className: string; value: string; onInput: (v: string) => void; placeholder?: string; type?: 'digit' | 'text' }) {
  return (
    <View className='console-field'>
      <Text className='console-field__label'>{label}</Text>
      <Input className={`console-input ${className}`} type={type ?? 'text'} placeholder={placeholder} value={value} onInput={(e) => onInput(e.detail.value)} />
    </View>
  );
}

function Number_({ label, value }: { label: string; value: string }) {
  return (
    <View className='experiment-plan-number'>
      <Text className='experiment-plan-number__value'>{value}</Text>
      <Text className='experiment-plan-number__label'>{label}</Text>
    </View>
  );
}

export default function ConsoleExperiment() {
  const { params } = useRouter();
  const experimentId = params.experimentId || undefined;
  const detail = useExperiments((s) => s.detail);
  const save = useExperiments((s) => s.save);
  const status = useExperiments((s) => s.status);
  const plan = useExperiments((s) => s.plan);
  const canEdit = mayRunAction('experiments.save');
  const [form, setForm] = useState<Form>(blank);
  const [problem, setProblem] = useState<string | null>(null);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const set = (key: keyof Form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    experimentsStore.getState().clearDraft();
    if (experimentId) void experimentsStore.getState().open(experimentId);
  }, [experimentId]);
  const x = experimentId && detail.data?.id === experimentId ? detail.data : null;
  useEffect(() => {
    if (!x || loadedFor === `${x.id}:${x.version}`) return;
    setLoadedFor(`${x.id}:${x.version}`);
    setForm(fromExperiment(x));
  }, [x, loadedFor]);
  useEffect(() => {
    if (!experimentId && save.result) void Taro.redirectTo({ url: `/packages/admin/experiment/index?experimentId=${save.result.id}` });
  }, [experimentId, save.result]);

  const planBody = () => ({
    baseline: num(form.baseline) / 100, relativeLift: num(form.lift) / 100, alpha: num(form.alpha), power: num(form.power),
    holdoutShare: 100 - num(form.share), treatments: 1, ...(form.perDay.trim() ? { perDay: num(form.perDay) } : {}),
  });
  const onPlan = () => void experimentsStore.getState().runPlan(planBody());
  const onSave = () => {
    const overlay = overlayOf(form);
    if (typeof overlay === 'string') return setProblem(overlay);
    setProblem(null);
    const share = num(form.share);
    const { holdoutShare: _h, treatments: _t, perDay: _p, ...p } = planBody();
    void experimentsStore.getState().saveDraft({
      experimentId: x?.id ?? form.experimentId.trim(), ...(x ? { expectedVersion: x.version } : {}),
      name: form.name.trim(), hypothesis: form.hypothesis.trim(),
      arms: [{ id: 'a', name: form.armName.trim(), share, overlay }, { id: 'holdout', name: '对照组', share: 100 - share, overlay: {} }],
      plannedStart: form.plannedStart.trim(), plannedEnd: form.plannedEnd.trim(), windowDays: num(form.windowDays), plan: p, marginRate: num(form.marginRate) / 100,
    });
  };
  const editable = canEdit && (!x || x.status === 'draft');
  const answer = plan.result?.proportion;

  return (
    <ConsoleShell current={URL} title={x ? `实验：${x.name}` : '新建实验'}>
      {experimentId && detail.status === 'error' && detail.error && <Text className='console-error'>{detail.error.message}</Text>}
      <View className='console-split'>
        <View className='console-split__list'>
          <View className='console-card experiment-form'>
            {x && (
              <View className='experiment-badges'>
                <Text className={`console-badge experiment-status experiment-status--${x.status}`}>{STATUS_NAMES[x.status]}</Text>
                <Text className='console-badge'>版本 {x.version}</Text>
              </View>
            )}
            {!x && <Field label='实验编号' className='experiment-id' value={form.experimentId} onInput={set('experimentId')} placeholder='英文字母、数字、- 或 _，如 double-points-2027q1' />}
            <Field label='名称' className='experiment-name' value={form.name} onInput={set('name')} placeholder='如 双倍积分促复购' />
            <Field label='实验假设' className='experiment-hypothesis-input' value={form.hypothesis} onInput={set('hypothesis')} placeholder='如 消费积分翻倍能让会员 30 天内再次购买' />
            <Text className='console-card__title'>实验组（对照组保持现行规则）</Text>
            <View className='experiment-two'>
              <Field label='实验组名称' className='experiment-arm-name' value={form.armName} onInput={set('armName')} />
              <Field label='实验组比例（%）' className='experiment-share' type='digit' value={form.share} onInput={set('share')} />
            </View>
            <Text className='console-card__meta'>对照组比例 {Number.isFinite(100 - num(form.share)) ? 100 - num(form.share) : '—'}%</Text>
            <View className='experiment-two'>
              <Field label='每元积分（实验组）' className='experiment-points-per-yuan' type='digit' value={form.pointsPerYuan} onInput={set('pointsPerYuan')} placeholder='不调整可留空' />
              <Field label='每日签到积分（实验组）' className='experiment-checkin-points' type='digit' value={form.checkinPoints} onInput={set('checkinPoints')} placeholder='不调整可留空' />
            </View>
            <View className='console-field'>
              <Text className='console-field__label'>其他规则调整（JSON，可选：如积分活动 points.campaigns、等级权益 tiers）</Text>
              <Textarea className='console-input experiment-extra' value={form.extra} autoHeight placeholder='{"points": {"campaigns": [...]}}' onInput={(e) => set('extra')(e.detail.value)} />
            </View>
            <View className='experiment-two'>
              <Field label='计划开始日期' className='experiment-start' value={form.plannedStart} onInput={set('plannedStart')} placeholder='YYYY-MM-DD' />
              <Field label='计划结束日期' className='experiment-end' value={form.plannedEnd} onInput={set('plannedEnd')} placeholder='YYYY-MM-DD' />
            </View>
            <View className='experiment-two'>
              <Field label='观察天数（主要指标：天内复购）' className='experiment-window' type='digit' value={form.windowDays} onInput={set('windowDays')} />
              <Field label='毛利率（%）' className='experiment-margin' type='digit' value={form.marginRate} onInput={set('marginRate')} />
            </View>
            {problem && <Text className='console-error experiment-problem'>{problem}</Text>}
            {save.error && <Text className='console-error experiment-save-error'>{save.error.message}</Text>}
            {status.error && <Text className='console-error experiment-status-error'>{status.error.message}</Text>}
            {save.result && <Text className='console-ok experiment-saved'>已保存草稿（版本 {save.result.version}）：每组至少 {save.result.minimum.perTreatment} 人，对照组至少 {save.result.minimum.control} 人。</Text>}
            <View className='console-actions'>
              {editable && <Text className={`console-button experiment-save${save.busy ? ' console-button--busy' : ''}`} onClick={onSave}>{save.busy ? '保存中…' : '保存草稿'}</Text>}
              {canEdit && x?.status === 'draft' && <Text className={`console-button console-button--ghost experiment-start-button${status.busy ? ' console-button--busy' : ''}`} onClick={() => void experimentsStore.getState().setStatus('start', x.id, x.version)}>启动实验</Text>}
              {canEdit && x?.status === 'live' && <Text className='console-button console-button--ghost experiment-stop-button' onClick={() => void experimentsStore.getState().setStatus('stop', x.id, x.version)}>停止实验</Text>}
              {x && x.status !== 'draft' && <Text className='console-button console-button--ghost experiment-result-link' onClick={() => void Taro.navigateTo({ url: `/packages/admin/experiment-result/index?experimentId=${x.id}` })}>查看结果</Text>}
            </View>
            {x?.status === 'live' && <Text className='console-note experiment-fixed'>实验进行中，方案已固定：结束前不能修改，避免边看边改导致结论失真。</Text>}
          </View>
        </View>
        <View className='console-split__detail'>
          <View className='console-card experiment-planner'>
            <Text className='console-card__title'>样本量计算</Text>
            <Text className='console-card__meta'>按主要指标（{form.windowDays || 30} 天内复购率）的现状和希望能检测出的最小提升，计算每组需要的会员数。</Text>
            <View className='experiment-two'>
              <Field label='当前复购率（%）' className='experiment-baseline' type='digit' value={form.baseline} onInput={set('baseline')} />
              <Field label='最小可检测提升（相对 %）' className='experiment-lift' type='digit' value={form.lift} onInput={set('lift')} />
            </View>
            <View className='experiment-two'>
              <Field label='显著性水平 α' className='experiment-alpha' type='digit' value={form.alpha} onInput={set('alpha')} />
              <Field label='统计功效' className='experiment-power' type='digit' value={form.power} onInput={set('power')} />
            </View>
            <Field label='每天进入实验的会员数（可选，估算时长）' className='experiment-per-day' type='digit' value={form.perDay} onInput={set('perDay')} />
            <View className='console-actions'>
              <Text className={`console-button console-button--ghost experiment-plan${plan.busy ? ' console-button--busy' : ''}`} onClick={onPlan}>{plan.busy ? '计算中…' : '计算样本量'}</Text>
            </View>
            {plan.error && <Text className='console-error experiment-plan-error'>{plan.error.message}</Text>}
            {answer && (
              <View className='experiment-plan-result'>
                <Text className='console-card__meta'>复购率从 {form.baseline}% 提升到 {pct((num(form.baseline) / 100) * (1 + num(form.lift) / 100))} 时，有 {pct(num(form.power), 0)} 的把握检测出来（α = {answer.alphaPerComparison}）：</Text>
                <View className='experiment-plan-numbers'>
                  <Number_ label='实验组至少' value={`${answer.perTreatment} 人`} />
                  <Number_ label='对照组至少' value={`${answer.control} 人`} />
                  <Number_ label='合计' value={`${answer.total} 人`} />
                  {answer.days !== null && <Number_ label='预计入组天数' value={`${answer.days} 天`} />}
                </View>
              </View>
            )}
          </View>
        </View>
      </View>
    </ConsoleShell>
  );
}
