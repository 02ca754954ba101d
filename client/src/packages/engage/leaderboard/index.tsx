import { Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { leaderboardStore } from '../../../store/engage';
import { useLeaderboard } from '../../../store/use-engage';
import type { Output } from '@contract/index';
import { Loading } from '../components/Feedback';
import { formatNumber } from '../../../utils/format';
import '../components/engage.scss';

const load = () => void leaderboardStore.getState().load();

function Rows({ board, unit }: { board: Output<'referral', 'leaderboard'>['invites']; unit: string }) {
  return (
    <View>
      {board.top.length === 0 && <Text className='engage-sub'>本月暂无数据</Text>}
      {board.top.map((r) => (
        <View key={`${r.rank}-${r.name}-${r.score}`} className={`board-row${r.me ? ' board-row--me' : ''}`}>
          <Text>{r.rank}. {r.name}{r.me ? '（我）' : ''}</Text>
          <Text>{formatNumber(r.score)} {unit}</Text>
        </View>
      ))}
      <Text className='board-me'>我的排名：{board.me.rank ? `第 ${board.me.rank} 名` : '未上榜'} · {formatNumber(board.me.score)} {unit}</Text>
    </View>
  );
}

export default function Leaderboard() {
  const { data: view, status, error } = useLeaderboard((s) => s.view);
  const [tab, setTab] = useState<'invites' | 'points'>('invites');

  useLoad(load);

  if (!view) return <View className='engage'><Loading error={status === 'error' ? error : null} onRetry={load} /></View>;

  return (
    <View className='engage leaderboard'>
      <View className='engage-card'>
        <View className='board-tabs'>
          <Text className={`board-tab${tab === 'invites' ? ' board-tab--active' : ''}`} onClick={() => setTab('invites')}>邀请榜</Text>
          <Text className={`board-tab${tab === 'points' ? ' board-tab--active' : ''}`} onClick={() => setTab('points')}>积分榜</Text>
        </View>
        <Text className='engage-sub'>{view.month} · 前 10 名</Text>
        {tab === 'invites' ? <Rows board={view.invites} unit='人' /> : <Rows board={view.points} unit='积分' />}
      </View>
    </View>
  );
}
