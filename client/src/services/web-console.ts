// The web console (网页版运营后台): the H5 build of the console signed in by scanning a QR code with the
// mini-program (packages/admin/web-login), calling functions through @cloudbase/js-sdk (services/web-sdk.ts, loaded
// only when used). Built for a CloudBase environment (WEB_CONSOLE_ENV at build time, `npm run build:web`) it is only
// that; the local demo's H5 build is the web console once signed in by QR code, the local gateway otherwise.
import Taro from '@tarojs/taro';

/** The CloudBase environment the web build is for; '' in the local demo (the SDK then talks to the local cloud). */
export const WEB_CONSOLE_ENV: string = process.env.WEB_CONSOLE_ENV ?? '';
export const WEB_CONSOLE_REGION: string = process.env.WEB_CONSOLE_REGION ?? '';

export const WEB_LOGIN_URL = '/packages/admin/web-login/index';
export const WEB_CONFIRM_URL = '/packages/admin/web-confirm/index';
export const CONSOLE_HOME_URL = '/packages/admin/index/index';

const STORAGE_KEY = 'console.web';

export interface WebSignIn { name: string; roleName: string; at: string }

/** Who this browser is signed in as by QR code, or null. */
export function webSignIn(): WebSignIn | null {
  if (process.env.TARO_ENV !== 'h5') return null;
  const kept = Taro.getStorageSync(STORAGE_KEY) as WebSignIn | '';
  return kept && typeof kept === 'object' && typeof kept.name === 'string' ? kept : null;
}

export function rememberWebSignIn(who: WebSignIn): void {
  Taro.setStorageSync(STORAGE_KEY, who);
}

export function forgetWebSignIn(): void {
  Taro.removeStorageSync(STORAGE_KEY);
}

/** Whether calls of `fn` go through the web SDK: always in the web build, and once signed in by QR code (weblogin: always). */
export const usesWebTransport = (fn: string): boolean =>
  process.env.TARO_ENV === 'h5' && (WEB_CONSOLE_ENV !== '' || fn === 'weblogin' || webSignIn() !== null);
