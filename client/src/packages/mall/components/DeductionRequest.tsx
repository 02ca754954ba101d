// A clerk's 积分抵扣 request on the member code page: the store, the order, the points and what they pay, with 同意 /
// 拒绝. Only the member answers (member.decideDeduction with their own identity); a clerk cannot spend points alone.
// Polled while the code page shows (every 3 s), so the request appears within moments of the clerk asking.
import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import type { Output } from '@contract/index';
import { formatNumber } from '../../../utils/format';
import { call } from '../../../services/cloud';
import { toStoreError } from '../../../store/errors';

type Pending = NonNullable<Output<'member', 'pendingDeduction'>>;
type Decided = Output<'member', 'decideDeduction'>;

export const REQUEST_POLL_MS = 3000;

const yuan = (fen: number) => `${formatNumber(Math.floor(fen / 100))}.${String(fen % 100).padStart(2, '0')}`;
const hhmm = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);

export function decidedMessage(d: Decided): string {
  if (d.status === 'held') return `已同意，${formatNumber(d.points)} 积分已为本次消费预留至 ${hhmm(d.expiresAt)}`;
  if (d.status === 'declined') return '已拒绝，本次消费不使用积分';
  if (d.status === 'expired') return '请求已过期，积分未被使用';
  return d.statusText;
}

export default function DeductionRequest() {
  const [pending, setPending] = useState<Pending | null>(null);
  const [decided, setDecided] = useState<Decided | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const poll = async () => {
    try {
      const next = await call('member', 'pendingDeduction');
      setPending((shown) => (shown?.holdId === next?.holdId ? shown : next));
      if (next) setDecided(null);
    } catch {
      // The next poll tries again.
    }
  };
  const start = () => {
    if (timer.current) clearInterval(timer.current);
    void poll();
    timer.current = setInterval(() => void poll(), REQUEST_POLL_MS);
  };
  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  useDidShow(start);
  useDidHide(stop);
  useEffect(() => {
    start();
    return stop;
  }, []);

  const decide = async (approve: boolean) => {
    if (!pending || busy) return;
    setBusy(true);
    setError(null);
    try {
      const d = await call('member', 'decideDeduction', { holdId: pending.holdId, approve });
      setDecided(d);
      setPending(null);
    } catch (err) {
      setError(toStoreError(err).message);
      if (toStoreError(err).code === 'NOT_ELIGIBLE') setPending(null);
    } finally {
      setBusy(false);
    }
  };

  if (decided && !pending) return <View className='deduction-request deduction-request--done'><Text className='deduction-request__done'>{decidedMessage(decided)}</Text></View>;
  if (!pending) return error ? <View className='deduction-request'><Text className='deduction-request__error'>{error}</Text></View> : null;
  return (
    <View className='deduction-request' data-hold={pending.holdId}>
      <Text className='deduction-request__title'>积分抵扣确认</Text>
      <Text className='deduction-request__line'>{pending.storeName ?? '门店'} 请求使用您的积分抵扣本次消费</Text>
      <Text className='deduction-request__points'>{formatNumber(pending.points)} 积分 抵 ¥{yuan(pending.deductionFen)}</Text>
      <Text className='deduction-request__line'>订单金额 ¥{yuan(pending.orderFen)}，抵扣后应付 ¥{yuan(pending.cashFen)}</Text>
      <Text className='deduction-request__hint'>请在 {hhmm(pending.expiresAt)} 前确认；同意后积分将在店员登记消费时扣除</Text>
      {error && <Text className='deduction-request__error'>{error}</Text>}
      <View className='deduction-request__actions'>
        <View className='deduction-request__decline' onClick={() => void decide(false)}>拒绝</View>
        <View className='deduction-request__approve' onClick={() => void decide(true)}>{busy ? '处理中…' : '同意抵扣'}</View>
      </View>
    </View>
  );
}
