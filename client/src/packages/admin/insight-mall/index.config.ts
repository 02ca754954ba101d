export default definePageConfig({ navigationBarTitleText: '数据看板 · 积分商城' });
