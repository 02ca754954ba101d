// 会员: search members by member number, phone or nickname. On a desktop the selected member's page shows beside the
// list; on a phone a member opens on its own page (member/index).
import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { openPage } from '../../../services/navigation';
import ConsoleShell from '../components/ConsoleShell';
import MemberDetailPanel from '../components/MemberDetailPanel';
import MemberSearch from '../components/MemberSearch';
import { membersStore, useMembers } from '../members-store';
import '../members.scss';

/** The console's desktop layout starts at 900 px (console.scss). */
const DESKTOP_MIN = 900;
const isWide = () => Taro.getSystemInfoSync().windowWidth >= DESKTOP_MIN;

function useWide(): boolean {
  const [wide, setWide] = useState(isWide);
  useEffect(() => {
    const onResize = () => setWide(isWide());
    Taro.onWindowResize(onResize);
    return () => Taro.offWindowResize(onResize);
  }, []);
  return wide;
}

export default function ConsoleMembers() {
  const wide = useWide();
  const selected = useMembers((s) => s.selected);
  const open = (memberNo: string) => {
    if (isWide()) void membersStore.getState().select(memberNo);
    else void openPage(`/packages/admin/member/index?memberNo=${memberNo}`);
  };
  return (
    <ConsoleShell current='/packages/admin/members/index' title='会员'>
      <View className='console-split members-page'>
        <View className='console-split__list'>
          <MemberSearch onOpen={open} />
        </View>
        {wide && selected && (
          <View className='console-split__detail members-detail-pane'>
            <MemberDetailPanel />
          </View>
        )}
      </View>
    </ConsoleShell>
  );
}
