// The points mall as pure rules: who may redeem what, and what a redemption or its cancellation writes. The handlers
// persist the member's side of a plan (points, record, counts) in the member's transaction; the stock moves outside
// it by a stock claim (core/stockClaims.ts), so a popular item is not a lock every redemption waits on.
import type { LoyaltyConfig } from './config';
import { AppError, type ErrorCode } from './errors';
import { drawFrom, planRestore, planSpend, spendablePoints, type LedgerEntry, type LedgerPlan, type Lot, type LotDraw, type PointsState } from './ledger';
import { addMonths } from './months';
import { grouped } from './numbers';
import { addDays, shanghaiDay, shanghaiDayStart, shanghaiTime } from './time';

export type MallItemKind = 'pickup' | 'shipping' | 'coupon' | 'giftCard' | 'membership' | 'event';

export const KIND_NAMES: Record<MallItemKind, string> = {
  pickup: '到店自提', shipping: '快递到家', coupon: '优惠券', giftCard: '礼品卡', membership: '付费会员', event: '活动名额',
};

/** Kinds whose redemption yields a voucher that staff write off (核销) in store. */
export const VOUCHER_KINDS: readonly MallItemKind[] = ['pickup', 'coupon', 'event'];
/** Kinds a member may cancel within the window (delivered-at-once kinds such as gift cards cannot be cancelled). */
export const MEMBER_CANCELLABLE_KINDS: readonly MallItemKind[] = ['pickup', 'shipping', 'coupon', 'event'];

export interface MallItem {
  _id: string;
  name: string;
  kind: MallItemKind;
  category: string;
  description: string;
  image: string | null;
  pointsPrice: number;
  /** Units left. */
  stock: number;
  /** Units redeemed (net of cancellations). */
  sold: number;
  /** Units per redemption at most; 0 = no limit. */
  perOrderLimit: number;
  /** Units per member in total (net of cancellations); 0 = no limit. */
  perMemberLimit: number;
  /** Lowest tier level that may redeem (0 = everyone). */
  minTierLevel: number;
  saleStart: Date | null;
  saleEnd: Date | null;
  /** The store or business format that funds the item: it is billed for the points (settlement). */
  fundedBy: { format: string; storeId: string | null };
  /** Where vouchers may be written off: these stores, or any store of these formats. Default: the funding format. */
  redeemAt?: { storeIds?: string[]; formats?: string[] };
  /** Vouchers are valid for `voucherValidDays` Shanghai days, the day of redeeming included. */
  voucherValidDays: number;
  /** Face value (coupon, gift card, membership) in fen, shown to the member. */
  faceValueFen?: number;
  /** Paid membership: months of membership granted. */
  membershipMonths?: number;
  active: boolean;
  sort: number;
}

/** What the mall keeps on the member document (`mall`). */
export interface MemberMallState {
  /** Units redeemed per item id, net of cancellations. */
  redeemed: Record<string, number>;
  /** Latest redemption request ids, newest last: a retry of one of them returns the first result. */
  recent: string[];
}

/** Redemption request ids remembered on the member document, so a retry returns the first result without a read. */
export const REMEMBERED_REQUESTS = 30;

/** The mall part of a member document (absent until the first redemption). */
export function mallStateOf({ mall }: { mall?: Partial<MemberMallState> }): MemberMallState {
  return { redeemed: mall?.redeemed ?? {}, recent: mall?.recent ?? [] };
}

export type IneligibleReason = 'inactive' | 'notStarted' | 'ended' | 'soldOut' | 'tier' | 'limit' | 'points';

export interface Eligibility {
  canRedeem: boolean;
  reason: { code: IneligibleReason; message: string } | null;
  /** Units the member may still redeem (per-member limit and stock; per order too). */
  maxQuantity: number;
}

const REASON_ERRORS: Record<IneligibleReason, ErrorCode> = {
  inactive: 'NOT_ELIGIBLE', notStarted: 'NOT_ELIGIBLE', ended: 'NOT_ELIGIBLE', tier: 'NOT_ELIGIBLE',
  soldOut: 'SOLD_OUT', limit: 'LIMIT_REACHED', points: 'INSUFFICIENT_POINTS',
};

