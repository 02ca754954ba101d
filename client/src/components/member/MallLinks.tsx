import { Text, View } from '@tarojs/components';
import { openPage } from '../../services/navigation';
import { CONSOLE_URL, usesConsole, WORKBENCH_URL, worksTill } from '../../services/staff-landing';

const LINKS = [
  { key: 'code', label: '会员码', url: '/packages/mall/code/index' },
  { key: 'mall', label: '积分商城', url: '/packages/mall/index/index' },
  { key: 'redemptions', label: '我的兑换', url: '/packages/mall/redemptions/index' },
  { key: 'stores', label: '附近门店', url: '/packages/stores/nearby/index' },
];

/** Entries to the member code and the points mall (subpackage pages); staff also get 门店工作台 and/or 运营后台. */
export function MallLinks({ staffRole }: { staffRole: string | null }) {
  return (
    <View className='mall-links'>
      {LINKS.map((l) => (
        <Text key={l.key} className={`mall-links__item mall-links__item--${l.key}`} onClick={() => void openPage(l.url)}>{l.label}</Text>
      ))}
      {worksTill(staffRole) && <Text className='mall-links__item mall-links__item--staff' onClick={() => void openPage(WORKBENCH_URL)}>门店工作台</Text>}
      {usesConsole(staffRole) && <Text className='mall-links__item mall-links__item--console' onClick={() => void openPage(CONSOLE_URL)}>运营后台</Text>}
    </View>
  );
}
