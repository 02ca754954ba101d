// The points mall slice: the list, one item, redeeming (one request id per confirmation, reused on retry), the
// member's redemptions. Framework-free; pages use it through useMall.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { toStoreError, type StoreError } from '../../store/errors';
import { createRequestIds } from '../../store/requestId';
import { onSessionReset } from '../../store/session';
import type { MallDetail, MallList, RedeemResult, RedemptionView } from './types';

type Status = 'idle' | 'loading' | 'ready' | 'error';

export interface MallState {
  list: MallList | null;
  listStatus: Status;
  listError: StoreError | null;
  category: string | null;
  detail: MallDetail | null;
  detailStatus: Status;
  detailError: StoreError | null;
  redeeming: boolean;
  redeemError: StoreError | null;
  lastRedemption: RedeemResult | null;
  redemptions: RedemptionView[];
  redemptionsStatus: Status;
  redemptionsError: StoreError | null;
  loadList: (category?: string | null) => Promise<void>;
  loadDetail: (itemId: string) => Promise<void>;
  /** Redeems; the same confirmation retried keeps its request id, so it never redeems twice. */
  redeem: (input: { itemId: string; quantity: number; shipping?: { name: string; phone: string; address: string } }) => Promise<RedeemResult | null>;
  loadRedemptions: () => Promise<void>;
  cancel: (redemptionId: string) => Promise<boolean>;
  reset: () => void;
}

const initial = () => ({
  list: null as MallList | null, listStatus: 'idle' as Status, listError: null as StoreError | null, category: null as string | null, detail: null as MallDetail | null, detailStatus: 'idle' as Status, detailError: null as StoreError | null,
  redeeming: false, redeemError: null as StoreError | null, lastRedemption: null as RedeemResult | null, redemptions: [] as RedemptionView[], redemptionsStatus: 'idle' as Status, redemptionsError: null as StoreError | null,
});


export function createMallStore(call: CallFn) {
  const ids = createRequestIds();
  return createStore<MallState>()((set, get) => ({
    ...initial(),

    async loadList(category) {
      const cat = category === undefined ? get().category : category;
      set({ listStatus: 'loading', listError: null, category: cat });
      try {
        const list = await call<MallList>('mall', 'list', cat ? { category: cat } : {});
        if (get().category === cat) set({ list, listStatus: 'ready' });
      } catch (err) {
        set({ listStatus: 'error', listError: toStoreError(err) });
      }
    },

    async loadDetail(itemId) {
      set({ detailStatus: 'loading', detailError: null, redeemError: null });
      try {
        set({ detail: await call<MallDetail>('mall', 'detail', { itemId }), detailStatus: 'ready' });
      } catch (err) {
        set({ detailStatus: 'error', detailError: toStoreError(err) });
      }
    },

    async redeem(input) {
      if (get().redeeming) return null;
      const key = JSON.stringify(input);
      const requestId = ids.idFor(key);
      set({ redeeming: true, redeemError: null });
      try {
        const result = await call<RedeemResult>('mall', 'redeem', { ...input, requestId });
        ids.settle();
        set({ redeeming: false, lastRedemption: result });
        return result;
      } catch (err) {
        const error = toStoreError(err);
        ids.settle(error.code);
        set({ redeeming: false, redeemError: error });
        return null;
      }
    },

    async loadRedemptions() {
      set({ redemptionsStatus: 'loading', redemptionsError: null });
      try {
        const page = await call<{ items: RedemptionView[] }>('mall', 'myRedemptions', { pageSize: 50 });
        set({ redemptions: page.items, redemptionsStatus: 'ready' });
      } catch (err) {
        set({ redemptionsStatus: 'error', redemptionsError: toStoreError(err) });
      }
    },

    async cancel(redemptionId) {
      try {
        await call('mall', 'cancel', { redemptionId });
        await get().loadRedemptions();
        return true;
      } catch (err) {
        set({ redemptionsError: toStoreError(err) });
        return false;
      }
    },

    reset() {
      ids.reset();
      set({ ...initial() });
    },
  }));
}

export const mallStore = createMallStore(cloudCall);
onSessionReset(() => mallStore.getState().reset());

export function useMall<T>(selector: (state: MallState) => T): T {
  return useStore(mallStore, selector);
}
