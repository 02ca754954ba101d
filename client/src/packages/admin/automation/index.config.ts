export default definePageConfig({ navigationBarTitleText: '营销自动化' });
