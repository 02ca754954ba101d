// While a code is on screen (weapp): the screen stays awake at full brightness, so a till scanner reads it; the
// member's own brightness comes back when the code goes. Elsewhere (h5) nothing happens.
import Taro from '@tarojs/taro';

let held = 0;
let saved: number | null = null;

const quietly = (run: () => Promise<unknown> | undefined) => {
  try {
    void run()?.catch(() => undefined);
  } catch {
    // an older base library without the API: the code still shows
  }
};

/** Holds the screen awake and bright; the returned release (call it once) gives it back when no code is held. */
export function holdScreen(): () => void {
  if (process.env.TARO_ENV !== 'weapp') return () => undefined;
  held += 1;
  if (held === 1) {
    quietly(() => Taro.setKeepScreenOn({ keepScreenOn: true }));
    quietly(() => Taro.getScreenBrightness().then(({ value }) => {
      if (held > 0) saved = value;
      return held > 0 ? Taro.setScreenBrightness({ value: 1 }) : undefined;
    }));
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held -= 1;
    if (held > 0) return;
    quietly(() => Taro.setKeepScreenOn({ keepScreenOn: false }));
    if (saved !== null) {
      const value = saved;
      saved = null;
      quietly(() => Taro.setScreenBrightness({ value }));
    }
  };
}
