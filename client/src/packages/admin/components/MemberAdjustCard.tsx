// 调整积分 on a member's page (the roles the matrix lets adjust): a signed amount and a reason, confirmed once; above
// the approval threshold it waits for another admin, and the card says so.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useStore } from 'zustand';
import { call } from '../../../services/cloud';
import { formatNumber, formatSigned } from '../../../utils/format';
import { createMemberAdjustStore } from '../member-adjust-store';
import { membersStore } from '../members-store';

const adjustStore = createMemberAdjustStore(call, (memberNo) => void membersStore.getState().select(memberNo));

/** "+50", "-20", "50" within ±1,000,000 and not 0; anything else null. */
const amountOf = (text: string): number | null => {
  const t = text.trim();
  if (!/^[+-]?\d{1,7}$/.test(t)) return null;
  const n = Number(t);
  return n === 0 || Math.abs(n) > 1_000_000 ? null : n;
};

export default function MemberAdjustCard({ memberNo }: { memberNo: string }) {
  const { busy, error, result } = useStore(adjustStore, (s) => s.adjust);
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    const amount = amountOf(amountText);
    if (amount === null) return setProblem(/^[+-]?\d+$/.test(amountText.trim()) && amountText.trim() !== '0' ? '单次调整不能超过 1,000,000 积分' : '请输入非零整数，如 +50 或 -20');
    if (reason.trim().length < 2) return setProblem('请填写调整原因（至少 2 个字）');
    setProblem(null);
    void adjustStore.getState().submit({ memberNo, amount, reason: reason.trim() }).then((done) => {
      if (!done) return;
      setAmountText('');
      setReason('');
    });
  };

  return (
    <View className='console-card member-adjust'>
      <Text className='console-card__title'>调整积分</Text>
      <Text className='console-field__help'>正数为补发，负数为扣减；原因会记入积分明细。大额调整需另一位管理员审批。</Text>
      <View className='console-field'><Text className='console-field__label'>数量</Text><Input className='console-input member-adjust-amount' placeholder='如 +50 或 -20' value={amountText} maxlength={9} onInput={(e) => setAmountText(e.detail.value)} /></View>
      <View className='console-field'><Text className='console-field__label'>原因</Text><Input className='console-input member-adjust-reason' placeholder='如：活动补发' value={reason} maxlength={100} onInput={(e) => setReason(e.detail.value)} /></View>
      <View className='console-actions'><Text className='console-button member-adjust-submit' onClick={submit}>{busy ? '提交中…' : '提交调整'}</Text></View>
      {(problem || error) && <Text className='console-error member-adjust-error'>{problem ?? error?.message}</Text>}
      {!problem && !error && result?.status === 'applied' && <Text className='console-ok member-adjust-ok'>{result.replayed ? '该调整已提交过' : '调整成功'}：{formatSigned(result.amount)} 积分，当前余额 {formatNumber(result.balance)}</Text>}
      {!problem && !error && result?.status === 'held' && <Text className='console-note member-adjust-held'>{formatSigned(result.approval.amount)} 积分已提交：{result.approval.message}</Text>}
    </View>
  );
}
