import { Text, View } from '@tarojs/components';
import { openPage } from '../../services/navigation';
import './engage-links.scss';

const LINKS = [
  { key: 'checkin', label: '每日签到', url: '/packages/engage/checkin/index' },
  { key: 'tasks', label: '任务中心', url: '/packages/engage/tasks/index' },
  { key: 'invite', label: '邀请好友', url: '/packages/engage/invite/index' },
  { key: 'leaderboard', label: '排行榜', url: '/packages/engage/leaderboard/index' },
];

/** Entries from the member card to check-in, tasks, invites and leaderboards (the engage subpackage). */
export function EngageLinks() {
  return (
    <View className='engage-links'>
      {LINKS.map((l) => (
        <Text key={l.key} className={`engage-links__item engage-links__item--${l.key}`} onClick={() => void openPage(l.url)}>{l.label}</Text>
      ))}
    </View>
  );
}
