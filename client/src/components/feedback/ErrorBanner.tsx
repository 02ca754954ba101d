import { Text, View } from '@tarojs/components';
import './feedback.scss';

/** A failed refresh over data still shown: the message and 重试, above the content (which stays). */
export function ErrorBanner({ message, onRetry, className = '' }: { message: string; onRetry: () => void; className?: string }) {
  return (
    <View className={`error-banner ${className}`}>
      <Text className='error-banner__text'>{message}</Text>
      <View className='error-banner__retry' hoverClass='error-banner__retry--pressed' onClick={onRetry}>重试</View>
    </View>
  );
}

/** Nothing to show and the load failed: the message and a 重试 button in place of the content. */
export function LoadError({ message, onRetry, className = '' }: { message: string; onRetry: () => void; className?: string }) {
  return (
    <View className={`load-error ${className}`}>
      <Text className='load-error__text'>{message}</Text>
      <View className='load-error__retry' hoverClass='load-error__retry--pressed' onClick={onRetry}>重试</View>
    </View>
  );
}
