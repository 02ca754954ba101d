export default definePageConfig({ navigationBarTitleText: '数据看板 · 等级与生命周期' });
