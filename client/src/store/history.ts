// 积分明细 and 成长值明细: one feed per kind, its first page a Resource and each further page an Action that appends.
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../services/cloud';
import { createAction, ready, type ActionSlot } from './action';
import { createResource, idle, type Host, type Slot } from './resource';
import { onSessionReset } from './session';

export type HistoryKind = Input<'member', 'history'>['kind'];
export type HistoryPage = Output<'member', 'history'>;
export type HistoryEntry = HistoryPage['items'][number];

/** The pages loaded so far (`data`: their items and the cursor of the next one) and the state of loading more. */
export interface HistoryFeed extends Slot<HistoryPage> {
  more: ActionSlot<HistoryPage>;
}

export interface HistoryState {
  feeds: Record<HistoryKind, HistoryFeed>;
  /** Drops what was loaded and loads the first page (first show of a tab on a visit, retry). */
  refresh: (kind: HistoryKind) => Promise<void>;
  /** Appends the page after the last one; does nothing at the end or while a page is on its way. */
  loadMore: (kind: HistoryKind) => Promise<void>;
  reset: () => void;
}

const KINDS: readonly HistoryKind[] = ['points', 'growth'];
const emptyFeed = (): HistoryFeed => ({ ...idle(), more: ready() });

export function createHistoryStore(call: CallFn) {
  return createStore<HistoryState>()((set, get) => {
    const feedOf = (kind: HistoryKind): Host<HistoryFeed> => ({
      get: () => get().feeds[kind],
      set: (patch) => set((s) => ({ feeds: { ...s.feeds, [kind]: { ...s.feeds[kind], ...patch } } })),
    });
    const moreOf = (kind: HistoryKind): Host<ActionSlot<HistoryPage>> => ({
      get: () => get().feeds[kind].more,
      set: (patch) => feedOf(kind).set({ more: { ...get().feeds[kind].more, ...patch } }),
    });
    const fetchPage = (kind: HistoryKind, cursor?: string) => call('member', 'history', cursor ? { kind, cursor } : { kind });
    const feeds = {
      points: { first: createResource(feedOf('points'), () => fetchPage('points')), more: createAction(moreOf('points')) },
      growth: { first: createResource(feedOf('growth'), () => fetchPage('growth')), more: createAction(moreOf('growth')) },
    };

    return {
      feeds: { points: emptyFeed(), growth: emptyFeed() },

      refresh(kind) {
        feeds[kind].more.reset();
        feeds[kind].first.reset();
        return feeds[kind].first.load();
      },

      async loadMore(kind) {
        const feed = get().feeds[kind];
        const cursor = feed.data?.nextCursor;
        if (feed.status !== 'ready' || !cursor) return;
        await feeds[kind].more.run(() => fetchPage(kind, cursor), (page) => {
          const items = get().feeds[kind].data?.items ?? [];
          const seen = new Set(items.map((item) => item.id));
          feedOf(kind).set({ data: { items: [...items, ...page.items.filter((item) => !seen.has(item.id))], nextCursor: page.nextCursor } });
        });
      },

      reset() {
        for (const kind of KINDS) {
          feeds[kind].more.reset();
          feeds[kind].first.reset();
        }
      },
    };
  });
}

export const historyStore = createHistoryStore(cloudCall);
onSessionReset(() => historyStore.getState().reset());
