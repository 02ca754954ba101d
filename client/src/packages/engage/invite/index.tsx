import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useShareAppMessage } from '@tarojs/taro';
import { referralStore } from '../../../store/engage';
import { useReferral } from '../../../store/use-engage';
import { Loading } from '../components/Feedback';
import { formatNumber } from '../../../utils/format';
import '../components/engage.scss';

const load = () => void referralStore.getState().load();
const STATUS = { registered: '已注册', ordered: '已下单', refunded: '首单已退款' } as const;

function copyLink(path: string) {
  const url = typeof window !== 'undefined' ? `${window.location.origin}${window.location.pathname}#${path}` : path;
  void Taro.setClipboardData({ data: url });
}

export default function Invite() {
  const { data: view, status, error } = useReferral((s) => s.view);

  useLoad(load);
  // The share card carries the code: a friend who opens it registers with it (member.login inviteCode).
  useShareAppMessage(() => {
    const v = referralStore.getState().view.data;
    return { title: v?.shareTitle ?? '邀你加入会员中心', path: v?.sharePath ?? '/pages/index/index' };
  });

  if (!view) return <View className='engage'><Loading error={status === 'error' ? error : null} onRetry={load} /></View>;
  const r = view.rules;

  return (
    <View className='engage invite'>
      <View className='engage-card'>
        <Text className='engage-title'>我的邀请码</Text>
        <Text className='invite-code'>{view.inviteCode}</Text>
        <Text className='invite-rules'>
          好友通过你的分享注册，你得 {formatNumber(r.inviterRegisteredPoints)} 积分，好友得 {formatNumber(r.welcomePoints)} 积分；好友完成首笔订单，你再得 {formatNumber(r.inviterFirstOrderPoints)} 积分。
          每月最多奖励 {r.monthlyCap} 位好友（本月已奖励 {r.rewardedThisMonth} 位）。
        </Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='engage-button invite-share' openType='share'>分享给好友</Button>
        ) : (
          <View className='engage-button invite-share' onClick={() => copyLink(view.sharePath)}>复制邀请链接</View>
        )}
        <View className='engage-button engage-button--ghost engage-button--small invite-board' style={{ marginTop: '20px' }} onClick={() => void Taro.navigateTo({ url: '/packages/engage/leaderboard/index' })}>查看排行榜</View>
      </View>
      <View className='engage-card'>
        <Text className='engage-title'>我邀请的好友（{view.totals.invited}）</Text>
        <Text className='engage-sub invite-total'>累计获得 {formatNumber(view.totals.pointsEarned)} 积分</Text>
        {view.invitees.length === 0 ? <Text className='engage-sub invitee-empty'>还没有邀请好友，快去分享吧</Text> : view.invitees.map((i, n) => (
          <View key={n} className='invitee-item'>
            <Text>{i.name}</Text>
            <Text className='invitee-item__status'>{STATUS[i.status]}{i.rewarded ? ` · +${formatNumber(i.pointsEarned)} 积分` : ' · 超出本月奖励上限'}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
