// 员工 (admins): staff with role, store and state; on a desktop the selected one's editor and the invitation form sit
// beside the list. Invitations below: open ones can be revoked.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { formatShanghaiDateTime } from '../../../utils/format';
import ConsoleShell from '../components/ConsoleShell';
import InviteCard from '../components/InviteCard';
import StaffEditor, { Chips, ROLES } from '../components/StaffEditor';
import { useConsoleSession } from '../session-store';
import { consoleStaffStore, useConsoleStaff } from '../staff-store';

const INVITATION_STATES = { open: '待使用', used: '已使用', revoked: '已撤回', expired: '已过期' } as const;

export default function ConsoleStaff() {
  const { data, error, status } = useConsoleStaff((s) => s.staff);
  const filter = useConsoleStaff((s) => s.filter);
  const more = useConsoleStaff((s) => s.more);
  const [keyword, setKeyword] = useState(filter.keyword ?? '');
  const refilter = (patch: Partial<typeof filter>) => void consoleStaffStore.getState().setFilter({ ...filter, ...patch });
  const invitations = useConsoleStaff((s) => s.invitations.data?.items) ?? [];
  const revokeError = useConsoleStaff((s) => s.revoke.error);
  const me = useConsoleSession((s) => s.session.data?.openid);
  const [selected, setSelected] = useState<string | null>(null);
  useDidShow(() => void consoleStaffStore.getState().load());
  const row = data?.items.find((s) => s.openid === selected) ?? null;

  return (
    <ConsoleShell current='/packages/admin/staff/index' title='员工'>
      <View className='console-split'>
        <View className='console-split__list'>
          <View className='console-card'>
            <Text className='console-card__title'>员工列表</Text>
            <View className='console-field staff-filter'>
              <Input className='console-input staff-keyword' placeholder='按姓名开头查找' value={keyword} confirmType='search'
                onInput={(e) => setKeyword(e.detail.value)} onConfirm={() => refilter({ keyword })} />
              <Text className='console-button console-button--ghost staff-search' onClick={() => refilter({ keyword })}>查找</Text>
            </View>
            <View className='console-field'>
              <Chips<string> options={[['', '全部岗位'], ...ROLES]} value={filter.role ?? ''} onPick={(role) => refilter({ role: (role || undefined) as typeof filter.role })} className='staff-role-filter' />
            </View>
            {(data?.stores.length ?? 0) > 1 && (
              <View className='console-field'>
                <Chips<string> options={[['', '全部门店'], ...(data?.stores ?? []).map((st) => [st.id, st.name] as [string, string])]} value={filter.storeId ?? ''} onPick={(storeId) => refilter({ storeId: storeId || undefined })} className='staff-store-filter' />
              </View>
            )}
            <View className='console-field'>
              <Chips<string> options={[['all', '含已停用'], ['active', '仅启用中']]} value={filter.activeOnly ? 'active' : 'all'} onPick={(v) => refilter({ activeOnly: v === 'active' })} className='staff-state-filter' />
            </View>
            {error && <Text className='console-error'>{error.message}</Text>}
            <View className='console-table staff-table'>
              <View className='console-row console-row--head'><Text className='console-cell'>姓名</Text><Text className='console-cell'>岗位</Text><Text className='console-cell console-cell--wide'>门店</Text><Text className='console-cell'>状态</Text></View>
              {data?.items.map((s) => (
                <View key={s.openid} className={`console-row staff-row${s.openid === selected ? ' console-row--selected' : ''}`} data-openid={s.openid} onClick={() => setSelected(s.openid)}>
                  <Text className='console-cell'>{s.name}</Text>
                  <Text className='console-cell staff-role'>{s.roleName}</Text>
                  <Text className='console-cell console-cell--wide'>{s.storeName ?? '—'}</Text>
                  <Text className='console-cell'><Text className={`console-badge ${s.active ? 'console-badge--ok' : 'console-badge--off'}`}>{s.active ? '启用' : '停用'}</Text></Text>
                </View>
              ))}
            </View>
            {status === 'ready' && data?.items.length === 0 && <Text className='console-empty staff-empty'>没有符合条件的员工</Text>}
            {data?.nextCursor && <Text className='catalog-more staff-more' onClick={() => void consoleStaffStore.getState().loadMore()}>{more ? '加载中…' : '加载更多'}</Text>}
          </View>
          <View className='console-card invitations'>
            <Text className='console-card__title'>邀请记录</Text>
            {invitations.length === 0 && <Text className='console-empty'>还没有邀请</Text>}
            {invitations.map((i) => (
              <View key={i.code} className='console-row invitation-row' data-code={i.code} data-status={i.status}>
                <Text className='console-cell console-code'>{i.code}</Text>
                <Text className='console-cell'>{i.name} · {i.roleName}</Text>
                <Text className='console-cell'>{INVITATION_STATES[i.status]}{i.status === 'open' ? ` · ${formatShanghaiDateTime(i.expiresAt).slice(5)} 前` : ''}</Text>
                {i.status === 'open' ? <Text className='console-button console-button--danger invitation-revoke' onClick={() => void consoleStaffStore.getState().revokeInvitation(i.code)}>撤回</Text> : <Text className='console-cell' />}
              </View>
            ))}
            {revokeError && <Text className='console-error'>{revokeError.message}</Text>}
          </View>
        </View>
        <View className='console-split__detail'>
          {row ? <StaffEditor row={row} self={row.openid === me} /> : <View className='console-card'><Text className='console-card__meta'>选择一位员工查看和修改岗位、门店</Text></View>}
          <InviteCard />
        </View>
      </View>
    </ConsoleShell>
  );
}
