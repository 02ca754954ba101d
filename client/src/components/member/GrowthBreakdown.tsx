import { Text, View } from '@tarojs/components';
import type { MemberHome } from '../../types/member';
import { formatNumber } from '../../utils/format';

const SOURCES = [
  { key: 'consumption', label: '消费' },
  { key: 'interaction', label: '互动' },
  { key: 'social', label: '社交' },
  { key: 'lifecycle', label: '忠诚' },
] as const;

export function GrowthBreakdown({ breakdown }: { breakdown: MemberHome['growth']['breakdown'] }) {
  return (
    <View className='panel'>
      <Text className='panel__title'>成长值构成</Text>
      <View className='breakdown'>
        {SOURCES.map(({ key, label }) => (
          <View key={key} className={`breakdown__item growth-${key}`}>
            <Text className='breakdown__value'>{formatNumber(breakdown[key])}</Text>
            <Text className='breakdown__label'>{label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
