import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { markInviteLanded, rememberInviteCode } from '../../../services/invite';
import { goHome } from '../../../services/navigation';
import { viewOf } from '../../../store/resource';
import { formatNumber } from '../../../utils/format';
import { Loading } from '../components/Feedback';
import { useWelcome, welcomeStore } from './store';
import '../components/engage.scss';

/** Back to the card, which goes on to member.login with the code (registration binds it, or says why not). */
function join() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void goHome();
}

/**
 * The invite landing page: the card opens it when the member arrived from an invite link (`?inviteCode=`), before the
 * code is spent: who invited them (nickname masked), what both get, and 立即加入. Shown once per code.
 */
export default function Welcome() {
  const [code, setCode] = useState('');
  const { data, failed } = viewOf(useWelcome((s) => s.invitation));

  useLoad((options: Record<string, string | undefined>) => {
    const c = (options?.inviteCode ?? '').toUpperCase();
    setCode(c);
    if (!c) return;
    rememberInviteCode(c); // opened directly (a share card to this page): the card's login sends it
    markInviteLanded(c);
    void welcomeStore.getState().load(c);
  });

  if (!data) {
    return <View className='engage welcome'>{code ? <Loading error={failed} onRetry={() => void welcomeStore.getState().retry()} /> : <Text className='engage-sub'>邀请链接不完整</Text>}</View>;
  }

  const { inviter, rules } = data;
  return (
    <View className='engage welcome'>
      <View className='engage-card welcome-card'>
        {data.valid && inviter ? (
          <>
            <Text className='welcome-title'><Text className='welcome-inviter'>{inviter.name}</Text> 邀请你加入会员中心</Text>
            <View className='welcome-gifts'>
              <View className='welcome-gift welcome-gift--you'>
                <Text className='welcome-gift__points'>{formatNumber(rules.welcomePoints)}</Text>
                <Text className='welcome-gift__label'>你注册即得积分</Text>
              </View>
              <View className='welcome-gift welcome-gift--inviter'>
                <Text className='welcome-gift__points'>{formatNumber(rules.inviterRegisteredPoints)}</Text>
                <Text className='welcome-gift__label'>TA 获得积分</Text>
              </View>
            </View>
            {data.joined ? (
              <Text className='engage-sub welcome-note welcome-note--joined'>你已经是会员了，邀请奖励仅限新注册会员</Text>
            ) : (
              <Text className='engage-sub welcome-note'>加入后还可签到、做任务赚积分，积分可在积分商城兑换好礼</Text>
            )}
          </>
        ) : (
          <>
            <Text className='welcome-title'>邀请码无效</Text>
            <Text className='engage-sub welcome-note welcome-note--invalid'>没有找到邀请码 {code} 对应的会员，你仍可直接加入</Text>
          </>
        )}
        <View className='engage-button welcome-join' onClick={join}>{data.joined ? '进入会员中心' : '立即加入'}</View>
      </View>
    </View>
  );
}
