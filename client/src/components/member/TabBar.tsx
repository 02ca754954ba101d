import { Image, Text, View } from '@tarojs/components';
import { openPage, PROFILE_URL } from '../../services/navigation';
import { CODE_URL, MALL_URL } from './HomeGrid';
import { TAB_ICONS } from './icons';

// A tab bar drawn in the page, not WeChat's native tabBar: a native tab page must live in the main package, and the
// member code (QR and Code 128 renderers, screen brightness) and the mall (its store, list and images) would then move
// from their subpackages into it; with the main package held to 450 KB (bench/foundation.ts) and WeChat's 2 MB cap,
// the card stays the one main-package page and 会员码 / 积分商城 / 我的 open their subpackage pages as before. The
// price: on those pages the bar is not shown (back returns to the card).
const TABS = [
  { key: 'home', label: '首页', url: null },
  { key: 'code', label: '会员码', url: CODE_URL },
  { key: 'mall', label: '积分商城', url: MALL_URL },
  { key: 'me', label: '我的', url: PROFILE_URL },
] as const;

export function TabBar() {
  return (
    <View className='home-tabbar'>
      {TABS.map((t) => (
        <View
          key={t.key}
          className={`home-tabbar__item home-tabbar__item--${t.key}${t.url ? '' : ' home-tabbar__item--active'}`}
          onClick={() => t.url && void openPage(t.url)}
        >
          <Image className='home-tabbar__icon' src={t.url ? TAB_ICONS.idle[t.key] : TAB_ICONS.active[t.key]} mode='aspectFit' />
          <Text className='home-tabbar__label'>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
