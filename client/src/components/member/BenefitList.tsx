import { Text, View } from '@tarojs/components';
import type { MemberHome } from '../../store/member';

export function BenefitList({ benefits }: { benefits: MemberHome['tier']['benefits'] }) {
  return (
    <View className='panel'>
      <Text className='panel__title'>会员权益</Text>
      {benefits.length === 0 && <Text className='benefit-empty'>升级后解锁更多专属权益</Text>}
      {benefits.map((benefit) => (
        <View key={benefit.key} className='benefit-item'>
          <View className='benefit-item__dot' />
          <View className='benefit-item__body'>
            <Text className='benefit-item__title'>{benefit.title}</Text>
            <Text className='benefit-item__desc'>{benefit.description}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
