import { Image, Text, View } from '@tarojs/components';
import { openPage } from '../../services/navigation';
import type { Wallet } from '../../store/member';
import { formatNumber } from '../../utils/format';
import { ICONS } from './icons';

/** The 卡券包: tier benefit vouchers and the mall's vouchers together (mall.coupons). */
export const WALLET_URL = '/packages/mall/wallet/index';

/**
 * 我的券包: the vouchers the member holds unused (mall.wallet: the mall's and the tier benefits'), opening the 卡券包
 * on its 待使用 tab, with how many expire within 3 days. No count while it is loading or failed.
 */
export function WalletEntry({ wallet }: { wallet: Wallet | null }) {
  return (
    <View className='panel wallet-entry' onClick={() => void openPage(`${WALLET_URL}?tab=toUse`)}>
      <View className='wallet-entry__icon'>
        <Image className='wallet-entry__svg' src={ICONS.redemptions} mode='aspectFit' />
      </View>
      <View className='wallet-entry__main'>
        <Text className='wallet-entry__title'>我的券包</Text>
        <Text className={`wallet-entry__sub${wallet && wallet.expiringSoon > 0 ? ' wallet-entry__sub--soon' : ''}`}>
          {wallet && wallet.expiringSoon > 0 ? `${formatNumber(wallet.expiringSoon)} 张券即将过期` : '会员权益券与兑换的优惠券'}
        </Text>
      </View>
      <Text className='wallet-entry__count'>
        {wallet ? (wallet.vouchers > 0 ? `${formatNumber(wallet.vouchers)} 张可用` : '暂无可用') : ''} ›
      </Text>
    </View>
  );
}
