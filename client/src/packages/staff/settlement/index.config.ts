export default definePageConfig({ navigationBarTitleText: '结算报表' });
