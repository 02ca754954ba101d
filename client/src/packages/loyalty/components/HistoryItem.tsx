import { Text, View } from '@tarojs/components';
import type { HistoryEntry, HistoryKind } from '../../../store/history';
import { formatNumber, formatShanghaiDateTime, formatSigned } from '../../../utils/format';
import { dimensionLabel, entryTypeLabel } from '../../../utils/labels';

const signClass = (amount: number) => (amount > 0 ? 'plus' : amount < 0 ? 'minus' : 'zero');

export function HistoryItem({ entry, kind }: { entry: HistoryEntry; kind: HistoryKind }) {
  const typeLabel = entryTypeLabel(entry.type);
  const dimension = kind === 'growth' ? dimensionLabel(entry.dimension) : '';
  const title = entry.reason || typeLabel || '变动';
  // A tag that only repeats the title's first word (消费 over "消费 600.50 元") is left out.
  const adds = (tag: string) => Boolean(tag) && !title.startsWith(tag);

  return (
    <View className='history-item' data-id={entry.id}>
      <View className='history-item__main'>
        <Text className='history-item__reason'>{title}</Text>
        <View className='history-item__meta'>
          {adds(typeLabel) && <Text className={`history-item__type type-${entry.type}`}>{typeLabel}</Text>}
          {adds(dimension) && dimension !== typeLabel && <Text className='history-item__dimension'>{dimension}</Text>}
          <Text className='history-item__time'>{formatShanghaiDateTime(entry.createdAt)}</Text>
        </View>
      </View>
      <View className='history-item__side'>
        <Text className={`history-item__amount amount--${signClass(entry.amount)}`}>{formatSigned(entry.amount)}</Text>
        {kind === 'points' && entry.balanceAfter !== undefined && (
          <Text className='history-item__balance'>余额 {formatNumber(entry.balanceAfter)}</Text>
        )}
      </View>
    </View>
  );
}
