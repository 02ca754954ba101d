// 会员详情: one member's page (a phone opens it from the search; a desktop shows it beside the list instead).
import { useEffect } from 'react';
import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import ConsoleShell from '../components/ConsoleShell';
import MemberDetailPanel from '../components/MemberDetailPanel';
import { membersStore } from '../members-store';
import '../members.scss';

export default function ConsoleMember() {
  const { params } = useRouter();
  const memberNo = params.memberNo ?? '';
  useEffect(() => {
    if (/^\d{6,20}$/.test(memberNo)) void membersStore.getState().select(memberNo);
  }, [memberNo]);
  return (
    <ConsoleShell current='/packages/admin/member/index' title='会员详情'>
      {/^\d{6,20}$/.test(memberNo) ? <MemberDetailPanel /> : <Text className='console-error'>缺少会员号</Text>}
    </ConsoleShell>
  );
}
