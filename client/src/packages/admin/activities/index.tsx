// 活动 (the console section is being built; see issue "The operator console").
import { Text } from '@tarojs/components';
import ConsoleShell from '../components/ConsoleShell';

export default function ConsoleActivities() {
  return (
    <ConsoleShell current='/packages/admin/activities/index' title='活动'>
      <Text className='console-empty'>即将开放</Text>
    </ConsoleShell>
  );
}
