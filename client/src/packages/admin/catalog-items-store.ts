// 积分商城 in the console: the item list (全部 / 已上架 / 未上架, a page at a time), the selected item, publishing and
// stock adjustments; and the editor of one item (create or edit every field), checked by the contract's own schema
// before sending. Each confirmation keeps its request id until it settles, so a double click or a retry after a
// network error saves once; a stale save shows who changed the item meanwhile (STALE_VERSION).
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { consoleCatalog } from '../../../../contract/consoleCatalog';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { inputProblem } from '../../services/check';
import { CloudError } from '../../services/cloud-error';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds } from '../../store/requestId';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type ConsoleItem = Output<'admin', 'listItems'>['items'][number];
export type ItemFields = Input<'admin', 'saveItem'>['item'];
export type ItemFilter = 'all' | 'published' | 'unpublished';
type Page = Output<'admin', 'listItems'>;
type Saved = Output<'admin', 'saveItem'>;

const PAGE_SIZE = 20;
const publishedOf = (filter: ItemFilter) => (filter === 'all' ? {} : { published: filter === 'published' });

export interface ItemsState {
  filter: ItemFilter;
  list: Slot<Page>;
  /** A further page is loading. */
  more: boolean;
  selectedId: string | null;
  publish: ActionSlot<Saved>;
  stock: ActionSlot<Saved>;
  load: (filter?: ItemFilter) => Promise<void>;
  loadMore: () => Promise<void>;
  select: (itemId: string | null) => void;
  /** Puts a saved item in the list (after an edit elsewhere). */
  replace: (item: ConsoleItem) => void;
  setPublished: (item: ConsoleItem, published: boolean) => Promise<boolean>;
  adjustStock: (itemId: string, delta: number, reason: string) => Promise<boolean>;
  reset: () => void;
}

export function createItemsStore(call: CallFn) {
  return createStore<ItemsState>()((set, get, api) => {
    const list = createResource(field(api, 'list'), (filter: ItemFilter) => call('admin', 'listItems', { ...publishedOf(filter), pageSize: PAGE_SIZE }));
    const publish = createAction(field(api, 'publish'), { fresh: true });
    const stock = createAction(field(api, 'stock'), { fresh: true });
    const publishIds = createRequestIds();
    const stockIds = createRequestIds();
    const replace = (item: ConsoleItem) => {
      const page = get().list.data;
      if (!page) return;
      const known = page.items.some((i) => i.itemId === item.itemId);
      set({ list: { ...get().list, data: { ...page, items: known ? page.items.map((i) => (i.itemId === item.itemId ? item : i)) : [item, ...page.items] } } });
    };
    return {
      filter: 'all',
      list: idle(),
      more: false,
      selectedId: null,
      publish: ready(),
      stock: ready(),
      load(filter = get().filter) {
        set({ filter });
        return list.load(filter);
      },
      async loadMore() {
        const page = get().list.data;
        if (!page?.nextCursor || get().more) return;
        const filter = get().filter;
        set({ more: true });
        try {
          const next = await call('admin', 'listItems', { ...publishedOf(filter), pageSize: PAGE_SIZE, cursor: page.nextCursor });
          const now = get().list.data;
          if (get().filter === filter && now === page) set({ list: { ...get().list, data: { ...next, items: [...page.items, ...next.items] } } });
        } finally {
          set({ more: false });
        }
      },
      select(itemId) {
        set({ selectedId: itemId });
        publish.reset();
        stock.reset();
      },
      replace,
      async setPublished(item, published) {
        const key = `${item.itemId}:${item.version}:${published}`;
        const done = await publish.run(() => publishIds.send(key, (requestId) => call('admin', 'setItemPublished', { itemId: item.itemId, published, expectedVersion: item.version, requestId })));
        if (done) replace(done.item);
        return done !== null;
      },
      async adjustStock(itemId, delta, reason) {
        const input = { itemId, delta, reason, requestId: 'unsent-0' };
        const problem = inputProblem(consoleCatalog.adjustStock.input, input);
        if (problem) {
          await stock.run(() => Promise.reject(problem));
          return false;
        }
        const key = `${itemId}:${delta}:${reason}`;
        const done = await stock.run(() => stockIds.send(key, (requestId) => call('admin', 'adjustStock', { ...input, requestId })));
        if (done) replace(done.item);
        return done !== null;
      },
      reset() {
        set({ filter: 'all', selectedId: null, more: false });
        list.reset();
        publish.reset();
        stock.reset();
        publishIds.reset();
        stockIds.reset();
      },
    };
  });
}

export const itemsStore = createItemsStore(cloudCall);
onSessionReset(() => itemsStore.getState().reset());

export function useItems<T>(selector: (state: ItemsState) => T): T {
  return useStore(itemsStore, selector);
}

// The editor of one item.

export type Tier = Page['tiers'][number];

export interface ItemEditorState {
  /** The item being edited (null: a new one). */
  item: Slot<ConsoleItem | null>;
  /** The rules' tier ladder (for the minimum tier). */
  tiers: Tier[];
  save: ActionSlot<Saved>;
  /** Opens the editor: an existing item (loaded now) or a new one. */
  open: (itemId: string | null) => Promise<void>;
  /** Checks, then creates or saves; resolves the saved item, or null (the refusal is in `save.error`). */
  submit: (fields: ItemFields, initialStock?: number) => Promise<ConsoleItem | null>;
  reset: () => void;
}

export function createItemEditorStore(call: CallFn, onSaved: (item: ConsoleItem) => void = () => undefined) {
  return createStore<ItemEditorState>()((set, get, api) => {
    const item = createResource(field(api, 'item'), async (itemId: string | null) => {
      const { items, tiers } = await call('admin', 'listItems', itemId ? { itemId } : { pageSize: 1 });
      set({ tiers });
      if (!itemId) return null;
      if (!items[0]) throw new CloudError('NOT_FOUND', '商品不存在');
      return items[0];
    });
    const save = createAction(field(api, 'save'), { fresh: true });
    const ids = createRequestIds();
    return {
      item: idle(),
      tiers: [],
      save: ready(),
      open(itemId) {
        save.reset();
        ids.reset();
        return item.load(itemId);
      },
      async submit(fields, initialStock) {
        const current = get().item.data;
        const target = current ? { itemId: current.itemId, expectedVersion: current.version } : { ...(initialStock === undefined ? {} : { stock: initialStock }) };
        const input = { ...target, item: fields, requestId: 'unsent-0' };
        const problem = inputProblem(consoleCatalog.saveItem.input, input);
        if (problem) {
          await save.run(() => Promise.reject(problem));
          return null;
        }
        const key = JSON.stringify(input);
        const done = await save.run(() => ids.send(key, (requestId) => call('admin', 'saveItem', { ...input, requestId })));
        if (!done) return null;
        // The editor now holds the saved version: a further save edits from it.
        set({ item: { data: done.item, status: 'ready', error: null } });
        onSaved(done.item);
        return done.item;
      },
      reset() {
        item.reset();
        save.reset();
        ids.reset();
      },
    };
  });
}

export const itemEditorStore = createItemEditorStore(cloudCall, (item) => itemsStore.getState().replace(item));
onSessionReset(() => itemEditorStore.getState().reset());

export function useItemEditor<T>(selector: (state: ItemEditorState) => T): T {
  return useStore(itemEditorStore, selector);
}
