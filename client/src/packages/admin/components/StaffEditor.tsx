// One staff member in the console: their role, store and access, changed with one save. Nobody edits themselves here
// (the server refuses it too); a refused save says why, a stale one who saved first.
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { consoleStaffStore, useConsoleStaff, type StaffChange, type StaffRow } from '../staff-store';

type StaffRole = StaffRow['role'];

export const ROLES: Array<[StaffRole, string]> = [['clerk', '店员'], ['manager', '店长'], ['operator', '运营'], ['analyst', '数据分析'], ['admin', '管理员']];
export const needsStore = (role: StaffRole) => role === 'clerk' || role === 'manager';

export function Chips<T extends string>({ options, value, onPick, className }: { options: Array<[T, string]>; value: T | null; onPick: (v: T) => void; className: string }) {
  return (
    <View className='console-tabs'>
      {options.map(([key, name]) => (
        <Text key={key} className={`console-tab ${className}${value === key ? ' console-tab--active' : ''}`} data-value={key} onClick={() => onPick(key)}>{name}</Text>
      ))}
    </View>
  );
}

export default function StaffEditor({ row, self }: { row: StaffRow; self: boolean }) {
  const stores = useConsoleStaff((s) => s.staff.data?.stores) ?? [];
  const { busy, error, result } = useConsoleStaff((s) => s.update);
  const [role, setRole] = useState<StaffRole>(row.role);
  const [storeId, setStoreId] = useState<string | null>(row.storeId);
  useEffect(() => {
    setRole(row.role);
    setStoreId(row.storeId);
  }, [row.openid, row.version]);

  const save = (change: StaffChange) => void consoleStaffStore.getState().updateStaff(row, change);

  return (
    <View className='console-card staff-editor' data-openid={row.openid}>
      <Text className='console-card__title'>{row.name}</Text>
      <Text className='console-card__meta'>{row.roleName}{row.storeName ? ` · ${row.storeName}` : ''} · {row.active ? '启用中' : '已停用'}{row.updatedBy ? ` · 最近由 ${row.updatedBy} 修改` : ''}</Text>
      {self ? <Text className='console-note'>这是你自己的账号：岗位、门店和启用状态需由其他管理员修改</Text> : (
        <View>
          <View className='console-field'><Text className='console-field__label'>岗位</Text><Chips options={ROLES} value={role} onPick={setRole} className='role-chip' /></View>
          {needsStore(role) && (
            <View className='console-field'><Text className='console-field__label'>门店</Text><Chips options={stores.map((s) => [s.id, s.name] as [string, string])} value={storeId} onPick={setStoreId} className='store-chip' /></View>
          )}
          <View className='console-actions'>
            <Text className='console-button staff-save' onClick={() => save({ role, storeId: needsStore(role) ? storeId : null })}>{busy ? '保存中…' : '保存'}</Text>
            <Text className={`console-button ${row.active ? 'console-button--danger staff-deactivate' : 'console-button--ghost staff-activate'}`} onClick={() => save({ active: !row.active })}>{row.active ? '停用账号' : '重新启用'}</Text>
          </View>
        </View>
      )}
      {result && result.openid === row.openid && !error && <Text className='console-ok staff-saved'>已保存</Text>}
      {error && <Text className='console-error staff-error'>{error.message}</Text>}
    </View>
  );
}
