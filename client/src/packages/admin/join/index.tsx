// 员工邀请: opened from an invitation's QR code or link (?invitation=CODE). Says what the invitation makes of this
// WeChat account, and binds it on confirmation (member.joinStaff); then on to the workbench or the console.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Output } from '@contract/index';
import { call } from '../../../services/cloud';
import { toStoreError, type StoreError } from '../../../store/errors';
import '../console.scss';

type Joined = Output<'member', 'joinStaff'>;

const CODE = /^[A-Z2-9]{10}$/;

export default function Join() {
  const { params } = useRouter();
  const [code, setCode] = useState((params.invitation ?? '').toUpperCase());
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState<Joined | null>(null);
  const [error, setError] = useState<StoreError | null>(null);

  const accept = () => {
    const invitation = code.trim().toUpperCase();
    if (!CODE.test(invitation)) return setError({ code: 'INVALID_INPUT', message: '邀请码为 10 位字母或数字' });
    setBusy(true);
    setError(null);
    call('member', 'joinStaff', { invitation }).then(setJoined, (err: unknown) => setError(toStoreError(err))).finally(() => setBusy(false));
  };
  const next = joined && (joined.role === 'clerk' || joined.role === 'manager') ? '/packages/staff/index/index' : '/packages/admin/index/index';

  return (
    <View className='console-main join'>
      <View className='console-card'>
        <Text className='console-card__title'>加入门店团队</Text>
        {joined ? (
          <View className='join-done'>
            <Text className='console-ok join-ok'>{joined.replayed ? '你已加入' : '加入成功'}：{joined.name} · {joined.roleName}{joined.storeName ? ` · ${joined.storeName}` : ''}</Text>
            <View className='console-actions'><Text className='console-button join-next' onClick={() => void Taro.redirectTo({ url: next })}>{joined.role === 'clerk' || joined.role === 'manager' ? '进入门店工作台' : '进入运营后台'}</Text></View>
          </View>
        ) : (
          <View>
            <Text className='console-card__meta'>确认后，你当前的微信账号将绑定为员工账号。邀请码只能使用一次。</Text>
            <View className='console-field'><Text className='console-field__label'>邀请码</Text><Input className='console-input join-code' value={code} maxlength={10} onInput={(e) => setCode(e.detail.value)} /></View>
            <View className='console-actions'><Text className='console-button join-submit' onClick={accept}>{busy ? '提交中…' : '确认加入'}</Text></View>
          </View>
        )}
        {error && <Text className='console-error join-error'>{error.message}</Text>}
      </View>
    </View>
  );
}
