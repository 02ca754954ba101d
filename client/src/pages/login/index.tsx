import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { setIdentity } from '../../services/identity';
import { forgetInviteLanding, pendingInviteCode } from '../../services/invite';
import { fetchLocalIdentities, ROLE_NAMES, type LocalIdentity } from '../../services/local-identities';
import { goHome } from '../../services/navigation';
import { forgetWebSignIn, WEB_LOGIN_URL } from '../../services/web-console';
import { resetSession } from '../../store/session';
import './index.scss';

function signInAs(openid: string) {
  const id = openid.trim();
  if (!id) {
    void Taro.showToast({ title: '请输入 openid', icon: 'none' });
    return;
  }
  setIdentity(id);
  forgetWebSignIn(); // a local identity plays the mini-program: a QR sign-in of the web console no longer applies
  forgetInviteLanding(); // a new sign-in sees the invite landing page for the code it arrived with
  resetSession();
  goHome();
}

export default function Login() {
  const [identities, setIdentities] = useState<LocalIdentity[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [openid, setOpenid] = useState('');
  const [inviteCode] = useState(pendingInviteCode);

  useEffect(() => {
    // WeChat supplies the identity in the mini-program; this page is for the local demo only.
    if (process.env.TARO_ENV !== 'h5') {
      goHome();
      return;
    }
    fetchLocalIdentities().then(setIdentities, () => setLoadFailed(true));
  }, []);

  return (
    <View className='login'>
      <Text className='login__title'>本地登录</Text>
      <Text className='login__note'>此页面仅在本地演示环境中出现，小程序内由微信自动识别身份。</Text>
      {inviteCode && <Text className='login__note login__invite'>您正通过好友的邀请链接打开（邀请码 {inviteCode}），登录新会员即可绑定邀请关系。</Text>}

      <Text className='login__section'>选择演示身份</Text>
      {loadFailed && <Text className='login__hint'>身份列表加载失败，可在下方直接输入 openid。</Text>}
      {!identities && !loadFailed && <Text className='login__hint'>加载中…</Text>}
      <View className='identity-list'>
        {identities?.map((identity) => (
          <View
            key={identity.openid}
            className='identity-item'
            data-openid={identity.openid}
            hoverClass='identity-item--pressed'
            onClick={() => signInAs(identity.openid)}
          >
            <View className='identity-item__main'>
              <Text className='identity-item__label'>{identity.label}</Text>
              <Text className='identity-item__openid'>{identity.openid}</Text>
            </View>
            <Text className={`identity-item__role role-${identity.role}`}>{ROLE_NAMES[identity.role] ?? identity.role}</Text>
          </View>
        ))}
      </View>

      <Text className='login__section'>网页版运营后台</Text>
      <View className='login-web' hoverClass='identity-item--pressed' onClick={() => void Taro.reLaunch({ url: WEB_LOGIN_URL })}>
        <View className='identity-item__main'>
          <Text className='identity-item__label'>扫码登录网页版运营后台</Text>
          <Text className='identity-item__openid'>用 CloudBase 网页 SDK 登录，由员工在（模拟的）小程序中确认</Text>
        </View>
      </View>

      <Text className='login__section'>使用其他 openid（新会员）</Text>
      <View className='openid-form'>
        <Input
          className='openid-input'
          value={openid}
          placeholder='输入任意 openid'
          confirmType='go'
          onInput={(e) => setOpenid(e.detail.value)}
          onConfirm={() => signInAs(openid)}
        />
        <View className='openid-submit' hoverClass='openid-submit--pressed' onClick={() => signInAs(openid)}>
          登录
        </View>
      </View>
    </View>
  );
}
