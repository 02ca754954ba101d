// 会员 (the console section is being built; see issue "The operator console").
import { Text } from '@tarojs/components';
import ConsoleShell from '../components/ConsoleShell';

export default function ConsoleMembers() {
  return (
    <ConsoleShell current='/packages/admin/members/index' title='会员'>
      <Text className='console-empty'>即将开放</Text>
    </ConsoleShell>
  );
}
