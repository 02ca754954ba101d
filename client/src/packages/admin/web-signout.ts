// 退出登录 of the web console: the session ends on the server first (weblogin.signOut), then the SDK's login state
// and this browser's note of it; the QR code comes back. A failed call still signs this browser out.
import Taro from '@tarojs/taro';
import { call } from '../../services/cloud';
import { forgetWebSignIn, WEB_LOGIN_URL } from '../../services/web-console';
import { resetSession } from '../../store/session';

export function signOutOfWeb(): Promise<void> {
  // Forgotten first: a call still in flight that now finds the session ended does not send the page elsewhere.
  forgetWebSignIn();
  return call('weblogin', 'signOut')
    .then(() => undefined, () => undefined)
    // (h5 only: a branch webpack drops from the weapp build, where this is never called)
    .then(() => (process.env.TARO_ENV === 'h5' ? import('../../services/web-sdk').then((sdk) => sdk.signOutOfSdk()) : undefined))
    .then(() => {
      resetSession();
      return Taro.reLaunch({ url: `${WEB_LOGIN_URL}?ended=${encodeURIComponent('已退出登录')}` });
    })
    .then(() => undefined);
}
