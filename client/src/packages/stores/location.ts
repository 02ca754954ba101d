// The member's position for 附近门店, in GCJ-02 (the coordinates of WeChat's maps and of the stores' locations).
// weapp: Taro.getLocation type gcj02 (app.config.ts declares requiredPrivateInfos and scope.userLocation). h5: the
// browser gives WGS-84 only (Taro's h5 getLocation refuses gcj02), converted here with the published GCJ-02 offset
// formula, so a demo in a browser measures the same distances as the mini-program.
import Taro from '@tarojs/taro';
import { wgs84ToGcj02, type Position } from './gcj02';

export type { Position };

/** Why no position: the member refused (or the system denied) location, or it could not be determined. */
export type LocateFailure = 'denied' | 'unavailable';

/** What locate() rejects with (a plain object: no Error subclass, whose instanceof transpiling can break). */
export interface LocateError { reason: LocateFailure; detail: string }

export const isDenied = (err: unknown): boolean => (err as Partial<LocateError> | null)?.reason === 'denied';

/** WeChat: "getLocation:fail auth deny", "...:fail authorize no response", "...system permission denied"; h5: "User denied Geolocation". */
const DENIED = /auth|deny|denied|permission/i;

export function locate(): Promise<Position> {
  const h5 = process.env.TARO_ENV === 'h5';
  return Taro.getLocation({ type: h5 ? 'wgs84' : 'gcj02' }).then(
    (res) => (h5 ? wgs84ToGcj02({ latitude: res.latitude, longitude: res.longitude }) : { latitude: res.latitude, longitude: res.longitude }),
    (err: { errMsg?: string } | undefined) => {
      const msg = err?.errMsg ?? String(err);
      const failure: LocateError = { reason: DENIED.test(msg) ? 'denied' : 'unavailable', detail: msg };
      throw failure;
    },
  );
}

/** weapp: after a refusal getLocation fails at once; the settings page is where the member turns location back on. */
export function openLocationSettings(): Promise<unknown> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve();
  return Taro.openSetting().catch(() => undefined);
}
