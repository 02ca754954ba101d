// 邀请员工: name, role and (clerks, managers) store; the answer is the invitation's QR code and link, valid 72 hours,
// once. The invitee scans it with WeChat (or opens the link) and is bound to their own account.
import { useState } from 'react';
import { Image, Input, Text, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { formatShanghaiDateTime } from '../../../utils/format';
import { consoleStaffStore, useConsoleStaff } from '../staff-store';
import { Chips, needsStore, ROLES } from './StaffEditor';

function qrOf(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createDataURL(6, 24);
}

export default function InviteCard() {
  const stores = useConsoleStaff((s) => s.staff.data?.stores) ?? [];
  const { busy, error, result } = useConsoleStaff((s) => s.invite);
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number][0]>('clerk');
  const [storeId, setStoreId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    const trimmed = name.trim();
    if (!trimmed) return setProblem('请填写员工姓名');
    if (needsStore(role) && !storeId) return setProblem('店员和店长必须指定门店');
    setProblem(null);
    void consoleStaffStore.getState().inviteStaff({ name: trimmed, role, ...(needsStore(role) && storeId ? { storeId } : {}) });
  };

  return (
    <View className='console-card invite-card'>
      <Text className='console-card__title'>邀请员工</Text>
      <Text className='console-card__meta'>生成一次性邀请码，72 小时内有效；对方用微信扫码后绑定到本人微信</Text>
      <View className='console-field'><Text className='console-field__label'>姓名</Text><Input className='console-input invite-name' value={name} maxlength={20} placeholder='如：店员 小赵' onInput={(e) => setName(e.detail.value)} /></View>
      <View className='console-field'><Text className='console-field__label'>岗位</Text><Chips options={ROLES} value={role} onPick={setRole} className='invite-role' /></View>
      {needsStore(role) && (
        <View className='console-field'><Text className='console-field__label'>门店</Text><Chips options={stores.map((s) => [s.id, s.name] as [string, string])} value={storeId} onPick={setStoreId} className='invite-store' /></View>
      )}
      <View className='console-actions'><Text className='console-button invite-submit' onClick={submit}>{busy ? '生成中…' : '生成邀请码'}</Text></View>
      {(problem || error) && <Text className='console-error invite-error'>{problem ?? error?.message}</Text>}
      {result && (
        <View className='invite-result'>
          <Image className='invite-qr' src={qrOf(result.path)} mode='aspectFit' style={{ width: '180px', height: '180px' }} />
          <Text className='console-code invite-code'>邀请码 {result.code}</Text>
          <Text className='console-card__meta invite-path'>{result.path}</Text>
          <Text className='console-card__meta'>{result.name} · {result.roleName}{result.storeName ? ` · ${result.storeName}` : ''} · {formatShanghaiDateTime(result.expiresAt)} 前有效</Text>
        </View>
      )}
    </View>
  );
}
