// On a member's unused redemption (operators and admins): 取消兑换 (points back) or 更换券码 (a leaked code stops
// working), each with a reason; the member page reloads after.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { call } from '../../../services/cloud';
import { toStoreError } from '../../../store/errors';
import { newRequestId } from '../../../store/requestId';
import { membersStore } from '../members-store';
import { mayRunAction } from '../session-store';

type Acting = 'cancel' | 'reissue';

export default function RedemptionActions({ memberNo, redemptionId, hasVoucher }: { memberNo: string; redemptionId: string; hasVoucher: boolean }) {
  const [acting, setActing] = useState<Acting | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [requestId] = useState(() => newRequestId('rsv'));
  if (!mayRunAction('admin.cancelMemberRedemption')) return null;

  const confirm = () => {
    const why = reason.trim();
    if (why.length < 2) return setMessage({ ok: false, text: '请填写原因（至少 2 个字）' });
    setBusy(true);
    const sent = acting === 'cancel'
      ? call('admin', 'cancelMemberRedemption', { redemptionId, reason: why }).then((r) => `已取消，退回 ${r.pointsReturned} 积分`)
      : call('admin', 'reissueVoucher', { redemptionId, reason: why, requestId }).then((r) => `新券码 ${r.voucherCode}，原券码已失效`);
    void sent.then(
      (text) => { setMessage({ ok: true, text }); setActing(null); setReason(''); void membersStore.getState().select(memberNo); },
      (err: unknown) => setMessage({ ok: false, text: toStoreError(err).message }),
    ).finally(() => setBusy(false));
  };

  return (
    <View className='redemption-actions' data-redemption={redemptionId}>
      {!acting && (
        <View className='console-actions'>
          <Text className='console-button console-button--danger redemption-cancel' onClick={() => setActing('cancel')}>取消兑换</Text>
          {hasVoucher && <Text className='console-button console-button--ghost redemption-reissue' onClick={() => setActing('reissue')}>更换券码</Text>}
        </View>
      )}
      {acting && (
        <View className='console-actions'>
          <Input className='console-input redemption-reason' placeholder={acting === 'cancel' ? '取消原因，如：会员来电要求' : '更换原因，如：券码截图外泄'} value={reason} onInput={(e) => setReason(e.detail.value)} />
          <Text className='console-button redemption-confirm' onClick={confirm}>{busy ? '处理中…' : acting === 'cancel' ? '确认取消' : '确认更换'}</Text>
          <Text className='console-button console-button--ghost' onClick={() => setActing(null)}>暂不处理</Text>
        </View>
      )}
      {message && <Text className={message.ok ? 'console-ok redemption-ok' : 'console-error redemption-error'}>{message.text}</Text>}
    </View>
  );
}
