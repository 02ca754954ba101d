// The staff home: today's activity of the store (with undo), and one entry for codes: scan (weapp) or type the
// digits. 18 digits are a member code (opens the member), 12 digits a voucher (written off here), 11 digits the
// member's phone (1…) or member number (8…) when the code will not scan. Managers and admins also get 消费审批 (held
// purchases) and 结算报表; a clerk with purchases waiting sees them.
import { useState } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { formatNumber } from '../../../utils/format';
import { formatYuan } from '../money';
import ActivityItem from '../components/ActivityItem';
import { digitsOnly, staffStore, useStaff } from '../store';
import '../staff.scss';

const shiftDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function handle(code: string) {
  const digits = digitsOnly(code);
  if (digits.length === 18) {
    staffStore.getState().clearResults();
    void Taro.navigateTo({ url: `/packages/staff/member/index?code=${digits}` });
  } else if (digits.length === 12) {
    void staffStore.getState().verify(digits);
  } else if (/^[18]\d{10}$/.test(digits)) {
    staffStore.getState().clearResults();
    void Taro.navigateTo({ url: `/packages/staff/member/index?keyword=${digits}` });
  } else {
    void Taro.showToast({ title: '请输入 18 位会员码、12 位券码，或 11 位手机号 / 会员号', icon: 'none' });
  }
}

export default function StaffHome() {
  const { data: today, error: todayError, status: todayStatus } = useStaff((s) => s.today);
  const more = useStaff((s) => s.more);
  const { busy, error: writeOffError, result: writeOff } = useStaff((s) => s.writeOff);
  const [code, setCode] = useState('');

  useDidShow(() => void staffStore.getState().loadToday());

  const scan = () => {
    Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] }).then((res) => handle(res.result), () => undefined);
  };

  if (todayError && !today) return <View className='staff'><Text className='staff-error'>{todayError.message}</Text></View>;
  // The day shown: today's list can be undone from; an earlier day is read only.
  const isToday = !today || today.day === today.currentDay;
  const dayName = !today ? '今日' : isToday ? '今日' : `${today.day.slice(5).replace('-', '月')}日`;
  const step = (n: number) => today && void staffStore.getState().showDay(shiftDay(today.day, n));

  return (
    <View className='staff'>
      <View className='staff-card'>
        <Text className='staff-card__title'>{today?.store?.name ?? '门店工作台'}</Text>
        <Text className='staff-card__meta'>{today ? `${today.staff.roleName} · ${today.staff.name}${today.store ? ` · ${today.store.formatName}` : ''}` : '加载中…'}</Text>
        {today && (
          <View className='staff-row staff-day-stats'>
            <View className='staff-stat'><Text className='staff-stat__value day-purchases'>{formatNumber(today.counts.purchase)}</Text><Text className='staff-stat__label'>{dayName}消费笔数</Text></View>
            <View className='staff-stat'><Text className='staff-stat__value day-sales'>{formatYuan(today.totals.salesFen)}</Text><Text className='staff-stat__label'>消费金额（元）</Text></View>
          </View>
        )}
        {today && (
          <View className='staff-row staff-day-stats'>
            <View className='staff-stat'><Text className='staff-stat__value day-write-offs'>{formatNumber(today.counts.writeOff)}</Text><Text className='staff-stat__label'>{dayName}核销</Text></View>
            <View className='staff-stat'><Text className='staff-stat__value day-points'>{formatNumber(today.totals.pointsIssued)}</Text><Text className='staff-stat__label'>发放积分</Text></View>
          </View>
        )}
        {today && (today.staff.canAdjust || today.pendingApprovals > 0) && (
          <View className='staff-link approvals-link' onClick={() => void Taro.navigateTo({ url: '/packages/staff/approvals/index' })}>
            <Text>{today.staff.canAdjust ? '消费审批' : '我的待审批消费'}{today.pendingApprovals > 0 && <Text className='staff-badge pending-count'>{today.pendingApprovals}</Text>}</Text><Text>›</Text>
          </View>
        )}
        <View className='staff-link followups-link' onClick={() => void Taro.navigateTo({ url: '/packages/staff/followups/index' })}>
          <Text>回访任务</Text><Text>›</Text>
        </View>
        {today?.staff.canAdjust && (
          <View className='staff-link settlement-link' onClick={() => void Taro.navigateTo({ url: '/packages/staff/settlement/index' })}>
            <Text>结算报表</Text><Text>›</Text>
          </View>
        )}
      </View>

      <View className='staff-card'>
        <Text className='staff-card__title'>扫码 / 输入码</Text>
        <Text className='staff-card__meta'>会员码 18 位，核销券码 12 位；扫不出时输入会员的手机号或会员号</Text>
        {process.env.TARO_ENV === 'weapp' && <View className='staff-button' onClick={scan}>扫一扫</View>}
        <Input className='staff-input code-input' type='number' placeholder='会员码、券码、手机号或会员号' value={code} maxlength={24} onInput={(e) => setCode(e.detail.value)} onConfirm={() => handle(code)} />
        <View className='staff-button staff-button--ghost code-submit' onClick={() => handle(code)}>{busy ? '处理中…' : '确定'}</View>
        {writeOff && <Text className='staff-ok write-off-ok'>核销成功：{writeOff.itemName}{writeOff.quantity > 1 ? ` ×${writeOff.quantity}` : ''}（会员 {writeOff.memberNo}）</Text>}
        {writeOffError && <Text className='staff-error write-off-error'>{writeOffError.message}</Text>}
      </View>

      <View className='staff-card staff-day'>
        <View className='staff-day__head'>
          <Text className='staff-card__title'>{dayName}动态</Text>
          {today && (
            <View className='staff-day__nav'>
              {today.day > today.firstDay && <Text className='staff-mini-button day-prev' onClick={() => step(-1)}>前一天</Text>}
              <Picker mode='date' value={today.day} start={today.firstDay} end={today.currentDay} onChange={(e) => void staffStore.getState().showDay(String(e.detail.value))}>
                <Text className='staff-mini-button day-pick'>{today.day}</Text>
              </Picker>
              {!isToday && <Text className='staff-mini-button day-next' onClick={() => step(1)}>后一天</Text>}
              {!isToday && <Text className='staff-mini-button day-today' onClick={() => void staffStore.getState().showDay(null)}>今天</Text>}
            </View>
          )}
        </View>
        {todayStatus === 'error' && todayError && <Text className='staff-error'>{todayError.message}</Text>}
        {today?.items.length === 0 && <Text className='staff-card__meta'>{isToday ? '今天还没有记录' : '当天没有记录'}</Text>}
        {today?.items.map((i) => <ActivityItem key={i.id} item={i} canManage={today.staff.canAdjust} readOnly={!isToday} />)}
        {today?.nextCursor && <Text className='staff-more day-more' onClick={() => void staffStore.getState().loadMore()}>{more ? '加载中…' : '加载更多'}</Text>}
      </View>
    </View>
  );
}
