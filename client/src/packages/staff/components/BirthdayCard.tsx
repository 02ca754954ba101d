// 修改生日 (managers and admins): members set their birthday once themselves; a later change goes through the store
// with a reason, recorded in the staff audit trail.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { birthdayInput } from '../../../../../contract/birthday';
import { memberActionsStore, useMemberActions } from '../member-actions';
import { staffStore } from '../store';

/** "3-15" or "3月15日" → { month: 3, day: 15 }; null when it is not a day of the year by the contract's rule (29 Feb allowed). */
export function parseBirthday(text: string): { month: number; day: number } | null {
  const m = /^\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?\s*$/.exec(text);
  if (!m) return null;
  const birthday = { month: Number(m[1]), day: Number(m[2]) };
  return birthdayInput.safeParse(birthday).success ? birthday : null;
}

export default function BirthdayCard({ memberNo, current }: { memberNo: string; current: { month: number; day: number } | null }) {
  const { busy, error, result } = useMemberActions((s) => s.birthday);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');

  const submit = async () => {
    const birthday = parseBirthday(text);
    if (!birthday) return void Taro.showToast({ title: '请输入生日，如 3-15', icon: 'none' });
    const why = reason.trim();
    if (why.length < 2) return void Taro.showToast({ title: '请填写修改原因（至少 2 个字）', icon: 'none' });
    const { confirm } = await Taro.showModal({ title: '修改生日', content: `将会员生日改为 ${birthday.month} 月 ${birthday.day} 日？原因：${why}`, cancelText: '暂不修改', confirmText: '确认修改' });
    if (!confirm) return;
    const done = await memberActionsStore.getState().setBirthday({ memberNo, birthday, reason: why });
    if (!done) return;
    setText('');
    setReason('');
    staffStore.getState().applyBirthday(done.memberNo, done.birthday);
  };

  return (
    <View className='staff-card birthday-card'>
      <Text className='staff-card__title'>修改生日</Text>
      <Text className='staff-card__meta'>{current ? `当前 ${current.month} 月 ${current.day} 日` : '会员尚未设置生日'}；修改原因会记入操作记录</Text>
      <Input className='staff-input birthday-input' placeholder='新的生日，如 3-15' value={text} maxlength={8} onInput={(e) => setText(e.detail.value)} />
      <Input className='staff-input birthday-reason-input' placeholder='修改原因（必填）' value={reason} maxlength={100} onInput={(e) => setReason(e.detail.value)} />
      <View className='staff-button birthday-submit' onClick={() => void submit()}>{busy ? '提交中…' : '修改生日'}</View>
      {result && <Text className='staff-ok birthday-ok'>已修改为 {result.birthday?.month} 月 {result.birthday?.day} 日</Text>}
      {error && <Text className='staff-error birthday-error'>{error.message}</Text>}
    </View>
  );
}
