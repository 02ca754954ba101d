// What the mall can serve (core/mall.ts): an item the console saves or publishes is checked here first, so members
// never meet an item the redemption rules cannot handle. Pure: the stores and tiers come from the caller.
import type { MallItemKind } from '../core/mall';

export interface ItemDraft {
  kind: MallItemKind;
  pointsPrice: number;
  faceValueFen?: number | null;
  membershipMonths?: number | null;
  perOrderLimit: number;
  perMemberLimit: number;
  minTierLevel: number;
  saleStart?: Date | null;
  saleEnd?: Date | null;
  fundedBy: { format: string; storeId?: string | null };
  redeemAt?: { storeIds?: string[]; formats?: string[] } | null;
  voucherValidDays: number;
}

export interface CatalogContext {
  /** Store id to its business format. */
  stores: Map<string, string>;
  /** Tier levels of the rules. */
  tierLevels: number[];
}

const FACE_VALUE_KINDS: readonly MallItemKind[] = ['coupon', 'giftCard', 'membership'];

/** The first reason the mall could not serve this item, in Chinese; null when it can. */
export function itemProblem(item: ItemDraft, ctx: CatalogContext): string | null {
  const formats = new Set(ctx.stores.values());
  if (item.faceValueFen != null && !FACE_VALUE_KINDS.includes(item.kind)) return '只有优惠券、礼品卡和付费会员可以设置面值';
  if (item.kind === 'giftCard' && item.faceValueFen == null) return '礼品卡必须设置面值';
  if (item.membershipMonths != null && item.kind !== 'membership') return '只有付费会员可以设置会员月数';
  if (item.perOrderLimit > 0 && item.perMemberLimit > 0 && item.perOrderLimit > item.perMemberLimit) return '每单限兑不能大于每人限兑';
  if (item.minTierLevel > 0 && !ctx.tierLevels.includes(item.minTierLevel)) return `等级 ${item.minTierLevel} 不存在，请选择规则中的等级`;
  if (item.saleStart && item.saleEnd && item.saleEnd.getTime() <= item.saleStart.getTime()) return '结束兑换时间必须晚于开始兑换时间';
  if (!formats.has(item.fundedBy.format)) return `业态 ${item.fundedBy.format} 不存在`;
  if (item.fundedBy.storeId) {
    const format = ctx.stores.get(item.fundedBy.storeId);
    if (format === undefined) return `门店 ${item.fundedBy.storeId} 不存在`;
    if (format !== item.fundedBy.format) return '出资门店不属于出资业态';
  }
  for (const id of item.redeemAt?.storeIds ?? []) if (!ctx.stores.has(id)) return `核销门店 ${id} 不存在`;
  for (const f of item.redeemAt?.formats ?? []) if (!formats.has(f)) return `核销业态 ${f} 不存在`;
  if (item.redeemAt && (item.redeemAt.storeIds ?? []).length === 0 && (item.redeemAt.formats ?? []).length === 0) return '核销范围至少选择一个门店或业态';
  return null;
}