/** A redemption refused by the rules; `reason` lets the handler word a tier refusal with the tier's name. */
export class MallRefusal extends AppError {
  constructor(readonly reason: IneligibleReason, message: string) {
    super(REASON_ERRORS[reason], message);
  }
}

const fmtDay = (at: Date) => {
  const [, m, d] = shanghaiDay(at).split('-');
  return `${Number(m)}月${Number(d)}日`;
};

/** When a coming-soon item opens, as members read it: "12月5日 10:00 开抢". */
export const opensAt = (at: Date) => `${fmtDay(at)} ${shanghaiTime(at)} 开抢`;

export interface EligibilityInput {
  tierLevel: number;
  /** Spendable points now. */
  spendable: number;
  /** Units of this item the member redeemed so far (net). */
  redeemed: number;
  quantity?: number;
  tierName?: (level: number) => string;
}

/** Whether the member can redeem `quantity` (default 1) of the item now, and if not the first reason why. */
export function eligibility(item: MallItem, m: EligibilityInput, now: Date): Eligibility {
  const quantity = m.quantity ?? 1;
  const memberLeft = item.perMemberLimit > 0 ? Math.max(0, item.perMemberLimit - m.redeemed) : Infinity;
  const orderLeft = item.perOrderLimit > 0 ? item.perOrderLimit : Infinity;
  const byPoints = item.pointsPrice > 0 ? Math.floor(m.spendable / item.pointsPrice) : Infinity;
  const maxQuantity = Math.max(0, Math.min(item.stock, memberLeft, orderLeft, byPoints, 99));
  const no = (code: IneligibleReason, message: string): Eligibility => ({ canRedeem: false, reason: { code, message }, maxQuantity });
  if (!item.active) return no('inactive', '商品已下架');
  if (item.saleStart && now < item.saleStart) return no('notStarted', opensAt(item.saleStart));
  if (item.saleEnd && now >= item.saleEnd) return no('ended', '兑换已结束');
  if (item.stock < quantity) return no('soldOut', item.stock === 0 ? '已兑完' : `库存仅剩 ${item.stock} 件`);
  if (m.tierLevel < item.minTierLevel) {
    const name = m.tierName ? m.tierName(item.minTierLevel) : `等级 ${item.minTierLevel}`;
    return no('tier', `仅限${name}及以上兑换`);
  }
  if (item.perOrderLimit > 0 && quantity > item.perOrderLimit) return no('limit', `每次最多兑换 ${item.perOrderLimit} 件`);
  if (memberLeft < quantity) return no('limit', item.perMemberLimit === 1 ? '每人限兑 1 件，您已兑换' : `每人限兑 ${item.perMemberLimit} 件，您已兑换 ${m.redeemed} 件`);
  const cost = item.pointsPrice * quantity;
  if (m.spendable < cost) return no('points', `积分不足，还差 ${grouped(cost - m.spendable)} 积分`);
  return { canRedeem: true, reason: null, maxQuantity };
}

/** Spendable now, live holds (积分抵扣) taken off: ledger.spendablePoints. */
export const spendableOf = (state: PointsState, now: Date) => spendablePoints(state, now);

/** A draw with the expiry of its lot, so a cancellation can find the lot again after lots were merged. */
export interface SpendDraw extends LotDraw { expiresAt: Date }

export interface Voucher {
  code: string;
  expiresAt: Date;
  /** Stores and formats where it may be written off. */
  storeIds: string[];
  formats: string[];
}

export type RedemptionStatus = 'issued' | 'used' | 'cancelled';

export interface ShippingAddress { name: string; phone: string; address: string }

/**
 * A mailed item's dispatch, once staff shipped it (carrier and tracking number) and once it was signed for. No action
 * writes it yet (a staff/console way to mark shipped is still to come): until then every shipping redemption is
 * 待发货; members see what is stored.
 */
export interface Shipment {
  carrier: string; trackingNo: string; shippedAt: Date; deliveredAt: Date | null;
  /** Set by the console (admin.updateShipment): who last changed it, by which request, and its version. */
  version?: number; requestId?: string; by?: string; byName?: string;
}

