// 编辑商品 (the console section is being built; see issue "The operator console").
import { Text } from '@tarojs/components';
import ConsoleShell from '../components/ConsoleShell';

export default function ConsoleItem() {
  return (
    <ConsoleShell current='/packages/admin/item/index' title='编辑商品'>
      <Text className='console-empty'>即将开放</Text>
    </ConsoleShell>
  );
}
