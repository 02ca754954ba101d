import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { subscribeStore, type MessageKey, type SubscribeView } from '../../store/subscribe';
import { useSubscribe } from '../../store/use-subscribe';
import './subscribe.scss';

const loadTemplates = () => {
  const { view, load } = subscribeStore.getState();
  if (view.status === 'idle' || view.status === 'error') void load();
};

/**
 * Asks the member to receive subscription messages (订阅消息) at a natural moment (after a check-in or a redemption,
 * on the tier page): one tap opens WeChat's dialog for these messages (at most 3). Each 允许 is one message; the line
 * says how many the member will still receive. Hidden when none of them has a template in this environment.
 */
export function SubscribePrompt({ keys, text, button = '订阅提醒', className = '' }: { keys: MessageKey[]; text: string | ((view: SubscribeView) => string); button?: string; className?: string }) {
  const view = useSubscribe((s) => s.view.data);
  const { busy, error, result } = useSubscribe((s) => s.action);
  useEffect(loadTemplates, []);
  if (!view) return null;
  const offered = keys.filter((k) => view.templates.some((t) => t.key === k));
  if (offered.length === 0) return null;
  const left = view.consents.filter((c) => offered.includes(c.key)).reduce((n, c) => n + c.count, 0);
  const ask = () => { if (!busy) void subscribeStore.getState().ask(offered); };
  const mine = result?.keys === offered.join(',') ? result : null;
  return (
    <View className={`subscribe-prompt ${className}`} data-keys={offered.join(',')}>
      <View className='subscribe-prompt__main'>
        <Text className='subscribe-prompt__text'>{typeof text === 'function' ? text(view) : text}</Text>
        <Text className='subscribe-prompt__left'>
          {mine && mine.asked > 0 && mine.accepted === 0 ? '未开启，可随时再次订阅' : left > 0 ? `已订阅，还可接收 ${left} 条提醒` : '尚未订阅'}
        </Text>
        {error && <Text className='subscribe-prompt__error'>{error.message}</Text>}
      </View>
      <View className='subscribe-prompt__button' onClick={ask}>{busy ? '请稍候' : button}</View>
    </View>
  );
}
