// 操作日志: pages of the staff audit trail for a filter; `more` appends the next page.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { toStoreError, type StoreError } from '../../store/errors';
import { onSessionReset } from '../../store/session';

export type AuditEntry = Output<'admin', 'auditLog'>['items'][number];
export type AuditFilter = Omit<Input<'admin', 'auditLog'>, 'cursor' | 'pageSize'>;

export interface AuditState {
  filter: AuditFilter;
  items: AuditEntry[];
  nextCursor: string | null;
  busy: boolean;
  error: StoreError | null;
  /** The first page of `filter`; an answer for a filter left meanwhile is dropped. */
  search: (filter: AuditFilter) => Promise<void>;
  more: () => Promise<void>;
  reset: () => void;
}

export function createAuditStore(call: CallFn) {
  return createStore<AuditState>()((set, get) => {
    let generation = 0;
    const fetchPage = (filter: AuditFilter, cursor: string | null, append: boolean) => {
      const mine = ++generation;
      set({ busy: true, error: null, ...(append ? {} : { filter, items: [], nextCursor: null }) });
      return call('admin', 'auditLog', { ...filter, ...(cursor ? { cursor } : {}) }).then(
        (page) => {
          if (mine === generation) set({ busy: false, items: append ? [...get().items, ...page.items] : page.items, nextCursor: page.nextCursor });
        },
        (err: unknown) => {
          if (mine === generation) set({ busy: false, error: toStoreError(err) });
        },
      );
    };
    return {
      filter: {},
      items: [],
      nextCursor: null,
      busy: false,
      error: null,
      search: (filter) => fetchPage(filter, null, false),
      more: () => (get().nextCursor && !get().busy ? fetchPage(get().filter, get().nextCursor, true) : Promise.resolve()),
      reset() {
        generation += 1;
        set({ filter: {}, items: [], nextCursor: null, busy: false, error: null });
      },
    };
  });
}

export const auditStore = createAuditStore(cloudCall);
onSessionReset(() => auditStore.getState().reset());

export function useAudit<T>(selector: (state: AuditState) => T): T {
  return useStore(auditStore, selector);
}
