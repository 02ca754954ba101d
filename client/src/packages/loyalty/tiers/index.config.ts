export default definePageConfig({
  navigationBarTitleText: '等级权益',
});
