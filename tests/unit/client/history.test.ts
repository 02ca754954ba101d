// 积分明细 / 成长值明细: the first page, paging with the cursor, a failed page and its retry, and answers dropped
// when the feed is refreshed or the session resets.
import { describe, expect, test } from '@jest/globals';
import type { Output } from '../../../contract';
import { createHistoryStore } from '../../../client/src/store/history';
import { deferred, fakeCall, refusal } from './fakes';
import { historyPage } from './fixtures';

const ids = (store: ReturnType<typeof createHistoryStore>, kind: 'points' | 'growth') => store.getState().feeds[kind].data?.items.map((i) => i.id);

describe('history store', () => {
  test('loads the first page, appends the next ones by cursor, and stops at the end', async () => {
    const pages: Record<string, Output<'member', 'history'>> = {
      first: historyPage(['p1', 'p2'], '200'),
      200: historyPage(['p2', 'p3'], '100'), // p2 again (a new entry shifted the page): shown once
      100: historyPage(['p4'], null),
    };
    const fake = fakeCall({ member: { history: (input) => pages[input.cursor ?? 'first'] } });
    const store = createHistoryStore(fake.call);
    await store.getState().refresh('points');
    expect(ids(store, 'points')).toEqual(['p1', 'p2']);
    await store.getState().loadMore('points');
    await store.getState().loadMore('points');
    expect(ids(store, 'points')).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(store.getState().feeds.points.data?.nextCursor).toBeNull();
    await store.getState().loadMore('points');
    expect(fake.inputs('member.history')).toEqual([{ kind: 'points' }, { kind: 'points', cursor: '200' }, { kind: 'points', cursor: '100' }]);
    expect(store.getState().feeds.growth.status).toBe('idle');
  });

  test('a failed page keeps the items and shows its error; loading more again retries it', async () => {
    const fake = fakeCall({
      member: {
        history: (input, n) => {
          if (!input.cursor) return historyPage(['g1'], '500');
          if (n === 1) throw refusal('INTERNAL', '服务繁忙，请稍后重试');
          return historyPage(['g2'], null);
        },
      },
    });
    const store = createHistoryStore(fake.call);
    await store.getState().refresh('growth');
    await store.getState().loadMore('growth');
    expect(store.getState().feeds.growth.more).toEqual({ busy: false, error: { code: 'INTERNAL', message: '服务繁忙，请稍后重试' }, result: null });
    expect(ids(store, 'growth')).toEqual(['g1']);
    await store.getState().loadMore('growth');
    expect(ids(store, 'growth')).toEqual(['g1', 'g2']);
    expect(store.getState().feeds.growth.more.error).toBeNull();
  });

  test('only one page is asked for at a time', async () => {
    const held = deferred<Output<'member', 'history'>>();
    const fake = fakeCall({ member: { history: (input) => (input.cursor ? held.promise : historyPage(['p1'], '9')) } });
    const store = createHistoryStore(fake.call);
    await store.getState().refresh('points');
    const first = store.getState().loadMore('points');
    expect(store.getState().feeds.points.more.busy).toBe(true);
    await store.getState().loadMore('points');
    expect(fake.count('member.history')).toBe(2);
    held.resolve(historyPage(['p2'], null));
    await first;
    expect(ids(store, 'points')).toEqual(['p1', 'p2']);
  });

  test('a refresh or a reset drops the pages still on their way', async () => {
    const heldMore = deferred<Output<'member', 'history'>>();
    let firstPages = 0;
    const fake = fakeCall({ member: { history: (input) => (input.cursor ? heldMore.promise : historyPage([`first${++firstPages}`], '9')) } });
    const store = createHistoryStore(fake.call);
    await store.getState().refresh('points');
    const more = store.getState().loadMore('points');
    await store.getState().refresh('points');
    heldMore.resolve(historyPage(['stale'], null));
    await more;
    expect(ids(store, 'points')).toEqual(['first2']);
    expect(store.getState().feeds.points.more.busy).toBe(false);

    const heldFirst = deferred<Output<'member', 'history'>>();
    const fake2 = fakeCall({ member: { history: () => heldFirst.promise } });
    const store2 = createHistoryStore(fake2.call);
    const loading = store2.getState().refresh('growth');
    store2.getState().reset();
    heldFirst.resolve(historyPage(['previous identity'], null));
    await loading;
    expect(store2.getState().feeds.growth).toEqual({ data: null, status: 'idle', error: null, more: { busy: false, error: null, result: null } });
  });
});
