import { Text, View } from '@tarojs/components';
import { openPage } from '../../services/navigation';

const LINKS = [
  { key: 'code', label: '会员码', url: '/packages/mall/code/index' },
  { key: 'mall', label: '积分商城', url: '/packages/mall/index/index' },
  { key: 'redemptions', label: '我的兑换', url: '/packages/mall/redemptions/index' },
];

/** Entries to the member code and the points mall (subpackage pages). Staff also get 门店工作台. */
export function MallLinks({ isStaff }: { isStaff: boolean }) {
  return (
    <View className='mall-links'>
      {LINKS.map((l) => (
        <Text key={l.key} className={`mall-links__item mall-links__item--${l.key}`} onClick={() => void openPage(l.url)}>{l.label}</Text>
      ))}
      {isStaff && <Text className='mall-links__item mall-links__item--staff' onClick={() => void openPage('/packages/staff/index/index')}>门店工作台</Text>}
    </View>
  );
}
