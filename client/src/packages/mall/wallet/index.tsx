import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useLoad } from '@tarojs/taro';
import { ErrorBanner, LoadError } from '../../../components/feedback/ErrorBanner';
import { viewOf } from '../../../store/resource';
import { formatNumber, formatShanghaiDate, formatShanghaiDateTime } from '../../../utils/format';
import { Qr, groupDigits } from '../components/Qr';
import { useScreenHold } from '../components/use-screen-hold';
import { useWallet, walletStore, type Claimable, type Coupon, type CouponTab } from '../wallet-store';
import '../mall.scss';

const TABS: Array<{ key: CouponTab; label: string; empty: string }> = [
  { key: 'toUse', label: '待使用', empty: '暂无待使用的券' },
  { key: 'used', label: '已使用', empty: '暂无已使用的券' },
  { key: 'expired', label: '已过期', empty: '暂无已过期的券' },
];
const isTab = (t: unknown): t is CouponTab => TABS.some((x) => x.key === t);
const STATUS: Record<Coupon['status'], string> = { issued: '待使用', used: '已使用', expired: '已过期' };

/** The last valid day: a voucher is valid until (not including) `expiresAt`, the start of a Shanghai day. */
const lastDay = (iso: string) => formatShanghaiDate(new Date(Date.parse(iso) - 1).toISOString());
const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

function CouponCard({ c }: { c: Coupon }) {
  const [showQr, setShowQr] = useState(false);
  useScreenHold(showQr);
  const usable = c.status === 'issued';
  return (
    <View className={`coupon coupon--${c.status}`} data-id={c.id} data-source={c.source}>
      <View className='coupon__head'>
        <View className='coupon__title-row'>
          <Text className='coupon__tag'>{c.kindName}</Text>
          <Text className='coupon__title'>{c.title}</Text>
        </View>
        {c.faceValueFen ? <Text className='coupon__value'>¥{yuan(c.faceValueFen)}</Text> : <Text className='coupon__status'>{STATUS[c.status]}</Text>}
      </View>
      <Text className='coupon__desc'>{c.description}</Text>
      <Text className='coupon__meta'>{c.where ?? '全部门店可用'} · 有效期至 {lastDay(c.voucher.expiresAt)}</Text>
      {c.expiringSoon && <Text className='coupon__soon'>即将过期，请尽快使用</Text>}
      {c.used && <Text className='coupon__meta'>{formatShanghaiDateTime(c.used.at)} 于 {c.used.storeName} 核销</Text>}
      {usable && (
        <>
          <Text className='coupon__code voucher-code'>{groupDigits(c.voucher.code)}</Text>
          {showQr && <Qr text={c.voucher.code} className='redemption-qr' />}
          <View className='redemption__actions'>
            <Text className='mall-link coupon__qr-toggle' onClick={() => setShowQr(!showQr)}>{showQr ? '收起二维码' : '出示二维码'}</Text>
          </View>
        </>
      )}
    </View>
  );
}

function ClaimCard({ b }: { b: Claimable }) {
  const busy = useWallet((s) => s.claim.busy);
  return (
    <View className='coupon coupon--claimable' data-benefit={b.benefitKey}>
      <View className='coupon__head'>
        <View className='coupon__title-row'>
          <Text className='coupon__tag coupon__tag--claim'>可领取</Text>
          <Text className='coupon__title'>{b.title}</Text>
        </View>
        <View className={`coupon__claim${busy ? ' coupon__claim--busy' : ''}`} onClick={() => void walletStore.getState().claimBenefit(b.benefitKey)}>
          {busy ? '领取中…' : '立即领取'}
        </View>
      </View>
      <Text className='coupon__desc'>{b.description}</Text>
      <Text className='coupon__meta coupon__claim-units'>
        本期可领 {formatNumber(b.units)} 张{b.points > 0 ? `，另得 ${formatNumber(b.points)} 积分` : ''}
      </Text>
      {b.terms && <Text className='coupon__meta'>{b.terms}</Text>}
    </View>
  );
}

const retry = () => void walletStore.getState().load();

export default function Wallet() {
  const { data, loading, failed, stale } = viewOf(useWallet((s) => s.coupons));
  const tab = useWallet((s) => s.tab);
  const claimError = useWallet((s) => s.claim.error);
  const items = data?.items ?? [];
  const claimable = data?.claimable ?? [];
  const soon = items.filter((c) => c.expiringSoon).length;
  useLoad((options: Record<string, string | undefined>) => walletStore.setState({ tab: isTab(options?.tab) ? options.tab : 'toUse' }));
  useDidShow(retry);
  return (
    <View className='mall wallet'>
      <View className='redemption-tabs'>
        {TABS.map((t) => (
          <View key={t.key} className={`redemption-tab wallet-tab--${t.key}${t.key === tab ? ' redemption-tab--active' : ''}`} onClick={() => void walletStore.getState().load(t.key)}>
            {t.label}
          </View>
        ))}
      </View>
      {stale && <ErrorBanner className='wallet-banner' message={stale.message} onRetry={retry} />}
      {failed && <LoadError className='wallet-load-error' message={failed.message} onRetry={retry} />}
      {claimError && <Text className='mall-error wallet-claim-error'>{claimError.message}</Text>}
      {loading && <Text className='mall-note'>加载中…</Text>}
      {tab === 'toUse' && soon > 0 && <Text className='wallet-reminder'>{soon} 张券将在 3 天内过期</Text>}
      {claimable.map((b) => <ClaimCard key={b.benefitKey} b={b} />)}
      {data && items.length === 0 && <Text className='mall-note wallet-empty'>{TABS.find((t) => t.key === tab)!.empty}</Text>}
      {items.map((c) => <CouponCard key={c.id} c={c} />)}
    </View>
  );
}
