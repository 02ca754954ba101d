import { Text, View } from '@tarojs/components';
import { openHistory, openPage } from '../../services/navigation';
import { MALL_URL } from './HomeGrid';
import type { MemberHome } from '../../store/member';
import { formatNumber } from '../../utils/format';
import { PanelLink } from './PanelLink';

export function PointsPanel({ points }: { points: MemberHome['points'] }) {
  const { debt } = points;
  // Only worth a line when something (debt, holds) keeps part of the balance from being spent.
  const showSpendable = points.spendable !== points.balance;

  return (
    <View className='panel points'>
      <View className='panel__head'>
        <Text className='panel__title'>积分</Text>
        <PanelLink label='积分明细' className='points-history-link' onClick={() => void openHistory('points')} />
      </View>
      <View className='points__row'>
        <Text className='points-balance'>{formatNumber(points.balance)}</Text>
        {points.pending > 0 && (
          <Text className='points-pending'>待入账 {formatNumber(points.pending)}</Text>
        )}
      </View>
      {(showSpendable || debt > 0) && (
        <View className='points__extra'>
          {showSpendable && <Text className='points-spendable'>可用 {formatNumber(points.spendable)}</Text>}
          {debt > 0 && <Text className='points-debt'>待抵扣 {formatNumber(debt)} 积分</Text>}
        </View>
      )}
      {/* The soonest expiry, with the way to use the points before they go: the mall. */}
      {points.expiring && (
        <View className={`points-expiring${points.expiringSoon ? ' points-expiring--soon' : ''}`} onClick={() => void openPage(MALL_URL)}>
          <Text className='points-expiring__text'>{formatNumber(points.expiring.amount)} 积分将于 {points.expiring.date} 过期</Text>
          <Text className='points-expiring__go'>去兑换 ›</Text>
        </View>
      )}
    </View>
  );
}
