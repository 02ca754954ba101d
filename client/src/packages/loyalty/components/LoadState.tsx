import { Text, View } from '@tarojs/components';

/** Loading or failed first load of a page, with 重试. */
export function LoadState({ error, onRetry }: { error: { message: string } | null; onRetry: () => void }) {
  if (!error) return <Text className='load-state__loading'>加载中…</Text>;
  return (
    <View className='load-state'>
      <Text className='load-state__message'>{error.message}</Text>
      <View className='load-state__retry' hoverClass='load-state__retry--pressed' onClick={onRetry}>
        重试
      </View>
    </View>
  );
}
