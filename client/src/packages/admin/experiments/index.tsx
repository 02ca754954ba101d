// 积分实验 (A/B tests of points strategies; operators and admins edit, analysts read): every experiment with its
// status, arms and dates; a draft opens its settings, a live or stopped one its result.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import ConsoleShell from '../components/ConsoleShell';
import { experimentsStore, STATUS_NAMES, useExperiments, type Experiment } from '../experiments-store';
import { mayRunAction } from '../session-store';
import '../catalog.scss';
import '../experiments.scss';

const URL = '/packages/admin/experiments/index';
const go = (url: string) => void Taro.navigateTo({ url });

function Row({ x }: { x: Experiment }) {
  const open = () => go(x.status === 'draft' ? `/packages/admin/experiment/index?experimentId=${x.id}` : `/packages/admin/experiment-result/index?experimentId=${x.id}`);
  return (
    <View className='console-card experiment-row' data-id={x.id} onClick={open}>
      <Text className='console-card__title'>{x.name}</Text>
      <View className='experiment-badges'>
        <Text className={`console-badge experiment-status experiment-status--${x.status}`}>{STATUS_NAMES[x.status]}</Text>
        {x.arms.map((a) => <Text key={a.id} className='console-badge'>{a.name} {a.share}%</Text>)}
        {x.segmentName && <Text className='console-badge'>分群：{x.segmentName}</Text>}
      </View>
      <Text className='console-card__meta'>{x.plannedStart} 至 {x.plannedEnd} 入组 · 观察 {x.windowDays} 天 · 每组至少 {x.minimum.perTreatment} 人（对照 {x.minimum.control} 人）</Text>
      {x.hypothesis && <Text className='experiment-hypothesis'>{x.hypothesis}</Text>}
    </View>
  );
}

export default function ConsoleExperiments() {
  const { data, status, error } = useExperiments((s) => s.list);
  useDidShow(() => void experimentsStore.getState().loadList());
  const canEdit = mayRunAction('experiments.save');
  return (
    <ConsoleShell current={URL} title='积分实验'>
      <View className='console-actions'>
        {canEdit && <Text className='console-button experiment-new' onClick={() => go('/packages/admin/experiment/index')}>＋ 新建实验</Text>}
      </View>
      <Text className='console-card__meta'>每个实验把会员按固定比例随机分到实验组和对照组：实验组按调整后的积分规则，对照组保持现行规则。到计划结束并满观察期、样本量达标后才给出结论。</Text>
      {status === 'error' && error && <Text className='console-error'>{error.message}</Text>}
      {status === 'ready' && data?.experiments.length === 0 && <Text className='console-empty experiment-empty'>还没有实验，点“新建实验”检验一项积分策略是否值得保留</Text>}
      {data?.experiments.map((x) => <Row key={x.id} x={x} />)}
    </ConsoleShell>
  );
}
