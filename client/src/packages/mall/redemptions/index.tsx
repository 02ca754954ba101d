import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { ErrorBanner, LoadError } from '../../../components/feedback/ErrorBanner';
import { viewOf } from '../../../store/resource';
import { formatNumber, formatShanghaiDate, formatShanghaiDateTime } from '../../../utils/format';
import { Qr, groupDigits } from '../components/Qr';
import { useScreenHold } from '../components/use-screen-hold';
import { mallStore, useMall, type RedemptionTab, type RedemptionView } from '../store';
import '../mall.scss';
import { SubscribePrompt } from '../../../components/subscribe/SubscribePrompt';

const STATUS: Record<RedemptionView['status'], string> = { issued: '待使用', used: '已核销', cancelled: '已取消', expired: '已过期' };
const SHIPMENT: Record<NonNullable<RedemptionView['shipment']>['status'], string> = { pending: '待发货', shipped: '已发货', delivered: '已签收' };

const TABS: Array<{ key: RedemptionTab; label: string; empty: string }> = [
  { key: 'toUse', label: '待使用', empty: '没有待使用的兑换' },
  { key: 'used', label: '已使用', empty: '没有已使用的兑换' },
  { key: 'closed', label: '已取消', empty: '没有已取消或已过期的兑换' },
];
const isTab = (t: unknown): t is RedemptionTab => TABS.some((x) => x.key === t);

/** The status a member reads: a mailed item by its shipment, other non-voucher kinds 已发放 once issued. */
function statusText(r: RedemptionView): string {
  if (r.shipment) return SHIPMENT[r.shipment.status];
  if (r.status === 'issued' && !r.voucher) return '已发放';
  return STATUS[r.status];
}

/** What a member can do about an unused redemption they can no longer cancel themselves. */
function noCancelHint(r: RedemptionView): string {
  if (r.kind === 'giftCard' || r.kind === 'membership') return '该类商品兑换后即生效，不支持取消';
  if (r.shipment && r.shipment.status !== 'pending') return r.shipment.status === 'shipped' ? '商品已发货，如需退换请联系客服' : '商品已签收，如需退换请联系客服';
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
        <Text className={`redemption__status redemption__status--${r.shipment ? r.shipment.status : r.status}`}>{statusText(r)}</Text>
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
      {r.shipment?.carrier && (
        <Text className='redemption__meta redemption-tracking'>{r.shipment.carrier} · 运单号 {r.shipment.trackingNo}</Text>
      )}
      {r.shipment?.status === 'shipped' && r.shipment.shippedAt && <Text className='redemption__meta'>{formatShanghaiDateTime(r.shipment.shippedAt)} 发货</Text>}
      {r.shipment?.status === 'delivered' && r.shipment.deliveredAt && <Text className='redemption__meta'>{formatShanghaiDateTime(r.shipment.deliveredAt)} 签收</Text>}
      {cancellable && r.cancellableUntil && <Text className='redemption__meta cancel-until'>{formatShanghaiDateTime(r.cancellableUntil).slice(-5)} 前可取消兑换</Text>}
      {!cancellable && r.status === 'issued' && <Text className='redemption__meta cancel-hint'>{noCancelHint(r)}</Text>}
      <View className='redemption__actions'>
        {r.voucher && r.status === 'issued' && <Text className='mall-link' onClick={() => setShowQr(!showQr)}>{showQr ? '收起二维码' : '出示二维码'}</Text>}
        {cancellable && (
          <Text
            className='mall-link redemption-cancel'
            onClick={() => {
              void Taro.showModal({ title: '取消兑换', content: '取消后积分将退回，确定取消吗？', cancelText: '暂不取消', confirmText: '确认取消', confirmColor: '#f53f3f' }).then((res) => {
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
const loadMore = () => void mallStore.getState().loadMoreRedemptions();

export default function Redemptions() {
  const { data, loading, failed, stale } = viewOf(useMall((s) => s.redemptions));
  const tab = useMall((s) => s.redemptionTab);
  const cancelError = useMall((s) => s.cancellation.error);
  const { busy: moreBusy, error: moreError } = useMall((s) => s.more);
  const items = data?.items ?? [];
  // Opening the page starts on 待使用, or on `?tab=`; returning to it (useDidShow) keeps the tab the member chose.
  useLoad((options: Record<string, string | undefined>) => mallStore.setState({ redemptionTab: isTab(options?.tab) ? options.tab : 'toUse' }));
  useDidShow(retry);
  return (
    <View className='mall'>
      <View className='redemption-tabs'>
        {TABS.map((t) => (
          <View key={t.key} className={`redemption-tab redemption-tab--${t.key}${t.key === tab ? ' redemption-tab--active' : ''}`} onClick={() => void mallStore.getState().loadRedemptions(t.key)}>
            {t.label}
          </View>
        ))}
      </View>
      {stale && <ErrorBanner className='redemptions-banner' message={stale.message} onRetry={retry} />}
      {failed && <LoadError className='redemptions-load-error' message={failed.message} onRetry={retry} />}
      {cancelError && <Text className='mall-error'>{cancelError.message}</Text>}
      {loading && <Text className='mall-note'>加载中…</Text>}
      {data && items.length === 0 && <Text className='mall-note redemptions-empty'>{TABS.find((t) => t.key === tab)!.empty}</Text>}
      {tab === 'toUse' && items.length > 0 && <SubscribePrompt keys={['redemptionStatus', 'voucherExpiring']} text='发货、核销、券快到期时微信通知我' className='redemptions-subscribe' />}
      {items.map((r) => <Redemption key={r.id} r={r} />)}
      {moreError && <ErrorBanner className='redemptions-more-error' message={moreError.message} onRetry={loadMore} />}
      {data?.nextCursor && (
        <View className='redemptions-more' onClick={loadMore}>{moreBusy ? '加载中…' : '加载更多'}</View>
      )}
    </View>
  );
}
