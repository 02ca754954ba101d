import { type PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { cloudEnv } from './cloud.config';
import './app.scss';

if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: cloudEnv, traceUser: true });
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
