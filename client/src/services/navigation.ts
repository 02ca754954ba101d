import Taro from '@tarojs/taro';
import type { Input } from '@contract/index';

export const HOME_URL = '/pages/index/index';
export const LOGIN_URL = '/pages/login/index';
export const TIERS_URL = '/packages/loyalty/tiers/index';
export const HISTORY_URL = '/packages/loyalty/history/index';
export const PROFILE_URL = '/packages/profile/edit/index';

export const goHome = () => Taro.reLaunch({ url: HOME_URL });
export const goLogin = () => Taro.reLaunch({ url: LOGIN_URL });
export const openTiers = () => Taro.navigateTo({ url: TIERS_URL });
export const openHistory = (kind: Input<'member', 'history'>['kind']) => Taro.navigateTo({ url: `${HISTORY_URL}?kind=${kind}` });
export const openProfile = () => Taro.navigateTo({ url: PROFILE_URL });
