// What a page shows of a slot (client/src/store/resource.ts): a failed refresh keeps loaded data on screen as
// `stale` (a banner), `failed` only when there is nothing to show; `shown` names the parameter of the data in the slot.
import { expect, test } from '@jest/globals';
import { createStore } from 'zustand/vanilla';
import { createResource, field, idle, viewOf, type Slot } from '../../../client/src/store/resource';
import { CloudError } from '../../../client/src/services/cloud-error';

const network = { code: 'NETWORK', message: '网络异常，请稍后重试' };

test('viewOf: loading, failed without data, stale over data', () => {
  expect(viewOf(idle<string>())).toEqual({ data: null, loading: true, failed: null, stale: null });
  expect(viewOf<string>({ data: null, status: 'error', error: network })).toEqual({ data: null, loading: false, failed: network, stale: null });
  expect(viewOf<string>({ data: 'card', status: 'error', error: network })).toEqual({ data: 'card', loading: false, failed: null, stale: network });
  expect(viewOf<string>({ data: 'card', status: 'loading', error: null })).toEqual({ data: 'card', loading: false, failed: null, stale: null });
});

test('shown: a failed load for another parameter leaves the data, and its parameter, of the last answer', async () => {
  const store = createStore<{ list: Slot<string> }>()(() => ({ list: idle<string>() }));
  const list = createResource(field(store, 'list'), (category: string | null) =>
    category === '优惠券' ? Promise.reject(new CloudError('NETWORK', network.message)) : Promise.resolve(`list of ${category ?? '全部'}`));
  expect(list.shown()).toBeNull();
  await list.load(null);
  expect(list.shown()).toEqual({ param: null });
  await list.load('优惠券');
  expect(store.getState().list).toEqual({ data: 'list of 全部', status: 'error', error: network });
  expect(list.shown()).toEqual({ param: null });
  await list.load('实物好礼');
  expect(list.shown()).toEqual({ param: '实物好礼' });
  list.reset();
  expect(list.shown()).toBeNull();
});
