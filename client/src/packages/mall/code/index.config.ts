export default definePageConfig({ navigationBarTitleText: '会员码', navigationBarBackgroundColor: '#2f54eb', navigationBarTextStyle: 'white' });
