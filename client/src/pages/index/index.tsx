import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useLoad, useShareAppMessage } from '@tarojs/taro';
import { BenefitList } from '../../components/member/BenefitList';
import { GrowthBreakdown } from '../../components/member/GrowthBreakdown';
import { ErrorBanner, LoadError } from '../../components/feedback/ErrorBanner';
import { forgetInviteLanding, inviteToLand, rememberInviteCode, rememberInviteFromLocation, WELCOME_URL } from '../../services/invite';
import { HomeGrid } from '../../components/member/HomeGrid';
import { TabBar } from '../../components/member/TabBar';
import { WalletEntry } from '../../components/member/WalletEntry';
import { PointsPanel } from '../../components/member/PointsPanel';
import { TierCard } from '../../components/member/TierCard';
import { clearIdentity, getIdentity } from '../../services/identity';
import { landStaff } from '../../services/staff-landing';
import { goLogin, openPage } from '../../services/navigation';
import { tasksStore } from '../../store/engage';
import { memberStore } from '../../store/member';
import { viewOf } from '../../store/resource';
import { resetSession } from '../../store/session';
import { useMember } from '../../store/use-member';
import '../../components/member/member.scss';
import './index.scss';

async function refresh() {
  rememberInviteFromLocation(); // h5: `?inviteCode=` survives the sign-in page
  if (process.env.TARO_ENV === 'h5' && !getIdentity()) {
    goLogin();
    return;
  }
  // Opened from an invite link: first the landing page (who invites, what both get); its 立即加入 comes back here.
  const code = inviteToLand();
  if (code) {
    await openPage(`${WELCOME_URL}?inviteCode=${encodeURIComponent(code)}`);
    return;
  }
  await memberStore.getState().loadHome(); // member.login once per session, then the card; errors stay in the store
  void memberStore.getState().loadWallet();
}

/** h5 demo: forget the identity too, so a link opened next (an invite) signs in afresh instead of as this member. */
function switchIdentity() {
  clearIdentity();
  forgetInviteLanding();
  resetSession();
  goLogin();
}

export default function Index() {
  // A failed refresh (back on the card) keeps the card and shows a banner; only a first load that failed replaces it.
  const { data: home, failed, stale } = viewOf(useMember((s) => s.home));
  const invite = useMember((s) => s.invite);
  const wallet = useMember((s) => s.wallet.data);

  // A friend's share card opens this page with `inviteCode`; member.login sends it once, at registration.
  useLoad((options: Record<string, string | undefined>) => rememberInviteCode(options?.inviteCode));

  useDidShow(() => {
    void refresh();
  });

  // Sharing the mini-program from the card counts for 分享小程序 (weapp: WeChat's share menu).
  useShareAppMessage(() => {
    void tasksStore.getState().report('share');
    return { title: '会员中心 · 签到领积分', path: '/pages/index/index' };
  });

  // Staff land where they work, once; 返回 brings them back to this card.
  const staffRole = home?.staff?.role;
  useEffect(() => landStaff(staffRole), [staffRole]);

  return (
    <View className='home'>
      {failed ? (
        <LoadError className='home-error' message={failed.message} onRetry={() => void refresh()} />
      ) : home ? (
        <>
          {stale && <ErrorBanner className='home-banner' message={stale.message} onRetry={() => void refresh()} />}
          {invite && <Text className={`invite-notice invite-notice--${invite.bound ? 'ok' : 'no'}`}>{invite.message}</Text>}
          <TierCard home={home} />
          <PointsPanel points={home.points} />
          <WalletEntry wallet={wallet} />
          <HomeGrid staffRole={home.staff?.role ?? null} />
          <GrowthBreakdown breakdown={home.growth.breakdown} />
          <BenefitList benefits={home.tier.benefits} birthdayGift={home.birthdayGift} />
        </>
      ) : (
        <View className='skeleton'>
          <View className='skeleton__card' />
          <View className='skeleton__panel' />
          <Text className='loading-text'>加载中…</Text>
        </View>
      )}

      {process.env.TARO_ENV === 'h5' && (
        <View className='switch-identity' onClick={switchIdentity}>
          切换身份
        </View>
      )}
      {home && <TabBar />}
    </View>
  );
}
