// The console's catalog stores: the item list (filters, pages, publishing, stock adjustments in place), the item
// editor (checked by the contract before sending, one request id per confirmation, a stale save kept with its
// message), stores and activities saved with the version they were loaded at, channels whose secret is shown once.
import { describe, expect, test } from '@jest/globals';
import type { Output } from '../../../contract';
import { createItemEditorStore, createItemsStore, type ConsoleItem } from '../../../client/src/packages/admin/catalog-items-store';
import { createPlacesStore } from '../../../client/src/packages/admin/catalog-places-store';
import { createChannelsStore } from '../../../client/src/packages/admin/catalog-channels-store';
import { networkError } from '../../../client/src/services/cloud-error';
import { deferred, fakeCall, refusal, settle } from './fakes';

const consoleItem = (itemId: string, extra: Partial<ConsoleItem> = {}): ConsoleItem => ({
  itemId, kind: 'coupon', kindName: '优惠券', name: `商品 ${itemId}`, category: '优惠券', description: '', image: null, imageUrl: null, pointsPrice: 100,
  faceValueFen: 1000, membershipMonths: null, stock: 10, sold: 0, perOrderLimit: 0, perMemberLimit: 0, minTierLevel: 0, minTierName: null,
  saleStart: null, saleEnd: null, fundedBy: { format: 'mall', storeId: null }, redeemAt: null, voucherValidDays: 30, sort: 1, active: false,
  saleState: 'unpublished', version: 1, lastWrite: null, stockLog: [], ...extra,
});

const TIERS = [{ level: 1, name: '普通会员' }, { level: 2, name: '银牌会员' }];

const fields = { kind: 'coupon' as const, name: '新券', category: '优惠券', description: '', pointsPrice: 100, perOrderLimit: 0, perMemberLimit: 0, minTierLevel: 0, fundedBy: { format: 'mall' }, voucherValidDays: 30, sort: 1 };

describe('items store', () => {
  test('a filter loads its first page; 加载更多 appends the next page by cursor', async () => {
    const fake = fakeCall({
      catalog: {
        listItems: (input) => (input.cursor ? { items: [consoleItem('c')], nextCursor: null, tiers: TIERS } : { items: [consoleItem('a'), consoleItem('b')], nextCursor: '1:b', tiers: TIERS }),
      },
    });
    const store = createItemsStore(fake.call);
    await store.getState().load('published');
    expect(fake.inputs('catalog.listItems')).toEqual([{ published: true, pageSize: 20 }]);
    await store.getState().loadMore();
    expect(fake.inputs('catalog.listItems')[1]).toEqual({ published: true, pageSize: 20, cursor: '1:b' });
    expect(store.getState().list.data?.items.map((i) => i.itemId)).toEqual(['a', 'b', 'c']);
    expect(store.getState().list.data?.nextCursor).toBeNull();
    await store.getState().loadMore();
    expect(fake.count('catalog.listItems')).toBe(2);
  });

  test('publishing sends the loaded version and puts the answer in the list; a stale refusal is kept', async () => {
    const fake = fakeCall({
      catalog: {
        listItems: () => ({ items: [consoleItem('a')], nextCursor: null, tiers: TIERS }),
        setItemPublished: (input, n) => {
          if (n === 1) throw refusal('STALE_VERSION', '已被他人修改，请刷新：运营小李 于 2026-12-01 10:00 修改了 名称');
          return { item: consoleItem('a', { active: true, saleState: 'onSale', version: 2 }), replayed: false };
        },
      },
    });
    const store = createItemsStore(fake.call);
    await store.getState().load();
    const a = store.getState().list.data!.items[0];
    expect(await store.getState().setPublished(a, true)).toBe(true);
    expect(fake.inputs('catalog.setItemPublished')[0]).toMatchObject({ itemId: 'a', published: true, expectedVersion: 1 });
    expect(store.getState().list.data!.items[0]).toMatchObject({ active: true, version: 2 });
    expect(await store.getState().setPublished(a, false)).toBe(false);
    expect(store.getState().publish.error).toEqual({ code: 'STALE_VERSION', message: '已被他人修改，请刷新：运营小李 于 2026-12-01 10:00 修改了 名称' });
  });

  test('a stock adjustment the contract refuses is not sent; a retry after a network error keeps its request id', async () => {
    const fake = fakeCall({
      catalog: {
        listItems: () => ({ items: [consoleItem('a')], nextCursor: null, tiers: TIERS }),
        adjustStock: (_input, n) => {
          if (n === 0) throw networkError();
          return { item: consoleItem('a', { stock: 15 }), replayed: false };
        },
      },
    });
    const store = createItemsStore(fake.call);
    await store.getState().load();
    expect(await store.getState().adjustStock('a', 5, '补')).toBe(false);
    expect(store.getState().stock.error).toEqual({ code: 'INVALID_INPUT', message: '原因长度不能少于 2 个字' });
    expect(fake.count('catalog.adjustStock')).toBe(0);
    expect(await store.getState().adjustStock('a', 5, '补货到店')).toBe(false);
    expect(await store.getState().adjustStock('a', 5, '补货到店')).toBe(true);
    const [first, second] = fake.inputs('catalog.adjustStock');
    expect(second.requestId).toBe(first.requestId);
    expect(store.getState().list.data!.items[0].stock).toBe(15);
  });
});

