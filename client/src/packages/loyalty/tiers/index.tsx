import { Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { tiersStore, type TiersView } from '../../../store/tiers';
import { useTiers } from '../../../store/use-tiers';
import { formatNumber, formatShanghaiDate } from '../../../utils/format';
import { LoadState } from '../components/LoadState';
import { TierItem } from '../components/TierItem';
import '../components/loyalty.scss';
import './index.scss';
import { SubscribePrompt } from '../../../components/subscribe/SubscribePrompt';

const load = () => void tiersStore.getState().load();

function windowText(window: TiersView['window']): string {
  return window.mode === 'rolling' ? `近 ${window.months} 个月累计` : '自然年累计';
}

function Summary({ view }: { view: TiersView }) {
  const current = view.tiers.find((t) => t.status === 'current') ?? view.tiers.find((t) => t.level === view.currentLevel);
  return (
    <View className='tiers-summary'>
      <View className='tiers-summary__row'>
        <View className='tiers-summary__cell'>
          <Text className='tiers-summary__label'>当前等级</Text>
          <Text className='tiers-summary__current'>{current?.name ?? ''}</Text>
        </View>
        <View className='tiers-summary__cell tiers-summary__cell--right'>
          <Text className='tiers-summary__label'>成长值</Text>
          <Text className='tiers-summary__growth'>{formatNumber(view.growth)}</Text>
        </View>
      </View>
      {view.tierValidUntil && (
        <Text className='tiers-summary__valid'>等级有效期至 {formatShanghaiDate(view.tierValidUntil)}</Text>
      )}
      <Text className='tiers-window'>
        成长值统计方式：{windowText(view.window)}。达到升级条件即升级；等级到期时，统计周期内成长值达到保级条件即可保留当前等级。
      </Text>
    </View>
  );
}

export default function Tiers() {
  const { data: view, status, error } = useTiers((s) => s.view);

  useLoad(load);

  if (!view || status === 'error') {
    return (
      <View className='tiers'>
        <LoadState error={status === 'error' ? error : null} onRetry={load} />
      </View>
    );
  }

  return (
    <View className='tiers'>
      <Summary view={view} />
      <SubscribePrompt keys={['tierChanged', 'pointsExpiring']} text='等级变化、积分即将到期时微信通知我' className='tiers-subscribe' />
      {[...view.tiers]
        .sort((a, b) => a.level - b.level)
        .map((tier) => (
          <TierItem key={tier.level} tier={tier} />
        ))}
    </View>
  );
}
