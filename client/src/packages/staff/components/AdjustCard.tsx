// 调整积分 (managers and admins): a signed amount and a reason, confirmed once; a retry after a network error keeps
// the confirmation's request id, so the adjustment is applied at most once. A large one waits for an admin's approval.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatNumber, formatSigned } from '../../../utils/format';
import { amountProblem, isUncertain, memberActionsStore, parseAmount, useMemberActions } from '../member-actions';
import { staffStore } from '../store';

export default function AdjustCard({ memberNo }: { memberNo: string }) {
  const { busy, error, result } = useMemberActions((s) => s.adjust);
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState<{ amount: number; reason: string } | null>(null);

  const review = () => {
    memberActionsStore.getState().clearAdjustError();
    const problem = amountProblem(amountText);
    const amount = parseAmount(amountText);
    if (problem || amount === null) return void Taro.showToast({ title: problem ?? '请输入非零整数，如 +50 或 -20', icon: 'none' });
    const why = reason.trim();
    if (why.length < 2) return void Taro.showToast({ title: '请填写调整原因（至少 2 个字）', icon: 'none' });
    setConfirming({ amount, reason: why });
  };

  const confirm = async () => {
    if (!confirming) return;
    const done = await memberActionsStore.getState().adjustPoints({ memberNo, ...confirming });
    if (!done) {
      // Network trouble keeps the confirmation: 重试 reuses its request id. A refusal (e.g. 积分不足) goes back to editing.
      const code = memberActionsStore.getState().adjust.error?.code;
      if (!code || !isUncertain(code)) setConfirming(null);
      return;
    }
    setConfirming(null);
    setAmountText('');
    setReason('');
    if (done.status === 'applied') staffStore.getState().applyAdjustment(done.memberNo, done.amount, done.balance);
  };

  return (
    <View className='staff-card adjust-card'>
      <Text className='staff-card__title'>调整积分</Text>
      <Text className='staff-card__meta'>正数为补发，负数为扣减；原因会记入积分明细</Text>
      <Input className='staff-input adjust-amount-input' placeholder='调整数量，如 +50 或 -20' value={amountText} maxlength={9} disabled={Boolean(confirming)} onInput={(e) => { setAmountText(e.detail.value); memberActionsStore.getState().clearAdjustError(); }} />
      <Input className='staff-input adjust-reason-input' placeholder='调整原因（必填）' value={reason} maxlength={100} disabled={Boolean(confirming)} onInput={(e) => setReason(e.detail.value)} />
      {!confirming && <View className='staff-button adjust-submit' onClick={review}>调整积分</View>}
      {confirming && (
        <View className='staff-confirm adjust-confirm-box'>
          <Text className='staff-confirm__text'>确认为会员 {memberNo} 调整 {formatSigned(confirming.amount)} 积分？原因：{confirming.reason}</Text>
          <View className='staff-row'>
            <View className='staff-button staff-button--ghost staff-button--half adjust-cancel' onClick={() => setConfirming(null)}>取消</View>
            <View className='staff-button staff-button--half adjust-confirm' onClick={() => void confirm()}>{busy ? '提交中…' : error ? '重试' : '确认调整'}</View>
          </View>
        </View>
      )}
      {result?.status === 'applied' && <Text className='staff-ok adjust-ok'>{result.replayed ? '该调整已提交过' : '调整成功'}：{formatSigned(result.amount)} 积分，当前余额 {formatNumber(result.balance)} 积分</Text>}
      {result?.status === 'held' && <Text className='staff-held adjust-held'>{formatSigned(result.approval.amount)} 积分已提交：{result.approval.message}，审批通过后到账</Text>}
      {error && <Text className='staff-error adjust-error'>{error.message}</Text>}
    </View>
  );
}
