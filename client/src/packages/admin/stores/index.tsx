// 门店 (the console section is being built; see issue "The operator console").
import { Text } from '@tarojs/components';
import ConsoleShell from '../components/ConsoleShell';

export default function ConsoleStores() {
  return (
    <ConsoleShell current='/packages/admin/stores/index' title='门店'>
      <Text className='console-empty'>即将开放</Text>
    </ConsoleShell>
  );
}
