import { Text, View } from '@tarojs/components';

/** First-load state of an engagement page: loading or the error with 重试. */
export function Loading({ error, onRetry }: { error: { message: string } | null; onRetry: () => void }) {
  if (!error) return <Text className='engage-sub'>加载中…</Text>;
  return (
    <View className='engage-card'>
      <Text className='engage-error'>{error.message}</Text>
      <View className='engage-button' onClick={onRetry}>重试</View>
    </View>
  );
}

export function ActionError({ error }: { error: { message: string } | null }) {
  return error ? <Text className='engage-error action-error'>{error.message}</Text> : null;
}
