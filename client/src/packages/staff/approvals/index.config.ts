export default definePageConfig({ navigationBarTitleText: '消费审批' });
