export default definePageConfig({ navigationBarTitleText: '数据看板 · 签到与任务' });
