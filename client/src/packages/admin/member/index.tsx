// 会员详情 (the console section is being built; see issue "The operator console").
import { Text } from '@tarojs/components';
import ConsoleShell from '../components/ConsoleShell';

export default function ConsoleMember() {
  return (
    <ConsoleShell current='/packages/admin/member/index' title='会员详情'>
      <Text className='console-empty'>即将开放</Text>
    </ConsoleShell>
  );
}
