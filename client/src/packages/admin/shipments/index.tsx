// 发货 (operators and admins): mailed items waiting, oldest first, each with its address and a form for the carrier and
// tracking number; 已发货 lists the parcels on their way, where a correction or 已签收 is recorded. The member follows
// each step in 我的兑换.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { formatShanghaiDateTime } from '../../../utils/format';
import ConsoleShell from '../components/ConsoleShell';
import { shipmentsStore, useShipments, type ShippingOrder } from '../shipments-store';
import '../catalog.scss';

const URL = '/packages/admin/shipments/index';
const TABS = [['pending', '待发货'], ['shipped', '已发货']] as const;

function Order({ order }: { order: ShippingOrder }) {
  const [carrier, setCarrier] = useState(order.shipment?.carrier ?? '');
  const [trackingNo, setTrackingNo] = useState(order.shipment?.trackingNo ?? '');
  const busy = useShipments((s) => s.save.busy);
  const ship = (delivered?: boolean) => void shipmentsStore.getState().ship(order, { carrier, trackingNo, delivered });
  return (
    <View className='console-card shipment-order' data-id={order.redemptionId}>
      <Text className='console-card__title'>{order.itemName}{order.quantity > 1 ? ` ×${order.quantity}` : ''}</Text>
      <Text className='console-card__meta'>会员 {order.memberNo} · {formatShanghaiDateTime(order.createdAt)} 兑换</Text>
      {order.shipping && <Text className='shipment-address'>{order.shipping.name} {order.shipping.phone} · {order.shipping.address}</Text>}
      {order.shipment && <Text className='console-card__meta shipment-parcel'>{order.shipment.carrier} {order.shipment.trackingNo} · {formatShanghaiDateTime(order.shipment.shippedAt)} 发货</Text>}
      <View className='console-actions'>
        <Input className='console-input shipment-carrier' placeholder='快递公司，如 顺丰速运' value={carrier} onInput={(e) => setCarrier(e.detail.value)} />
        <Input className='console-input shipment-tracking' placeholder='运单号' value={trackingNo} onInput={(e) => setTrackingNo(e.detail.value)} />
        <Text className='console-button shipment-ship' onClick={() => ship()}>{busy ? '提交中…' : order.shipment ? '更正' : '发货'}</Text>
        {order.shipment && <Text className='console-button console-button--ghost shipment-delivered' onClick={() => ship(true)}>已签收</Text>}
      </View>
    </View>
  );
}

export default function ConsoleShipments() {
  const tab = useShipments((s) => s.tab);
  const { data, status, error } = useShipments((s) => s.list);
  const saveError = useShipments((s) => s.save.error);
  const more = useShipments((s) => s.more);
  useDidShow(() => void shipmentsStore.getState().open(shipmentsStore.getState().tab));

  return (
    <ConsoleShell current={URL} title='发货'>
      <View className='console-actions shipment-tabs'>
        {TABS.map(([key, name]) => (
          <Text key={key} className={`console-button ${tab === key ? '' : 'console-button--ghost'} shipment-tab shipment-tab--${key}`} onClick={() => void shipmentsStore.getState().open(key)}>{name}</Text>
        ))}
      </View>
      {saveError && <Text className='console-error shipment-error'>{saveError.message}</Text>}
      {status === 'error' && error && <Text className='console-error'>{error.message}</Text>}
      {status === 'ready' && data?.items.length === 0 && <Text className='console-empty shipment-empty'>{tab === 'pending' ? '没有待发货的兑换' : '没有在途的包裹'}</Text>}
      {data?.items.map((o) => <Order key={`${o.redemptionId}:${o.version}`} order={o} />)}
      {data?.nextCursor && <Text className='catalog-more shipment-more' onClick={() => void shipmentsStore.getState().loadMore()}>{more ? '加载中…' : '加载更多'}</Text>}
    </ConsoleShell>
  );
}
