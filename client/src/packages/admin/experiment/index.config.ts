export default definePageConfig({ navigationBarTitleText: '实验设置' });
