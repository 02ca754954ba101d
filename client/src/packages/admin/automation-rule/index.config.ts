export default definePageConfig({ navigationBarTitleText: '自动化规则' });
