// One entry of today's activity. A purchase (the caller's own; a manager's or admin's: any) and, for managers and
// admins, a write-off can be undone here, with a reason; an undone one stays in the list, struck through.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Output } from '@contract/index';
import { formatShanghaiDateTime, formatSigned } from '../../../utils/format';
import { staffStore, useStaff } from '../store';

type Item = Output<'staff', 'today'>['items'][number];

function undoable(item: Item, canManage: boolean): boolean {
  if (item.undone) return false;
  if (item.type === 'purchase') return item.receipt !== null && (item.mine || canManage);
  return item.type === 'writeOff' && item.voucherCode !== null && canManage;
}

export default function ActivityItem({ item, canManage, readOnly = false }: { item: Item; canManage: boolean; readOnly?: boolean }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error } = useStaff((s) => s.undo);
  const what = item.type === 'purchase' ? '撤销消费' : '撤销核销';

  const confirm = () => {
    const why = reason.trim();
    if (why.length < 2) return void Taro.showToast({ title: '请填写撤销原因（至少 2 个字）', icon: 'none' });
    const store = staffStore.getState();
    const run = item.type === 'purchase' ? store.undoPurchase(item.receipt as string, why) : store.reverseWriteOff(item.voucherCode as string, why);
    void run.then((done) => {
      if (!done) return;
      setOpen(false);
      setReason('');
    });
  };

  return (
    <View className={`staff-activity-entry${item.undone ? ' staff-activity--undone' : ''}`} data-type={item.type} data-id={item.id}>
      <View className='staff-activity'>
        <Text className='staff-activity__title'>{item.title}{item.undone ? '（已撤销）' : ''}</Text>
        <View className='staff-activity__side'>
          <Text className='staff-activity__meta'>{formatShanghaiDateTime(item.at).slice(11)}{item.points ? ` ${formatSigned(item.points)}` : ''}</Text>
          {!readOnly && undoable(item, canManage) && !open && <Text className='staff-mini-button undo-open' onClick={() => setOpen(true)}>{what}</Text>}
        </View>
      </View>
      {open && (
        <View className='staff-confirm undo-confirm'>
          <Text className='staff-confirm__text'>{item.type === 'purchase' ? `撤销后该笔消费的积分和成长值将被扣回（小票 ${item.receipt}）` : '撤销后该券恢复为未使用，可再次核销'}</Text>
          <Input className='staff-input undo-reason' placeholder='撤销原因，如：金额录错' value={reason} maxlength={100} onInput={(e) => setReason(e.detail.value)} />
          <View className='staff-row'>
            <View className='staff-button staff-button--ghost staff-button--half undo-cancel' onClick={() => setOpen(false)}>暂不撤销</View>
            <View className='staff-button staff-button--half undo-submit' onClick={confirm}>{busy ? '处理中…' : `确认${what}`}</View>
          </View>
          {error && <Text className='staff-error undo-error'>{error.message}</Text>}
        </View>
      )}
    </View>
  );
}