export type ShipmentStatus = 'pending' | 'shipped' | 'delivered';

/** Where a mailed item is: null for other kinds and for a cancelled redemption. */
export function shipmentStatus(r: Pick<Redemption, 'kind' | 'status' | 'shipment'>): ShipmentStatus | null {
  if (r.kind !== 'shipping' || r.status === 'cancelled') return null;
  if (!r.shipment) return 'pending';
  return r.shipment.deliveredAt ? 'delivered' : 'shipped';
}

export interface Redemption {
  _id: string;
  openid: string;
  memberNo: string;
  requestId: string;
  itemId: string;
  itemName: string;
  kind: MallItemKind;
  category: string;
  quantity: number;
  unitPoints: number;
  points: number;
  fundedBy: { format: string; storeId: string | null };
  status: RedemptionStatus;
  spend: { key: string; draws: SpendDraw[] };
  voucher: Voucher | null;
  /** Set on every redemption (unique index); a voucher shows it, other kinds never do. */
  voucherCode: string;
  giftCard: { cardNo: string; faceValueFen: number } | null;
  membership: { validFrom: Date; validUntil: Date } | null;
  shipping: ShippingAddress | null;
  /** Set when a mailed item was dispatched (absent before, and on older documents). */
  shipment?: Shipment | null;
  faceValueFen: number | null;
  used: { at: Date; storeId: string; storeName: string; staff: string } | null;
  cancelled: { at: Date; by: string; reason: string; pointsReturned: number; forfeited: number } | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RedeemInput {
  redemptionId: string;
  requestId: string;
  quantity: number;
  shipping?: ShippingAddress;
  voucherCode: string;
  giftCardNo: string;
}

/** The result a redemption answers, the first time and on every retry. */
export interface RedeemResult {
  redemptionId: string;
  itemId: string;
  itemName: string;
  kind: MallItemKind;
  quantity: number;
  points: number;
  balance: number;
  voucher: { code: string; expiresAt: string } | null;
  giftCard: { cardNo: string } | null;
  replayed: boolean;
}

/** `frozen`: set while the console has frozen the member (fraud handling): they still earn but cannot redeem. */
export interface RedeemMember { openid: string; memberNo: string; tierLevel: number; mall?: Partial<MemberMallState>; frozen?: object | null }

export const FROZEN_MESSAGE = '会员账户已冻结，暂不能兑换';

/**
 * A redemption's write: points (soonest-expiring lots first), the record and the member's counts, together.
 * `itemUpdate` is what the item's counters become when everything is applied at once (the demo seed's replay); the
 * functions move stock by a claim instead.
 */
export function planRedemption(member: RedeemMember, state: PointsState, item: MallItem, input: RedeemInput, now: Date) {
  if (member.frozen) throw new AppError('NOT_ELIGIBLE', FROZEN_MESSAGE);
  const mall = mallStateOf(member);
  const check = eligibility(item, { tierLevel: member.tierLevel, spendable: spendableOf(state, now), redeemed: mall.redeemed[item._id] ?? 0, quantity: input.quantity }, now);
  if (!check.canRedeem) throw new MallRefusal(check.reason!.code, check.reason!.message);
  if (item.kind === 'shipping' && !input.shipping) throw new AppError('INVALID_INPUT', '请填写收货地址');
  const points = item.pointsPrice * input.quantity;
  const key = `mall:${input.redemptionId}`;
  const ledger: LedgerPlan = points > 0
    ? planSpend(state, { amount: points, key, reason: `积分商城兑换 ${item.name}${input.quantity > 1 ? ` ×${input.quantity}` : ''}`, ref: input.redemptionId, issuer: `member:${member.openid}`, at: now })
    : { entries: [], newLots: [], points: { balance: state.balance, debt: state.debt, pending: state.pending }, state };
  // The spend entry says where the points were redeemed (the funding format), for settlement between formats.
  const entries = ledger.entries.map((e) => ({ ...e, redeemFormat: item.fundedBy.format, redeemStoreId: item.fundedBy.storeId }));
  const expiryOf = new Map(state.lots.map((l) => [l.lotId, l.expiresAt]));
  const draws: SpendDraw[] = (entries[0]?.lots ?? []).map((d) => ({ ...d, expiresAt: expiryOf.get(d.lotId)! }));
  const voucher: Voucher | null = VOUCHER_KINDS.includes(item.kind)
    ? {
      code: input.voucherCode,
      expiresAt: shanghaiDayStart(addDays(shanghaiDay(now), item.voucherValidDays)),
      ...voucherPlaces(item),
    }
    : null;
  const membership = item.kind === 'membership'
    ? { validFrom: now, validUntil: addMonthsApprox(now, item.membershipMonths ?? 12) }
    : null;
  const result: RedeemResult = {
    redemptionId: input.redemptionId, itemId: item._id, itemName: item.name, kind: item.kind, quantity: input.quantity, points,
    balance: ledger.points.balance, voucher: voucher ? { code: voucher.code, expiresAt: voucher.expiresAt.toISOString() } : null,
    giftCard: item.kind === 'giftCard' ? { cardNo: input.giftCardNo } : null, replayed: false,
  };
  const redemption: Redemption & { result: RedeemResult } = {
    _id: input.redemptionId, openid: member.openid, memberNo: member.memberNo, requestId: input.requestId, itemId: item._id, itemName: item.name,
    kind: item.kind, category: item.category, quantity: input.quantity, unitPoints: item.pointsPrice, points, fundedBy: item.fundedBy,
    status: 'issued', spend: { key, draws }, voucher, voucherCode: input.voucherCode,
    giftCard: item.kind === 'giftCard' ? { cardNo: input.giftCardNo, faceValueFen: item.faceValueFen ?? 0 } : null,
    membership, shipping: item.kind === 'shipping' ? input.shipping ?? null : null, faceValueFen: item.faceValueFen ?? null,
    used: null, cancelled: null, createdAt: now, updatedAt: now, result,
  };
  const recent = [...mall.recent, input.requestId].slice(-REMEMBERED_REQUESTS);
  return {
    ledger: { ...ledger, entries },
    itemUpdate: { stock: item.stock - input.quantity, sold: item.sold + input.quantity, updatedAt: now },
    redemption,
    fields: { [`mall.redeemed.${item._id}`]: (mall.redeemed[item._id] ?? 0) + input.quantity, 'mall.recent': recent },
    result,
  };
}

/** Where an item's vouchers may be written off: `redeemAt` when set, else its funding store, else its funding format. */
export function voucherPlaces(item: Pick<MallItem, 'redeemAt' | 'fundedBy'>): { storeIds: string[]; formats: string[] } {
  if (item.redeemAt) return { storeIds: item.redeemAt.storeIds ?? [], formats: item.redeemAt.formats ?? [] };
  if (item.fundedBy.storeId) return { storeIds: [item.fundedBy.storeId], formats: [] };
  return { storeIds: [], formats: [item.fundedBy.format] };
}

/** The same calendar date `months` later in Shanghai (clamped to the month's last day). */
const addMonthsApprox = (at: Date, months: number): Date => shanghaiDayStart(addMonths(shanghaiDay(at), months));

export type CancelActor = { by: 'member'; openid: string } | { by: 'staff'; openid: string };

/** Why this redemption cannot be cancelled now by this actor, or null. */
export function cancelRefusal(r: Pick<Redemption, 'status' | 'kind' | 'createdAt' | 'openid' | 'used' | 'shipment'>, actor: CancelActor, now: Date, config: Pick<LoyaltyConfig, 'mall'>): string | null {
  if (r.status === 'cancelled') return '该兑换已取消';
  if (r.status === 'used') return '已核销的兑换不能取消';
  // A parcel on its way (or delivered) is a return, not a cancellation: points do not come back by themselves.
  if (r.shipment) return '商品已发货，不能取消兑换，如需退换请联系客服';
  if (actor.by === 'member') {
    if (actor.openid !== r.openid) return '只能取消自己的兑换';
    if (!MEMBER_CANCELLABLE_KINDS.includes(r.kind)) return '该类商品兑换后不支持取消';
    if (now.getTime() - r.createdAt.getTime() > config.mall.memberCancelMinutes * 60_000) return `兑换超过 ${config.mall.memberCancelMinutes} 分钟，请到店由工作人员取消`;
  }
  return null;
}

/**
 * Cancelling an unused redemption: its points go back to the lots that paid (planRestore; points of lots expired
 * meanwhile are forfeited), the member's count comes back, the record is marked cancelled. The stock comes back by a
 * claim (services/redemptions.ts); `itemUpdate` (given the item) is the counters' end state, for callers without one.
 */
export function planCancellation(state: PointsState, r: Redemption, item: Pick<MallItem, '_id' | 'stock' | 'sold'> | null, mallState: MemberMallState, actor: CancelActor, reason: string, now: Date) {
  // Lots may have been merged since (same expiry, format and store): a draw whose lot is gone goes back to the merged lot.
  const byId = new Map(state.lots.map((l) => [l.lotId, l]));
  const lots = state.lots;
  const draws: LotDraw[] = r.spend.draws.map((d) => {
    if (byId.has(d.lotId)) return drawFrom(d, d.amount);
    const merged = lots.find((l: Lot) => l.format === d.format && (l.storeId ?? '') === (d.storeId ?? '') && l.expiresAt.getTime() === new Date(d.expiresAt).getTime());
    return drawFrom({ ...d, lotId: merged?.lotId ?? d.lotId }, d.amount);
  });
  const restore = planRestore(state, {
    key: `mall-cancel:${r._id}`, reason: `积分商城兑换取消 ${r.itemName}`, ref: r._id, issuer: `${actor.by}:${actor.openid}`, at: now, spend: { lots: draws },
  });
  const entries: LedgerEntry[] = restore.entries.map((e) => ({ ...e, redeemFormat: r.fundedBy.format, redeemStoreId: r.fundedBy.storeId }));
  const pointsReturned = restore.entries.reduce((s, e) => s + e.amount, 0);
  const left = Math.max(0, (mallState.redeemed[r.itemId] ?? 0) - r.quantity);
  return {
    ledger: { ...restore, entries },
    itemUpdate: item ? { stock: item.stock + r.quantity, sold: Math.max(0, item.sold - r.quantity), updatedAt: now } : null,
    redemptionUpdate: { status: 'cancelled' as const, cancelled: { at: now, by: `${actor.by}:${actor.openid}`, reason, pointsReturned, forfeited: restore.forfeited }, updatedAt: now },
    fields: { [`mall.redeemed.${r.itemId}`]: left },
    result: { redemptionId: r._id, status: 'cancelled' as const, pointsReturned, forfeited: restore.forfeited, balance: restore.points.balance },
  };
}

export type VoucherRefusal = { code: ErrorCode; message: string };

/** Whether a voucher can be written off in this store now; null when it can. */
export function voucherRefusal(r: Pick<Redemption, 'status' | 'voucher' | 'used' | 'cancelled'>, store: { _id: string; format: string }, now: Date): VoucherRefusal | null {
  if (!r.voucher) return { code: 'CODE_INVALID', message: '该兑换没有核销券' };
  if (r.status === 'used' && r.used) {
    const at = new Date(r.used.at);
    return { code: 'ALREADY_USED', message: `该券已于 ${shanghaiDay(at)} ${shanghaiTime(at)} 在 ${r.used.storeName} 核销` };
  }
  if (r.status === 'cancelled') return { code: 'NOT_ELIGIBLE', message: '该券已取消' };
  if (now >= new Date(r.voucher.expiresAt)) return { code: 'CODE_EXPIRED', message: `该券已于 ${shanghaiDay(new Date(new Date(r.voucher.expiresAt).getTime() - 1))} 过期` };
  const { storeIds, formats } = r.voucher;
  const allowed = (storeIds.length === 0 && formats.length === 0) || storeIds.includes(store._id) || formats.includes(store.format);
  if (!allowed) return { code: 'FORBIDDEN', message: '该券不能在本门店核销' };
  return null;
}

