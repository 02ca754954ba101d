// Paid orders that name their member by a bound phone (order.paid with `phone`). A phone some member has bound is
// that member's order, recorded as any other (services/orders.ts). A phone nobody has bound yet keeps the order in
// `unclaimed_orders/<orderId>` (its late-delivery window checked at delivery, as for any order); when a member binds
// that phone (member.bindPhone) each of its unclaimed orders is recorded for them through the same recordPaidOrder,
// judged at the rules of its payment time and refused past the late-delivery window (then kept as tooLate, visible
// to operators). Exactly once: the order id is the key of the recorded order, and the unclaimed record moves
// unclaimed → claiming (by compare-and-set, naming the member) → claimed / tooLate; a claim left claiming by an
// interrupted call is finished by the member's next bind (a replay) or by the channel's next delivery of the order.
import type { Output } from '../../contract';
import type { ChannelPaidOrder, Refund } from '../../contract/orderFields';
import type { Stored, UnclaimedOrderDoc } from '../core/documents';
import { AppError } from '../core/errors';
import { checkPaidAt } from '../core/paidAt';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import { writeOnce } from '../runtime/idempotent';
import { findMember } from '../runtime/memberRepo';
import { recordPaidOrder, recordRefund, type Source } from './orders';
import { maskPhone, phoneOwner } from './phones';

type PaidAnswer = Output<'order', 'paid'>;
type Credited = Extract<PaidAnswer, { pointsEarned: number }>;

export interface ClaimedOrders { credited: number; pointsEarned: number; growthEarned: number; tooLate: number }

const unclaimedById = async (db: Database, id: string) => (await db.collection('unclaimed_orders').where({ _id: id }).limit(1).get()).data[0] ?? null;

/** The order as recordPaidOrder takes it, for the member `memberNo`. */
const asMemberOrder = (o: UnclaimedOrderDoc['order'], memberNo: string) =>
  ({ orderId: o.orderId, memberNo, amountFen: o.amountFen, paidAt: o.paidAt, items: o.items, storeId: o.storeId, format: o.format });

async function creditTo(db: Database, openid: string, input: ChannelPaidOrder, source: Source, now: Date): Promise<Credited> {
  const member = await findMember(db, { openid });
  if (!member) throw new AppError('NOT_FOUND', '会员不存在');
  const { phone: _phone, memberNo: _no, ...order } = input;
  return recordPaidOrder(db, { ...order, memberNo: member.memberNo }, source, now);
}

/** order.paid with `phone`: the member who bound it earns now, else the order waits unclaimed. */
export async function recordPhoneOrder(db: Database, input: ChannelPaidOrder & { phone: string }, source: Source, now: Date): Promise<PaidAnswer> {
  const owner = await phoneOwner(db, input.phone);
  if (owner) return creditTo(db, owner, input, source, now);
  const config = await loadConfig(db);
  const paidAt = new Date(input.paidAt);
  checkPaidAt(paidAt, now, config);
  // An order id recorded already (claimed meanwhile, or delivered by member number) is that order.
  const recorded = (await db.collection('orders').where({ _id: input.orderId }).limit(1).get()).data[0];
  if (recorded) {
    if (recorded.channel !== source.channel || recorded.paidFen !== input.amountFen) throw new AppError('ALREADY_EXISTS', '订单号已存在且内容不一致');
    return { ...(recorded.result as Credited), replayed: true };
  }
  const claimableUntil = new Date(paidAt.getTime() + config.orders.lateDeliveryDays * 86_400_000).toISOString();
  const result = { orderId: input.orderId, unclaimed: true as const, phone: maskPhone(input.phone), claimableUntil, replayed: false };
  const { memberNo: _no, ...order } = input;
  const doc: UnclaimedOrderDoc = {
    _id: input.orderId, phone: input.phone, channel: source.channel, issuer: source.issuer, paidFen: input.amountFen, paidAt,
    order: { ...order, ...(source.storeId && !order.storeId ? { storeId: source.storeId } : {}), ...(source.format && !order.format ? { format: source.format } : {}) },
    status: 'unclaimed', openid: null, claimedAt: null, result, createdAt: now,
  };
  const inserted = await writeOnce(() => db.collection('unclaimed_orders').add({ data: doc }));
  let answer: PaidAnswer = result;
  if (!inserted) {
    const stored = await unclaimedById(db, input.orderId);
    if (!stored || stored.channel !== source.channel || stored.phone !== input.phone || stored.paidFen !== input.amountFen) throw new AppError('ALREADY_EXISTS', '订单号已存在且内容不一致');
    answer = { ...stored.result, replayed: true };
  }
  // A member may have bound the phone while this was written (their claim read no order yet): claim it for them.
  const late = await phoneOwner(db, input.phone);
  if (late) {
    const claimed = await claimOne(db, late, input.orderId, now);
    if (claimed.answer) return claimed.answer;
  }
  return answer;
}

type ClaimOne = { outcome: 'credited' | 'replayed' | 'tooLate' | 'none'; answer?: Credited };

