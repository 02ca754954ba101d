// 员工 (the console section is being built; see issue "The operator console").
import { Text } from '@tarojs/components';
import ConsoleShell from '../components/ConsoleShell';

export default function ConsoleStaff() {
  return (
    <ConsoleShell current='/packages/admin/staff/index' title='员工'>
      <Text className='console-empty'>即将开放</Text>
    </ConsoleShell>
  );
}
