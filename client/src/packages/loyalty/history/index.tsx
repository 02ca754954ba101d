import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { historyStore, type HistoryKind } from '../../../store/history';
import { useHistory } from '../../../store/use-history';
import { SubscribePrompt } from '../../../components/subscribe/SubscribePrompt';
import { HistoryItem } from '../components/HistoryItem';
import { LoadState } from '../components/LoadState';
import '../components/loyalty.scss';
import './index.scss';

const TABS: ReadonlyArray<{ kind: HistoryKind; title: string }> = [
  { kind: 'points', title: '积分明细' },
  { kind: 'growth', title: '成长值明细' },
];

const refresh = (kind: HistoryKind) => void historyStore.getState().refresh(kind);
const loadMore = (kind: HistoryKind) => void historyStore.getState().loadMore(kind);

function Footer({ kind }: { kind: HistoryKind }) {
  const feed = useHistory((s) => s.feeds[kind]);
  if (feed.more.busy) return <Text className='history-footer'>加载中…</Text>;
  if (feed.more.error) {
    return (
      <Text className='history-footer history-footer--action history-more-retry' onClick={() => loadMore(kind)}>
        加载失败，点击重试
      </Text>
    );
  }
  if (feed.data?.nextCursor) {
    return (
      <Text className='history-footer history-footer--action history-more' onClick={() => loadMore(kind)}>
        加载更多
      </Text>
    );
  }
  return <Text className='history-footer'>没有更多了</Text>;
}

export default function History() {
  const { params } = useRouter();
  const [kind, setKind] = useState<HistoryKind>(params.kind === 'growth' ? 'growth' : 'points');
  const feed = useHistory((s) => s.feeds[kind]);
  // Each tab loads fresh the first time it is shown on this visit, then keeps its pages.
  const loaded = useRef(new Set<HistoryKind>());

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: TABS.find((t) => t.kind === kind)?.title ?? '' });
    if (!loaded.current.has(kind)) {
      loaded.current.add(kind);
      refresh(kind);
    }
  }, [kind]);

  useReachBottom(() => loadMore(kind));

  const ready = feed.status === 'ready';
  const items = feed.data?.items ?? [];
  return (
    <View className='history'>
      <View className='history-tabs'>
        {TABS.map((tab) => (
          <View
            key={tab.kind}
            className={`history-tab${tab.kind === kind ? ' history-tab--active' : ''}`}
            data-kind={tab.kind}
            onClick={() => setKind(tab.kind)}
          >
            {tab.title}
          </View>
        ))}
      </View>

      {!ready ? (
        <LoadState error={feed.status === 'error' ? feed.error : null} onRetry={() => refresh(kind)} />
      ) : items.length === 0 ? (
        <Text className='history-empty'>暂无记录</Text>
      ) : (
        <View className='history-list'>
          {items.map((entry) => (
            <HistoryItem key={entry.id} entry={entry} kind={kind} />
          ))}
          <Footer kind={kind} />
        </View>
      )}
      {/* The NPS survey after a purchase (packages/profile/survey) needs the member's consent to its message. */}
      {kind === 'points' && <SubscribePrompt keys={['npsSurvey']} text='消费后微信邀请我为服务体验打分' className='history-subscribe' />}
    </View>
  );
}
