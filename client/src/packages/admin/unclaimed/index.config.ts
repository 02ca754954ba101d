export default definePageConfig({ navigationBarTitleText: '待认领订单' });
