// 卡券包 (mall.coupons): the member's vouchers of a tab — tier benefit vouchers and mall vouchers together — and the
// tier benefits they can claim now (mall.claimBenefit, once per period). Framework-free; the page uses useWallet.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { memberStore } from '../../store/member';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type CouponTab = Input<'mall', 'coupons'>['tab'];
export type Coupon = Output<'mall', 'coupons'>['items'][number];
export type Claimable = Output<'mall', 'coupons'>['claimable'][number];

export interface WalletState {
  coupons: Slot<Output<'mall', 'coupons'>>;
  /** The tab shown (a switch under way or failed leaves it as it was). */
  tab: CouponTab;
  claim: ActionSlot<Output<'mall', 'claimBenefit'>>;
  load: (tab?: CouponTab) => Promise<void>;
  /** Claims a benefit; the tab and the card's 我的券包 count are reloaded after it. */
  claimBenefit: (benefitKey: string) => Promise<boolean>;
  reset: () => void;
}

export function createWalletStore(call: CallFn, afterClaim: () => Promise<void> = () => Promise.resolve()) {
  return createStore<WalletState>()((set, get, api) => {
    const coupons = createResource(field(api, 'coupons'), (tab: CouponTab) => call('mall', 'coupons', { tab }));
    const claim = createAction(field(api, 'claim'));
    const showTab = () => set({ tab: coupons.shown()?.param ?? get().tab });
    return {
      coupons: idle(),
      tab: 'toUse',
      claim: ready(),
      load(tab) {
        claim.clearError();
        return coupons.load(tab ?? get().tab).then(showTab);
      },
      async claimBenefit(benefitKey) {
        const done = await claim.run(() => call('mall', 'claimBenefit', { benefitKey }));
        // Claimed or refused (already claimed elsewhere): what the wallet holds now.
        await coupons.reload();
        if (done) await afterClaim();
        return done !== null;
      },
      reset() {
        set({ tab: 'toUse' });
        coupons.reset();
        claim.reset();
      },
    };
  });
}

export const walletStore = createWalletStore(cloudCall, () => memberStore.getState().loadWallet());
onSessionReset(() => walletStore.getState().reset());

export function useWallet<T>(selector: (state: WalletState) => T): T {
  return useStore(walletStore, selector);
}
