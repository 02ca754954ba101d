// 渠道 in the console (admins): outside systems that deliver signed orders. A new channel's secret, and a rotated one,
// is shown here once (copy it into the outside system); afterwards only its fingerprint. A rotation keeps the previous
// secret working for the overlap window (default 24 hours) so the switch has no gap.
import { Fragment, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import ConsoleShell from '../components/ConsoleShell';
import { channelsStore, useChannels } from '../catalog-channels-store';
import { mayRun, shanghaiText } from '../catalog-format';
import { useConsoleSession } from '../session-store';
import '../catalog.scss';

const URL = '/packages/admin/channels/index';

export default function ConsoleChannels() {
  const session = useConsoleSession((s) => s.session.data);
  const canManage = mayRun(session?.role, 'createChannel');
  const { data, status, error } = useChannels((s) => s.list);
  const write = useChannels((s) => s.write);
  const toggle = useChannels((s) => s.toggle);
  const [stopping, setStopping] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const revealed = useChannels((s) => s.revealed);
  const [channelId, setChannelId] = useState('');
  const [channelName, setChannelName] = useState('');
  const [overlap, setOverlap] = useState('24');

  useDidShow(() => void channelsStore.getState().load());
  const create = async () => {
    if (await channelsStore.getState().create(channelId.trim(), channelName.trim())) {
      setChannelId('');
      setChannelName('');
    }
  };
  const rotate = (id: string) => {
    const channel = data?.items.find((c) => c.channelId === id);
    const hours = /^\d+$/.test(overlap.trim()) ? Number(overlap.trim()) : 24;
    if (!channel) return;
    void Taro.showModal({ title: '轮换密钥', content: `${channel.name} 将获得新密钥，旧密钥在 ${hours} 小时内仍可使用。确定轮换？` }).then((r) => {
      if (r.confirm) void channelsStore.getState().rotate(channel, hours);
    });
  };

  const setActive = async (id: string, active: boolean) => {
    const channel = data?.items.find((c) => c.channelId === id);
    if (!channel) return;
    if (await channelsStore.getState().setActive(channel, active, active ? '恢复对接' : reason)) {
      setStopping(null);
      setReason('');
    }
  };

  return (
    <ConsoleShell current={URL} title='渠道'>
      {revealed && (
        <View className='catalog-secret catalog-secret-box'>
          <Text className='console-card__title'>{revealed.rotated ? '新密钥' : '渠道密钥'}（{revealed.channelId}）：只显示这一次，请立即复制到对接系统</Text>
          <Text className='console-code catalog-secret-value'>{revealed.secret}</Text>
          <View className='console-actions'>
            <View className='console-button console-button--ghost' onClick={() => void Taro.setClipboardData({ data: revealed.secret })}>复制</View>
            <View className='console-button catalog-secret-done' onClick={() => channelsStore.getState().dismiss()}>我已保存</View>
          </View>
        </View>
      )}
      <View className='console-split'>
        <View className='console-split__list console-card'>
          <View className='console-table catalog-channels'>
            <View className='console-row console-row--head'>
              <Text className='console-cell'>编号</Text>
              <Text className='console-cell'>名称</Text>
              <Text className='console-cell'>密钥指纹</Text>
              <Text className='console-cell console-cell--wide catalog-wide-only'>轮换</Text>
              <Text className='console-cell catalog-cell--action'>操作</Text>
            </View>
            {data?.items.map((c) => (
              <Fragment key={c.channelId}>
              <View className='console-row catalog-channel-row' data-channel={c.channelId} data-active={c.active ? 'yes' : 'no'}>
                <Text className='console-cell'>{c.channelId}</Text>
                <Text className='console-cell'>{c.name}</Text>
                <Text className='console-cell console-code catalog-channel-row__fingerprint'>{c.fingerprint}</Text>
                <Text className='console-cell console-cell--wide catalog-wide-only'>{c.previousSecretUntil ? `旧密钥 ${c.previousFingerprint} 有效至 ${shanghaiText(c.previousSecretUntil)}` : c.rotatedAt ? `${shanghaiText(c.rotatedAt)} 轮换` : '—'}</Text>
                <Text className='console-cell catalog-cell--action'>
                  {c.active
                    ? <Text className='catalog-link catalog-rotate' onClick={() => rotate(c.channelId)}>轮换密钥</Text>
                    : <Text className='catalog-channel-row__stopped'>已停用</Text>}
                  {canManage && (c.active
                    ? <Text className='catalog-link catalog-link--danger catalog-channel-stop' onClick={() => { setStopping(c.channelId); setReason(''); }}>停用</Text>
                    : <Text className='catalog-link catalog-channel-resume' onClick={() => void setActive(c.channelId, true)}>启用</Text>)}
                </Text>
              </View>
              {stopping === c.channelId && (
                <View className='console-actions catalog-channel-stopping'>
                  <Text className='console-field__help'>停用后 10 秒内该渠道的所有请求都会被拒绝（已记录的订单不受影响）</Text>
                  <Input className='console-input catalog-channel-reason' placeholder='停用原因，如：对接结束' value={reason} onInput={(e) => setReason(e.detail.value)} />
                  <Text className='console-button console-button--danger catalog-channel-stop-confirm' onClick={() => void setActive(c.channelId, false)}>{toggle.busy ? '处理中…' : '确认停用'}</Text>
                  <Text className='console-button console-button--ghost' onClick={() => setStopping(null)}>取消</Text>
                </View>
              )}
              </Fragment>
            ))}
          </View>
          {status === 'error' && error && <Text className='console-error'>{error.message}</Text>}
          {toggle.error && <Text className='console-error catalog-channel-toggle-error'>{toggle.error.message}</Text>}
          <View className='console-field'>
            <Text className='console-field__label'>旧密钥保留小时数</Text>
            <Input className='console-input catalog-overlap' value={overlap} onInput={(e) => setOverlap(e.detail.value)} />
            <Text className='console-field__help'>轮换后旧密钥继续有效的时长，0 = 10 秒内失效</Text>
          </View>
        </View>
        {canManage && (
        <View className='console-split__detail console-card catalog-channel-form'>
          <Text className='console-card__title'>新建渠道</Text>
          <View className='console-field'><Text className='console-field__label'>渠道编号</Text><Input className='console-input catalog-channel-id' placeholder='如 shop-online' value={channelId} onInput={(e) => setChannelId(e.detail.value)} /></View>
          <View className='console-field'><Text className='console-field__label'>渠道名称</Text><Input className='console-input catalog-channel-name' placeholder='如 官方网店' value={channelName} onInput={(e) => setChannelName(e.detail.value)} /></View>
          <View className='console-actions'>
            <View className='console-button catalog-channel-create' onClick={() => void create()}>{write.busy ? '提交中…' : '创建渠道'}</View>
          </View>
          {write.error && <Text className='console-error catalog-channel-error'>{write.error.message}</Text>}
        </View>
        )}
      </View>
    </ConsoleShell>
  );
}
