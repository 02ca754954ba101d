import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { useDidShow, useLoad } from '@tarojs/taro';
import { ErrorBanner, LoadError } from '../../../components/feedback/ErrorBanner';
import { openPage } from '../../../services/navigation';
import { tasksStore } from '../../../store/engage';
import { viewOf } from '../../../store/resource';
import { formatNumber } from '../../../utils/format';
import { mallStore, useMall } from '../store';
import { shownImage, stockText } from '../item-display';
import '../mall.scss';

const metaOf = (item: { minTier: { name: string } | null; stock: number }) =>
  [item.minTier ? `${item.minTier.name}及以上` : '', stockText(item.stock)].filter(Boolean).join(' · ');

type Item = NonNullable<ReturnType<typeof mallStore.getState>['list']['data']>['items'][number];

/** The state an item shows on its picture: 已兑完 (sold out) and 未开始 (coming soon) come from the server's reason. */
const STATES: Partial<Record<NonNullable<Item['reason']>['code'], string>> = { soldOut: '已兑完', notStarted: '未开始' };

const openDetail = (id: string) => void openPage(`/packages/mall/detail/index?id=${encodeURIComponent(id)}`);
const retry = () => void mallStore.getState().retryList();

export default function Mall() {
  const { data: list, loading, failed, stale } = viewOf(useMall((s) => s.list));
  const category = useMall((s) => s.category);
  // 只看我能兑换的: the server's canRedeem (points, tier, sale window, stock, limits), so no rule is repeated here.
  const [mineOnly, setMineOnly] = useState(false);
  const items = list ? (mineOnly ? list.items.filter((i) => i.canRedeem) : list.items) : [];

  useDidShow(() => void mallStore.getState().loadList());
  // 逛逛积分商城 counts the visit, from wherever the member came (the server caps and spaces the reports).
  useLoad(() => void tasksStore.getState().report('browseMall'));

  return (
    <View className='mall'>
      <View className='mall-header'>
        <Text className='mall-points'>可用积分<Text className='mall-points__value'>{list ? formatNumber(list.member.spendable) : '—'}</Text></Text>
        <Text className='mall-link mall-link--mine' onClick={() => void openPage('/packages/mall/redemptions/index')}>我的兑换 ›</Text>
      </View>
      {list && (
        <View className='mall-tabs'>
          {[null, ...list.categories].map((c) => (
            <View key={c ?? 'all'} className={`mall-tab${c === category ? ' mall-tab--active' : ''}`} onClick={() => void mallStore.getState().loadList(c)}>
              {c ?? '全部'}
            </View>
          ))}
        </View>
      )}
      {list && (
        <View className={`mall-filter${mineOnly ? ' mall-filter--on' : ''}`} onClick={() => setMineOnly(!mineOnly)}>
          <Text className='mall-filter__label'>只看我能兑换的</Text>
          <View className='mall-filter__switch'><View className='mall-filter__knob' /></View>
        </View>
      )}
      {stale && <ErrorBanner className='mall-banner' message={stale.message} onRetry={retry} />}
      {failed && <LoadError className='mall-load-error' message={failed.message} onRetry={retry} />}
      {loading && <Text className='mall-note'>加载中…</Text>}
      {list && items.length === 0 && <Text className='mall-note'>{mineOnly && list.items.length > 0 ? '暂无可兑换的商品，去做任务赚积分吧' : '暂无商品'}</Text>}
      {items.map((item) => (
        <View key={item.id} className={`mall-item${item.canRedeem ? '' : ' mall-item--off'}`} data-id={item.id} data-state={item.reason?.code ?? 'ok'} onClick={() => openDetail(item.id)}>
          <View className='mall-item__picture'>
            {shownImage(item.image) ? <Image className='mall-item__image' src={shownImage(item.image)!} mode='aspectFill' /> : <View className='mall-item__badge'>{item.kindName}</View>}
            {item.reason && STATES[item.reason.code] && <Text className={`mall-item__state mall-item__state--${item.reason.code}`}>{STATES[item.reason.code]}</Text>}
          </View>
          <View className='mall-item__main'>
            <Text className='mall-item__name'>{item.name}</Text>
            <Text className='mall-item__price'>{formatNumber(item.pointsPrice)} 积分</Text>
            {metaOf(item) && <Text className='mall-item__meta'>{metaOf(item)}</Text>}
            {item.reason ? <Text className='mall-item__reason'>{item.reason.message}</Text> : <Text className='mall-item__ok'>可兑换</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
