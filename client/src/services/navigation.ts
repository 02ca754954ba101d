import Taro from '@tarojs/taro';
import type { Input } from '@contract/index';

export const HOME_URL = '/pages/index/index';
export const LOGIN_URL = '/pages/login/index';
export const TIERS_URL = '/packages/loyalty/tiers/index';
export const HISTORY_URL = '/packages/loyalty/history/index';
export const PROFILE_URL = '/packages/profile/edit/index';
export const NOT_FOUND_URL = '/pages/not-found/index';

export const goHome = () => Taro.reLaunch({ url: HOME_URL });
export const goLogin = () => Taro.reLaunch({ url: LOGIN_URL });
export const openTiers = () => openPage(TIERS_URL);
export const openHistory = (kind: Input<'member', 'history'>['kind']) => openPage(`${HISTORY_URL}?kind=${kind}`);
export const openProfile = () => openPage(PROFILE_URL);

/**
 * Opens a page of the stack. When it cannot open (weapp: its subpackage failed to download; h5: its script failed to
 * load, e.g. the server is down) the member is told so and may try again, instead of a tap that does nothing.
 */
export function openPage(url: string): Promise<void> {
  return preload(url).then(() => Taro.navigateTo({ url })).then(
    () => undefined,
    () =>
      Taro.showModal({ title: '页面打开失败', content: '网络异常，请检查网络后重试', confirmText: '重试', cancelText: '取消' }).then((res) =>
        res.confirm ? openPage(url) : undefined,
      ),
  );
}

type H5Route = { path: string; load: () => [Promise<unknown>, ...unknown[]] };

/**
 * h5: loads the page's script before navigating. The router changes the URL first and, when the script then fails to
 * load, leaves the old page on screen with nothing said; loaded first, a failure is ours to report. (A failed chunk is
 * fetched again by the next attempt.)
 */
function preload(url: string): Promise<unknown> {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return Promise.resolve();
  const path = url.replace(/^\//, '').split('?')[0];
  const routes = (window as unknown as { __taroAppConfig?: { routes?: H5Route[] } }).__taroAppConfig?.routes ?? [];
  const route = routes.find((r) => r.path === path);
  return route ? Promise.resolve().then(() => route.load()[0]) : Promise.resolve();
}
