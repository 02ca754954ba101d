// 登记活动: the activity code printed on the poster (e.g. YOGA0612) registers the member's attendance.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { memberActionsStore, useMemberActions } from '../member-actions';

const ACTIVITY_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export default function ActivityCard({ memberNo }: { memberNo: string }) {
  const { busy, error, result: checkin } = useMemberActions((s) => s.checkin);
  const [activityId, setActivityId] = useState('');

  const submit = () => {
    const id = activityId.trim();
    if (!ACTIVITY_ID.test(id)) return void Taro.showToast({ title: '请输入活动码（字母、数字）', icon: 'none' });
    void memberActionsStore.getState().registerActivity(memberNo, id);
  };

  return (
    <View className='staff-card activity-card'>
      <Text className='staff-card__title'>登记活动</Text>
      <Text className='staff-card__meta'>输入活动海报上的活动码</Text>
      <Input className='staff-input activity-input' placeholder='活动码，如 YOGA0612' value={activityId} maxlength={64} onInput={(e) => setActivityId(e.detail.value)} onConfirm={submit} />
      <View className='staff-button staff-button--ghost activity-submit' onClick={submit}>{busy ? '登记中…' : '登记活动'}</View>
      {checkin && (
        <Text className='staff-ok activity-ok'>{checkin.message}{checkin.growthEarned > 0 ? `，成长值 +${checkin.growthEarned}` : ''}</Text>
      )}
      {error && <Text className='staff-error activity-error'>{error.message}</Text>}
    </View>
  );
}
