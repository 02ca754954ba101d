// 积分抵扣 in 登记消费: the clerk asks for the receipt typed above; the member approves on their own phone (the member
// code page); this panel follows the request until it is answered. Once approved, 登记消费 records with the hold.
import { useEffect, useRef } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatNumber } from '../../../utils/format';
import { formatYuan } from '../money';
import { deductionMessage, deductionStore, POLL_MS, useDeduction } from '../deduction-store';
import { staffStore } from '../store';

const TONE: Record<string, string> = { requested: 'staff-held', held: 'staff-ok', captured: 'staff-ok', declined: 'staff-error', expired: 'staff-error', released: 'staff-error' };

export default function DeductionPanel({ memberNo, orderId, amountFen, spendable }: { memberNo: string; orderId: string; amountFen: number; spendable: number }) {
  const { busy, error } = useDeduction((s) => s.ask);
  const current = useDeduction((s) => s.current);
  const cancelling = useDeduction((s) => s.cancelling);
  const waiting = current?.status === 'requested';

  // The header's 可用积分 follows the reservation: less while the member's approval holds points, back when cancelled.
  const reserved = useRef<string | null>(null);
  useEffect(() => {
    const shown = staffStore.getState().member.data;
    if (!shown || !current) return;
    if (current.status === 'held' && reserved.current !== current.holdId) {
      reserved.current = current.holdId;
      staffStore.getState().applyAdjustment(memberNo, -current.points, shown.points.balance);
    } else if (current.status === 'released' && reserved.current === current.holdId) {
      reserved.current = null;
      staffStore.getState().applyAdjustment(memberNo, current.points, shown.points.balance);
    }
  }, [current?.status, current?.holdId]);

  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setInterval(() => void deductionStore.getState().refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, current?.holdId]);

  const ask = () => {
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(orderId)) return void Taro.showToast({ title: '请先输入小票号', icon: 'none' });
    if (!Number.isFinite(amountFen) || amountFen <= 0) return void Taro.showToast({ title: '请先输入消费金额', icon: 'none' });
    void deductionStore.getState().request({ memberNo, orderId, amountFen });
  };

  return (
    <View className='deduction-panel'>
      {(!current || current.status === 'expired' || current.status === 'declined' || current.status === 'released') && (
        <View className='staff-button staff-button--ghost deduction-ask' onClick={ask}>
          {busy ? '发起中…' : current ? '重新发起积分抵扣' : `积分抵扣（可用 ${formatNumber(spendable)} 积分）`}
        </View>
      )}
      {current && <Text className={`${TONE[current.status]} deduction-status`} data-status={current.status}>{deductionMessage(current, formatYuan)}</Text>}
      {waiting && <Text className='staff-card__meta deduction-hint'>请会员打开小程序「会员码」页面确认，店员不能代为操作</Text>}
      {(waiting || current?.status === 'held') && (
        <View className='staff-button staff-button--ghost staff-button--small deduction-cancel' onClick={() => void deductionStore.getState().cancel()}>{cancelling ? '取消中…' : '取消积分抵扣'}</View>
      )}
      {error && <Text className='staff-error deduction-error'>{error.message}</Text>}
    </View>
  );
}
