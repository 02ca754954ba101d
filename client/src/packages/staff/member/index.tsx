// The member at the till (scanned, or looked up by phone or member number): tier, points, benefits and unused
// vouchers (written off here); record an in-store purchase, register an activity, and (managers and admins only, as
// staff.today says) adjust points and correct the birthday.
import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatNumber, formatShanghaiDate } from '../../../utils/format';
import { formatYuan } from '../money';
import ActivityCard from '../components/ActivityCard';
import AdjustCard from '../components/AdjustCard';
import BirthdayCard from '../components/BirthdayCard';
import TagsCard from '../components/TagsCard';
import DeductionPanel from '../components/DeductionPanel';
import { deductionStore, useDeduction } from '../deduction-store';
import { memberActionsStore } from '../member-actions';
import { staffStore, useStaff } from '../store';
import '../staff.scss';

export default function StaffMember() {
  const { params } = useRouter();
  const { data: member, error: memberError } = useStaff((s) => s.member);
  const { busy, error: purchaseError, result: purchase } = useStaff((s) => s.purchase);
  const writeOff = useStaff((s) => s.writeOff);
  const canAdjust = useStaff((s) => s.today.data?.staff.canAdjust === true);
  const [orderId, setOrderId] = useState('');
  const [yuan, setYuan] = useState('');
  const deduction = useDeduction((s) => s.current);

  useEffect(() => {
    memberActionsStore.getState().reset();
    deductionStore.getState().reset();
    if (params.code) void staffStore.getState().scan(params.code);
    else if (params.keyword) void staffStore.getState().find(params.keyword);
    if (!staffStore.getState().today.data) void staffStore.getState().loadToday();
  }, [params.code, params.keyword]);

  const submit = () => {
    const amountFen = Math.round(Number(yuan) * 100);
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(orderId)) return void Taro.showToast({ title: '请输入小票号（字母、数字）', icon: 'none' });
    if (!Number.isFinite(amountFen) || amountFen <= 0) return void Taro.showToast({ title: '请输入消费金额', icon: 'none' });
    // An approved deduction goes with its own receipt and amount only.
    const approved = deduction?.status === 'held' && deduction.orderId.endsWith(`:${orderId}`) && deduction.orderFen === amountFen ? deduction : null;
    if (deduction?.status === 'requested') return void Taro.showToast({ title: '请等待会员确认积分抵扣', icon: 'none' });
    void staffStore.getState().recordPurchase({ orderId, amountFen, ...(approved ? { holdId: approved.holdId } : {}) }).then((done) => {
      if (!done) return;
      setOrderId('');
      setYuan('');
      deductionStore.getState().reset();
    });
  };

  if (memberError) return <View className='staff'><Text className='staff-error scan-error'>{memberError.message}</Text></View>;
  if (!member) return <View className='staff'><Text className='staff-card__meta'>识别中…</Text></View>;

  return (
    <View className='staff'>
      <View className='staff-card scanned-member'>
        <Text className='staff-card__title'>{member.nickname} · {member.tier.name}</Text>
        <Text className='staff-card__meta member-no'>会员号 {member.memberNo}</Text>
        <View className='staff-row'>
          <View className='staff-stat'><Text className='staff-stat__value member-points'>{formatNumber(member.points.spendable)}</Text><Text className='staff-stat__label'>可用积分</Text></View>
          <View className='staff-stat'><Text className='staff-stat__value'>{formatNumber(member.growth.total)}</Text><Text className='staff-stat__label'>成长值</Text></View>
        </View>
        {member.flags.length > 0 && (
          <View className='staff-flags'>{member.flags.map((f) => <Text key={f.key} className='staff-flag'>{f.title}</Text>)}</View>
        )}
        {member.tier.benefits.map((b) => <Text key={b.key} className='staff-benefit'>· {b.title}：{b.description}</Text>)}
        {member.birthday && <Text className='staff-card__meta member-birthday'>生日 {member.birthday.month} 月 {member.birthday.day} 日</Text>}
      </View>

      <View className='staff-card held-vouchers'>
        <Text className='staff-card__title'>未使用的券{member.vouchers.length > 0 ? `（${member.vouchers.length}）` : ''}</Text>
        {member.vouchers.length === 0 && <Text className='staff-card__meta'>没有未使用的券</Text>}
        {member.vouchers.map((v) => (
          <View key={v.code} className='staff-voucher' data-code={v.code}>
            <View className='staff-voucher__main'>
              <Text className='staff-voucher__name'>{v.itemName}{v.quantity > 1 ? ` ×${v.quantity}` : ''}</Text>
              <Text className='staff-card__meta'>{v.kindName} · 券码 {v.code.replace(/(\d{4})(?=\d)/g, '$1 ')} · {formatShanghaiDate(v.expiresAt)} 前有效</Text>
              {v.usableHere === false && v.why && <Text className='staff-voucher__why'>{v.why}</Text>}
            </View>
            {v.usableHere !== false && (
              <View className='staff-button staff-button--small voucher-write-off' onClick={() => void Taro.showModal({ title: '核销', content: `核销 ${v.itemName}？`, cancelText: '暂不核销', confirmText: '确认核销' }).then((r) => { if (r.confirm) void staffStore.getState().verify(v.code); })}>
                {writeOff.busy ? '处理中…' : '核销'}
              </View>
            )}
          </View>
        ))}
        {writeOff.result && <Text className='staff-ok write-off-ok'>核销成功：{writeOff.result.itemName}</Text>}
        {writeOff.error && <Text className='staff-error write-off-error'>{writeOff.error.message}</Text>}
      </View>

      <View className='staff-card'>
        <Text className='staff-card__title'>登记消费</Text>
        <Input className='staff-input order-id-input' placeholder='小票号' value={orderId} onInput={(e) => setOrderId(e.detail.value)} />
        <Input className='staff-input amount-input' type='digit' placeholder='消费金额（元）' value={yuan} onInput={(e) => setYuan(e.detail.value)} />
        <DeductionPanel memberNo={member.memberNo} orderId={orderId} amountFen={Math.round(Number(yuan) * 100)} spendable={member.points.spendable} />
        <View className='staff-button purchase-submit' onClick={submit}>
          {busy ? '提交中…' : deduction?.status === 'held' ? `登记消费（积分抵扣 ${formatYuan(deduction.deductionFen)} 元）` : '登记消费'}
        </View>
        {purchase?.status === 'recorded' && (
          <Text className='staff-ok purchase-ok'>
            {purchase.replayed ? '该小票已登记过' : '登记成功'}{purchase.deduction ? `（积分抵扣 ${formatNumber(purchase.deduction.points)} 积分，抵 ${formatYuan(purchase.deduction.deductionFen)} 元，实收 ${formatYuan(purchase.deduction.cashFen)} 元）` : ''}：获得 {formatNumber(purchase.pointsEarned)} 积分，当前 {formatNumber(purchase.balance)} 积分{purchase.tier.message ? `，${purchase.tier.message}` : ''}
          </Text>
        )}
        {purchase?.status === 'held' && (
          <Text className='staff-held purchase-held'>
            小票 {purchase.approval.receipt}（{formatYuan(purchase.approval.amountFen)} 元）{purchase.approval.status === 'rejected' ? purchase.approval.message : `${purchase.approval.message}，审批通过后积分到账`}
          </Text>
        )}
        {purchaseError && <Text className='staff-error purchase-error'>{purchaseError.message}</Text>}
      </View>

      <ActivityCard memberNo={member.memberNo} />
      <TagsCard memberNo={member.memberNo} />
      {canAdjust && <AdjustCard memberNo={member.memberNo} />}
      {canAdjust && <BirthdayCard memberNo={member.memberNo} current={member.birthday} />}
    </View>
  );
}
