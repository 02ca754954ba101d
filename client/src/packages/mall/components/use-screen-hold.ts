import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { holdScreen } from './screen';

/** Keeps the screen awake and bright while `active` and the page shows (weapp); released on hide and unmount. */
export function useScreenHold(active: boolean): void {
  const release = useRef<(() => void) | null>(null);
  const shown = useRef(true);
  const sync = () => {
    const want = active && shown.current;
    if (want && !release.current) release.current = holdScreen();
    if (!want && release.current) {
      release.current();
      release.current = null;
    }
  };
  useEffect(() => {
    sync();
  });
  useDidShow(() => { shown.current = true; sync(); });
  useDidHide(() => { shown.current = false; sync(); });
  useEffect(() => () => { release.current?.(); release.current = null; }, []);
}
