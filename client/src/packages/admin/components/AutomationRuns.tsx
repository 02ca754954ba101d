// A run log (执行记录) of a rule or a member: when, which rule or member and why (the occurrence), acted or not and why
// not, and what it gave.
import { Text, View } from '@tarojs/components';
import { formatShanghaiDateTime } from '../../../utils/format';
import type { RunRow } from '../automation-store';

export default function AutomationRuns({ runs, showMember }: { runs: RunRow[]; showMember: boolean }) {
  return (
    <View className='console-table automation-runs'>
      <View className='console-row console-row--head'>
        <Text className='console-cell'>时间</Text>
        <Text className='console-cell console-cell--wide'>{showMember ? '会员 · 原因' : '规则 · 原因'}</Text>
        <Text className='console-cell'>结果</Text>
        <Text className='console-cell'>内容</Text>
      </View>
      {runs.map((r) => (
        <View key={r.id} className='console-row automation-run' data-outcome={r.outcome} data-rule={r.rule}>
          <Text className='console-cell'>{formatShanghaiDateTime(r.at)}</Text>
          <Text className='console-cell console-cell--wide'>{showMember ? r.memberNo : r.ruleName} · {r.period}</Text>
          <Text className={`console-cell ${r.outcome === 'acted' ? 'automation-acted' : 'automation-skip'}`}>{r.outcome === 'acted' ? '已执行' : `未执行：${r.reasonName ?? ''}`}</Text>
          <Text className='console-cell'>{[r.points ? `积分 ${r.points}` : '', r.vouchers ? `券 ${r.vouchers}` : '', r.messages ? `消息 ${r.messages}` : '', r.tasks ? `回访 ${r.tasks}` : ''].filter(Boolean).join(' · ') || '—'}</Text>
        </View>
      ))}
    </View>
  );
}

