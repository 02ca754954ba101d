// 操作日志 (admins): every staff and console write, newest first, by action and days; an entry opens to its input and,
// for console edits, each changed document's fields before and after.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { formatShanghaiDateTime } from '../../../utils/format';
import ConsoleShell from '../components/ConsoleShell';
import { auditStore, useAudit, type AuditEntry } from '../audit-store';

const ACTION_NAMES: Record<string, string> = {
  recordPurchase: '登记消费', decidePurchase: '审批消费', undoPurchase: '撤销消费', verifyVoucher: '核销', reverseWriteOff: '撤销核销',
  cancelRedemption: '取消兑换', adjustPoints: '调整积分', activityCheckin: '活动签到', setConfig: '修改规则',
  inviteStaff: '邀请员工', revokeInvitation: '撤回邀请', updateStaff: '修改员工', updateShipment: '发货', setChannelActive: '停用 / 启用渠道',
};
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** The fields a change touched, before → after. */
function changedFields(before: unknown, after: unknown): Array<[string, unknown, unknown]> {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !['lastWrite', 'updatedAt', 'createdAt'].includes(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => [k, b[k], a[k]]);
}

function Entry({ e }: { e: AuditEntry }) {
  const [open, setOpen] = useState(false);
  return (
    <View className='audit-entry' data-id={e.id} data-action={e.action}>
      <View className='console-row' onClick={() => setOpen(!open)}>
        <Text className='console-cell'>{formatShanghaiDateTime(e.at).slice(5)}</Text>
        <Text className='console-cell audit-action'>{ACTION_NAMES[e.action] ?? e.action}{e.replayed ? '（重试）' : ''}</Text>
        <Text className='console-cell'>{e.staffName} · {e.roleName}</Text>
        <Text className='console-cell console-cell--wide'>{e.device ? `设备 ${e.device}` : '—'}</Text>
      </View>
      {open && (
        <View className='console-card audit-detail'>
          <Text className='console-card__meta'>内容</Text>
          <Text className='console-code'>{JSON.stringify(e.input)}</Text>
          {e.changes.map((c) => (
            <View key={`${c.collection}:${c.id}`} className='audit-change'>
              <Text className='console-card__meta'>{c.collection} · {c.id}{c.before === null ? '（新建）' : ''}</Text>
              {changedFields(c.before, c.after).map(([k, b, a]) => <Text key={k} className='console-code audit-field'>{k}: {show(b)} → {show(a)}</Text>)}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

export default function ConsoleAudit() {
  const { items, nextCursor, busy, error } = useAudit((s) => s);
  const [actionName, setActionName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useDidShow(() => void auditStore.getState().search({}));

  const search = () => {
    if ((from && !DAY.test(from)) || (to && !DAY.test(to))) return setProblem('日期格式为 2026-06-01');
    setProblem(null);
    void auditStore.getState().search({ ...(actionName.trim() ? { actionName: actionName.trim() } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
  };

  return (
    <ConsoleShell current='/packages/admin/audit/index' title='操作日志'>
      <View className='console-card'>
        <View className='console-actions'>
          <Input className='console-input audit-action-input' placeholder='操作，如 updateStaff' value={actionName} onInput={(e) => setActionName(e.detail.value)} />
          <Input className='console-input audit-from' placeholder='开始日期 2026-06-01' value={from} onInput={(e) => setFrom(e.detail.value)} />
          <Input className='console-input audit-to' placeholder='结束日期' value={to} onInput={(e) => setTo(e.detail.value)} />
          <Text className='console-button audit-search' onClick={search}>查询</Text>
        </View>
        {(problem || error) && <Text className='console-error'>{problem ?? error?.message}</Text>}
      </View>
      <View className='console-card audit-list'>
        <View className='console-row console-row--head'><Text className='console-cell'>时间</Text><Text className='console-cell'>操作</Text><Text className='console-cell'>操作人</Text><Text className='console-cell console-cell--wide'>设备</Text></View>
        {items.map((e) => <Entry key={e.id} e={e} />)}
        {!busy && items.length === 0 && <Text className='console-empty'>没有符合条件的记录</Text>}
        {nextCursor && <Text className='console-button console-button--ghost audit-more' onClick={() => void auditStore.getState().more()}>{busy ? '加载中…' : '加载更多'}</Text>}
      </View>
    </ConsoleShell>
  );
}
