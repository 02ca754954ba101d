import { Image, Text, View } from '@tarojs/components';
import { HISTORY_URL, openPage, PROFILE_URL, TIERS_URL } from '../../services/navigation';
import { CONSOLE_URL, usesConsole, WORKBENCH_URL, worksTill } from '../../services/staff-landing';
import { ICONS, type IconName } from './icons';

export const MALL_URL = '/packages/mall/index/index';
export const CODE_URL = '/packages/mall/code/index';
export const REDEMPTIONS_URL = '/packages/mall/redemptions/index';

// `cls` keeps the entries' long-standing class names (engage-links__item--*, mall-links__item--*), which the browser
// tests and the tasks' 去完成 links rely on.
const ENTRIES: Array<{ key: string; cls: string; label: string; icon: IconName; url: string }> = [
  { key: 'checkin', cls: 'engage-links__item--checkin', label: '签到', icon: 'checkin', url: '/packages/engage/checkin/index' },
  { key: 'tasks', cls: 'engage-links__item--tasks', label: '任务', icon: 'tasks', url: '/packages/engage/tasks/index' },
  { key: 'mall', cls: 'mall-links__item--mall', label: '积分商城', icon: 'mall', url: MALL_URL },
  { key: 'redemptions', cls: 'mall-links__item--redemptions', label: '我的兑换', icon: 'redemptions', url: REDEMPTIONS_URL },
  { key: 'history', cls: 'home-grid__item--history', label: '积分明细', icon: 'history', url: `${HISTORY_URL}?kind=points` },
  { key: 'tiers', cls: 'home-grid__item--tiers', label: '会员等级', icon: 'tiers', url: TIERS_URL },
  { key: 'invite', cls: 'engage-links__item--invite', label: '邀请好友', icon: 'invite', url: '/packages/engage/invite/index' },
  { key: 'leaderboard', cls: 'engage-links__item--leaderboard', label: '排行榜', icon: 'leaderboard', url: '/packages/engage/leaderboard/index' },
  { key: 'stores', cls: 'mall-links__item--stores', label: '附近门店', icon: 'stores', url: '/packages/stores/nearby/index' },
  { key: 'profile', cls: 'home-grid__item--profile', label: '编辑资料', icon: 'profile', url: PROFILE_URL },
];

/** The card's entries as an icon grid (five to a row), then the staff entries (门店工作台, 运营后台) for staff. */
export function HomeGrid({ staffRole }: { staffRole: string | null }) {
  return (
    <View className='panel home-grid'>
      <View className='home-grid__items'>
        {ENTRIES.map((e) => (
          <View key={e.key} className={`home-grid__item ${e.cls}`} data-key={e.key} onClick={() => void openPage(e.url)}>
            <View className={`home-grid__icon home-grid__icon--${e.key}`}>
              <Image className='home-grid__svg' src={ICONS[e.icon]} mode='aspectFit' />
            </View>
            <Text className='home-grid__label'>{e.label}</Text>
          </View>
        ))}
      </View>
      {(worksTill(staffRole) || usesConsole(staffRole)) && (
        <View className='home-grid__staff'>
          {worksTill(staffRole) && <Text className='home-grid__staff-item mall-links__item--staff' onClick={() => void openPage(WORKBENCH_URL)}>门店工作台 ›</Text>}
          {usesConsole(staffRole) && <Text className='home-grid__staff-item mall-links__item--console' onClick={() => void openPage(CONSOLE_URL)}>运营后台 ›</Text>}
        </View>
      )}
    </View>
  );
}
