// The console's item rules (cloudfunctions/catalog/itemRules.ts): an item the mall could not serve is refused
// with the first reason, in Chinese; one it can serve passes.
import { itemProblem, type ItemDraft } from '../../cloudfunctions/catalog/itemRules';

const ctx = { stores: new Map([['st-mall', 'mall'], ['st-hotel', 'hotel']]), tierLevels: [1, 2, 3] };
const item = (extra: Partial<ItemDraft> = {}): ItemDraft => ({
  kind: 'coupon', pointsPrice: 100, faceValueFen: 1000, perOrderLimit: 1, perMemberLimit: 2, minTierLevel: 0, fundedBy: { format: 'mall' }, voucherValidDays: 30, ...extra,
});

test.each<[Partial<ItemDraft>, string | null]>([
  [{}, null],
  [{ kind: 'membership', membershipMonths: 12, minTierLevel: 2, fundedBy: { format: 'hotel', storeId: 'st-hotel' } }, null],
  [{ kind: 'shipping', faceValueFen: null, redeemAt: { formats: ['hotel'] } }, null],
  [{ kind: 'pickup' }, '只有优惠券、礼品卡和付费会员可以设置面值'],
  [{ kind: 'giftCard', faceValueFen: null }, '礼品卡必须设置面值'],
  [{ membershipMonths: 6 }, '只有付费会员可以设置会员月数'],
  [{ perOrderLimit: 3 }, '每单限兑不能大于每人限兑'],
  [{ perOrderLimit: 3, perMemberLimit: 0 }, null],
  [{ minTierLevel: 4 }, '等级 4 不存在，请选择规则中的等级'],
  [{ saleStart: new Date('2027-01-02'), saleEnd: new Date('2027-01-01') }, '结束兑换时间必须晚于开始兑换时间'],
  [{ fundedBy: { format: 'spa' } }, '业态 spa 不存在'],
  [{ fundedBy: { format: 'mall', storeId: 'st-gone' } }, '门店 st-gone 不存在'],
  [{ fundedBy: { format: 'mall', storeId: 'st-hotel' } }, '出资门店不属于出资业态'],
  [{ redeemAt: { storeIds: ['st-gone'] } }, '核销门店 st-gone 不存在'],
  [{ redeemAt: { formats: ['spa'] } }, '核销业态 spa 不存在'],
  [{ redeemAt: { storeIds: [], formats: [] } }, '核销范围至少选择一个门店或业态'],
])('%j → %s', (extra, problem) => {
  expect(itemProblem(item(extra), ctx)).toBe(problem);
});
