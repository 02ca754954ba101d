// The mall's catalogue as members see it: an item with whether this member can redeem it and why not.
import type { LoyaltyConfig } from '../core/config';
import { eligibility, KIND_NAMES, type Eligibility, type MallItem } from '../core/mall';
import { tierByLevel } from '../core/tiers';

export const tierNameOf = (config: LoyaltyConfig) => (level: number) => tierByLevel(level, config.tiers).name;

/**
 * An item as the mall lists it, with whether this member can redeem it and why not. `image` is what the member can
 * display (an https or temporary URL, or null: images.ts), never a cloud:// id.
 */
export function itemView(item: MallItem, check: Eligibility, config: LoyaltyConfig, image: string | null) {
  return {
    id: item._id,
    name: item.name,
    kind: item.kind,
    kindName: KIND_NAMES[item.kind],
    category: item.category,
    description: item.description,
    image,
    pointsPrice: item.pointsPrice,
    stock: item.stock,
    faceValueFen: item.faceValueFen ?? null,
    minTier: item.minTierLevel > 0 ? { level: item.minTierLevel, name: tierNameOf(config)(item.minTierLevel) } : null,
    canRedeem: check.canRedeem,
    reason: check.reason,
    maxQuantity: check.maxQuantity,
  };
}

export function checkItem(item: MallItem, member: { tierLevel: number }, spendable: number, redeemed: number, now: Date, config: LoyaltyConfig, quantity = 1) {
  return eligibility(item, { tierLevel: member.tierLevel, spendable, redeemed, quantity, tierName: tierNameOf(config) }, now);
}
