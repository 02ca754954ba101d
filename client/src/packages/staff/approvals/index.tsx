// 消费审批: purchases a clerk recorded above the till limits, waiting (待审批) or decided (已处理). A manager or admin
// approves (the points are credited then) or rejects with a reason; a clerk sees their own and their outcome.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { formatShanghaiDateTime } from '../../../utils/format';
import { approvalsStore, useApprovals, type Approval, type ApprovalTab } from '../approvals-store';
import { formatYuan } from '../money';
import { staffStore, useStaff } from '../store';
import '../staff.scss';

const TABS: Array<[ApprovalTab, string]> = [['pending', '待审批'], ['decided', '已处理']];

function ApprovalEntry({ a, canDecide }: { a: Approval; canDecide: boolean }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error } = useApprovals((s) => s.decision);
  const [mine, setMine] = useState(false);
  const decide = (approve: boolean) => {
    setMine(true);
    void approvalsStore.getState().decide(a.id, approve, approve ? undefined : reason.trim());
  };
  const pending = a.status === 'pending' || a.status === 'approving';
  return (
    <View className='staff-approval' data-id={a.id} data-status={a.status}>
      <View className='staff-approval__head'><Text>小票 {a.receipt}</Text><Text>{formatYuan(a.amountFen)} 元</Text></View>
      <Text className='staff-approval__meta'>会员 {a.memberNo} · {a.requestedBy} · {formatShanghaiDateTime(a.requestedAt)}{a.backdated ? ` · 补录 ${formatShanghaiDateTime(a.paidAt).slice(0, 10)}` : ''}</Text>
      <Text className={pending ? 'staff-held approval-message' : a.status === 'approved' ? 'staff-ok approval-message' : 'staff-error approval-message'}>{a.message}</Text>
      {canDecide && pending && !rejecting && (
        <View className='staff-approval__actions'>
          <View className='staff-button staff-button--ghost staff-button--half reject-open' onClick={() => setRejecting(true)}>驳回</View>
          <View className='staff-button staff-button--half approve-submit' onClick={() => decide(true)}>{busy && mine ? '处理中…' : '通过并入账'}</View>
        </View>
      )}
      {canDecide && pending && rejecting && (
        <View className='staff-confirm'>
          <Input className='staff-input reject-reason' placeholder='驳回原因，如：小票金额不符' value={reason} maxlength={100} onInput={(e) => setReason(e.detail.value)} />
          <View className='staff-row'>
            <View className='staff-button staff-button--ghost staff-button--half reject-cancel' onClick={() => setRejecting(false)}>暂不驳回</View>
            <View className='staff-button staff-button--half reject-submit' onClick={() => decide(false)}>{busy && mine ? '处理中…' : '确认驳回'}</View>
          </View>
        </View>
      )}
      {mine && error && <Text className='staff-error decision-error'>{error.message}</Text>}
    </View>
  );
}

export default function StaffApprovals() {
  const tab = useApprovals((s) => s.tab);
  const { data, error, status } = useApprovals((s) => s.list);
  const canDecide = useStaff((s) => s.today.data?.staff.canAdjust === true);

  useDidShow(() => {
    if (!staffStore.getState().today.data) void staffStore.getState().loadToday();
    void approvalsStore.getState().load(approvalsStore.getState().tab);
  });

  return (
    <View className='staff'>
      <View className='staff-card'>
        <Text className='staff-card__title'>消费审批</Text>
        <Text className='staff-card__meta'>{canDecide ? '店员登记的大额消费，审批通过后积分才会到账' : '超过限额的消费需店长审批，通过后积分到账'}</Text>
        <View className='staff-tabs'>
          {TABS.map(([key, name]) => (
            <View key={key} className={`staff-tab approvals-tab${tab === key ? ' staff-tab--active' : ''}`} data-tab={key} onClick={() => void approvalsStore.getState().load(key)}>{name}</View>
          ))}
        </View>
      </View>
      <View className='staff-card approvals-list'>
        {error && <Text className='staff-error'>{error.message}</Text>}
        {!data && status === 'loading' && <Text className='staff-card__meta'>加载中…</Text>}
        {data?.items.length === 0 && <Text className='staff-card__meta approvals-empty'>{tab === 'pending' ? '没有待审批的消费' : '还没有处理过的消费'}</Text>}
        {data?.items.map((a) => <ApprovalEntry key={a.id} a={a} canDecide={canDecide} />)}
      </View>
    </View>
  );
}
