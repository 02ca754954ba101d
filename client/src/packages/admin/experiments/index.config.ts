export default definePageConfig({ navigationBarTitleText: '积分实验' });
