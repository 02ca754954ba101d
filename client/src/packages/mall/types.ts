export type ItemKind = 'pickup' | 'shipping' | 'coupon' | 'giftCard' | 'membership' | 'event';

export interface MallItemView {
  id: string;
  name: string;
  kind: ItemKind;
  kindName: string;
  category: string;
  description: string;
  image: string | null;
  pointsPrice: number;
  stock: number;
  faceValueFen: number | null;
  minTier: { level: number; name: string } | null;
  canRedeem: boolean;
  reason: { code: string; message: string } | null;
  maxQuantity: number;
}

export interface MallList {
  member: { tierLevel: number; spendable: number };
  categories: string[];
  items: MallItemView[];
}

export interface MallDetail extends MallItemView {
  member: { tierLevel: number; spendable: number; redeemed: number };
  perOrderLimit: number;
  perMemberLimit: number;
  saleStart: string | null;
  saleEnd: string | null;
  voucherValidDays: number;
  membershipMonths: number | null;
  memberCancelMinutes: number;
}

export interface RedeemResult {
  redemptionId: string;
  itemName: string;
  kind: ItemKind;
  quantity: number;
  points: number;
  balance: number;
  voucher: { code: string; expiresAt: string } | null;
  giftCard: { cardNo: string } | null;
  replayed: boolean;
}

export interface RedemptionView {
  id: string;
  itemId: string;
  itemName: string;
  kind: ItemKind;
  kindName: string;
  quantity: number;
  points: number;
  status: 'issued' | 'used' | 'cancelled' | 'expired';
  createdAt: string;
  voucher: { code: string; expiresAt: string } | null;
  giftCard: { cardNo: string; faceValueFen: number } | null;
  membership: { validFrom: string; validUntil: string } | null;
  shipping: { name: string; phone: string; address: string } | null;
  faceValueFen: number | null;
  used: { at: string; storeName: string } | null;
  cancelled: { at: string; pointsReturned: number } | null;
}

export interface MemberCode { code: string; memberNo: string; slotSeconds: number; refreshAt: string; expiresAt: string; serverTime: string }
