// The points mall slice: the list, one item, redeeming (one request id per confirmation, reused on retry), the
// member's redemptions and cancelling one. Framework-free; pages use it through useMall.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { mall as mallContract } from '../../../../contract/mall';
import { inputProblem } from '../../services/check';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createRequestIds } from '../../store/requestId';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type RedemptionView = Output<'mall', 'myRedemptions'>['items'][number];
export type RedeemInput = Omit<Input<'mall', 'redeem'>, 'requestId'>;

export interface MallState {
  list: Slot<Output<'mall', 'list'>>;
  /** The category of the list shown (null: 全部): a switch that failed or is still loading leaves it as it was. */
  category: string | null;
  detail: Slot<Output<'mall', 'detail'>>;
  /** Redeeming: busy, the refusal or failure, the redemption made. */
  redemption: ActionSlot<Output<'mall', 'redeem'>>;
  redemptions: Slot<Output<'mall', 'myRedemptions'>>;
  cancellation: ActionSlot<Output<'mall', 'cancel'>>;
  /** Loads the list of `category` (default: the one shown); the answer of a category left meanwhile is dropped. */
  loadList: (category?: string | null) => Promise<void>;
  /** Asks again for the list last asked for (after a failure). */
  retryList: () => Promise<void>;
  loadDetail: (itemId: string) => Promise<void>;
  /** Redeems; the same confirmation retried keeps its request id, so it never redeems twice. */
  redeem: (input: RedeemInput) => Promise<Output<'mall', 'redeem'> | null>;
  loadRedemptions: () => Promise<void>;
  cancel: (redemptionId: string) => Promise<boolean>;
  reset: () => void;
}

/** Refusals of mall.redeem that say the shown balance, stock or limits were out of date. */
const STALE_AFTER = new Set(['INSUFFICIENT_POINTS', 'SOLD_OUT', 'LIMIT_REACHED', 'NOT_ELIGIBLE']);

export function createMallStore(call: CallFn) {
  const ids = createRequestIds();
  return createStore<MallState>()((set, get, api) => {
    const list = createResource(field(api, 'list'), (category: string | null) => call('mall', 'list', category ? { category } : {}));
    const detail = createResource(field(api, 'detail'), (itemId: string) => call('mall', 'detail', { itemId }));
    const redemption = createAction(field(api, 'redemption'));
    const redemptions = createResource(field(api, 'redemptions'), () => call('mall', 'myRedemptions', { pageSize: 50 }));
    const cancellation = createAction(field(api, 'cancellation'));
    const showCategory = () => set({ category: list.shown()?.param ?? null });

    return {
      list: idle(),
      category: null,
      detail: idle(),
      redemption: ready(),
      redemptions: idle(),
      cancellation: ready(),

      loadList(category) {
        return list.load(category === undefined ? get().category : category).then(showCategory);
      },

      retryList: () => list.reload().then(showCategory),

      loadDetail(itemId) {
        redemption.clearError();
        return detail.load(itemId);
      },

      redeem: (input) => redemption.run(() => {
        // The contract's rules first (the request id is made on sending): a bad address never leaves the phone.
        const problem = inputProblem(mallContract.redeem.input, { ...input, requestId: 'unsent-0' });
        if (problem) return Promise.reject(problem);
        return ids.send(JSON.stringify(input), (requestId) => call('mall', 'redeem', { ...input, requestId }));
      }).then((result) => {
        // A refusal about points, stock or limits means the item as shown is out of date: show it as it is now.
        if (!result && STALE_AFTER.has(get().redemption.error?.code ?? '')) void detail.reload();
        return result;
      }),

      loadRedemptions() {
        cancellation.clearError();
        return redemptions.load();
      },

      async cancel(redemptionId) {
        const done = await cancellation.run(() => call('mall', 'cancel', { redemptionId }));
        if (done) await redemptions.reload();
        return done !== null;
      },

      reset() {
        ids.reset();
        set({ category: null });
        for (const r of [list, detail, redemptions, redemption, cancellation]) r.reset();
      },
    };
  });
}

export const mallStore = createMallStore(cloudCall);
onSessionReset(() => mallStore.getState().reset());

export function useMall<T>(selector: (state: MallState) => T): T {
  return useStore(mallStore, selector);
}
