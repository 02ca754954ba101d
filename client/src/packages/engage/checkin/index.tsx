import { Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { checkinStore, type CalendarView } from '../../../store/engage';
import { useCheckin } from '../../../store/use-engage';
import { ActionError, Loading } from '../components/Feedback';
import '../components/engage.scss';

const load = () => void checkinStore.getState().load();
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function Calendar({ view }: { view: CalendarView }) {
  const [y, m] = view.month.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const checked = new Set(view.checkedDays);
  const cells: Array<string | null> = [...Array(first).fill(null), ...Array.from({ length: days }, (_, i) => `${view.month}-${String(i + 1).padStart(2, '0')}`)];
  return (
    <View className='calendar'>
      {WEEKDAYS.map((w) => <Text key={w} className='calendar-weekday'>{w}</Text>)}
      {cells.map((d, i) => d === null ? <Text key={`e${i}`} className='calendar-day' /> : (
        <Text
          key={d}
          data-day={d}
          className={`calendar-day${checked.has(d) ? ' calendar-day--checked' : ''}${d === view.today ? ' calendar-day--today' : ''}`}
        >
          {Number(d.slice(8))}
        </Text>
      ))}
    </View>
  );
}

export default function Checkin() {
  const { data: view, status, error } = useCheckin((s) => s.view);
  const { busy, error: actionError, result: last } = useCheckin((s) => s.action);

  useLoad(load);

  if (!view) return <View className='engage'><Loading error={status === 'error' ? error : null} onRetry={load} /></View>;

  return (
    <View className='engage checkin'>
      <ActionError error={actionError} />
      <View className='engage-card'>
        <View className='checkin-head'>
          <Text className='checkin-streak'>已连续签到<Text className='checkin-streak__n'>{view.streak}</Text>天</Text>
          {view.checkedToday ? (
            <View className='engage-button engage-button--done checkin-button'>今日已签到</View>
          ) : (
            <View className='engage-button checkin-button' onClick={() => !busy && void checkinStore.getState().checkin()}>签到 +{view.todayPoints}</View>
          )}
        </View>
        <Text className='checkin-balance'>积分余额 <Text className='checkin-balance__value'>{view.balance}</Text></Text>
        {last?.checkedIn && (
          <Text className='checkin-result'>
            签到成功 +{last.pointsEarned} 积分{last.growthEarned > 0 ? ` · +${last.growthEarned} 成长值` : ''}
            {last.milestones.length > 0 ? ` · ${last.milestones.map((m) => m.name).join('、')}` : ''}
          </Text>
        )}
        {view.nextMilestone && (
          <Text className='checkin-milestone'>再签 {view.nextMilestone.daysLeft} 天可得「{view.nextMilestone.name}」+{view.nextMilestone.points} 积分</Text>
        )}
        {view.badges.includes('streak21') && <Text className='checkin-milestone'>已获得徽章：21 天签到达人</Text>}
      </View>
      <View className='engage-card'>
        <Text className='engage-title'>{view.month.replace('-', ' 年 ')} 月</Text>
        <Calendar view={view} />
        <Text className='engage-sub'>累计签到 {view.total} 天 · 最长连续 {view.bestStreak} 天</Text>
      </View>
      {view.makeUp.enabled && view.makeUp.days.length > 0 && (
        <View className='engage-card'>
          <Text className='engage-title'>补签</Text>
          <Text className='engage-sub'>每次消耗 {view.makeUp.costPoints} 积分，本月还可补签 {view.makeUp.leftThisMonth} 次</Text>
          {view.makeUp.days.map((d) => (
            <View key={d} className='engage-button engage-button--small engage-button--ghost makeup-day' onClick={() => !busy && void checkinStore.getState().makeUp(d)}>补签 {d.slice(5)}</View>
          ))}
        </View>
      )}
    </View>
  );
}
