import { createStore } from 'zustand/vanilla';
import { call as cloudCall, type CallFn } from '../services/cloud';
import type { HistoryEntry, HistoryKind, HistoryPage } from '../types/loyalty';
import { toStoreError, type StoreError } from './errors';
import { onSessionReset } from './session';

export interface HistoryFeed {
  items: HistoryEntry[];
  nextCursor: string | null;
  /** State of the first page. */
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: StoreError | null;
  loadingMore: boolean;
  moreError: StoreError | null;
}

export interface HistoryState {
  feeds: Record<HistoryKind, HistoryFeed>;
  /** Drops what was loaded and loads the first page (first show of a tab on a visit, retry). */
  refresh: (kind: HistoryKind) => Promise<void>;
  /** Appends the page after `nextCursor`; does nothing at the end or while a page is on its way. */
  loadMore: (kind: HistoryKind) => Promise<void>;
  reset: () => void;
}

const emptyFeed: HistoryFeed = { items: [], nextCursor: null, status: 'idle', error: null, loadingMore: false, moreError: null };
const initialFeeds = (): Record<HistoryKind, HistoryFeed> => ({ points: { ...emptyFeed }, growth: { ...emptyFeed } });

export function createHistoryStore(call: CallFn) {
  // Bumped per kind by refresh and reset: answers to older requests are dropped.
  const tokens: Record<HistoryKind, number> = { points: 0, growth: 0 };
  const pendingMore: Partial<Record<HistoryKind, Promise<void>>> = {};

  return createStore<HistoryState>()((set, get) => {
    const patch = (kind: HistoryKind, change: Partial<HistoryFeed>) =>
      set((s) => ({ feeds: { ...s.feeds, [kind]: { ...s.feeds[kind], ...change } } }));

    const fetchPage = (kind: HistoryKind, cursor?: string) =>
      call<HistoryPage>('member', 'history', cursor ? { kind, cursor } : { kind });

    return {
      feeds: initialFeeds(),

      refresh(kind) {
        const token = ++tokens[kind];
        delete pendingMore[kind];
        patch(kind, { ...emptyFeed, status: 'loading' });
        return fetchPage(kind).then(
          (page) => {
            if (token === tokens[kind]) patch(kind, { items: page.items, nextCursor: page.nextCursor, status: 'ready' });
          },
          (err) => {
            if (token === tokens[kind]) patch(kind, { status: 'error', error: toStoreError(err) });
          },
        );
      },

      loadMore(kind) {
        const feed = get().feeds[kind];
        if (pendingMore[kind]) return pendingMore[kind] as Promise<void>;
        if (feed.status !== 'ready' || !feed.nextCursor) return Promise.resolve();
        const token = tokens[kind];
        patch(kind, { loadingMore: true, moreError: null });
        const pending = fetchPage(kind, feed.nextCursor)
          .then(
            (page) => {
              if (token !== tokens[kind]) return;
              const items = get().feeds[kind].items;
              const seen = new Set(items.map((item) => item.id));
              patch(kind, {
                items: [...items, ...page.items.filter((item) => !seen.has(item.id))],
                nextCursor: page.nextCursor,
                loadingMore: false,
              });
            },
            (err) => {
              if (token === tokens[kind]) patch(kind, { loadingMore: false, moreError: toStoreError(err) });
            },
          )
          .finally(() => {
            if (pendingMore[kind] === pending) delete pendingMore[kind];
          });
        pendingMore[kind] = pending;
        return pending;
      },

      reset() {
        tokens.points += 1;
        tokens.growth += 1;
        delete pendingMore.points;
        delete pendingMore.growth;
        set({ feeds: initialFeeds() });
      },
    };
  });
}

export const historyStore = createHistoryStore(cloudCall);
onSessionReset(() => historyStore.getState().reset());
