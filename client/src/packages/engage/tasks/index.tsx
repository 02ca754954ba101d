import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useShareAppMessage } from '@tarojs/taro';
import { openPage, openProfile } from '../../../services/navigation';
import { tasksStore, type TaskView } from '../../../store/engage';
import { useTasks } from '../../../store/use-engage';
import { ActionError, Loading } from '../components/Feedback';
import { formatNumber } from '../../../utils/format';
import '../components/engage.scss';

const load = () => void tasksStore.getState().load();

const PERIOD: Record<TaskView['period'], string> = { once: '一次性', daily: '每日', weekly: '每周', monthly: '每月' };
const AUDIENCE: Record<TaskView['audience'], string> = { all: '', newMember: '新人专享', nearTier: '升级冲刺' };

function rewardText(t: TaskView) {
  return [t.reward.points > 0 ? `+${formatNumber(t.reward.points)} 积分` : '', t.reward.growth > 0 ? `+${formatNumber(t.reward.growth)} 成长值` : ''].filter(Boolean).join(' ');
}

/**
 * Where "去完成" leads. Tasks count what the member did, from wherever they did it: opening the mall reports
 * 逛逛积分商城 (the mall page does), sharing reports from WeChat's share (weapp); a tap here reports nothing.
 */
function goDo(t: TaskView) {
  if (t.source === 'share') return void Taro.showToast({ title: '请在微信中点击右上角「…」分享小程序', icon: 'none' });
  if (t.source === 'browseMall') return void openPage('/packages/mall/index/index');
  if (t.source === 'checkin') return void openPage('/packages/engage/checkin/index');
  if (t.source === 'invite') return void openPage('/packages/engage/invite/index');
  if (t.source === 'profile' || t.source === 'phone') return void openProfile();
}

/** Tasks completed elsewhere say where. */
const ELSEWHERE: Partial<Record<TaskView['source'], string>> = {
  review: '在渠道商城下单后发表带图评价即可完成',
  order: '消费后自动完成',
  activity: '参加门店活动时由店员登记',
};

function Action({ t, busy }: { t: TaskView; busy: boolean }) {
  if (t.status === 'claimed') return <View className='engage-button engage-button--small engage-button--done task-claimed'>已领取</View>;
  if (t.status === 'claimable') {
    return <View className='engage-button engage-button--small task-claim' onClick={() => !busy && void tasksStore.getState().claim(t.id)}>领取</View>;
  }
  if (t.source === 'share' && process.env.TARO_ENV === 'weapp') {
    return <Button className='engage-button engage-button--small engage-button--ghost task-go' openType='share' data-task='share'>去分享</Button>;
  }
  const doable = ['share', 'browseMall', 'checkin', 'invite', 'profile', 'phone'].includes(t.source);
  if (doable) return <View className='engage-button engage-button--small engage-button--ghost task-go' onClick={() => goDo(t)}>去完成</View>;
  return <Text className='engage-sub task-elsewhere'>{ELSEWHERE[t.source] ?? `${t.progress}/${t.target}`}</Text>;
}

export default function Tasks() {
  const { data: view, status, error } = useTasks((s) => s.view);
  const { busy, error: actionError, result: lastClaim } = useTasks((s) => s.action);

  useLoad(load);
  useShareAppMessage(() => {
    void tasksStore.getState().report('share');
    return { title: '会员中心 · 签到领积分', path: '/pages/index/index' };
  });

  if (!view) return <View className='engage'><Loading error={status === 'error' ? error : null} onRetry={load} /></View>;

  return (
    <View className='engage tasks'>
      <ActionError error={actionError} />
      {lastClaim && !lastClaim.replayed && (
        <Text className='checkin-result claim-result'>领取成功 +{formatNumber(lastClaim.pointsEarned)} 积分{lastClaim.growthEarned > 0 ? ` +${formatNumber(lastClaim.growthEarned)} 成长值` : ''}，余额 {formatNumber(lastClaim.balance)}</Text>
      )}
      <View className='engage-card'>
        <Text className='engage-title'>任务中心</Text>
        <Text className='engage-sub'>{view.claimable > 0 ? `有 ${view.claimable} 个奖励待领取` : '完成任务领积分和成长值'}</Text>
        {view.tasks.map((t) => (
          <View key={t.id} className={`task-item task-item--${t.status}`} data-id={t.id} data-status={t.status}>
            <View className='task-item__main'>
              <Text className='task-item__title'>{t.title}{AUDIENCE[t.audience] && <Text className='task-tag'>{AUDIENCE[t.audience]}</Text>}</Text>
              <Text className='task-item__desc'>{PERIOD[t.period]} · {t.description} · 进度 {t.progress}/{t.target}</Text>
              <Text className='task-item__reward'>{rewardText(t)}</Text>
            </View>
            <Action t={t} busy={busy} />
          </View>
        ))}
      </View>
    </View>
  );
}
