// 活动 in the console: the codes staff type at the door (staff.activityCheckin), with their stores, time window,
// growth per attendance and daily cap; operators and admins create and edit them.
import { useState } from 'react';
import { Input, Switch, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import ConsoleShell from '../components/ConsoleShell';
import { placesStore, usePlaces, type ConsoleActivity } from '../catalog-places-store';
import { fromLocalInput, intOf, mayRun, shanghaiText, toLocalInput } from '../catalog-format';
import { useConsoleSession } from '../session-store';
import '../catalog.scss';

const URL = '/packages/admin/activities/index';
const STATES: Record<ConsoleActivity['state'], string> = { running: '进行中', notStarted: '未开始', ended: '已结束', inactive: '已停用' };
const blank = { activityId: '', name: '', storeIds: [] as string[], startAt: '', endAt: '', growth: '', dailyCap: '', active: true };

export default function ConsoleActivities() {
  const session = useConsoleSession((s) => s.session.data);
  const { data, status, error } = usePlaces((s) => s.activities);
  const stores = usePlaces((s) => s.stores.data);
  const save = usePlaces((s) => s.saveActivity);
  const canEdit = mayRun(session?.role, 'saveActivity');
  const [editing, setEditing] = useState<ConsoleActivity | null>(null);
  const [form, setForm] = useState(blank);

  useDidShow(() => {
    void placesStore.getState().loadActivities();
    void placesStore.getState().loadStores();
  });
  const edit = (a: ConsoleActivity | null) => {
    placesStore.getState().clearErrors();
    setEditing(a);
    setForm(a ? { activityId: a.activityId, name: a.name, storeIds: a.storeIds, startAt: toLocalInput(a.startAt), endAt: toLocalInput(a.endAt), growth: a.growth === null ? '' : String(a.growth), dailyCap: a.dailyCap === null ? '' : String(a.dailyCap), active: a.active } : blank);
  };
  const submit = async () => {
    const fields = {
      name: form.name.trim(), storeIds: form.storeIds, startAt: fromLocalInput(form.startAt) ?? '', endAt: fromLocalInput(form.endAt) ?? '',
      ...(form.growth.trim() ? { growth: intOf(form.growth) } : {}), ...(form.dailyCap.trim() ? { dailyCap: intOf(form.dailyCap) } : {}), active: form.active,
    };
    const ok = await placesStore.getState().submitActivity(form.activityId.trim(), fields, editing);
    if (ok) edit(null);
  };
  const input = (key: 'activityId' | 'name' | 'startAt' | 'endAt' | 'growth' | 'dailyCap', placeholder: string, disabled = false) => (
    <Input className={`console-input catalog-activity-${key}`} placeholder={placeholder} value={form[key]} disabled={disabled} onInput={(e) => setForm((f) => ({ ...f, [key]: e.detail.value }))} />
  );
  const toggleStore = (id: string) => setForm((f) => ({ ...f, storeIds: f.storeIds.includes(id) ? f.storeIds.filter((s) => s !== id) : [...f.storeIds, id] }));

  return (
    <ConsoleShell current={URL} title='活动'>
      <View className='console-split'>
        <View className='console-split__list console-card'>
          <View className='console-table catalog-activities'>
            <View className='console-row console-row--head'>
              <Text className='console-cell'>活动码</Text>
              <Text className='console-cell console-cell--wide'>名称</Text>
              <Text className='console-cell'>时间</Text>
              <Text className='console-cell'>状态</Text>
            </View>
            {data?.items.map((a) => (
              <View key={a.activityId} className={`console-row catalog-activity-row${editing?.activityId === a.activityId ? ' console-row--selected' : ''}`} data-activity={a.activityId} onClick={() => canEdit && edit(a)}>
                <Text className='console-cell'>{a.activityId}</Text>
                <Text className='console-cell console-cell--wide'>{a.name}</Text>
                <Text className='console-cell'>{shanghaiText(a.startAt).slice(5)} 起</Text>
                <Text className='console-cell'><Text className={`console-badge${a.state === 'running' ? ' console-badge--ok' : ''}`}>{STATES[a.state]}</Text></Text>
              </View>
            ))}
          </View>
          {data?.items.length === 0 && <Text className='console-empty'>暂无活动</Text>}
          {status === 'error' && error && <Text className='console-error'>{error.message}</Text>}
        </View>
        {canEdit && (
          <View className='console-split__detail console-card catalog-activity-form'>
            <Text className='console-card__title'>{editing ? `编辑 ${editing.name}` : '新建活动'}</Text>
            {editing && <Text className='console-card__meta'>版本 {editing.version}{editing.lastWrite ? ` · 最后由 ${editing.lastWrite.byName} 修改` : ''}</Text>}
            <View className='console-field'><Text className='console-field__label'>活动码</Text>{input('activityId', '店员登记时输入，如 YOGA0612', !!editing)}</View>
            <View className='console-field'><Text className='console-field__label'>活动名称</Text>{input('name', '如 周末瑜伽课')}</View>
            <View className='console-field'>
              <Text className='console-field__label'>举办门店</Text>
              <View className='catalog-chips'>
                {stores?.items.map((s) => (
                  <Text key={s.storeId} className={`catalog-chip${form.storeIds.includes(s.storeId) ? ' catalog-chip--active' : ''}`} onClick={() => toggleStore(s.storeId)}>{s.name}</Text>
                ))}
              </View>
              <Text className='console-field__help'>不选 = 所有门店</Text>
            </View>
            <View className='console-field'><Text className='console-field__label'>开始时间</Text>{input('startAt', 'YYYY-MM-DD HH:mm（北京时间）')}</View>
            <View className='console-field'><Text className='console-field__label'>结束时间</Text>{input('endAt', 'YYYY-MM-DD HH:mm')}</View>
            <View className='console-field'><Text className='console-field__label'>成长值</Text>{input('growth', '不填 = 按规则')}</View>
            <View className='console-field'><Text className='console-field__label'>每日上限</Text>{input('dailyCap', '不填 = 按规则')}</View>
            <View className='console-field'>
              <Text className='console-field__label'>启用</Text>
              <Switch checked={form.active} onChange={(e) => setForm((f) => ({ ...f, active: e.detail.value }))} />
            </View>
            <View className='console-actions'>
              <View className='console-button catalog-activity-save' onClick={() => void submit()}>{save.busy ? '保存中…' : editing ? '保存' : '创建活动'}</View>
              {editing && <View className='console-button console-button--ghost' onClick={() => edit(null)}>新建</View>}
            </View>
            {save.result && <Text className='console-ok catalog-activity-ok'>已保存：{save.result.activity.name}</Text>}
            {save.error && <Text className='console-error catalog-activity-error'>{save.error.message}</Text>}
          </View>
        )}
      </View>
    </ConsoleShell>
  );
}