describe('item editor', () => {
  test('a new item is checked by the contract, created once while a save is under way, and put in the list', async () => {
    const answer = deferred<Output<'catalog', 'saveItem'>>();
    const fake = fakeCall({ catalog: { listItems: () => ({ items: [], nextCursor: null, tiers: TIERS }), saveItem: () => answer.promise } });
    const saved: ConsoleItem[] = [];
    const editor = createItemEditorStore(fake.call, (i) => saved.push(i));
    await editor.getState().open(null);
    expect(editor.getState().item.data).toBeNull();
    expect(fake.inputs('catalog.listItems')).toEqual([{ pageSize: 1 }]);
    expect(editor.getState().tiers).toEqual(TIERS);
    expect(await editor.getState().submit({ ...fields, name: '' }, 5)).toBeNull();
    expect(editor.getState().save.error).toEqual({ code: 'INVALID_INPUT', message: '商品名称不能为空' });
    const first = editor.getState().submit(fields, 5);
    const second = editor.getState().submit(fields, 5);
    await settle();
    answer.resolve({ item: consoleItem('new', { name: '新券', stock: 5 }), replayed: false });
    expect((await first)?.itemId).toBe('new');
    expect(await second).toBeNull();
    expect(fake.count('catalog.saveItem')).toBe(1);
    expect(fake.inputs('catalog.saveItem')[0]).toMatchObject({ item: fields, stock: 5 });
    expect(fake.inputs('catalog.saveItem')[0]).not.toHaveProperty('expectedVersion');
    expect(saved.map((i) => i.itemId)).toEqual(['new']);
    // The editor now holds version 1: a further save edits it.
    expect(editor.getState().item.data?.version).toBe(1);
  });

  test('an edit sends the loaded version; STALE_VERSION is shown; reopening loads the other version', async () => {
    let version = 3;
    const fake = fakeCall({
      catalog: {
        listItems: () => ({ items: [consoleItem('a', { version })], nextCursor: null, tiers: TIERS }),
        saveItem: () => { throw refusal('STALE_VERSION', '已被他人修改，请刷新：运营小张 于 2026-12-01 10:00 修改了 所需积分'); },
      },
    });
    const editor = createItemEditorStore(fake.call);
    await editor.getState().open('a');
    expect(fake.inputs('catalog.listItems')).toEqual([{ itemId: 'a' }]);
    expect(await editor.getState().submit(fields)).toBeNull();
    expect(fake.inputs('catalog.saveItem')[0]).toMatchObject({ itemId: 'a', expectedVersion: 3 });
    expect(fake.inputs('catalog.saveItem')[0]).not.toHaveProperty('stock');
    expect(editor.getState().save.error?.message).toMatch(/^已被他人修改，请刷新：运营小张/);
    version = 4;
    await editor.getState().open('a');
    expect(editor.getState().save.error).toBeNull();
    expect(editor.getState().item.data?.version).toBe(4);
  });
});

