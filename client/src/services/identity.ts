import Taro from '@tarojs/taro';

// Only the h5 build keeps an identity of its own; in weapp WeChat supplies the openid.
const STORAGE_KEY = 'localcloud.openid';

export function getIdentity(): string | null {
  const openid = Taro.getStorageSync(STORAGE_KEY);
  return typeof openid === 'string' && openid ? openid : null;
}

export function setIdentity(openid: string): void {
  Taro.setStorageSync(STORAGE_KEY, openid);
}

export function clearIdentity(): void {
  Taro.removeStorageSync(STORAGE_KEY);
}
