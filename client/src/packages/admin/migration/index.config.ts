export default definePageConfig({ navigationBarTitleText: '数据迁移' });
