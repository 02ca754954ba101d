// 网页版运营后台 · 扫码登录 (web only): the login request as a QR code, refreshed by itself every 2 minutes; a staff
// member scans it with the mini-program (WeChat's scanner, or 扫码登录网页版 on the console home) and confirms there;
// the page then signs in and opens the console. In the local demo a link opens the confirm page in another window.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import qrcode from 'qrcode-generator';
import { CONSOLE_HOME_URL, WEB_CONFIRM_URL, WEB_CONSOLE_ENV, webSignIn } from '../../../services/web-console';
import { useWebLogin, webLoginStore } from '../web-login-store';
import './index.scss';

const POLL_MS = 2000;

/** What the code says: a web address WeChat can map to the confirm page (扫普通链接二维码打开小程序), with the request. */
export const scanTextOf = (loginId: string) => `${window.location.origin}/weblogin?login=${loginId}`;

function qrOf(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createDataURL(8, 16);
}

export default function WebLogin() {
  const { params } = useRouter();
  const { phase, loginId, expiresAt, shown, error, who } = useWebLogin((s) => s);
  const [now, setNow] = useState(Date.now());
  const ended = params.ended ? decodeURIComponent(params.ended) : null;
  // Only a sign-in this page saw through opens the console (not what the store held from an earlier visit).
  const started = useRef(false);

  useEffect(() => {
    if (webSignIn()) {
      void Taro.reLaunch({ url: CONSOLE_HOME_URL });
      return undefined;
    }
    started.current = true;
    void webLoginStore.getState().start();
    const poll = setInterval(() => void webLoginStore.getState().poll(), POLL_MS);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => { clearInterval(poll); clearInterval(tick); };
  }, []);

  useEffect(() => {
    if (phase === 'done' && started.current) void Taro.reLaunch({ url: CONSOLE_HOME_URL });
  }, [phase]);

  const qr = useMemo(() => (loginId ? qrOf(scanTextOf(loginId)) : null), [loginId]);
  const left = expiresAt ? Math.max(0, Math.ceil((new Date(expiresAt).getTime() - now) / 1000)) : null;

  return (
    <View className='web-login'>
      <View className='web-login__card'>
        <Text className='web-login__brand'>运营后台 · 网页版</Text>
        <Text className='web-login__title'>请使用小程序扫码登录</Text>
        {ended && <Text className='console-note web-login__ended'>{ended}</Text>}
        <View className='web-login__qr-box'>
          {qr && phase !== 'signingIn' && phase !== 'done' ? (
            <Image className='web-login__qr' src={qr} data-login={loginId ?? ''} data-shown={String(shown)} mode='aspectFit' />
          ) : (
            <Text className='web-login__qr-wait'>{phase === 'signingIn' || phase === 'done' ? '已确认，正在登录…' : '正在生成二维码…'}</Text>
          )}
        </View>
        {left !== null && phase === 'waiting' && (
          <Text className='web-login__expiry'>{left > 0 ? `二维码 ${left} 秒后过期，过期后自动刷新` : '二维码已过期，正在刷新…'}</Text>
        )}
        {who && <Text className='console-ok web-login__who'>{who.roleName} · {who.name} 已确认</Text>}
        {error && <Text className='console-error web-login__error'>{error}</Text>}
        <View className='web-login__steps'>
          <Text className='web-login__step'>1. 用微信扫一扫，或在小程序「运营后台」点「扫码登录网页版」</Text>
          <Text className='web-login__step'>2. 在手机上核对账号与浏览器后，点「确认登录」</Text>
          <Text className='web-login__step web-login__step--muted'>店长、运营、数据分析、管理员可登录；店员请使用小程序内的门店工作台</Text>
        </View>
        {!WEB_CONSOLE_ENV && loginId && (
          <View className='web-login__local'>
            <Text className='web-login__local-title'>本地演示</Text>
            <Text className='web-login__local-note'>没有手机时，在另一个浏览器窗口以员工身份（本地登录）打开：</Text>
            <Text className='console-code web-login__confirm-link' data-url={`${WEB_CONFIRM_URL}?login=${loginId}`}>{`${window.location.origin}/#${WEB_CONFIRM_URL}?login=${loginId}`}</Text>
          </View>
        )}
      </View>
    </View>
  );
}
