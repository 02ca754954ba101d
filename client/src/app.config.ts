const isH5 = process.env.TARO_ENV === 'h5';

export default defineAppConfig({
  pages: [
    'pages/index/index',
    // An unknown address lands here (app.ts, onPageNotFound).
    'pages/not-found/index',
    // The sign-in page exists only in the local demo; in weapp WeChat supplies the identity.
    ...(isH5 ? ['pages/login/index'] : []),
  ],
  // Later screens (mall, staff, invites) go here to stay out of the main package.
  subPackages: [
    { root: 'packages/loyalty', pages: ['tiers/index', 'history/index'] },
    { root: 'packages/engage', pages: ['checkin/index', 'tasks/index', 'invite/index', 'leaderboard/index', 'welcome/index'] },
    { root: 'packages/mall', pages: ['index/index', 'detail/index', 'redemptions/index', 'code/index', 'wallet/index'] },
    { root: 'packages/staff', pages: ['index/index', 'member/index', 'settlement/index', 'approvals/index', 'followups/index'] },
    { root: 'packages/profile', pages: ['edit/index', 'survey/index'] },
    { root: 'packages/stores', pages: ['nearby/index'] },
    {
      root: 'packages/admin',
      pages: [
        'index/index', 'members/index', 'member/index', 'items/index', 'item/index', 'stores/index', 'activities/index', 'channels/index', 'staff/index', 'audit/index', 'join/index', 'rules/index', 'migration/index', 'shipments/index', 'unclaimed/index',
        // 会员分群 and 会员标签 (issue 12 §2)
        'segments/index', 'segment/index', 'tags/index',
        // 营销自动化 (issue 12 §3)
        'automation/index', 'automation-rule/index',
        // 积分实验 (A/B tests of points strategies)
        'experiments/index', 'experiment/index', 'experiment-result/index',
        // 数据看板 (the chart library is imported by these pages only, so it stays in this subpackage)
        'insight/index', 'insight-points/index', 'insight-tiers/index', 'insight-engagement/index', 'insight-mall/index', 'insight-referrals/index', 'insight-stores/index',
        // the web console's sign-in: the QR code (web only) and the mini-program page that confirms it
        'web-confirm/index', ...(isH5 ? ['web-login/index'] : []),
      ],
    },
  ],
  // The web console built for an environment (npm run build:web) opens on its sign-in page.
  ...(isH5 && process.env.WEB_CONSOLE_ENV ? { entryPagePath: 'packages/admin/web-login/index' } : {}),
  // WeChat requires location APIs declared, with the reason shown: getLocation (gcj02) for 附近门店 (packages/stores),
  // chooseLocation for a store's place picked on the map in the console.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: { 'scope.userLocation': { desc: '你的位置信息将用于查找离你最近的门店' } },
  // Only the components a page uses are injected when it opens (WeChat's code-quality check asks for it).
  lazyCodeLoading: 'requiredComponents',
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '会员中心',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
});
