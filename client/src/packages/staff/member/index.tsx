// A scanned member: tier, points, benefits; record an in-store purchase, register an activity, and (managers and
// admins only, as staff.today says) adjust points.
import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatNumber } from '../../../utils/format';
import { formatYuan } from '../money';
import ActivityCard from '../components/ActivityCard';
import AdjustCard from '../components/AdjustCard';
import { memberActionsStore } from '../member-actions';
import { staffStore, useStaff } from '../store';
import '../staff.scss';

export default function StaffMember() {
  const { params } = useRouter();
  const { data: member, error: memberError } = useStaff((s) => s.member);
  const { busy, error: purchaseError, result: purchase } = useStaff((s) => s.purchase);
  const canAdjust = useStaff((s) => s.today.data?.staff.canAdjust === true);
  const [orderId, setOrderId] = useState('');
  const [yuan, setYuan] = useState('');

  useEffect(() => {
    memberActionsStore.getState().reset();
    if (params.code) void staffStore.getState().scan(params.code);
    if (!staffStore.getState().today.data) void staffStore.getState().loadToday();
  }, [params.code]);

  const submit = () => {
    const amountFen = Math.round(Number(yuan) * 100);
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(orderId)) return void Taro.showToast({ title: '请输入小票号（字母、数字）', icon: 'none' });
    if (!Number.isFinite(amountFen) || amountFen <= 0) return void Taro.showToast({ title: '请输入消费金额', icon: 'none' });
    void staffStore.getState().recordPurchase({ orderId, amountFen }).then((done) => {
      if (!done) return;
      setOrderId('');
      setYuan('');
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
        {member.tier.benefits.map((b) => <Text key={b.key} className='staff-benefit'>· {b.title}：{b.description}</Text>)}
      </View>

      <View className='staff-card'>
        <Text className='staff-card__title'>登记消费</Text>
        <Input className='staff-input order-id-input' placeholder='小票号' value={orderId} onInput={(e) => setOrderId(e.detail.value)} />
        <Input className='staff-input amount-input' type='digit' placeholder='消费金额（元）' value={yuan} onInput={(e) => setYuan(e.detail.value)} />
        <View className='staff-button purchase-submit' onClick={submit}>{busy ? '提交中…' : '登记消费'}</View>
        {purchase?.status === 'recorded' && (
          <Text className='staff-ok purchase-ok'>
            {purchase.replayed ? '该小票已登记过' : '登记成功'}：获得 {formatNumber(purchase.pointsEarned)} 积分，当前 {formatNumber(purchase.balance)} 积分{purchase.tier.message ? `，${purchase.tier.message}` : ''}
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
      {canAdjust && <AdjustCard memberNo={member.memberNo} />}
    </View>
  );
}
