// 确认登录网页版 (mini-program): opened by scanning the web console's QR code. Shows which browser asks, when, and who
// would be signed in there (name, role, store); the staff member confirms (admin.confirmWebLogin) or leaves. A role
// that may not use the console (a clerk) is told why, with no button; an expired or used code says so.
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Output } from '@contract/index';
import { call } from '../../../services/cloud';
import { CONSOLE_HOME_URL } from '../../../services/web-console';
import { toStoreError } from '../../../store/errors';
import { formatShanghaiDateTime } from '../../../utils/format';
import { loginIdFrom } from './login-param';
import '../console.scss';
import './index.scss';

type Request = Output<'admin', 'webLoginRequest'>;

const STATUS_NOTES: Record<Exclude<Request['status'], 'pending'>, string> = {
  expired: '二维码已过期，请在网页上刷新二维码后重新扫码',
  confirmed: '该二维码已被使用，请在网页上刷新二维码后重新扫码',
  used: '该二维码已被使用，请在网页上刷新二维码后重新扫码',
};

export default function WebConfirm() {
  const { params } = useRouter();
  const loginId = loginIdFrom(params);
  const [request, setRequest] = useState<Request | null>(null);
  const [error, setError] = useState<string | null>(loginId ? null : '二维码无效，请扫描网页版运营后台登录页上的二维码');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (!loginId) return;
    call('admin', 'webLoginRequest', { loginId }).then(setRequest, (err: unknown) => setError(toStoreError(err).message));
  }, [loginId]);

  const confirm = () => {
    if (!loginId || busy) return;
    setBusy(true);
    setError(null);
    call('admin', 'confirmWebLogin', { loginId }).then(() => setDone(true), (err: unknown) => setError(toStoreError(err).message)).finally(() => setBusy(false));
  };
  const leave = () => void Taro.reLaunch({ url: CONSOLE_HOME_URL });
  const open = request && request.status === 'pending';

  return (
    <View className='console-main web-confirm'>
      <View className='console-card web-confirm__card'>
        <Text className='console-card__title'>登录网页版运营后台</Text>
        {request && (
          <View className='web-confirm__facts'>
            <View className='web-confirm__fact'><Text className='web-confirm__label'>登录账号</Text><Text className='web-confirm__value web-confirm__who'>{request.staff.name}</Text></View>
            <View className='web-confirm__fact'><Text className='web-confirm__label'>岗位</Text><Text className='web-confirm__value web-confirm__role'>{request.staff.roleName}{request.staff.storeName ? ` · ${request.staff.storeName}` : ''}</Text></View>
            <View className='web-confirm__fact'><Text className='web-confirm__label'>浏览器</Text><Text className='web-confirm__value web-confirm__browser'>{request.browser}</Text></View>
            <View className='web-confirm__fact'><Text className='web-confirm__label'>请求时间</Text><Text className='web-confirm__value'>{formatShanghaiDateTime(request.createdAt)}</Text></View>
          </View>
        )}
        {done ? (
          <Text className='console-ok web-confirm__done'>已确认，网页将自动登录。请勿将网页登录状态留给他人使用。</Text>
        ) : request && !request.allowed ? (
          <Text className='console-error web-confirm__refusal'>{request.refusal}</Text>
        ) : request && !open ? (
          <Text className='console-note web-confirm__closed'>{STATUS_NOTES[request.status as Exclude<Request['status'], 'pending'>]}</Text>
        ) : request ? (
          <View>
            <Text className='console-card__meta'>确认后，该浏览器将以你的身份登录运营后台；如果不是你本人在电脑前操作，请点「取消」。</Text>
            <View className='console-actions'>
              <Text className='console-button web-confirm__submit' onClick={confirm}>{busy ? '确认中…' : '确认登录'}</Text>
              <Text className='console-button console-button--ghost web-confirm__cancel' onClick={leave}>取消</Text>
            </View>
          </View>
        ) : null}
        {!request && !error && <Text className='console-card__meta'>加载中…</Text>}
        {error && <Text className='console-error web-confirm__error'>{error}</Text>}
      </View>
    </View>
  );
}
