// 会员分群 (operators and admins edit, analysts read): the live segments and rule tags, each with its rule in words,
// its members as of the last timer run, its version and the versions live automations use.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { formatShanghaiDateTime } from '../../../utils/format';
import ConsoleShell from '../components/ConsoleShell';
import { useConsoleSession } from '../session-store';
import { segmentsStore, useSegments, type SegmentRow } from '../segments-store';
import '../catalog.scss';
import '../segments.scss';

const URL = '/packages/admin/segments/index';
const open = (segmentId?: string) => void Taro.navigateTo({ url: `/packages/admin/segment/index${segmentId ? `?segmentId=${segmentId}` : ''}` });

function Row({ s }: { s: SegmentRow }) {
  return (
    <View className='console-card segment-row' data-id={s.segmentId} onClick={() => open(s.segmentId)}>
      <Text className='console-card__title'>{s.name}</Text>
      <View className='segment-badges'>
        <Text className='console-badge segment-members'>{s.members} 人</Text>
        <Text className='console-badge'>版本 {s.version}</Text>
        {s.tag && <Text className='console-badge segment-tag'>规则标签：{s.tag}</Text>}
        {s.pinned.length > 0 && <Text className='console-badge segment-pinned'>自动化使用中（版本 {s.pinned.join('、')}）</Text>}
      </View>
      <Text className='segment-rule-text'>{s.ruleText}</Text>
      <Text className='console-card__meta'>{s.updatedByName} · {formatShanghaiDateTime(s.updatedAt)} 更新</Text>
    </View>
  );
}

export default function ConsoleSegments() {
  const { data, status, error } = useSegments((s) => s.list);
  useDidShow(() => void segmentsStore.getState().loadList());
  const canEdit = useConsoleSession((s) => s.session.data?.actions.includes('segments.save') ?? false);
  return (
    <ConsoleShell current={URL} title='会员分群'>
      <View className='console-actions'>
        {canEdit && <Text className='console-button segment-new' onClick={() => open()}>＋ 新建分群</Text>}
      </View>
      <Text className='console-card__meta'>人数为定时任务最近一次计算的结果：会员的订单、等级与标签变化后数分钟内更新，每天凌晨全量重算。</Text>
      {status === 'error' && error && <Text className='console-error'>{error.message}</Text>}
      {status === 'ready' && data?.segments.length === 0 && <Text className='console-empty segment-empty'>还没有分群，点“新建分群”按条件圈选会员</Text>}
      {data?.segments.map((s) => <Row key={s.segmentId} s={s} />)}
    </ConsoleShell>
  );
}
