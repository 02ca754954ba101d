// 操作日志 (the console section is being built; see issue "The operator console").
import { Text } from '@tarojs/components';
import ConsoleShell from '../components/ConsoleShell';

export default function ConsoleAudit() {
  return (
    <ConsoleShell current='/packages/admin/audit/index' title='操作日志'>
      <Text className='console-empty'>即将开放</Text>
    </ConsoleShell>
  );
}
