// 发货 in the console: mailed items waiting or on their way (a page at a time), and recording a parcel or 已签收 with one
// request id per confirmation; the list reloads after each write, also after a refused stale one.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { consoleRedemptions } from '../../../../contract/consoleRedemptions';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { inputProblem } from '../../services/check';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds } from '../../store/requestId';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type ShipmentTab = Input<'admin', 'shipments'>['status'];
export type ShippingOrder = Output<'admin', 'shipments'>['items'][number];
type Page = Output<'admin', 'shipments'>;

export interface ShipmentsState {
  tab: ShipmentTab;
  list: Slot<Page>;
  more: boolean;
  save: ActionSlot<Output<'admin', 'updateShipment'>>;
  open: (tab: ShipmentTab) => Promise<void>;
  loadMore: () => Promise<void>;
  /** 发货 (or a correction), or with `delivered` 已签收. */
  ship: (order: ShippingOrder, parcel: { carrier: string; trackingNo: string; delivered?: boolean }) => Promise<boolean>;
  reset: () => void;
}

export function createShipmentsStore(call: CallFn) {
  return createStore<ShipmentsState>()((set, get, api) => {
    const list = createResource(field(api, 'list'), (status: ShipmentTab) => call('admin', 'shipments', { status }));
    const save = createAction(field(api, 'save'), { fresh: true });
    const ids = createRequestIds();
    return {
      tab: 'pending',
      list: idle(),
      more: false,
      save: ready(),
      open(tab) {
        set({ tab });
        save.reset();
        return list.load(tab);
      },
      async loadMore() {
        const page = get().list.data;
        if (!page?.nextCursor || get().more) return;
        const tab = get().tab;
        set({ more: true });
        try {
          const next = await call('admin', 'shipments', { status: tab, cursor: page.nextCursor });
          if (get().tab === tab && get().list.data === page) set({ list: { ...get().list, data: { ...next, items: [...page.items, ...next.items] } } });
        } finally {
          set({ more: false });
        }
      },
      async ship(order, parcel) {
        const input = {
          redemptionId: order.redemptionId, carrier: parcel.carrier.trim(), trackingNo: parcel.trackingNo.trim().toUpperCase(),
          ...(parcel.delivered ? { delivered: true } : {}), expectedVersion: order.version, requestId: 'unsent-0',
        };
        const problem = inputProblem(consoleRedemptions.updateShipment.input, input);
        const done = await save.run(() => (problem ? Promise.reject(problem) : ids.send(JSON.stringify(input), (requestId) => call('admin', 'updateShipment', { ...input, requestId }))));
        if (!problem) void list.reload();
        return done !== null;
      },
      reset() {
        list.reset();
        save.reset();
        ids.reset();
        set({ tab: 'pending', more: false });
      },
    };
  });
}

export const shipmentsStore = createShipmentsStore(cloudCall);
onSessionReset(() => shipmentsStore.getState().reset());

export function useShipments<T>(selector: (state: ShipmentsState) => T): T {
  return useStore(shipmentsStore, selector);
}
