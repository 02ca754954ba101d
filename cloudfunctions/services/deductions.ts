// Points as cash (积分抵扣): the writes of holds. A hold is a point_holds document (its story) plus an entry in the
// member's live holds (members.pointHolds), which every spendable balance subtracts; both change in the member's
// transaction, so concurrent holds, spends and adjustments of one member serialise on the member document and never
// reserve more than is spendable. Capture is the paid-order path (services/orders.ts) with the hold: the spend entry
// and the order's earning on the cash part in one write. Every step is once per hold id; a lapsed hold needs no
// write (it stops counting at its expiry; the member's next hold write drops it).
import type { Output, ParsedInput } from '../../contract';
import type { LoyaltyConfig } from '../core/config';
import {
  HOLD_STATUS_NAMES, holdExpiresAt, holdRefusal, holdStatusAt, planCapture, planHold, quoteDeduction, withoutHold,
  type HoldStatus,
} from '../core/deduction';
import type { PointHoldDoc, Stored, Update } from '../core/documents';
import { AppError } from '../core/errors';
import { spendablePoints, type LedgerPlan, type Lot, type PointHold } from '../core/ledger';
import { pointsStateOf, type MemberDoc } from '../core/member';
import { yuan } from '../core/numbers';
import type { OrderDeduction } from '../core/refund';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import { once } from '../runtime/idempotent';
import { findMember, lotsOf, writeMember } from '../runtime/memberRepo';
import { getInTransaction } from '../runtime/transaction';

export type HoldView = Output<'staff', 'deduction'>;
type HoldAnswer = Output<'order', 'hold'>;
type HoldRequest = ParsedInput<'order', 'hold'>['hold'];

export interface HoldSource { channel: string; issuer: string; storeName?: string | null }

/** One hold per order of a channel. */
export const holdIdOf = (channel: string, orderId: string) => `${channel}:${orderId}`;

const date = (x: Date | string) => new Date(x);

export function holdView(doc: Stored<PointHoldDoc>, now: Date): HoldView {
  const status = holdStatusAt({ status: doc.status, expiresAt: date(doc.expiresAt) }, now);
  return {
    holdId: doc._id, orderId: doc.orderId, memberNo: doc.memberNo, status, statusText: HOLD_STATUS_NAMES[status],
    orderFen: doc.orderFen, points: doc.points, deductionFen: doc.fen, cashFen: doc.orderFen - doc.fen,
    expiresAt: date(doc.expiresAt).toISOString(), format: doc.format, storeName: doc.storeName ?? null,
  };
}

export async function findHold(db: Database, holdId: string): Promise<Stored<PointHoldDoc> | null> {
  const { data } = await db.collection('point_holds').where({ _id: holdId }).get();
  return data[0] ?? null;
}

async function holdMember(db: Database, memberNo: string) {
  const member = await findMember(db, { memberNo });
  if (!member) throw new AppError('NOT_FOUND', '会员不存在');
  if (member.frozen) throw new AppError('NOT_ELIGIBLE', '会员账户已冻结，暂不能使用积分');
  return member;
}

interface NewHold { holdId: string; orderId: string; orderFen: number; format: string; storeId: string | null; storeName: string | null }

function holdDoc(m: MemberDoc, h: NewHold, quote: { points: number; fen: number }, status: HoldStatus, expiresAt: Date, source: HoldSource, requestedBy: string | null, now: Date): PointHoldDoc {
  return {
    _id: h.holdId, openid: m.openid, memberNo: m.memberNo, channel: source.channel, orderId: h.orderId, orderFen: h.orderFen,
    points: quote.points, fen: quote.fen, format: h.format, storeId: h.storeId, storeName: h.storeName, status, expiresAt,
    requestedBy, decidedAt: null, capturedAt: null, releasedAt: null, issuer: source.issuer, createdAt: now, updatedAt: now,
  };
}

const sameHold = (d: Stored<PointHoldDoc>, h: { memberNo: string; orderFen: number; channel: string }) =>
  d.memberNo === h.memberNo && d.orderFen === h.orderFen && d.channel === h.channel;

/**
 * One hold per (channel, order id): a replay answers the hold as it is now, the same order id for another member or
 * amount is `taken`; the first time, `make` writes it with the member and the rules.
 */
function holdOnce(
  db: Database, order: { orderId: string; memberNo: string; amountFen: number }, channel: string, taken: string, now: Date,
  make: (holdId: string, member: MemberDoc, config: LoyaltyConfig) => Promise<HoldAnswer>,
): Promise<HoldAnswer> {
  const holdId = holdIdOf(channel, order.orderId);
  return once<HoldAnswer, Stored<PointHoldDoc>>({
    first: true,
    stored: () => findHold(db, holdId),
    answer: (d) => holdView(d, now),
    same: (d) => sameHold(d, { memberNo: order.memberNo, orderFen: order.amountFen, channel }),
    taken,
    run: async () => make(holdId, await holdMember(db, order.memberNo), await loadConfig(db)),
  });
}