/** Claims the unclaimed order `id` for the member `openid` (who has bound its phone). */
async function claimOne(db: Database, openid: string, id: string, now: Date): Promise<ClaimOne> {
  const first = await unclaimedById(db, id);
  if (!first || first.status === 'claimed' || first.status === 'tooLate') return { outcome: 'none' };
  // Only the member the phone is bound to now (member.bindPhone sets member_phones, then the member's phone).
  const member = await findMember(db, { openid });
  if (!member || member.phone !== first.phone) return { outcome: 'none' };
  if (first.status === 'unclaimed') await db.collection('unclaimed_orders').where({ _id: id, status: 'unclaimed' }).update({ data: { status: 'claiming', openid, updatedAt: now } });
  const doc = first.status === 'claiming' ? first : await unclaimedById(db, id);
  if (!doc || doc.status !== 'claiming' || doc.openid !== openid) return { outcome: 'none' };
  const source: Source = { channel: doc.channel, issuer: doc.issuer, ...(doc.order.storeId ? { storeId: doc.order.storeId } : {}), ...(doc.order.format ? { format: doc.order.format } : {}) };
  try {
    const answer = await recordPaidOrder(db, asMemberOrder(doc.order, member.memberNo), source, now);
    // Refunds delivered while it was unclaimed, now on the member's ledger as any refund (once per refund id). No
    // refund is added once the claim began (refundUnclaimed refuses a claiming order), so none is missed.
    for (const [refundId, r] of Object.entries(doc.refunds ?? {})) {
      await recordRefund(db, { refundId, orderId: id, amountFen: r.amountFen, refundedAt: r.refundedAt, reason: r.reason ?? undefined }, source, now);
    }
    await db.collection('unclaimed_orders').where({ _id: id, status: 'claiming', openid }).update({ data: { status: 'claimed', claimedAt: now, updatedAt: now } });
    return { outcome: answer.replayed ? 'replayed' : 'credited', answer };
  } catch (err) {
    // Past the late-delivery window now (recordPaidOrder refuses it as it refuses a late delivery): kept, as tooLate.
    if (err instanceof AppError && err.code === 'INVALID_INPUT') {
      await db.collection('unclaimed_orders').where({ _id: id, status: 'claiming', openid }).update({ data: { status: 'tooLate', claimedAt: now, updatedAt: now } });
      return { outcome: 'tooLate' };
    }
    throw err;
  }
}

/** member.bindPhone: every order delivered for `phone` before it was bound, credited to the member `openid`. */
export async function claimUnclaimedOrders(db: Database, openid: string, phone: string, now: Date): Promise<ClaimedOrders> {
  const _ = db.command;
  const { data } = await db.collection('unclaimed_orders').where({ phone, status: _.in(['unclaimed', 'claiming']) }).orderBy('paidAt', 'asc').limit(100).get();
  const sum: ClaimedOrders = { credited: 0, pointsEarned: 0, growthEarned: 0, tooLate: 0 };
  for (const d of data as Stored<UnclaimedOrderDoc>[]) {
    if (d.status === 'claiming' && d.openid !== openid) continue;
    const r = await claimOne(db, openid, d._id, now);
    if (r.outcome === 'credited' && r.answer) {
      sum.credited += 1;
      sum.pointsEarned += r.answer.pointsEarned;
      sum.growthEarned += r.answer.growthEarned;
    }
    if (r.outcome === 'tooLate') sum.tooLate += 1;
  }
  return sum;
}

type UnclaimedRefund = Extract<Output<'order', 'refunded'>, { unclaimed: true }>;

/**
 * order.refunded of an order that is still unclaimed (or kept tooLate): noted on it by refund id, to be reversed
 * right after a claim credits it; null when the channel has no such unclaimed order (the caller answers NOT_FOUND)
 * or it was claimed meanwhile (the caller records the refund as usual).
 */
export async function refundUnclaimed(db: Database, input: Refund, source: Pick<Source, 'channel'>, now: Date): Promise<UnclaimedRefund | null> {
  const doc = await unclaimedById(db, input.orderId);
  if (!doc || doc.channel !== source.channel || doc.status === 'claimed') return null;
  if (doc.status === 'claiming') throw new AppError('CONFLICT', '订单正在被会员认领，请稍后重试');
  const refunds = doc.refunds ?? {};
  const earlier = refunds[input.refundId];
  const total = (extra: number) => Object.values(refunds).reduce((s, r) => s + r.amountFen, 0) + extra;
  if (earlier) {
    if (earlier.amountFen !== input.amountFen) throw new AppError('ALREADY_EXISTS', '退款单号已存在且内容不一致');
    return { refundId: input.refundId, orderId: input.orderId, unclaimed: true, fullyRefunded: total(0) >= doc.paidFen, replayed: true };
  }
  if (total(input.amountFen) > doc.paidFen) throw new AppError('INVALID_INPUT', '退款金额超过订单实付金额');
  // Only while nobody claims it: a claim that began reads the refunds after this could no longer be seen.
  const written = await db.collection('unclaimed_orders').where({ _id: input.orderId, status: doc.status, [`refunds.${input.refundId}`]: db.command.exists(false) })
    .update({ data: { [`refunds.${input.refundId}`]: { amountFen: input.amountFen, refundedAt: input.refundedAt, reason: input.reason ?? null }, updatedAt: now } });
  if (written.stats.updated !== 1) throw new AppError('CONFLICT');
  return { refundId: input.refundId, orderId: input.orderId, unclaimed: true, fullyRefunded: total(input.amountFen) >= doc.paidFen, replayed: false };
}
