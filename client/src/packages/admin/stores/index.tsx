// 门店 in the console: every store with its business format (业态) and what members see of it in 附近门店 (address,
// hours, phone, its place on the map); operators and admins create and edit them (a format keeps one Chinese name).
// Managers and analysts only read.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import ConsoleShell from '../components/ConsoleShell';
import { placesStore, usePlaces, type ConsoleStore, type StoreFields } from '../catalog-places-store';
import { mayRun } from '../catalog-format';
import { useConsoleSession } from '../session-store';
import '../catalog.scss';

const URL = '/packages/admin/stores/index';
const blank = { storeId: '', name: '', format: '', formatName: '', address: '', hours: '', phone: '', latitude: '', longitude: '' };
type Form = typeof blank;

const formOf = (s: ConsoleStore): Form => ({
  storeId: s.storeId, name: s.name, format: s.format, formatName: s.formatName, address: s.address ?? '', hours: s.hours ?? '', phone: s.phone ?? '',
  latitude: s.location ? String(s.location.latitude) : '', longitude: s.location ? String(s.location.longitude) : '',
});

/** The fields to send: empty details are left out (cleared); a place needs both numbers (the contract says which is wrong). */
function fieldsOf(f: Form): StoreFields {
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  const lat = f.latitude.trim();
  const lng = f.longitude.trim();
  return {
    name: f.name.trim(), format: f.format.trim(), formatName: f.formatName.trim(),
    address: opt(f.address), hours: opt(f.hours), phone: opt(f.phone),
    location: lat || lng ? { latitude: Number(lat || NaN), longitude: Number(lng || NaN) } : null,
  };
}

export default function ConsoleStores() {
  const session = useConsoleSession((s) => s.session.data);
  const { data, status, error } = usePlaces((s) => s.stores);
  const save = usePlaces((s) => s.saveStore);
  const canEdit = mayRun(session?.role, 'saveStore');
  const [editing, setEditing] = useState<ConsoleStore | null>(null);
  const [form, setForm] = useState(blank);

  useDidShow(() => void placesStore.getState().loadStores());
  const edit = (s: ConsoleStore | null) => {
    placesStore.getState().clearErrors();
    setEditing(s);
    setForm(s ? formOf(s) : blank);
  };
  const submit = async () => {
    const ok = await placesStore.getState().submitStore(form.storeId.trim(), fieldsOf(form), editing);
    if (ok && !editing) setForm(blank);
    if (ok && editing) setEditing(null);
  };
  // 地图选点 (mini-program): WeChat's map picker answers GCJ-02, as 附近门店 expects.
  const pick = () => void Taro.chooseLocation({}).then(
    (r) => setForm((f) => ({ ...f, latitude: String(r.latitude), longitude: String(r.longitude), address: f.address || r.address || '' })),
    () => undefined,
  );
  const input = (key: keyof Form, placeholder: string, disabled = false) => (
    <Input className={`console-input catalog-store-${key}`} placeholder={placeholder} value={form[key]} disabled={disabled} onInput={(e) => setForm((f) => ({ ...f, [key]: e.detail.value }))} />
  );

  return (
    <ConsoleShell current={URL} title='门店'>
      <View className='console-split'>
        <View className='console-split__list console-card'>
          <View className='console-table catalog-stores'>
            <View className='console-row console-row--head'>
              <Text className='console-cell'>编号</Text>
              <Text className='console-cell console-cell--wide'>名称</Text>
              <Text className='console-cell'>业态</Text>
              <Text className='console-cell console-cell--wide catalog-wide-only'>地址</Text>
            </View>
            {data?.items.map((s) => (
              <View key={s.storeId} className={`console-row catalog-store-row${editing?.storeId === s.storeId ? ' console-row--selected' : ''}`} data-store={s.storeId} onClick={() => canEdit && edit(s)}>
                <Text className='console-cell'>{s.storeId}</Text>
                <Text className='console-cell console-cell--wide'>{s.name}</Text>
                <Text className='console-cell'>{s.formatName}</Text>
                <Text className='console-cell console-cell--wide catalog-wide-only catalog-store-row__address'>{s.address ?? '—'}{s.location ? '' : '（未定位）'}</Text>
              </View>
            ))}
          </View>
          {status === 'error' && error && <Text className='console-error'>{error.message}</Text>}
          {data && <Text className='console-card__meta'>业态：{data.formats.map((f) => `${f.formatName}（${f.format}）`).join('、')}</Text>}
        </View>
        {canEdit && (
          <View className='console-split__detail console-card catalog-store-form'>
            <Text className='console-card__title'>{editing ? `编辑 ${editing.name}` : '新建门店'}</Text>
            {editing && <Text className='console-card__meta'>版本 {editing.version}{editing.lastWrite ? ` · 最后由 ${editing.lastWrite.byName} 修改` : ''}</Text>}
            <View className='console-field'><Text className='console-field__label'>门店编号</Text>{input('storeId', '如 store-mall-02', !!editing)}</View>
            <View className='console-field'><Text className='console-field__label'>门店名称</Text>{input('name', '如 星河广场二店')}</View>
            <View className='console-field'><Text className='console-field__label'>业态编码</Text>{input('format', '如 mall、hotel')}</View>
            <View className='console-field'><Text className='console-field__label'>业态名称</Text>{input('formatName', '如 购物中心')}</View>
            <View className='console-field'><Text className='console-field__label'>地址</Text>{input('address', '如 上海市静安区南京西路 1618 号')}</View>
            <View className='console-field'><Text className='console-field__label'>营业时间</Text>{input('hours', '如 10:00-22:00')}</View>
            <View className='console-field'><Text className='console-field__label'>电话</Text>{input('phone', '如 021-62881234')}</View>
            <View className='console-field'>
              <Text className='console-field__label'>位置（纬度、经度）</Text>
              <View className='console-actions catalog-store-place'>
                {input('latitude', '纬度，如 31.2304')}
                {input('longitude', '经度，如 121.4737')}
                {process.env.TARO_ENV === 'weapp' && <View className='console-button console-button--ghost catalog-store-pick' onClick={pick}>地图选点</View>}
              </View>
              <Text className='console-field__help'>国测局坐标（GCJ-02，微信地图选点即是）；不填则会员在“附近门店”按距离排序时看不到这家门店</Text>
            </View>
            <View className='console-actions'>
              <View className='console-button catalog-store-save' onClick={() => void submit()}>{save.busy ? '保存中…' : editing ? '保存' : '创建门店'}</View>
              {editing && <View className='console-button console-button--ghost' onClick={() => edit(null)}>新建</View>}
            </View>
            {save.result && <Text className='console-ok catalog-store-ok'>已保存：{save.result.store.name}</Text>}
            {save.error && <Text className='console-error catalog-store-error'>{save.error.message}</Text>}
          </View>
        )}
      </View>
    </ConsoleShell>
  );
}
