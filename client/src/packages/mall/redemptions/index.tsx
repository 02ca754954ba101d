import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { ErrorBanner, LoadError } from '../../../components/feedback/ErrorBanner';
import { viewOf } from '../../../store/resource';
import { formatNumber, formatShanghaiDate, formatShanghaiDateTime } from '../../../utils/format';
import { Qr, groupDigits } from '../components/Qr';
import { useScreenHold } from '../components/use-screen-hold';
import { mallStore, useMall, type RedemptionView } from '../store';
import '../mall.scss';

const STATUS: Record<RedemptionView['status'], string> = { issued: '待使用', used: '已核销', cancelled: '已取消', expired: '已过期' };

/** What a member can do about an unused redemption they can no longer cancel themselves. */
function noCancelHint(r: RedemptionView): string {
  if (r.kind === 'giftCard' || r.kind === 'membership') return '该类商品兑换后即生效，不支持取消';
  if (r.voucher) return '已超过可取消时间，如需取消请到店出示券码，由工作人员办理';
  return '已超过可取消时间，如需退换请联系客服';
}

/** Whether the member may still cancel it: until the server's `cancellableUntil`; re-renders when that passes. */
function useCancellable(r: RedemptionView): boolean {
  const until = r.cancellableUntil ? Date.parse(r.cancellableUntil) : 0;
  const [, setTick] = useState(0);
  useEffect(() => {
    const left = until - Date.now();
    if (left <= 0) return undefined;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.min(left + 250, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [until]);
  return until > Date.now();
}

function Redemption({ r }: { r: RedemptionView }) {
  const [showQr, setShowQr] = useState(false);
  useScreenHold(showQr);
  const cancellable = useCancellable(r);
  return (
    <View className='redemption' data-id={r.id} data-item={r.itemId}>
      <View className='redemption__head'>
        <Text className='redemption__name'>{r.itemName}{r.quantity > 1 ? ` ×${r.quantity}` : ''}</Text>
        <Text className={`redemption__status redemption__status--${r.status}`}>{r.status === 'issued' && !r.voucher ? (r.kind === 'shipping' ? '待发货' : '已发放') : STATUS[r.status]}</Text>
      </View>
      <Text className='redemption__meta'>{r.kindName} · {formatNumber(r.points)} 积分 · {formatShanghaiDateTime(r.createdAt)}</Text>
      {r.voucher && r.status === 'issued' && (
        <>
          <Text className='redemption__code voucher-code'>{groupDigits(r.voucher.code)}</Text>
          <Text className='redemption__meta'>有效期至 {formatShanghaiDate(new Date(Date.parse(r.voucher.expiresAt) - 1).toISOString())}</Text>
          {showQr && <Qr text={r.voucher.code} className='redemption-qr' />}
        </>
      )}
      {r.used && <Text className='redemption__meta'>{formatShanghaiDateTime(r.used.at)} 于 {r.used.storeName} 核销</Text>}
      {r.cancelled && <Text className='redemption__meta'>已退回 {formatNumber(r.cancelled.pointsReturned)} 积分</Text>}
      {r.giftCard && <Text className='redemption__code'>{groupDigits(r.giftCard.cardNo)}</Text>}
      {r.membership && <Text className='redemption__meta'>有效期至 {formatShanghaiDate(r.membership.validUntil)}</Text>}
      {r.shipping && <Text className='redemption__meta'>收货：{r.shipping.name} {r.shipping.address}</Text>}
      {cancellable && r.cancellableUntil && <Text className='redemption__meta cancel-until'>{formatShanghaiDateTime(r.cancellableUntil).slice(-5)} 前可取消兑换</Text>}
      {!cancellable && r.status === 'issued' && <Text className='redemption__meta cancel-hint'>{noCancelHint(r)}</Text>}
      <View className='redemption__actions'>
        {r.voucher && r.status === 'issued' && <Text className='mall-link' onClick={() => setShowQr(!showQr)}>{showQr ? '收起二维码' : '出示二维码'}</Text>}
        {cancellable && (
          <Text
            className='mall-link redemption-cancel'
            onClick={() => {
              void Taro.showModal({ title: '取消兑换', content: '取消后积分将退回，确定取消吗？', cancelText: '暂不取消', confirmText: '确认取消' }).then((res) => {
                if (res.confirm) void mallStore.getState().cancel(r.id);
              });
            }}
          >
            取消兑换
          </Text>
        )}
      </View>
    </View>
  );
}

const retry = () => void mallStore.getState().loadRedemptions();

export default function Redemptions() {
  const { data, loading, failed, stale } = viewOf(useMall((s) => s.redemptions));
  const cancelError = useMall((s) => s.cancellation.error);
  const items = data?.items ?? [];
  useDidShow(retry);
  return (
    <View className='mall'>
      {stale && <ErrorBanner className='redemptions-banner' message={stale.message} onRetry={retry} />}
      {failed && <LoadError className='redemptions-load-error' message={failed.message} onRetry={retry} />}
      {cancelError && <Text className='mall-error'>{cancelError.message}</Text>}
      {loading && <Text className='mall-note'>加载中…</Text>}
      {data && items.length === 0 && <Text className='mall-note'>还没有兑换记录</Text>}
      {items.map((r) => <Redemption key={r.id} r={r} />)}
    </View>
  );
}
