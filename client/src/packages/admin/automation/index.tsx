// 营销自动化 (operators and admins edit, analysts read): the rules with their status, version, summary, spend and runs
// (the default playbook listed as drafts until switched on), a member's run log (why they got or did not get
// something), and the month's follow-up tasks per store (人工关怀回访 outcomes).
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { STATUS_NAMES } from '../../../../../contract/automation';
import ConsoleShell from '../components/ConsoleShell';
import { mayRunAction } from '../session-store';
import AutomationRuns from '../components/AutomationRuns';
import { automationStore, useAutomation, type RuleRow } from '../automation-store';
import '../catalog.scss';
import '../automation.scss';

const URL = '/packages/admin/automation/index';
const open = (ruleId?: string) => void Taro.navigateTo({ url: `/packages/admin/automation-rule/index${ruleId ? `?ruleId=${ruleId}` : ''}` });
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

function RuleCard({ r, canEdit }: { r: RuleRow; canEdit: boolean }) {
  const next = r.status === 'live' ? 'paused' : 'live';
  return (
    <View className='console-card automation-rule' data-id={r.id} data-status={r.status}>
      <Text className='console-card__title' onClick={() => open(r.id)}>{r.name}</Text>
      <View className='automation-badges'>
        <Text className={`console-badge automation-status automation-status--${r.status}`}>{STATUS_NAMES[r.status]}</Text>
        <Text className='console-badge'>{r.version === 0 ? '默认方案' : `版本 ${r.version}`}</Text>
        {r.runs.acted > 0 && <Text className='console-badge automation-acted-count'>已执行 {r.runs.acted}</Text>}
        {r.runs.skipped > 0 && <Text className='console-badge automation-skipped-count'>未执行 {r.runs.skipped}</Text>}
      </View>
      <Text className='automation-summary'>{r.summary}</Text>
      {(r.spent.points > 0 || r.spent.vouchers > 0) && (
        <Text className='console-card__meta automation-spent'>
          已发放积分 {r.spent.points}{r.limits.budget.points !== null ? ` / 预算 ${r.limits.budget.points}` : ''} · 券 {r.spent.vouchers}{r.limits.budget.vouchers !== null ? ` / 预算 ${r.limits.budget.vouchers}` : ''}
        </Text>
      )}
      <View className='console-actions'>
        <Text className='console-button console-button--ghost automation-open' onClick={() => open(r.id)}>{canEdit ? '编辑' : '查看'}</Text>
        {canEdit && <Text className={`console-button automation-toggle${r.status === 'live' ? ' console-button--ghost' : ''}`} data-next={next} onClick={() => void automationStore.getState().setStatus(r.id, next)}>{r.status === 'live' ? '暂停' : '启用'}</Text>}
      </View>
    </View>
  );
}

function MemberRuns() {
  const [memberNo, setMemberNo] = useState('');
  const [asked, setAsked] = useState(false);
  const { data, error, status } = useAutomation((s) => s.runs);
  const search = () => { setAsked(true); void automationStore.getState().loadRuns({ memberNo }); };
  return (
    <View className='console-card automation-member-runs'>
      <Text className='console-card__title'>会员执行记录</Text>
      <Text className='console-card__meta'>输入会员号，查看每条规则对该会员是否执行、为什么没有执行</Text>
      <View className='automation-pair'>
        <Input className='console-input automation-member-input' type='number' placeholder='会员号' value={memberNo} onInput={(e) => setMemberNo(e.detail.value)} onConfirm={search} />
        <Text className='console-button automation-member-search' onClick={search}>查询</Text>
      </View>
      {asked && error && <Text className='console-error automation-runs-error'>{error.message}</Text>}
      {asked && status === 'ready' && data?.runs.length === 0 && <Text className='console-empty'>该会员还没有执行记录</Text>}
      {asked && data && data.runs.length > 0 && <AutomationRuns runs={data.runs} showMember={false} />}
    </View>
  );
}

function TaskReport() {
  const [month, setMonth] = useState(thisMonth());
  const { data, error } = useAutomation((s) => s.report);
  useDidShow(() => void automationStore.getState().loadReport(month));
  const load = () => void automationStore.getState().loadReport(month);
  return (
    <View className='console-card automation-report'>
      <Text className='console-card__title'>人工关怀回访报表</Text>
      <View className='automation-pair'>
        <Input className='console-input automation-report-month' placeholder='月份，如 2027-05' value={month} onInput={(e) => setMonth(e.detail.value)} onConfirm={load} />
        <Text className='console-button console-button--ghost automation-report-load' onClick={load}>查看</Text>
      </View>
      {error && <Text className='console-error'>{error.message}</Text>}
      {data && data.stores.length === 0 && <Text className='console-empty automation-report-empty'>{data.month} 没有回访任务</Text>}
      {data && data.stores.length > 0 && (
        <View className='console-table'>
          <View className='console-row console-row--head'>
            <Text className='console-cell console-cell--wide'>门店</Text><Text className='console-cell console-cell--num'>任务</Text><Text className='console-cell console-cell--num'>已联系</Text>
            <Text className='console-cell console-cell--num'>未接通</Text><Text className='console-cell console-cell--num'>无意向</Text><Text className='console-cell console-cell--num'>待回访</Text>
          </View>
          {data.stores.map((s) => (
            <View key={s.storeId ?? 'none'} className='console-row automation-report-row' data-store={s.storeId ?? 'none'}>
              <Text className='console-cell console-cell--wide'>{s.storeName}</Text><Text className='console-cell console-cell--num'>{s.created}</Text><Text className='console-cell console-cell--num'>{s.reached}</Text>
              <Text className='console-cell console-cell--num'>{s.noAnswer}</Text><Text className='console-cell console-cell--num'>{s.notInterested}</Text>
              <Text className='console-cell console-cell--num'>{s.open}{s.overdue > 0 ? `（逾期 ${s.overdue}）` : ''}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

export default function ConsoleAutomation() {
  const { data, status, error } = useAutomation((s) => s.rules);
  const statusAction = useAutomation((s) => s.status);
  useDidShow(() => void automationStore.getState().loadRules());
  const canEdit = mayRunAction('automation.saveRule');
  return (
    <ConsoleShell current={URL} title='营销自动化'>
      <View className='console-actions'>
        {canEdit && <Text className='console-button automation-new' onClick={() => open()}>＋ 新建规则</Text>}
      </View>
      <Text className='console-card__meta'>规则由定时任务每 10 分钟执行一次：同一会员同一原因只执行一次，未执行的原因记录在执行记录中。默认方案在启用前不会执行。</Text>
      {statusAction.error && <Text className='console-error automation-status-error'>{statusAction.error.message}</Text>}
      <View className='console-split'>
        <View className='console-split__list'>
          {status === 'error' && error && <Text className='console-error'>{error.message}</Text>}
          {data?.rules.map((r) => <RuleCard key={r.id} r={r} canEdit={canEdit} />)}
        </View>
        <View className='console-split__detail'>
          <MemberRuns />
          <TaskReport />
        </View>
      </View>
    </ConsoleShell>
  );
}