/** order.hold: reserves points for a channel's order, once per (channel, order id); a replay answers the hold as it is now. */
export function placeHold(db: Database, input: HoldRequest, source: HoldSource, now: Date): Promise<HoldAnswer> {
  return holdOnce(db, input, source.channel, '订单号已用于另一笔积分抵扣', now, (holdId, member, config) => {
    const h: NewHold = { holdId, orderId: input.orderId, orderFen: input.amountFen, format: input.format ?? '', storeId: input.storeId ?? null, storeName: source.storeName ?? null };
    return writeMember(db, member.openid, { now, baseline: member }, ({ member: m, lots }) => {
      const plan = planHold(pointsStateOf(m, lots), { holdId, orderFen: h.orderFen, maxPoints: input.points, format: h.format, storeId: h.storeId, at: now }, config.deduction);
      const doc = holdDoc(m, h, plan.quote, 'held', plan.hold.expiresAt, source, null, now);
      return { write: { fields: { pointHolds: plan.holds }, inserts: [{ collection: 'point_holds', doc }] }, result: { ...holdView(doc, now), replayed: false } };
    });
  });
}

/**
 * staff.requestDeduction: a clerk asks; nothing is reserved until the member approves on their own phone. The points
 * asked are what the rules allow now (or fewer, as the clerk typed); the member approves exactly those.
 */
export function requestHold(
  db: Database, input: { orderId: string; memberNo: string; amountFen: number; points?: number; format: string; storeId: string; storeName: string },
  source: HoldSource & { requestedBy: string }, now: Date,
): Promise<HoldAnswer> {
  return holdOnce(db, input, source.channel, '该小票已发起过另一笔积分抵扣', now, async (holdId, member, config) => {
    const quote = quoteDeduction({
      orderFen: input.amountFen, spendable: spendablePoints(pointsStateOf(member, lotsOf(member)), now), maxPoints: input.points,
      format: input.format, storeId: input.storeId,
    }, config.deduction);
    if (!quote.ok) throw new AppError(quote.code, quote.message);
    const h: NewHold = { holdId, orderId: input.orderId, orderFen: input.amountFen, format: input.format, storeId: input.storeId, storeName: input.storeName };
    const doc = holdDoc(member, h, quote, 'requested', holdExpiresAt(now, config.deduction), source, source.requestedBy, now);
    await db.collection('point_holds').add({ data: doc });
    return { ...holdView(doc, now), replayed: false };
  });
}

/** The member's newest request still waiting for an answer, or null. */
export async function pendingRequest(db: Database, openid: string, now: Date): Promise<(HoldView & { requestedAt: string }) | null> {
  const { data } = await db.collection('point_holds').where({ openid, status: 'requested' }).orderBy('createdAt', 'desc').limit(5).get();
  const live = data.find((d) => holdStatusAt({ status: d.status, expiresAt: date(d.expiresAt) }, now) === 'requested');
  return live ? { ...holdView(live, now), requestedAt: date(live.createdAt).toISOString() } : null;
}

/**
 * member.decideDeduction: the member answers their own request once. Approving reserves exactly the points asked
 * (refused when they are no longer spendable) for `deduction.holdMinutes` from now; declining reserves nothing.
 */
export async function decideRequest(db: Database, openid: string, input: { holdId: string; approve: boolean }, now: Date): Promise<HoldView> {
  const config = await loadConfig(db);
  return writeMember(db, openid, {
    now,
    inTx: (tx) => getInTransaction(tx, 'point_holds', input.holdId),
  }, ({ member: m, lots, inTx: doc }) => {
    if (!doc || doc.openid !== m.openid) throw new AppError('NOT_FOUND', '积分抵扣请求不存在');
    const status = holdStatusAt({ status: doc.status, expiresAt: date(doc.expiresAt) }, now);
    // A repeated answer (a double tap, a retry) that matches what was decided answers the hold as it is.
    if ((input.approve && (status === 'held' || status === 'captured')) || (!input.approve && status === 'declined')) return { write: null, result: holdView(doc, now) };
    const refusal = holdRefusal(status, 'decide');
    if (refusal) throw new AppError('NOT_ELIGIBLE', refusal);
    if (input.approve && m.frozen) throw new AppError('NOT_ELIGIBLE', '会员账户已冻结，暂不能使用积分');
    if (!input.approve) {
      const data = { status: 'declined' as const, decidedAt: now, updatedAt: now };
      return { write: { updates: [{ collection: 'point_holds', id: doc._id, data }] }, result: holdView({ ...doc, ...data }, now) };
    }
    const plan = planHold(pointsStateOf(m, lots), {
      holdId: doc._id, orderFen: doc.orderFen, maxPoints: doc.points, exact: true, format: doc.format, storeId: doc.storeId, at: now,
    }, config.deduction);
    const data = { status: 'held' as const, expiresAt: plan.hold.expiresAt, decidedAt: now, updatedAt: now };
    return {
      write: { fields: { pointHolds: plan.holds }, updates: [{ collection: 'point_holds', id: doc._id, data }] },
      result: holdView({ ...doc, ...data }, now),
    };
  });
}

