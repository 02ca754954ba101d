import { type PropsWithChildren } from 'react';
import Taro, { usePageNotFound } from '@tarojs/taro';
import { cloudEnv } from './cloud.config';
import { NOT_FOUND_URL } from './services/navigation';
import './app.scss';

if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: cloudEnv, traceUser: true });
}

function App({ children }: PropsWithChildren) {
  // An unknown address (weapp: an old share path; h5: any hash route) shows 页面不存在 with a way home, not a blank page.
  usePageNotFound(() => void Taro.reLaunch({ url: NOT_FOUND_URL }));
  return children;
}

export default App;
