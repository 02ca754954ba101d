// 积分商城 in the console: the item list (全部 / 已上架 / 未上架, a page at a time), the selected item, publishing and
// stock adjustments; and the editor of one item (create or edit every field), checked by the contract's own schema
// before sending. Each confirmation keeps its request id until it settles, so a double click or a retry after a
// network error saves once; a stale save shows who changed the item meanwhile (STALE_VERSION).
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { consoleCatalog } from '../../../../contract/consoleCatalog';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { uploadFile as weappUploadFile } from '../../services/upload';
import { H5_UPLOAD_MAX_BYTES, shrinkInBrowser, type Shrink } from './image-shrink';
import { inputProblem } from '../../services/check';
import { CloudError } from '../../services/cloud-error';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds } from '../../store/requestId';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type ConsoleItem = Output<'catalog', 'listItems'>['items'][number];
export type ItemFields = Input<'catalog', 'saveItem'>['item'];
export type ItemFilter = 'all' | 'published' | 'unpublished';
type Page = Output<'catalog', 'listItems'>;
type Saved = Output<'catalog', 'saveItem'>;

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
    const list = createResource(field(api, 'list'), (filter: ItemFilter) => call('catalog', 'listItems', { ...publishedOf(filter), pageSize: PAGE_SIZE }));
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
          const next = await call('catalog', 'listItems', { ...publishedOf(filter), pageSize: PAGE_SIZE, cursor: page.nextCursor });
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
        const done = await publish.run(() => publishIds.send(key, (requestId) => call('catalog', 'setItemPublished', { itemId: item.itemId, published, expectedVersion: item.version, requestId })));
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
        const done = await stock.run(() => stockIds.send(key, (requestId) => call('catalog', 'adjustStock', { ...input, requestId })));
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

/** An image the operator picked (Taro.chooseMedia's temp file; in H5 also the File itself). */
export interface PickedImage { tempFilePath: string; size: number; file?: Blob & { name?: string } }
/** An uploaded image: the cloud:// id to save, and a local URL to preview it until saved. */
export interface UploadedImage { fileId: string; previewUrl: string }

const MAX_IMAGE_MB = 2;
/** What H5 takes before redrawing (a phone photo of 10 MB is fine; the result must fit H5_UPLOAD_MAX_BYTES). */
const MAX_H5_ORIGINAL_MB = 20;

/** base64 of bytes, in chunks (a 2 MB image would overflow String.fromCharCode's arguments). */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function blobBytes(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') return new Uint8Array(await blob.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new CloudError('UPLOAD_FAILED', '读取图片失败，请重新选择'));
    reader.readAsArrayBuffer(blob);
  });
}

export type Tier = Page['tiers'][number];

export interface ItemEditorState {
  /** The item being edited (null: a new one). */
  item: Slot<ConsoleItem | null>;
  /** The rules' tier ladder (for the minimum tier). */
  tiers: Tier[];
  save: ActionSlot<Saved>;
  /** The last image upload (上传图片); the page puts its file id in the draft. */
  image: ActionSlot<UploadedImage>;
  /**
   * Uploads a picked image: in the mini-program straight to cloud storage (Taro.cloud.uploadFile; over 2 MB is
   * refused before anything is sent), in H5 through catalog.uploadItemImage (which checks the type by its bytes)
   * after redrawing a large image smaller (image-shrink.ts).
   */
  uploadImage: (picked: PickedImage) => Promise<UploadedImage | null>;
  /** Opens the editor: an existing item (loaded now) or a new one. */
  open: (itemId: string | null) => Promise<void>;
  /** Checks, then creates or saves; resolves the saved item, or null (the refusal is in `save.error`). */
  submit: (fields: ItemFields, initialStock?: number) => Promise<ConsoleItem | null>;
  reset: () => void;
}

export function createItemEditorStore(call: CallFn, onSaved: (item: ConsoleItem) => void = () => undefined, shrink: Shrink = shrinkInBrowser) {
  return createStore<ItemEditorState>()((set, get, api) => {
    const item = createResource(field(api, 'item'), async (itemId: string | null) => {
      const { items, tiers } = await call('catalog', 'listItems', itemId ? { itemId } : { pageSize: 1 });
      set({ tiers });
      if (!itemId) return null;
      if (!items[0]) throw new CloudError('NOT_FOUND', '商品不存在');
      return items[0];
    });
    const save = createAction(field(api, 'save'), { fresh: true });
    const image = createAction(field(api, 'image'), { fresh: true });
    const ids = createRequestIds();
    return {
      item: idle(),
      tiers: [],
      save: ready(),
      image: ready(),
      uploadImage(picked) {
        return image.run(async () => {
          if (process.env.TARO_ENV === 'weapp' || !picked.file) {
            if (picked.size > MAX_IMAGE_MB * 1024 * 1024) throw new CloudError('INVALID_INPUT', `图片不能超过 ${MAX_IMAGE_MB} MB`);
            return { fileId: await weappUploadFile(picked.tempFilePath, 'mall-items'), previewUrl: picked.tempFilePath };
          }
          if (picked.size > MAX_H5_ORIGINAL_MB * 1024 * 1024) throw new CloudError('INVALID_INPUT', `图片不能超过 ${MAX_H5_ORIGINAL_MB} MB`);
          const fitted = await shrink(picked.file).catch(() => { throw new CloudError('INVALID_INPUT', '无法读取这张图片，请选择 PNG、JPEG 或 WebP 图片'); });
          if (fitted.size > H5_UPLOAD_MAX_BYTES) throw new CloudError('INVALID_INPUT', '图片压缩后仍然过大，请换一张较小的图片');
          const fileName = (picked.file.name || 'image').slice(0, 100);
          const input = { fileName: fitted === picked.file ? fileName : fileName.replace(/\.\w+$/, '') + '.jpg', contentBase64: base64Of(await blobBytes(fitted)) };
          const problem = inputProblem(consoleCatalog.uploadItemImage.input, input);
          if (problem) throw problem;
          const { fileId } = await call('catalog', 'uploadItemImage', input);
          // The preview shows what was stored (the redrawn image), as members will see it.
          return { fileId, previewUrl: fitted === picked.file ? picked.tempFilePath : URL.createObjectURL(fitted) };
        });
      },
      open(itemId) {
        image.reset();
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
        const done = await save.run(() => ids.send(key, (requestId) => call('catalog', 'saveItem', { ...input, requestId })));
        if (!done) return null;
        // The editor now holds the saved version: a further save edits from it.
        set({ item: { data: done.item, status: 'ready', error: null } });
        onSaved(done.item);
        return done.item;
      },
      reset() {
        item.reset();
        save.reset();
        image.reset();
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
