// The selected member's points or growth history, newest first, with "加载更多".
import { Text, View } from '@tarojs/components';
import { formatNumber, formatShanghaiDateTime, formatSigned } from '../../../utils/format';
import { dimensionLabel, entryTypeLabel } from '../../../utils/labels';
import { membersStore, useMembers } from '../members-store';

export default function MemberLedger() {
  const kind = useMembers((s) => s.ledgerKind);
  const ledger = useMembers((s) => s.ledger);
  const more = useMembers((s) => s.moreLedger);
  const items = ledger.data?.items ?? [];
  return (
    <View className='console-card member-ledger'>
      <Text className='console-card__title'>明细</Text>
      <View className='console-tabs member-ledger-tabs'>
        {(['points', 'growth'] as const).map((k) => (
          <Text key={k} className={`console-tab member-ledger-tab${kind === k ? ' console-tab--active' : ''}`} data-kind={k} onClick={() => void membersStore.getState().showLedger(k)}>
            {k === 'points' ? '积分明细' : '成长值明细'}
          </Text>
        ))}
      </View>
      {ledger.error && <Text className='console-error'>{ledger.error.message}</Text>}
      {ledger.status === 'loading' && items.length === 0 && <Text className='console-card__meta'>加载中…</Text>}
      {ledger.status === 'ready' && items.length === 0 && <Text className='console-empty'>暂无明细</Text>}
      <View className='console-table'>
        {items.map((e) => (
          <View key={e.id} className='console-row member-ledger-row'>
            <View className='console-cell console-cell--wide'>
              <Text className='member-ledger-row__reason'>{e.reason}</Text>
              <Text className='member-ledger-row__when'>{formatShanghaiDateTime(e.createdAt)}</Text>
            </View>
            <Text className='console-cell member-cell-type'>{kind === 'points' ? entryTypeLabel(e.type) || e.type : dimensionLabel(e.dimension)}</Text>
            <Text className={`console-cell console-cell--num member-ledger-amount${e.amount < 0 ? ' member-amount--minus' : ''}`}>{formatSigned(e.amount)}</Text>
            {kind === 'points' && <Text className='console-cell console-cell--num member-cell--desktop'>{e.balanceAfter === undefined ? '' : formatNumber(e.balanceAfter)}</Text>}
          </View>
        ))}
      </View>
      {ledger.data?.nextCursor && (
        <View className='console-button console-button--ghost member-ledger-more' onClick={() => void membersStore.getState().loadMoreLedger()}>{more.busy ? '加载中…' : '加载更多'}</View>
      )}
    </View>
  );
}
