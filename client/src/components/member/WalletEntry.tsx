import { Image, Text, View } from '@tarojs/components';
import { openPage } from '../../services/navigation';
import type { Wallet } from '../../store/member';
import { formatNumber } from '../../utils/format';
import { REDEMPTIONS_URL } from './HomeGrid';
import { ICONS } from './icons';

/**
 * 我的券包: the vouchers the member holds unused (mall.wallet), opening 我的兑换 on its 待使用 tab. Today these are the
 * mall's vouchers; benefits (coupons granted by tier) join them when they exist. No count while it is loading or failed.
 */
export function WalletEntry({ wallet }: { wallet: Wallet | null }) {
  return (
    <View className='panel wallet-entry' onClick={() => void openPage(`${REDEMPTIONS_URL}?tab=toUse`)}>
      <View className='wallet-entry__icon'>
        <Image className='wallet-entry__svg' src={ICONS.redemptions} mode='aspectFit' />
      </View>
      <View className='wallet-entry__main'>
        <Text className='wallet-entry__title'>我的券包</Text>
        <Text className='wallet-entry__sub'>兑换的优惠券、自提券和活动券</Text>
      </View>
      <Text className='wallet-entry__count'>
        {wallet ? (wallet.vouchers > 0 ? `${formatNumber(wallet.vouchers)} 张可用` : '暂无可用') : ''} ›
      </Text>
    </View>
  );
}
