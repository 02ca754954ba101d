// 员工邀请: opened from an invitation's link or QR code; binds the staff role to this WeChat account.
import { Text, View } from '@tarojs/components';
import '../console.scss';

export default function Join() {
  return <View className='console-main'><Text className='console-empty'>即将开放</Text></View>;
}
