// The 卡券包 store: a tab loads its own vouchers (mall.coupons), the answer of a tab left meanwhile is dropped, and a
// claim (mall.claimBenefit) reloads the tab and the card's 我的券包 count; a refused claim keeps its Chinese message.
import { describe, expect, test } from '@jest/globals';
import type { Output } from '../../../contract';
import { createWalletStore } from '../../../client/src/packages/mall/wallet-store';
import { deferred, fakeCall, refusal } from './fakes';

const coupon = (id: string, status: 'issued' | 'used' | 'expired'): Output<'mall', 'coupons'>['items'][number] => ({
  id, source: 'benefit', title: '免费停车', kindName: '会员权益', description: '每月 4 张 2 小时免费停车券', faceValueFen: null, status,
  voucher: { code: '123456789012', expiresAt: '2026-12-31T16:00:00.000Z' }, where: '限购物中心使用', expiringSoon: false,
  createdAt: '2026-12-01T00:00:00.000Z', used: status === 'used' ? { at: '2026-12-05T02:00:00.000Z', storeName: '星河广场旗舰店' } : null,
});
const late = { benefitKey: 'late_checkout', title: '酒店延迟退房', description: '等级有效期内 2 次延迟退房至 14:00', terms: null, units: 2, points: 0 };

describe('卡券包 store', () => {
  test('tabs load their own vouchers; a late answer of a tab left is dropped', async () => {
    const slow = deferred<void>();
    const fake = fakeCall({
      mall: {
        coupons: async (input) => {
          if (input.tab === 'used') await slow.promise;
          return input.tab === 'toUse' ? { items: [coupon('bv-1', 'issued')], claimable: [late] } : { items: [coupon(`bv-${input.tab}`, input.tab === 'used' ? 'used' : 'expired')], claimable: [] };
        },
      },
    });
    const store = createWalletStore(fake.call);
    await store.getState().load();
    expect(store.getState().tab).toBe('toUse');
    expect(store.getState().coupons.data?.claimable.map((b) => b.benefitKey)).toEqual(['late_checkout']);
    const used = store.getState().load('used');
    await store.getState().load('expired');
    slow.resolve();
    await used;
    expect(store.getState().tab).toBe('expired');
    expect(store.getState().coupons.data?.items.map((c) => c.id)).toEqual(['bv-expired']);
    expect(fake.inputs('mall.coupons')).toEqual([{ tab: 'toUse' }, { tab: 'used' }, { tab: 'expired' }]);
  });

  test('a claim reloads the tab and the card count once; a refusal keeps its message and reloads the tab', async () => {
    let claimed = false;
    const fake = fakeCall({
      mall: {
        coupons: () => ({ items: claimed ? [coupon('bv-1', 'issued'), coupon('bv-2', 'issued')] : [], claimable: claimed ? [] : [late] }),
        claimBenefit: (input, n) => {
          if (n > 0) throw refusal('NOT_ELIGIBLE', '酒店延迟退房 本期已领取');
          claimed = true;
          return { issued: [{ key: input.benefitKey, title: '酒店延迟退房', period: 'T2026-01-01~2027-01-01', vouchers: 2, points: 0 }], vouchers: 2, points: 0 };
        },
      },
    });
    let walletReloads = 0;
    const store = createWalletStore(fake.call, async () => { walletReloads += 1; });
    await store.getState().load();
    await expect(store.getState().claimBenefit('late_checkout')).resolves.toBe(true);
    expect(store.getState().coupons.data).toMatchObject({ claimable: [] });
    expect(store.getState().coupons.data?.items).toHaveLength(2);
    expect(walletReloads).toBe(1);
    await expect(store.getState().claimBenefit('late_checkout')).resolves.toBe(false);
    expect(store.getState().claim.error).toMatchObject({ code: 'NOT_ELIGIBLE', message: '酒店延迟退房 本期已领取' });
    expect(walletReloads).toBe(1);
    expect(fake.count('mall.coupons')).toBe(3);
    store.getState().reset();
    expect(store.getState().coupons.data).toBeNull();
  });
});
