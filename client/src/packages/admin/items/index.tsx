// 积分商城 (the console section is being built; see issue "The operator console").
import { Text } from '@tarojs/components';
import ConsoleShell from '../components/ConsoleShell';

export default function ConsoleItems() {
  return (
    <ConsoleShell current='/packages/admin/items/index' title='积分商城'>
      <Text className='console-empty'>即将开放</Text>
    </ConsoleShell>
  );
}
