import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { calendarMonthStore, checkinStore, type CalendarView } from '../../../store/engage';
import { useCalendarMonth, useCheckin } from '../../../store/use-engage';
import { formatNumber } from '../../../utils/format';
import { ActionError, Loading } from '../components/Feedback';
import { SubscribePrompt } from '../../../components/subscribe/SubscribePrompt';
import '../components/engage.scss';

const load = () => void checkinStore.getState().load();
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** '2026-12' moved by `delta` months. */
function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + delta;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

const monthTitle = (month: string) => `${month.slice(0, 4)} 年 ${Number(month.slice(5))} 月`;

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

/**
 * The calendar card: the current month from the page's view, an earlier one (browsed back month by month to the month
 * the member joined) from checkin.calendar with that month; the days stay those of the month shown until the asked
 * one arrives, and its title says which.
 */
function MonthCard({ view }: { view: CalendarView }) {
  const [month, setMonth] = useState(view.month);
  const earlier = useCalendarMonth((s) => s.month);
  const current = view.month;
  const asked = month === current ? view : earlier.data?.month === month ? earlier.data : null;
  const go = (delta: number) => {
    const next = shiftMonth(month, delta);
    if (next < view.firstMonth || next > current) return;
    setMonth(next);
    if (next !== current) void calendarMonthStore.getState().load(next);
  };
  const canBack = month > view.firstMonth;
  const canForward = month < current;
  return (
    <View className='engage-card calendar-card' data-month={month}>
      <View className='calendar-nav'>
        <Text className={`calendar-nav__prev${canBack ? '' : ' calendar-nav__prev--off'}`} onClick={() => go(-1)}>‹ 上个月</Text>
        <Text className='engage-title calendar-title'>{monthTitle(month)}</Text>
        <Text className={`calendar-nav__next${canForward ? '' : ' calendar-nav__next--off'}`} onClick={() => go(1)}>下个月 ›</Text>
      </View>
      {asked ? (
        <>
          <Calendar view={asked} />
          <Text className='engage-sub calendar-month-total'>
            {month === current ? '本月' : '当月'}签到 {asked.checkedDays.length} 天
            {month === current ? ` · 累计签到 ${formatNumber(view.total)} 天 · 最长连续 ${formatNumber(view.bestStreak)} 天` : ''}
          </Text>
        </>
      ) : earlier.status === 'error' ? (
        <Text className='engage-sub calendar-error' onClick={() => void calendarMonthStore.getState().retry()}>加载失败，点击重试</Text>
      ) : (
        <Text className='engage-sub calendar-loading'>加载中…</Text>
      )}
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
            <View className='engage-button checkin-button' onClick={() => !busy && void checkinStore.getState().checkin()}>签到 +{formatNumber(view.todayPoints)}</View>
          )}
        </View>
        <Text className='checkin-balance'>积分余额 <Text className='checkin-balance__value'>{formatNumber(view.balance)}</Text></Text>
        {last?.checkedIn && (
          <Text className='checkin-result'>
            签到成功 +{formatNumber(last.pointsEarned)} 积分{last.growthEarned > 0 ? ` · +${formatNumber(last.growthEarned)} 成长值` : ''}
            {last.milestones.length > 0 ? ` · ${last.milestones.map((m) => m.name).join('、')}` : ''}
          </Text>
        )}
        {last?.checkedIn && <SubscribePrompt keys={['pointsExpiring', 'tierChanged']} text='积分即将到期、等级变化时微信通知我' className='checkin-subscribe' />}
        {view.nextMilestone && (
          <Text className='checkin-milestone'>再签 {view.nextMilestone.daysLeft} 天可得「{view.nextMilestone.name}」+{formatNumber(view.nextMilestone.points)} 积分</Text>
        )}
        {view.badges.includes('streak21') && <Text className='checkin-milestone'>已获得徽章：21 天签到达人</Text>}
      </View>
      <MonthCard view={view} />
      <SubscribePrompt keys={['checkinReminder']} text={(v) => `签到提醒：当天还没签到时，${v.checkinReminderTime ?? '晚上'} 提醒我（订阅一次提醒一次）`} button='签到提醒' className='checkin-reminder' />
      {view.makeUp.enabled && view.makeUp.days.length > 0 && (
        <View className='engage-card'>
          <Text className='engage-title'>补签</Text>
          <Text className='engage-sub'>每次消耗 {formatNumber(view.makeUp.costPoints)} 积分，本月还可补签 {view.makeUp.leftThisMonth} 次</Text>
          {view.makeUp.days.map((d) => (
            <View key={d} className='engage-button engage-button--small engage-button--ghost makeup-day' onClick={() => !busy && void checkinStore.getState().makeUp(d)}>补签 {d.slice(5)}</View>
          ))}
        </View>
      )}
    </View>
  );
}