/** order.release: gives a live hold (or an unanswered request) up at once; a repeat answers it released. */
export async function releaseHold(db: Database, holdId: string, source: Pick<HoldSource, 'channel'>, now: Date): Promise<HoldView & { replayed: boolean }> {
  const found = await findHold(db, holdId);
  if (!found || found.channel !== source.channel) throw new AppError('NOT_FOUND', '积分抵扣单不存在');
  return writeMember(db, found.openid, {
    now,
    inTx: (tx) => getInTransaction(tx, 'point_holds', holdId),
  }, ({ member: m, inTx: doc }) => {
    const status = holdStatusAt({ status: doc!.status, expiresAt: date(doc!.expiresAt) }, now);
    if (status === 'released') return { write: null, result: { ...holdView(doc!, now), replayed: true as boolean } };
    const refusal = holdRefusal(status, 'release');
    if (refusal) throw new AppError('NOT_ELIGIBLE', refusal);
    const data = { status: 'released' as const, releasedAt: now, updatedAt: now };
    return {
      write: { fields: { pointHolds: withoutHold(m.pointHolds, holdId, now) }, updates: [{ collection: 'point_holds', id: holdId, data }] },
      result: { ...holdView({ ...doc!, ...data }, now), replayed: false },
    };
  });
}

/** A capture as recordPaidOrder takes it: the hold and what it pays, read before the order's transaction. */
export interface DeductionRef { holdId: string; fen: number }

/**
 * The hold a paid order names, checked before the order is recorded: it exists, is this channel's, and is for this
 * order id, member and amount. Its status is judged again inside the order's transaction (captureStep).
 */
export async function deductionFor(db: Database, holdId: string, order: { orderId: string; memberNo: string; amountFen: number }, channel: string): Promise<DeductionRef> {
  const hold = await findHold(db, holdId);
  if (!hold || hold.channel !== channel) throw new AppError('NOT_FOUND', '积分抵扣单不存在');
  if (hold.orderId !== order.orderId) throw new AppError('INVALID_INPUT', '订单号与积分抵扣单不一致');
  if (hold.memberNo !== order.memberNo) throw new AppError('INVALID_INPUT', '会员与积分抵扣单不一致');
  if (hold.orderFen !== order.amountFen) throw new AppError('INVALID_INPUT', `订单金额与积分抵扣单（${yuan(hold.orderFen)} 元）不一致`);
  return { holdId, fen: hold.fen };
}

export interface CaptureStep {
  /** The member and lots after the spend, for the order's earning to be planned on. */
  member: MemberDoc;
  lots: Lot[];
  spend: LedgerPlan;
  holds: PointHold[];
  /** What the order earns on: the cash part, or the whole amount when `deduction.deductedPartEarns`. */
  earnFen: number;
  cashFen: number;
  record: OrderDeduction;
  answer: { holdId: string; points: number; deductionFen: number; cashFen: number };
  update: Update;
}

/** Inside the order's transaction: the hold must still be live; its points become a spend where the order was paid. */
export function captureStep(
  m: MemberDoc, lots: Lot[], hold: Stored<PointHoldDoc> | null,
  order: { orderId: string; amountFen: number; format: string; storeId: string | null; issuer: string }, now: Date, config: LoyaltyConfig,
): CaptureStep {
  if (!hold || hold.openid !== m.openid) throw new AppError('NOT_FOUND', '积分抵扣单不存在');
  const refusal = holdRefusal(holdStatusAt({ status: hold.status, expiresAt: date(hold.expiresAt) }, now), 'capture');
  if (refusal) throw new AppError('NOT_ELIGIBLE', refusal);
  const c = planCapture(pointsStateOf(m, lots), {
    holdId: hold._id, points: hold.points, key: `deduct:${hold._id}`, reason: `积分抵扣 ${yuan(hold.fen)} 元`, ref: order.orderId,
    issuer: order.issuer, at: now, redeemFormat: order.format, redeemStoreId: order.storeId,
  });
  const cashFen = order.amountFen - hold.fen;
  return {
    member: { ...m, points: { ...c.ledger.points, lots: c.ledger.state.lots }, pointHolds: c.holds },
    lots: c.ledger.state.lots,
    spend: c.ledger,
    holds: c.holds,
    earnFen: config.deduction.deductedPartEarns ? order.amountFen : cashFen,
    cashFen,
    record: { holdId: hold._id, points: hold.points, fen: hold.fen, returned: 0, draws: c.draws, redeemFormat: order.format, redeemStoreId: order.storeId },
    answer: { holdId: hold._id, points: hold.points, deductionFen: hold.fen, cashFen },
    update: { collection: 'point_holds', id: hold._id, data: { status: 'captured', capturedAt: now, updatedAt: now } },
  };
}

export type CapturedDeduction = CaptureStep['answer'];
