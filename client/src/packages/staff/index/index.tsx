// The staff home: today's activity of the store (with undo), and one entry for codes: scan (weapp) or type the
// digits. 18 digits are a member code (opens the member), 12 digits a voucher (written off here), 11 digits the
// member's phone (1…) or member number (8…) when the code will not scan. Managers and admins also get 消费审批 (held
// purchases) and 结算报表; a clerk with purchases waiting sees them.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { formatNumber } from '../../../utils/format';
import ActivityItem from '../components/ActivityItem';
import { digitsOnly, staffStore, useStaff } from '../store';
import '../staff.scss';

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
  const { data: today, error: todayError } = useStaff((s) => s.today);
  const { busy, error: writeOffError, result: writeOff } = useStaff((s) => s.writeOff);
  const [code, setCode] = useState('');

  useDidShow(() => void staffStore.getState().loadToday());

  const scan = () => {
    Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] }).then((res) => handle(res.result), () => undefined);
  };

  if (todayError) return <View className='staff'><Text className='staff-error'>{todayError.message}</Text></View>;

  return (
    <View className='staff'>
      <View className='staff-card'>
        <Text className='staff-card__title'>{today?.store?.name ?? '门店工作台'}</Text>
        <Text className='staff-card__meta'>{today ? `${today.staff.roleName} · ${today.staff.name}${today.store ? ` · ${today.store.formatName}` : ''}` : '加载中…'}</Text>
        {today && (
          <View className='staff-row'>
            <View className='staff-stat'><Text className='staff-stat__value'>{today.counts.purchase}</Text><Text className='staff-stat__label'>今日消费</Text></View>
            <View className='staff-stat'><Text className='staff-stat__value'>{today.counts.writeOff}</Text><Text className='staff-stat__label'>今日核销</Text></View>
            <View className='staff-stat'><Text className='staff-stat__value'>{formatNumber(today.totals.pointsIssued)}</Text><Text className='staff-stat__label'>发放积分</Text></View>
          </View>
        )}
        {today && (today.staff.canAdjust || today.pendingApprovals > 0) && (
          <View className='staff-link approvals-link' onClick={() => void Taro.navigateTo({ url: '/packages/staff/approvals/index' })}>
            <Text>{today.staff.canAdjust ? '消费审批' : '我的待审批消费'}{today.pendingApprovals > 0 && <Text className='staff-badge pending-count'>{today.pendingApprovals}</Text>}</Text><Text>›</Text>
          </View>
        )}
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

      <View className='staff-card'>
        <Text className='staff-card__title'>今日动态</Text>
        {today?.items.length === 0 && <Text className='staff-card__meta'>今天还没有记录</Text>}
        {today?.items.map((i) => <ActivityItem key={i.id} item={i} canManage={today.staff.canAdjust} />)}
      </View>
    </View>
  );
}
