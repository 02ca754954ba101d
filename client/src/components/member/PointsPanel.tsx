import { Text, View } from '@tarojs/components';
import type { MemberHome } from '../../types/member';
import { formatNumber } from '../../utils/format';

export function PointsPanel({ points }: { points: MemberHome['points'] }) {
  return (
    <View className='panel points'>
      <View className='points__row'>
        <View>
          <Text className='panel__title'>积分</Text>
          <Text className='points-balance'>{formatNumber(points.balance)}</Text>
        </View>
        {points.pending > 0 && (
          <Text className='points-pending'>待入账 {formatNumber(points.pending)}</Text>
        )}
      </View>
      {points.expiring && (
        <Text className='points-expiring'>
          {formatNumber(points.expiring.amount)} 积分将于 {points.expiring.date} 过期
        </Text>
      )}
    </View>
  );
}
