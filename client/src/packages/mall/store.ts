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
/** A tab of 我的兑换: 待使用 / 已使用 / 已取消, filtered by the server. */
export type RedemptionTab = NonNullable<Input<'mall', 'myRedemptions'>['status']>;
export const REDEMPTION_PAGE = 20;

export interface MallState {
  list: Slot<Output<'mall', 'list'>>;
  /** The category of the list shown (null: 全部): a switch that failed or is still loading leaves it as it was. */
  category: string | null;
  detail: Slot<Output<'mall', 'detail'>>;
  /** Redeeming: busy, the refusal or failure, the redemption made. */
  redemption: ActionSlot<Output<'mall', 'redeem'>>;
  redemptions: Slot<Output<'mall', 'myRedemptions'>>;
  /** The tab of the redemptions shown (a switch under way or failed leaves it as it was). */
  redemptionTab: RedemptionTab;
  /** 加载更多: the next page of the tab shown, appended; busy and its error. */
  more: ActionSlot<Output<'mall', 'myRedemptions'>>;
  cancellation: ActionSlot<Output<'mall', 'cancel'>>;
  /** Loads the list of `category` (default: the one shown); the answer of a category left meanwhile is dropped. */
  loadList: (category?: string | null) => Promise<void>;
  /** Asks again for the list last asked for (after a failure). */
  retryList: () => Promise<void>;
  loadDetail: (itemId: string) => Promise<void>;
  /** Redeems; the same confirmation retried keeps its request id, so it never redeems twice. */
  redeem: (input: RedeemInput) => Promise<Output<'mall', 'redeem'> | null>;
  /** The first page of `tab` (default: the tab shown). */
  loadRedemptions: (tab?: RedemptionTab) => Promise<void>;
  /** Appends the next page of the tab shown (nothing when there is none). */
  loadMoreRedemptions: () => Promise<void>;
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
    const redemptions = createResource(field(api, 'redemptions'), (tab: RedemptionTab) => call('mall', 'myRedemptions', { status: tab, pageSize: REDEMPTION_PAGE }));
    const more = createAction(field(api, 'more'));
    const showTab = () => set({ redemptionTab: redemptions.shown()?.param ?? get().redemptionTab });
    const cancellation = createAction(field(api, 'cancellation'));
    const showCategory = () => set({ category: list.shown()?.param ?? null });

    return {
      list: idle(),
      category: null,
      detail: idle(),
      redemption: ready(),
      redemptions: idle(),
      redemptionTab: 'toUse',
      more: ready(),
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

      loadRedemptions(tab) {
        cancellation.clearError();
        more.clearError();
        return redemptions.load(tab ?? get().redemptionTab).then(showTab);
      },

      loadMoreRedemptions() {
        const shown = get().redemptions.data;
        const tab = redemptions.shown()?.param;
        if (!shown?.nextCursor || !tab || get().more.busy) return Promise.resolve();
        return more.run(() => call('mall', 'myRedemptions', { status: tab, cursor: shown.nextCursor!, pageSize: REDEMPTION_PAGE })).then((page) => {
          // Appended only onto the list it continues (not after a tab switch or a reload meanwhile).
          const now = get().redemptions;
          if (page && now.data === shown) set({ redemptions: { ...now, data: { items: [...shown.items, ...page.items], nextCursor: page.nextCursor } } });
        });
      },

      async cancel(redemptionId) {
        const done = await cancellation.run(() => call('mall', 'cancel', { redemptionId }));
        if (done) await redemptions.reload();
        return done !== null;
      },

      reset() {
        ids.reset();
        set({ category: null, redemptionTab: 'toUse' });
        for (const r of [list, detail, redemptions, redemption, more, cancellation]) r.reset();
      },
    };
  });
}

export const mallStore = createMallStore(cloudCall);
onSessionReset(() => mallStore.getState().reset());

export function useMall<T>(selector: (state: MallState) => T): T {
  return useStore(mallStore, selector);
}
