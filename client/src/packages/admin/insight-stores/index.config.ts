export default definePageConfig({ navigationBarTitleText: '数据看板 · 门店与业态' });
