// Where an unknown address lands (an old share link, a mistyped URL): says so and leads home.
import { Text, View } from '@tarojs/components';
import { goHome } from '../../services/navigation';
import './index.scss';

export default function NotFound() {
  return (
    <View className='not-found'>
      <Text className='not-found__title'>页面不存在</Text>
      <Text className='not-found__hint'>链接可能已失效或输入有误</Text>
      <View className='not-found__home' hoverClass='not-found__home--pressed' onClick={() => void goHome()}>返回首页</View>
    </View>
  );
}
