// 实验结果: whether the change is worth keeping, with the numbers. The split is checked first (sample ratio mismatch,
// chi-square); before the planned end + the metric window, or before each arm has its planned sample, the page says the
// experiment is not finished and shows only the progress (no effects: reading them early invites stopping when they
// happen to look good). Then per treatment arm against the holdout: repurchase (rates with intervals, the difference,
// p), ARPU (CUPED-adjusted difference, interval, p), points issued per member, and the incremental margin.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { formatShanghaiDateTime } from '../../../utils/format';
import ConsoleShell from '../components/ConsoleShell';
import { experimentsStore, pct, pp, pValue, STATUS_NAMES, useExperiments, yuan, type Comparison, type ExperimentResult } from '../experiments-store';
import '../catalog.scss';
import '../experiments.scss';

const URL = '/packages/admin/experiments/index';

const trend = (significant: boolean, difference: number) => (!significant ? 'flat' : difference > 0 ? 'up' : 'down');
const sig = (significant: boolean) => (significant ? '差异显著' : '差异不显著');

function Srm({ r }: { r: ExperimentResult }) {
  return (
    <View className='console-card experiment-srm'>
      <Text className='console-card__title'>分组比例检查（SRM）</Text>
      {r.arms.map((a, i) => (
        <View key={a.id} className='experiment-progress' data-arm={a.id}>
          <Text>{a.name}（计划 {a.share}%）</Text>
          <Text>{a.members} 人 · 期望 {r.srm.expected[i].toFixed(1)} 人 · 计划至少 {a.needed} 人</Text>
        </View>
      ))}
      <Text className={`experiment-metric__detail experiment-srm-verdict${r.srm.ok ? '' : ' experiment-metric__effect--down'}`}>
        {r.srm.ok ? '分组比例正常' : '分组比例失衡：结果不可信，请排查分组与曝光记录'}（卡方 χ² = {r.srm.chiSquare.toFixed(2)}，自由度 {r.srm.df}，{pValue(r.srm.pValue)}；p &lt; 0.001 视为失衡）
      </Text>
    </View>
  );
}

function Metrics({ c }: { c: Comparison }) {
  const p = c.primary;
  const a = c.arpu;
  return (
    <View className='console-card experiment-metrics' data-arm={c.arm}>
      <Text className='console-card__title'>{c.armName} 对比 对照组</Text>
      <View className='experiment-metric experiment-metric--primary'>
        <Text className='experiment-metric__name'>主要指标：观察期内复购率</Text>
        <Text className={`experiment-metric__effect experiment-metric__effect--${trend(p.significant, p.difference)}`}>{pp(p.difference)}（{sig(p.significant)}）</Text>
        <Text className='experiment-metric__detail'>实验组 {pct(p.treatment.rate)}（{p.treatment.successes}/{p.treatment.n}，95% 区间 {pct(p.treatment.ci.low)}–{pct(p.treatment.ci.high)}） · 对照组 {pct(p.control.rate)}（{p.control.successes}/{p.control.n}，{pct(p.control.ci.low)}–{pct(p.control.ci.high)}）</Text>
        <Text className='experiment-metric__detail'>差值区间 {pp(p.ci.low)} 至 {pp(p.ci.high)} · {p.relativeLift === null ? '' : `相对提升 ${pct(p.relativeLift)} · `}z = {p.z.toFixed(2)}，{pValue(p.pValue)}</Text>
      </View>
      <View className='experiment-metric experiment-metric--arpu'>
        <Text className='experiment-metric__name'>护栏：人均消费（ARPU）</Text>
        <Text className={`experiment-metric__effect experiment-metric__effect--${trend(a.significant, a.difference)}`}>{yuan(Math.round(a.difference), true)}/人（{sig(a.significant)}）</Text>
        <Text className='experiment-metric__detail'>实验组 {yuan(Math.round(a.unadjusted.treatment.mean))} · 对照组 {yuan(Math.round(a.unadjusted.control.mean))}（按第 99 百分位 {yuan(Math.round(a.capY))} 截尾）</Text>
        <Text className='experiment-metric__detail'>CUPED 调整后差值区间 {yuan(Math.round(a.ci.low), true)} 至 {yuan(Math.round(a.ci.high), true)} · Welch t = {a.t.toFixed(2)}，自由度 {a.df.toFixed(1)}，{pValue(a.pValue)} · 用实验前消费消除方差 {pct(Math.max(0, a.varianceReduction), 0)}</Text>
      </View>
      <View className='experiment-metric experiment-metric--points'>
        <Text className='experiment-metric__name'>护栏：人均发放积分</Text>
        <Text className='experiment-metric__effect experiment-metric__effect--flat'>{c.points.difference >= 0 ? '+' : ''}{c.points.difference.toFixed(1)} 分/人</Text>
        <Text className='experiment-metric__detail'>实验组 {c.points.treatment.mean.toFixed(1)} · 对照组 {c.points.control.mean.toFixed(1)} · 区间 {c.points.ci.low.toFixed(1)} 至 {c.points.ci.high.toFixed(1)} · {pValue(c.points.pValue)}</Text>
      </View>
      <View className='experiment-metric experiment-metric--margin'>
        <Text className='experiment-metric__name'>增量毛利</Text>
        <Text className={`experiment-metric__effect experiment-metric__effect--${c.margin.perMemberFen > 0 ? 'up' : 'down'}`}>{yuan(Math.round(c.margin.perMemberFen), true)}/人 · 合计 {yuan(Math.round(c.margin.totalFen), true)}</Text>
        <Text className='experiment-metric__detail'>增量消费 {yuan(Math.round(c.margin.extraGmvFen), true)} × 毛利率 {pct(c.margin.marginRate, 0)} − 增发积分 {c.margin.extraPoints.toFixed(1)} × 每分 {c.margin.fenPerPoint} 分钱</Text>
      </View>
    </View>
  );
}

