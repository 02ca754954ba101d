import { Text, View } from '@tarojs/components';
import { openHistory } from '../../services/navigation';
import type { MemberHome } from '../../store/member';
import { formatNumber } from '../../utils/format';
import { DIMENSIONS } from '../../utils/labels';
import { PanelLink } from './PanelLink';

export function GrowthBreakdown({ breakdown }: { breakdown: MemberHome['growth']['breakdown'] }) {
  return (
    <View className='panel'>
      <View className='panel__head'>
        <Text className='panel__title'>成长值构成</Text>
        <PanelLink label='成长值明细' className='growth-history-link' onClick={() => void openHistory('growth')} />
      </View>
      <View className='breakdown'>
        {DIMENSIONS.map(({ key, label }) => (
          <View key={key} className={`breakdown__item growth-${key}`}>
            <Text className='breakdown__value'>{formatNumber(breakdown[key])}</Text>
            <Text className='breakdown__label'>{label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
