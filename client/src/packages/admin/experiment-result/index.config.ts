export default definePageConfig({ navigationBarTitleText: '实验结果' });
