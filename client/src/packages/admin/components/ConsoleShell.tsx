// The frame of every console page: the sections this role may open (from admin.session) as a top bar on a phone and a
// side bar on a desktop, and the page's title. A caller who may not use the console sees why, not an empty page.
import { useEffect, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { webSignIn } from '../../../services/web-console';
import { sessionStore, useConsoleSession, type ConsoleSection } from '../session-store';
import { signOutOfWeb } from '../web-signout';
import '../console.scss';

// `pages`: the pages under an entry (a member's page is under 会员), so the entry shows as the current one there.
const SECTIONS: Array<{ key: ConsoleSection | 'home'; name: string; url: string; pages?: string[] }> = [
  { key: 'home', name: '概览', url: '/packages/admin/index/index' },
  { key: 'members', name: '会员', url: '/packages/admin/members/index', pages: ['/packages/admin/member/index'] },
  { key: 'catalog', name: '积分商城', url: '/packages/admin/items/index', pages: ['/packages/admin/item/index'] },
  { key: 'catalog', name: '门店', url: '/packages/admin/stores/index' },
  { key: 'catalog', name: '活动', url: '/packages/admin/activities/index' },
  { key: 'channels', name: '渠道', url: '/packages/admin/channels/index' },
  { key: 'staff', name: '员工', url: '/packages/admin/staff/index' },
  { key: 'rules', name: '规则', url: '/packages/admin/rules/index' },
  { key: 'shipments', name: '发货', url: '/packages/admin/shipments/index' },
  { key: 'settlement', name: '结算报表', url: '/packages/staff/settlement/index' },
  { key: 'audit', name: '操作日志', url: '/packages/admin/audit/index' },
  { key: 'migration', name: '数据迁移', url: '/packages/admin/migration/index' },
  { key: 'unclaimed', name: '待认领订单', url: '/packages/admin/unclaimed/index' },
  { key: 'segments', name: '会员分群', url: '/packages/admin/segments/index', pages: ['/packages/admin/segment/index'] },
  { key: 'tags', name: '会员标签', url: '/packages/admin/tags/index' },
  { key: 'automation', name: '营销自动化', url: '/packages/admin/automation/index', pages: ['/packages/admin/automation-rule/index'] },
  { key: 'experiments', name: '积分实验', url: '/packages/admin/experiments/index', pages: ['/packages/admin/experiment/index', '/packages/admin/experiment-result/index'] },
  { key: 'insight', name: '数据看板', url: '/packages/admin/insight/index' },
];

export interface ConsoleShellProps {
  /** The navigation entry this page is (its url). */
  current: string;
  title: string;
  children: ReactNode;
}

export default function ConsoleShell({ current, title, children }: ConsoleShellProps) {
  const { data: session, error } = useConsoleSession((s) => s.session);
  useEffect(() => void sessionStore.getState().load(), []);

  const open = (url: string) => {
    if (url === current) return;
    void Taro.redirectTo({ url }).catch(() => Taro.navigateTo({ url }));
  };
  // Signed in by QR code in a browser (the web console): it can sign out here.
  const web = process.env.TARO_ENV === 'h5' && webSignIn() !== null;
  const visible = SECTIONS.filter((s) => s.key === 'home' || session?.sections.includes(s.key));

  return (
    <View className='console'>
      <View className='console-nav'>
        <Text className='console-nav__brand'>运营后台</Text>
        {visible.map((s) => (
          <Text key={s.url} className={`console-nav__item${s.url === current || s.pages?.includes(current) ? ' console-nav__item--active' : ''}`} data-url={s.url} onClick={() => open(s.url)}>{s.name}</Text>
        ))}
      </View>
      <View className='console-main'>
        <Text className='console-title'>{title}</Text>
        {session && <Text className='console-card__meta console-who'>{session.roleName} · {session.name}{session.storeName ? ` · ${session.storeName}` : ''}</Text>}
        {web && (
          <View className='console-web'>
            <Text className='console-badge console-web__badge'>网页版</Text>
            <Text className='console-button console-button--ghost console-web__signout' onClick={() => void signOutOfWeb()}>退出登录</Text>
          </View>
        )}
        {error ? <Text className='console-error console-denied'>{error.message}</Text> : children}
      </View>
    </View>
  );
}
