import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatDistance } from '../format';
import { openLocationSettings } from '../location';
import { nearbyStore, useNearby, type NearbyStore } from '../store';
import './index.scss';

const load = () => void nearbyStore.getState().load();

/** 开启定位: weapp opens the settings page first (a refused getLocation is not asked again); then locate again. */
const relocate = () => void openLocationSettings().then(load);

/** WeChat's map with the store marked (Taro.openLocation); h5 outside WeChat has no such map: a web map instead. */
function navigate(s: NearbyStore) {
  if (!s.location) return;
  const { latitude, longitude } = s.location;
  const h5 = process.env.TARO_ENV === 'h5';
  if (h5 && typeof (window as unknown as { wx?: { openLocation?: unknown } }).wx?.openLocation !== 'function') {
    window.open(`https://uri.amap.com/marker?position=${longitude},${latitude}&name=${encodeURIComponent(s.name)}&coordinate=gaode&callnative=1`, '_blank');
    return;
  }
  void Taro.openLocation({ latitude, longitude, name: s.name, address: s.address ?? '', scale: 17 }).catch(() => {
    void Taro.showToast({ title: '无法打开地图，请稍后重试', icon: 'none' });
  });
}

const call = (phone: string) => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);

function StoreItem({ store: s }: { store: NearbyStore }) {
  return (
    <View className='nearby-store' data-id={s.storeId}>
      <View className='nearby-store__head'>
        <Text className='nearby-store__name'>{s.name}</Text>
        {s.distanceM !== null && <Text className='nearby-store__distance'>{formatDistance(s.distanceM)}</Text>}
      </View>
      <Text className='nearby-store__format'>{s.formatName}</Text>
      {s.address && <Text className='nearby-store__address'>{s.address}</Text>}
      <Text className='nearby-store__hours'>营业时间：{s.hours ?? '以门店公告为准'}</Text>
      <View className='nearby-store__actions'>
        {s.location && (
          <View className='nearby-store__action nearby-store__action--navigate' hoverClass='nearby-store__action--pressed' onClick={() => navigate(s)}>
            导航
          </View>
        )}
        {s.phone && (
          <View className='nearby-store__action nearby-store__action--call' hoverClass='nearby-store__action--pressed' onClick={() => call(s.phone!)}>
            拨打电话
          </View>
        )}
      </View>
    </View>
  );
}

export default function Nearby() {
  const phase = useNearby((s) => s.phase);
  const stores = useNearby((s) => s.stores);
  const located = useNearby((s) => s.located);
  const notice = useNearby((s) => s.notice);
  const denied = useNearby((s) => s.denied);
  const error = useNearby((s) => s.error);

  useLoad(load);

  if (!stores) {
    return (
      <View className='nearby'>
        {phase === 'error' && error ? (
          <View className='nearby-state'>
            <Text className='nearby-state__message'>{error.message}</Text>
            <View className='nearby-state__retry' hoverClass='nearby-state__retry--pressed' onClick={load}>重试</View>
          </View>
        ) : (
          <Text className='nearby-state__loading'>{phase === 'loading' ? '正在查找门店…' : '正在获取你的位置…'}</Text>
        )}
      </View>
    );
  }

  return (
    <View className='nearby'>
      {notice && (
        <View className={`nearby-notice${denied ? ' nearby-notice--denied' : ''}`}>
          <Text className='nearby-notice__text'>{notice}</Text>
          <View className='nearby-notice__action' onClick={denied ? relocate : load}>{denied ? '开启定位' : '重新定位'}</View>
        </View>
      )}
      {phase === 'error' && error && <Text className='nearby-error'>{error.message}</Text>}
      <Text className='nearby-caption'>{located ? '按距离由近到远' : '全部门店'}</Text>
      {stores.length === 0 ? (
        <Text className='nearby-empty'>{located ? '附近暂无门店' : '暂无门店'}</Text>
      ) : (
        stores.map((s) => <StoreItem key={s.storeId} store={s} />)
      )}
    </View>
  );
}
