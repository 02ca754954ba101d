// The member code: QR and digits from member.code, replaced every slot (30 s) and whenever the page shows again.
import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import type { Output } from '@contract/index';
import { call } from '../../../services/cloud';
import { toStoreError, type StoreError } from '../../../store/errors';
import { Barcode } from '../components/Barcode';
import DeductionRequest from '../components/DeductionRequest';
import { Qr } from '../components/Qr';
import { useScreenHold } from '../components/use-screen-hold';
import '../mall.scss';

const group = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');

export default function Code() {
  const [code, setCode] = useState<Output<'member', 'code'> | null>(null);
  const [error, setError] = useState<StoreError | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stop = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const load = async () => {
    stop();
    try {
      const next = await call('member', 'code');
      setCode(next);
      setError(null);
      // Refresh when the server says the slot ends (its clock, not the phone's).
      const wait = Math.max(1000, Date.parse(next.refreshAt) - Date.parse(next.serverTime));
      timer.current = setTimeout(() => void load(), wait);
    } catch (err) {
      setError(toStoreError(err));
      timer.current = setTimeout(() => void load(), 5000);
    }
  };

  useScreenHold(Boolean(code));
  useDidShow(() => void load());
  useDidHide(stop);
  useEffect(() => stop, []);

  return (
    <View className='code-page'>
      <DeductionRequest />
      <View className='code-card'>
        <Text className='code-card__title'>会员码</Text>
        {code ? (
          <>
            <Qr text={code.code} large className='member-qr' />
            <Barcode digits={code.code} className='member-barcode' />
            <Text className='code-card__digits member-code-digits'>{group(code.code)}</Text>
          </>
        ) : (
          <Text className='code-card__hint'>{error ? error.message : '加载中…'}</Text>
        )}
        <Text className='code-card__hint'>向门店工作人员出示，用于识别会员、累计积分。每 {code?.slotSeconds ?? 30} 秒自动刷新，截图无效。</Text>
      </View>
    </View>
  );
}
