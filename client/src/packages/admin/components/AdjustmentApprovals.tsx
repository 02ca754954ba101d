// 积分调整审批 on the console home (admins): each held adjustment with who asked and why; 通过 applies it, 驳回 needs a
// reason. The server refuses an admin's own request (the message says so).
import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { formatShanghaiDateTime, formatSigned } from '../../../utils/format';
import { adjustmentsStore, useAdjustments } from '../adjustments-store';

export default function AdjustmentApprovals() {
  const items = useAdjustments((s) => s.pending.data?.items);
  const { busy, error } = useAdjustments((s) => s.decision);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  useEffect(() => void adjustmentsStore.getState().load(), []);
  if (!items?.length && !error) return null;

  return (
    <View className='console-card adjustment-approvals'>
      <Text className='console-card__title'>积分调整审批（{items?.length ?? 0}）</Text>
      {items?.map((a) => (
        <View key={a.id} className='console-row adjustment-row' data-id={a.id}>
          <Text className='console-cell'>会员 {a.memberNo}</Text>
          <Text className='console-cell console-cell--num'>{formatSigned(a.amount)} 积分</Text>
          <Text className='console-cell console-cell--wide'>{a.reason} · {a.requestedBy} · {formatShanghaiDateTime(a.requestedAt).slice(5)}</Text>
          {rejecting === a.id ? (
            <View className='console-actions'>
              <Input className='console-input adjustment-reason' placeholder='驳回原因' value={reason} onInput={(e) => setReason(e.detail.value)} />
              <Text className='console-button console-button--danger adjustment-reject-submit' onClick={() => void adjustmentsStore.getState().decide(a.id, false, reason.trim()).then((ok) => ok && setRejecting(null))}>确认驳回</Text>
            </View>
          ) : (
            <View className='console-actions'>
              <Text className='console-button console-button--ghost adjustment-reject' onClick={() => { setRejecting(a.id); setReason(''); }}>驳回</Text>
              <Text className='console-button adjustment-approve' onClick={() => void adjustmentsStore.getState().decide(a.id, true)}>{busy ? '处理中…' : '通过'}</Text>
            </View>
          )}
        </View>
      ))}
      {error && <Text className='console-error adjustment-error'>{error.message}</Text>}
    </View>
  );
}
