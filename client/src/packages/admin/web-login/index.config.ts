export default definePageConfig({ navigationBarTitleText: '运营后台 · 扫码登录' });
