// While a code shows (weapp) the screen stays awake at full brightness; the member's brightness comes back after.
import { afterEach, expect, jest, test } from '@jest/globals';

const calls: string[] = [];
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    setKeepScreenOn: ({ keepScreenOn }: { keepScreenOn: boolean }) => { calls.push(`keepOn:${keepScreenOn}`); return Promise.resolve(); },
    getScreenBrightness: () => Promise.resolve({ value: 0.3 }),
    setScreenBrightness: ({ value }: { value: number }) => { calls.push(`brightness:${value}`); return Promise.resolve(); },
  },
}));

import { holdScreen } from '../../../client/src/packages/mall/components/screen';

const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  calls.length = 0;
  delete (process.env as Record<string, string | undefined>).TARO_ENV;
});

test('weapp: awake and bright while held, the saved brightness restored on release', async () => {
  process.env.TARO_ENV = 'weapp';
  const release = holdScreen();
  await flush();
  expect(calls).toEqual(['keepOn:true', 'brightness:1']);
  const second = holdScreen(); // a second code on screen changes nothing until both are gone
  release();
  release(); // once only
  expect(calls).toEqual(['keepOn:true', 'brightness:1']);
  second();
  await flush();
  expect(calls).toEqual(['keepOn:true', 'brightness:1', 'keepOn:false', 'brightness:0.3']);
});

test('h5: nothing is called', async () => {
  process.env.TARO_ENV = 'h5';
  holdScreen()();
  await flush();
  expect(calls).toEqual([]);
});
