// 渠道 (the console section is being built; see issue "The operator console").
import { Text } from '@tarojs/components';
import ConsoleShell from '../components/ConsoleShell';

export default function ConsoleChannels() {
  return (
    <ConsoleShell current='/packages/admin/channels/index' title='渠道'>
      <Text className='console-empty'>即将开放</Text>
    </ConsoleShell>
  );
}
