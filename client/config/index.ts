import path from 'path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// The contract's schemas run in the client too (forms check its rules before sending), so its TypeScript is compiled
// like the app's own.
const contractDir = path.resolve(__dirname, '..', '..', 'contract');
// The pure domain some contract files take their rules and names from (core/segments.ts, core/automation.ts): no SDK.
const coreDir = path.resolve(__dirname, '..', '..', 'cloudfunctions', 'core');

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wx-membership',
    date: '2025-1-1',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // The web console built for a CloudBase environment (`npm run build:web`, WEB_CONSOLE_ENV) goes to dist/web, beside
    // the local demo's dist/h5.
    outputRoot: process.env.TARO_ENV === 'h5' && process.env.WEB_CONSOLE_ENV ? 'dist/web' : `dist/${process.env.TARO_ENV}`,
    alias: { '@': path.resolve(__dirname, '..', 'src'), '@contract': contractDir },
    plugins: [],
    // services/web-console.ts: the environment (and region) the web console's SDK talks to; '' = the local cloud.
    defineConstants: {
      'process.env.WEB_CONSOLE_ENV': JSON.stringify(process.env.WEB_CONSOLE_ENV ?? ''),
      'process.env.WEB_CONSOLE_REGION': JSON.stringify(process.env.WEB_CONSOLE_REGION ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [contractDir, coreDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      // Served statically by the local cloud at `/`, same origin as the gateway.
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: [contractDir, coreDir] },
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // The root size follows the screen up to 24 px (a 375 px phone gets 20): on a desktop the phone pages are not
        // blown up to twice their size, and the console's desktop layout uses the width itself (PX sizes).
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        cssModules: { enable: false },
      },
    },
  };
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig);
});
