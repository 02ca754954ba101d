// 积分商城 in the console: every item (全部 / 已上架 / 未上架) as a table, a page at a time; the selected item beside it
// on a desktop (below it on a phone) with what a member sees. Operators and admins create, edit, publish and adjust
// stock; managers and analysts only read.
import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import ConsoleShell from '../components/ConsoleShell';
import CatalogItemDetail, { saleStateName } from '../components/CatalogItemDetail';
import { itemsStore, useItems, type ItemFilter } from '../catalog-items-store';
import { mayRun } from '../catalog-format';
import { placesStore, usePlaces } from '../catalog-places-store';
import { useConsoleSession } from '../session-store';
import '../catalog.scss';

const FILTERS: Array<{ key: ItemFilter; name: string }> = [{ key: 'all', name: '全部' }, { key: 'published', name: '已上架' }, { key: 'unpublished', name: '未上架' }];
const URL = '/packages/admin/items/index';

export default function ConsoleItems() {
  const session = useConsoleSession((s) => s.session.data);
  const { data: page, status, error } = useItems((s) => s.list);
  const filter = useItems((s) => s.filter);
  const more = useItems((s) => s.more);
  const selectedId = useItems((s) => s.selectedId);
  const canEdit = mayRun(session?.role, 'saveItem');

  const places = usePlaces((s) => s.stores.data);
  const formatNames = Object.fromEntries((places?.formats ?? []).map((f) => [f.format, f.formatName]));
  const storeNames = Object.fromEntries((places?.items ?? []).map((st) => [st.storeId, st.name]));

  useDidShow(() => {
    void itemsStore.getState().load();
    void placesStore.getState().loadStores();
  });
  useEffect(() => {
    if (!selectedId && page?.items[0]) itemsStore.getState().select(page.items[0].itemId);
  }, [page, selectedId]);
  const selected = page?.items.find((i) => i.itemId === selectedId) ?? null;
  // On a phone the detail is below the list: bring it into view.
  const open = (itemId: string) => {
    itemsStore.getState().select(itemId);
    if (Taro.getSystemInfoSync().windowWidth < 900) setTimeout(() => void Taro.pageScrollTo({ selector: '.catalog-item-detail', duration: 200 }).catch(() => undefined), 50);
  };

  return (
    <ConsoleShell current={URL} title='积分商城'>
      <View className='console-tabs'>
        {FILTERS.map((f) => (
          <Text key={f.key} className={`console-tab catalog-filter${f.key === filter ? ' console-tab--active' : ''}`} data-filter={f.key} onClick={() => void itemsStore.getState().load(f.key)}>{f.name}</Text>
        ))}
        {canEdit && <Text className='console-tab catalog-new' onClick={() => void Taro.navigateTo({ url: '/packages/admin/item/index' })}>＋ 新建商品</Text>}
      </View>
      <View className='console-split'>
        <View className='console-split__list console-card'>
          <View className='console-table catalog-items'>
            <View className='console-row console-row--head'>
              <Text className='console-cell console-cell--wide'>商品</Text>
              <Text className='console-cell'>类型</Text>
              <Text className='console-cell console-cell--num'>积分</Text>
              <Text className='console-cell console-cell--num'>库存</Text>
              <Text className='console-cell'>状态</Text>
            </View>
            {page?.items.map((i) => (
              <View key={i.itemId} className={`console-row catalog-item-row${i.itemId === selectedId ? ' console-row--selected' : ''}`} data-item={i.itemId} onClick={() => open(i.itemId)}>
                <Text className='console-cell console-cell--wide catalog-item-row__name'>{i.name}</Text>
                <Text className='console-cell'>{i.kindName}</Text>
                <Text className='console-cell console-cell--num'>{i.pointsPrice}</Text>
                <Text className='console-cell console-cell--num catalog-item-row__stock'>{i.stock}</Text>
                <Text className={`console-cell catalog-item-row__state`}><Text className={`console-badge${i.active ? ' console-badge--ok' : ' console-badge--off'}`}>{saleStateName(i.saleState)}</Text></Text>
              </View>
            ))}
          </View>
          {page?.items.length === 0 && <Text className='console-empty'>暂无商品</Text>}
          {!page && status !== 'error' && <Text className='console-empty'>加载中…</Text>}
          {status === 'error' && error && <Text className='console-error'>{error.message}</Text>}
          {page?.nextCursor && <Text className='catalog-more' onClick={() => void itemsStore.getState().loadMore()}>{more ? '加载中…' : '加载更多'}</Text>}
        </View>
        <View className='console-split__detail'>
          {selected ? <CatalogItemDetail item={selected} canEdit={canEdit} formatNames={formatNames} storeNames={storeNames} /> : <Text className='console-empty'>选择一个商品查看详情</Text>}
        </View>
      </View>
    </ConsoleShell>
  );
}