describe('stores, activities and channels', () => {
  test('a store edit carries its version; a new one none; the list reloads after a save', async () => {
    const store = { storeId: 's1', name: '一店', format: 'mall', formatName: '购物中心', address: null, hours: null, phone: null, location: null, version: 2, lastWrite: null };
    const fake = fakeCall({
      catalog: {
        listStores: () => ({ items: [store], formats: [{ format: 'mall', formatName: '购物中心' }] }),
        saveStore: (input) => ({ store: { ...store, storeId: input.storeId, version: (input.expectedVersion ?? 0) + 1 }, replayed: false }),
      },
    });
    const places = createPlacesStore(fake.call);
    await places.getState().loadStores();
    expect(await places.getState().submitStore('s1', { name: '一店（改）', format: 'mall', formatName: '购物中心' }, store)).toBe(true);
    expect(await places.getState().submitStore('s2', { name: '二店', format: 'mall', formatName: '购物中心' }, null)).toBe(true);
    const [edit, create] = fake.inputs('catalog.saveStore');
    expect(edit).toMatchObject({ storeId: 's1', expectedVersion: 2 });
    expect(create).not.toHaveProperty('expectedVersion');
    // A place with one number missing is refused before sending, naming the field.
    expect(await places.getState().submitStore('s3', { name: '三店', format: 'mall', formatName: '购物中心', location: { latitude: 31.2, longitude: Number.NaN } }, null)).toBe(false);
    expect(places.getState().saveStore.error?.code).toBe('INVALID_INPUT');
    expect(fake.count('catalog.saveStore')).toBe(2);
    await settle();
    expect(fake.count('catalog.listStores')).toBe(3);
  });

  test('an activity the contract refuses is not sent', async () => {
    const fake = fakeCall({ catalog: {} });
    const places = createPlacesStore(fake.call);
    expect(await places.getState().submitActivity('Y', { name: '瑜伽', storeIds: [], startAt: '2027-01-01T10:00:00+08:00', endAt: '2027-01-02T10:00:00+08:00', active: true }, null)).toBe(false);
    expect(places.getState().saveActivity.error?.code).toBe('INVALID_INPUT');
    expect(fake.sent).toEqual([]);
  });

  test('a created or rotated channel reveals its secret until dismissed; rotation sends the version and overlap', async () => {
    const channel = {
      channelId: 'shop', name: '网店', active: true, fingerprint: 'abcd1234', replayWindowSeconds: 300, previousFingerprint: null, previousSecretUntil: null,
      createdAt: null, rotatedAt: null, version: 1, lastWrite: null,
    };
    const fake = fakeCall({
      catalog: {
        listChannels: () => ({ items: [channel] }),
        createChannel: () => ({ channel, secret: 'first-secret', replayed: false }),
        rotateChannelSecret: () => ({ channel: { ...channel, version: 2 }, secret: 'second-secret', replayed: false }),
      },
    });
    const channels = createChannelsStore(fake.call);
    await channels.getState().load();
    expect(await channels.getState().create('shop', '网店')).toBe(true);
    expect(channels.getState().revealed).toEqual({ channelId: 'shop', secret: 'first-secret', rotated: false });
    channels.getState().dismiss();
    expect(channels.getState().revealed).toBeNull();
    expect(await channels.getState().rotate(channel, 12)).toBe(true);
    expect(fake.inputs('catalog.rotateChannelSecret')[0]).toMatchObject({ channelId: 'shop', expectedVersion: 1, overlapHours: 12 });
    expect(channels.getState().revealed).toEqual({ channelId: 'shop', secret: 'second-secret', rotated: true });
    channels.getState().reset();
    expect(channels.getState().revealed).toBeNull();
  });
});