export default function ConsoleExperimentResult() {
  const { params } = useRouter();
  const experimentId = params.experimentId ?? '';
  const { data, status, error } = useExperiments((s) => s.result);
  useEffect(() => void experimentsStore.getState().analyse(experimentId), [experimentId]);
  const r = data?.experiment.id === experimentId ? data : null;
  return (
    <ConsoleShell current={URL} title={r ? `实验结果：${r.experiment.name}` : '实验结果'}>
      {status === 'error' && error && <Text className='console-error'>{error.message}</Text>}
      {!r && status === 'loading' && <Text className='console-empty'>计算中…</Text>}
      {r && (
        <View className='console-split'>
          <View className='console-split__list'>
            {r.comparisons.map((c) => (
              <View key={c.arm} className='console-card experiment-conclusion' data-arm={c.arm}>
                <Text className='console-card__meta'>{c.armName}：{r.experiment.hypothesis || '这项积分策略是否值得保留'}</Text>
                <Text className={`experiment-verdict experiment-verdict--${c.verdict}`}>{c.label}</Text>
                {c.reasons.map((reason) => <Text key={reason} className='experiment-reason'>{reason}</Text>)}
                {c.verdict === 'not_finished' && <Text className='console-note experiment-wait'>固定观察期：到 {formatShanghaiDateTime(r.experiment.readyAt)} 且各组样本量达标后给出结论，期间不显示效果，避免看到一时的差异就提前下结论。</Text>}
              </View>
            ))}
            {r.finished && r.comparisons.every((c) => c.verdict !== 'not_finished') && r.comparisons.map((c) => <Metrics key={c.arm} c={c} />)}
          </View>
          <View className='console-split__detail'>
            <Srm r={r} />
            <View className='console-card experiment-facts'>
              <Text className='console-card__title'>实验方案</Text>
              <Text className='console-card__meta'>{STATUS_NAMES[r.experiment.status]} · {r.experiment.plannedStart} 至 {r.experiment.plannedEnd} 入组，每人观察 {r.experiment.windowDays} 天</Text>
              <Text className='console-card__meta'>计划：当前复购率 {pct(r.experiment.plan.baseline)}，最小可检测提升 {pct(r.experiment.plan.relativeLift, 0)}，α = {r.experiment.minimum.alphaPerComparison}，功效 {pct(r.experiment.plan.power, 0)}</Text>
              <Text className='console-card__meta'>计算于 {formatShanghaiDateTime(r.asOf)}</Text>
            </View>
          </View>
        </View>
      )}
    </ConsoleShell>
  );
}
