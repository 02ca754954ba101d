export default definePageConfig({ navigationBarTitleText: '数据看板 · 经营健康' });
