// 待认领订单 (managers, operators, analysts, admins): paid orders a channel delivered by a phone no member had bound.
// 待认领: credited to whoever binds the phone before 可认领至; 已过期: bound later, nothing credited (settle it by a
// points adjustment on the member); 已认领: credited. Newest first, at most 100.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { formatShanghaiDateTime } from '../../../utils/format';
import { yuanText } from '../catalog-format';
import ConsoleShell from '../components/ConsoleShell';
import { unclaimedStore, useUnclaimed, type UnclaimedOrder, type UnclaimedTab } from '../unclaimed-store';
import '../catalog.scss';

const URL = '/packages/admin/unclaimed/index';
const TABS: ReadonlyArray<readonly [UnclaimedTab, string]> = [['unclaimed', '待认领'], ['tooLate', '已过期'], ['claimed', '已认领']];
const EMPTY: Record<UnclaimedTab, string> = { unclaimed: '没有待认领的订单', tooLate: '没有过期未认领的订单', claimed: '还没有认领的订单' };

function Order({ order }: { order: UnclaimedOrder }) {
  return (
    <View className='console-card unclaimed-order' data-id={order.orderId}>
      <Text className='console-card__title'>{yuanText(order.amountFen)} 元 · 手机号 {order.phone}</Text>
      <Text className='console-card__meta'>订单 {order.orderId} · 渠道 {order.channel} · {formatShanghaiDateTime(order.paidAt)} 支付</Text>
      {order.status === 'unclaimed' || order.status === 'claiming'
        ? <Text className='console-card__meta unclaimed-until'>绑定该手机号的会员可获得积分与成长值，可认领至 {formatShanghaiDateTime(order.claimableUntil)}</Text>
        : order.status === 'tooLate'
          ? <Text className='console-card__meta unclaimed-late'>会员 {order.memberNo ?? '—'} 于 {formatShanghaiDateTime(order.claimedAt ?? '')} 绑定，已超过补录期限（{formatShanghaiDateTime(order.claimableUntil)} 截止），未计积分</Text>
          : <Text className='console-card__meta unclaimed-claimed'>已计入会员 {order.memberNo ?? '—'} · {formatShanghaiDateTime(order.claimedAt ?? '')}</Text>}
    </View>
  );
}

export default function ConsoleUnclaimed() {
  const tab = useUnclaimed((s) => s.tab);
  const { data, status, error } = useUnclaimed((s) => s.list);
  useDidShow(() => void unclaimedStore.getState().open(unclaimedStore.getState().tab));

  return (
    <ConsoleShell current={URL} title='待认领订单'>
      <View className='console-actions unclaimed-tabs'>
        {TABS.map(([key, name]) => (
          <Text key={key} className={`console-button ${tab === key ? '' : 'console-button--ghost'} unclaimed-tab unclaimed-tab--${key}`} onClick={() => void unclaimedStore.getState().open(key)}>{name}</Text>
        ))}
      </View>
      {status === 'error' && error && <Text className='console-error'>{error.message}</Text>}
      {status === 'ready' && data?.items.length === 0 && <Text className='console-empty unclaimed-empty'>{EMPTY[tab]}</Text>}
      {data?.items.map((o) => <Order key={o.orderId} order={o} />)}
      {data?.more && <Text className='console-card__meta'>只显示最近 100 笔</Text>}
    </ConsoleShell>
  );
}
