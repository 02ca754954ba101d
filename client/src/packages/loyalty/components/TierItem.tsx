import { Text, View } from '@tarojs/components';
import type { TiersView } from '../../../store/tiers';
import { formatNumber } from '../../../utils/format';

type TierInfo = TiersView['tiers'][number];

const STATUS_LABEL: Record<TierInfo['status'], string> = { current: '当前等级', reached: '已达成', locked: '未解锁' };

function Rule({ label, value }: { label: string; value: string }) {
  return (
    <View className='tier-rule'>
      <Text className='tier-rule__label'>{label}</Text>
      <Text className='tier-rule__value'>{value}</Text>
    </View>
  );
}

export function TierItem({ tier }: { tier: TierInfo }) {
  return (
    <View className={`tier-item tier-item--${tier.status}`} data-level={tier.level}>
      <View className={`tier-item__head tier-level-${Math.max(0, Math.min(3, tier.level))}`}>
        <Text className='tier-item__name'>{tier.name}</Text>
        <Text className='tier-item__status'>{STATUS_LABEL[tier.status]}</Text>
      </View>

      <View className='tier-item__rules'>
        <Rule label='升级条件' value={tier.minGrowth > 0 ? `成长值达到 ${formatNumber(tier.minGrowth)}` : '注册即享'} />
        <Rule label='保级条件' value={tier.retainGrowth > 0 ? `保级 ${formatNumber(tier.retainGrowth)} 成长值` : '无需保级'} />
        <Rule label='积分倍率' value={`${tier.pointsMultiplier} 倍`} />
        <Rule label='升级礼' value={tier.upgradeGiftPoints > 0 ? `${formatNumber(tier.upgradeGiftPoints)} 积分` : '无'} />
      </View>

      {tier.status === 'locked' && tier.growthNeeded > 0 && (
        <Text className='tier-item__needed'>还需 {formatNumber(tier.growthNeeded)} 成长值</Text>
      )}

      <View className='tier-item__benefits'>
        {tier.benefits.length === 0 && <Text className='tier-benefit__desc'>基础会员服务</Text>}
        {tier.benefits.map((benefit) => (
          <View key={benefit.key} className='tier-benefit'>
            <Text className='tier-benefit__title'>{benefit.title}</Text>
            <Text className='tier-benefit__desc'>{benefit.description}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
