import { useEffect, useState } from 'react';
import { Image, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ErrorBanner, LoadError } from '../../../components/feedback/ErrorBanner';
import { formatNumber, formatShanghaiDate } from '../../../utils/format';
import { Qr, groupDigits } from '../components/Qr';
import { useScreenHold } from '../components/use-screen-hold';
import { mallStore, useMall } from '../store';
import { shownImage, stockText } from '../item-display';
import '../mall.scss';
import { SubscribePrompt } from '../../../components/subscribe/SubscribePrompt';

export default function Detail() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const item = useMall((s) => (s.detail.data?.id === id ? s.detail.data : null));
  const status = useMall((s) => s.detail.status);
  const error = useMall((s) => s.detail.error);
  const { busy: redeeming, error: redeemError } = useMall((s) => s.redemption);
  const [quantity, setQuantity] = useState(1);
  const [confirming, setConfirming] = useState(false);
  const [shipping, setShipping] = useState({ name: '', phone: '', address: '' });
  const [done, setDone] = useState<Awaited<ReturnType<ReturnType<typeof mallStore.getState>['redeem']>>>(null);

  useEffect(() => {
    void mallStore.getState().loadDetail(id);
  }, [id]);
  useScreenHold(Boolean(done?.voucher));

  const retry = () => void mallStore.getState().loadDetail(id);
  if (!item) {
    return <View className='mall'>{status === 'error' && error ? <LoadError message={error.message} onRetry={retry} /> : <Text className='mall-note'>加载中…</Text>}</View>;
  }
  const stale = status === 'error' ? error : null;

  const max = Math.max(1, item.maxQuantity);
  const cost = item.pointsPrice * quantity;
  const needsAddress = item.kind === 'shipping';

  async function submit() {
    if (!item) return;
    const address = { name: shipping.name.trim(), phone: shipping.phone.trim(), address: shipping.address.trim() };
    const result = await mallStore.getState().redeem({ itemId: item.id, quantity, ...(needsAddress ? { shipping: address } : {}) });
    if (result) {
      setDone(result);
      setConfirming(false);
    }
  }

  if (done) {
    return (
      <View className='mall redeem-done'>
        <View className='voucher'>
          <Text className='voucher__title'>兑换成功</Text>
          <Text className='voucher__meta'>{done.itemName} ×{done.quantity} · 使用 {formatNumber(done.points)} 积分 · 剩余 {formatNumber(done.balance)} 积分</Text>
          {done.voucher && (
            <>
              <Qr text={done.voucher.code} className='voucher-qr' />
              <Text className='voucher__code'>{groupDigits(done.voucher.code)}</Text>
              <Text className='voucher__meta'>到店出示此券核销 · 有效期至 {formatShanghaiDate(new Date(Date.parse(done.voucher.expiresAt) - 1).toISOString())}</Text>
            </>
          )}
          {done.giftCard && <Text className='voucher__code'>{groupDigits(done.giftCard.cardNo)}</Text>}
          {!done.voucher && !done.giftCard && <Text className='voucher__meta'>{item.kind === 'shipping' ? '我们会尽快为您发货' : '权益已生效'}</Text>}
        </View>
        <SubscribePrompt keys={['redemptionStatus', 'pointsExpiring']} text={item.kind === 'shipping' ? '发货、签收时微信通知我' : '核销、积分到期时微信通知我'} className='redeem-subscribe' />
        <View className='secondary-button' onClick={() => Taro.redirectTo({ url: '/packages/mall/redemptions/index' })}>查看我的兑换</View>
      </View>
    );
  }

  return (
    <View className='mall'>
      {stale && <ErrorBanner message={stale.message} onRetry={retry} />}
      <View className='detail-card'>
        {shownImage(item.image) && <Image className='detail-image' src={shownImage(item.image)!} mode='aspectFill' />}
        <Text className='detail-name'>{item.name}</Text>
        <Text className='detail-price'>{formatNumber(item.pointsPrice)} 积分</Text>
        <Text className='detail-desc'>{item.description}</Text>
        <Text className='detail-rule'>类型：{item.kindName}{item.faceValueFen ? ` · 价值 ${(item.faceValueFen / 100).toFixed(0)} 元` : ''}</Text>
        <Text className='detail-rule'>{item.stock === 0 ? '已兑完' : stockText(item.stock) || '库存充足'}{item.perMemberLimit ? ` · 每人限兑 ${item.perMemberLimit} 件（已兑 ${item.member.redeemed}）` : ''}{item.perOrderLimit ? ` · 每次最多 ${item.perOrderLimit} 件` : ''}</Text>
        {item.minTier && <Text className='detail-rule'>仅限{item.minTier.name}及以上</Text>}
        {item.kind !== 'giftCard' && item.kind !== 'membership' && <Text className='detail-rule'>兑换后 {item.memberCancelMinutes} 分钟内未使用可取消</Text>}
        <Text className='detail-rule detail-spendable'>我的可用积分：{formatNumber(item.member.spendable)}</Text>
        {item.canRedeem && max > 1 && (
          <View className='qty'>
            <View className='qty__btn' onClick={() => setQuantity(Math.max(1, quantity - 1))}>−</View>
            <Text className='qty__value'>{quantity}</Text>
            <View className='qty__btn' onClick={() => setQuantity(Math.min(max, quantity + 1))}>+</View>
          </View>
        )}
      </View>
      {!item.canRedeem && item.reason && <Text className='mall-error detail-reason'>{item.reason.message}</Text>}
      {redeemError && !(confirming && item.canRedeem) && redeemError.message !== item.reason?.message && <Text className='mall-error redeem-error'>{redeemError.message}</Text>}
      {item.canRedeem && !confirming && (
        <View className='primary-button redeem-button' onClick={() => setConfirming(true)}>立即兑换</View>
      )}
      {confirming && item.canRedeem && (
        <View className='confirm'>
          <Text className='confirm__title'>确认兑换</Text>
          <Text className='confirm__line'>{item.name} ×{quantity}</Text>
          <Text className='confirm__line confirm-cost'>将使用 {formatNumber(cost)} 积分，兑换后剩余 {formatNumber(item.member.spendable - cost)} 积分</Text>
          {needsAddress && (
            <>
              <Input className='field' placeholder='收货人' value={shipping.name} onInput={(e) => setShipping({ ...shipping, name: e.detail.value })} />
              <Input className='field' placeholder='手机号' type='number' value={shipping.phone} onInput={(e) => setShipping({ ...shipping, phone: e.detail.value })} />
              <Input className='field' placeholder='收货地址' value={shipping.address} onInput={(e) => setShipping({ ...shipping, address: e.detail.value })} />
            </>
          )}
          {redeemError && <Text className='mall-error redeem-error'>{redeemError.message}</Text>}
          <View className={`primary-button confirm-button${redeeming ? ' primary-button--disabled' : ''}`} onClick={() => void submit()}>
            {redeeming ? '兑换中…' : '确认兑换'}
          </View>
          <View className='secondary-button' onClick={() => setConfirming(false)}>再想想</View>
        </View>
      )}
    </View>
  );
}
