import { Text, View } from '@tarojs/components';
import type { MemberHome } from '../../store/member';

const GIFT_STATUS: Record<NonNullable<MemberHome['birthdayGift']>['status'], string> = { issued: '已发放到卡券包', due: '本月发放', upcoming: '生日当月发放' };

/** The tier's benefits as configured (terms derived from their definitions), and this year's birthday gift. */
export function BenefitList({ benefits, birthdayGift = null }: { benefits: MemberHome['tier']['benefits']; birthdayGift?: MemberHome['birthdayGift'] }) {
  return (
    <View className='panel'>
      <Text className='panel__title'>会员权益</Text>
      {birthdayGift && (
        <Text className={`benefit-birthday benefit-birthday--${birthdayGift.status}`}>
          🎂 {birthdayGift.title}：{birthdayGift.month} 月 · {GIFT_STATUS[birthdayGift.status]}
        </Text>
      )}
      {benefits.length === 0 && <Text className='benefit-empty'>升级后解锁更多专属权益</Text>}
      {benefits.map((benefit) => (
        <View key={benefit.key} className='benefit-item'>
          <View className='benefit-item__dot' />
          <View className='benefit-item__body'>
            <Text className='benefit-item__title'>{benefit.title}</Text>
            <Text className='benefit-item__desc'>{benefit.description}</Text>
            {benefit.terms && <Text className='benefit-item__terms'>{benefit.terms}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
