// 运营后台 home: what waits for this role's decision (admins: large points adjustments), and the sections it may
// open, one tile each.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import AdjustmentApprovals from '../components/AdjustmentApprovals';
import ConsoleShell from '../components/ConsoleShell';
import { mayRunAction, useConsoleSession, type ConsoleSection } from '../session-store';
import { WEB_CONFIRM_URL } from '../../../services/web-console';

/** 扫码登录网页版 (mini-program): scans the web console's QR code and opens its confirm page. */
function scanWebLogin() {
  void Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).then(
    (res) => Taro.navigateTo({ url: `${WEB_CONFIRM_URL}?scanned=${encodeURIComponent(res.result)}` }),
    () => undefined,
  );
}

const TILES: Array<{ section: ConsoleSection; name: string; meta: string; url: string }> = [
  { section: 'members', name: '会员', meta: '查找会员，查看积分、等级与明细', url: '/packages/admin/members/index' },
  { section: 'catalog', name: '积分商城', meta: '商品、库存、上下架', url: '/packages/admin/items/index' },
  { section: 'catalog', name: '门店与业态', meta: '门店、业态', url: '/packages/admin/stores/index' },
  { section: 'catalog', name: '活动', meta: '门店活动与签到码', url: '/packages/admin/activities/index' },
  { section: 'channels', name: '渠道', meta: '外部系统对接与密钥', url: '/packages/admin/channels/index' },
  { section: 'staff', name: '员工', meta: '员工、岗位与邀请码', url: '/packages/admin/staff/index' },
  { section: 'rules', name: '规则', meta: '等级、积分、成长值、签到、任务与邀请规则', url: '/packages/admin/rules/index' },
  { section: 'settlement', name: '结算报表', meta: '跨业态积分结算', url: '/packages/staff/settlement/index' },
  { section: 'audit', name: '操作日志', meta: '每一次后台与门店操作', url: '/packages/admin/audit/index' },
  { section: 'migration', name: '数据迁移', meta: '从原系统导入会员、积分与等级', url: '/packages/admin/migration/index' },
  { section: 'unclaimed', name: '待认领订单', meta: '渠道按手机号送来、尚无会员绑定的消费', url: '/packages/admin/unclaimed/index' },
  { section: 'segments', name: '会员分群', meta: '按等级、阶段、消费、标签等条件圈选会员', url: '/packages/admin/segments/index' },
  { section: 'tags', name: '会员标签', meta: '手工标签、规则标签与批量打标签', url: '/packages/admin/tags/index' },
  { section: 'automation', name: '营销自动化', meta: '新会员、沉睡唤回、生日礼等自动执行的规则与回访报表', url: '/packages/admin/automation/index' },
  { section: 'experiments', name: '积分实验', meta: '积分策略 A/B 测试：样本量计算、对照组与显著性检验', url: '/packages/admin/experiments/index' },
  { section: 'insight', name: '数据看板', meta: '经营健康、积分负债、等级与生命周期、门店与业态', url: '/packages/admin/insight/index' },
];

export default function ConsoleHome() {
  const session = useConsoleSession((s) => s.session.data);
  const tiles = TILES.filter((t) => session?.sections.includes(t.section));
  return (
    <ConsoleShell current='/packages/admin/index/index' title='运营后台'>
      {session && mayRunAction('admin.decideAdjustment') && <AdjustmentApprovals />}
      <View className='console-grid console-home'>
        {tiles.map((t) => (
          <View key={t.url} className='console-tile' data-url={t.url} onClick={() => void Taro.navigateTo({ url: t.url })}>
            <Text className='console-tile__title'>{t.name}</Text>
            <Text className='console-tile__meta'>{t.meta}</Text>
          </View>
        ))}
        {process.env.TARO_ENV === 'weapp' && session && mayRunAction('admin.confirmWebLogin') && (
          <View className='console-tile console-tile--web-login' onClick={scanWebLogin}>
            <Text className='console-tile__title'>扫码登录网页版</Text>
            <Text className='console-tile__meta'>在电脑上打开网页版运营后台，用此处扫码登录</Text>
          </View>
        )}
      </View>
    </ConsoleShell>
  );
}
