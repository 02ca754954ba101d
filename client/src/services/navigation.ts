import Taro from '@tarojs/taro';

export const HOME_URL = '/pages/index/index';
export const LOGIN_URL = '/pages/login/index';

export const goHome = () => Taro.reLaunch({ url: HOME_URL });
export const goLogin = () => Taro.reLaunch({ url: LOGIN_URL });
