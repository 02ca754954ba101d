// Recording paid orders and refunds: the one path for outside channels (signed) and store staff.
// Replays of one order or refund id, sequential or concurrent, earn or reverse once and answer the first result (a
// refund is kept on its order and found there).
import type { Output } from '../../contract';
import { AppError } from '../core/errors';
import { paidOrderFlow, refundAnswer, refundFlow } from '../core/flows';
import { checkRefundCount, hasOlderRefunds } from '../core/refund';
import { checkPaidAt } from '../core/paidAt';
import { growthWindowStart, type PriorOrder } from '../core/growth';
import { loadConfig, loadConfigAndExperiments } from '../runtime/configStore';
import { experimentRules } from '../core/experiments';
import type { OrderDoc, OrderRefundDoc, OutboxDoc, RefundDoc, Stored } from '../core/documents';
import type { Database, TransactionHandle } from '../runtime/dbTypes';
import { once } from '../runtime/idempotent';
import { writeMember } from '../runtime/memberRepo';
import type { PaidOrder as PaidOrderInput, Refund as RefundInput } from '../../contract/orderFields';
import { getInTransaction } from '../runtime/transaction';
import { followUpDoc, followUpId, followUpInsert } from '../runtime/outbox';
import { refuseReusedNonce } from '../runtime/signature';
import { applyFollowUps } from './followUps';
import { captureStep, type CapturedDeduction, type DeductionRef } from './deductions';
import { chainPlans } from '../core/ledger';
import { stageStep, withStage } from '../core/lifecycleStage';
import { activityAfterOrder, activityAfterRefund, priorOrdersFromActivity } from '../core/segments';

/** An order credited to its member (order.paid also answers unclaimed phone orders: services/unclaimedOrders.ts). */
type PaidResult = Extract<Output<'order', 'paid'>, { pointsEarned: number }>;
type RefundResult = Extract<Output<'order', 'refunded'>, { pointsReversed: number }>;

/** `nonce`: the signed request's (order.paid, order.refunded), kept on the order or refund it writes. */
export interface Source { channel: string; issuer: string; storeId?: string; format?: string; nonce?: string }

/** Whether a stored request has the values of the incoming one (the fields `incoming` has). */
function sameRequest(stored: object, incoming: object): boolean {
  const was = new Map(Object.entries(stored));
  return Object.entries(incoming).every(([f, v]) => JSON.stringify(was.get(f)) === JSON.stringify(v));
}

async function findOrder(db: Database, id: string) {
  const { data } = await db.collection('orders').where({ _id: id }).get();
  return data[0] ?? null;
}

/** The order id as the idempotency key: its document stores the request and the first answer. */
// Not looked up first (issue 14 §4): the document's insert in the transaction is the check, so a new order or refund
// pays no read for it and a sequential replay pays the failed attempt, then this read.
// The signed request that wrote it is kept on it (`nonce`): that same request again is refused as a replay, as the
// signature check refuses a used nonce for the other signed actions (runtime/signature.ts).
const byOrderId = (db: Database, id: string, incoming: Partial<OrderDoc>, nonce: string | undefined) => ({
  first: false,
  stored: () => findOrder(db, id),
  answer: (stored: Stored<OrderDoc>) => {
    refuseReusedNonce(stored, nonce);
    return stored.result as PaidResult;
  },
  same: (stored: Stored<OrderDoc>) => sameRequest(stored, incoming),
  taken: '订单号已存在且内容不一致',
});

/** A channel acts only on its own orders: another channel's order is, to it, an order that does not exist. */
export function ownOrder<T extends { channel: string }>(order: T | null, source: Pick<Source, 'channel'>): T | null {
  return order && order.channel === source.channel ? order : null;
}

/** With `deduction` (积分抵扣 capture, services/deductions.ts): the hold's points are spent and the cash part earns. */
export async function recordPaidOrder(db: Database, input: PaidOrderInput, source: Source, now: Date, deduction?: DeductionRef): Promise<PaidResult & { deduction?: CapturedDeduction }> {
  const paidAt = new Date(input.paidAt);
  const items = input.items ?? [];
  const format = input.format ?? source.format ?? '';
  const incoming = { memberNo: input.memberNo, paidFen: input.amountFen - (deduction?.fen ?? 0), ...(deduction ? { holdId: deduction.holdId } : {}) };
  // Replays and a concurrent delivery that lost the race answer the first result.
  return once<PaidResult, Stored<OrderDoc>>({
    // The same order id from another channel is another order: taken, never its answer.
    ...byOrderId(db, input.orderId, { ...incoming, channel: source.channel }, source.nonce),
    run: async () => {
      // The live experiments come with the rules (one cached read of the config document).
      const { config, experiments: live } = await loadConfigAndExperiments(db);
      checkPaidAt(paidAt, now, config);
      const categories = [...new Set(items.map((i) => i.category))];
      // The member is read by number inside the transaction and its orders of the window right after (loadInside):
      // no read of the member before it (issue 14 §4).
      const { answer, followUps } = await writeMember(db, { memberNo: input.memberNo, notFound: '会员不存在' }, {
        now,
        loadInside: true,
        load: async (member) => {
          const since = growthWindowStart(paidAt, config);
          // The window's days and categories from the member's activity summary: no read of its orders (issue 14 §4).
          const summarised = priorOrdersFromActivity(member, since);
          if (summarised) return summarised;
          const _ = db.command;
          const { data } = await db.collection('orders')
            .where({ openid: member.openid, paidAt: _.gte(since), status: _.neq('refunded') })
            .field({ paidAt: true, categories: true }).orderBy('paidAt', 'desc').limit(1000).get();
          return data.map((o): PriorOrder => ({ paidAt: new Date(o.paidAt), categories: o.categories ?? [] }));
        },
        // An invitee's binding, read with the member: until its first order is counted, an order has a follow-up.
        inTx: (tx, m) => Promise.all([
          m.referredBy ? getInTransaction(tx, 'referrals', m.openid) : Promise.resolve(null),
          deduction ? getInTransaction(tx, 'point_holds', deduction.holdId) : Promise.resolve(null),
        ]),
      }, ({ member: m, lots, extra: prior, inTx: [ref, hold] }) => {
        const storeId = input.storeId ?? source.storeId ?? null;
        const d = deduction ? captureStep(m, lots, hold, { orderId: input.orderId, amountFen: input.amountFen, format, storeId, issuer: source.issuer }, now, config) : null;
        // The member's experiment arms (assigned and recorded at first exposure) decide the earning rules for them.
        const x = experimentRules(config, live, m, now);
        const earned = paidOrderFlow(d?.member ?? m, d?.lots ?? lots, { orderId: input.orderId, paidFen: d?.earnFen ?? input.amountFen, paidAt, categories, storeFormat: format || undefined, storeId: input.storeId ?? source.storeId ?? undefined, issuer: source.issuer }, prior, now, x.config);
        const flow = d
          ? { ...earned, write: { ...earned.write, ledger: chainPlans(d.spend, earned.write.ledger), fields: { ...earned.write.fields, pointHolds: d.holds } }, rewards: { ...earned.rewards, paidFen: d.cashFen, deduction: d.record } }
          : earned;
        const result = {
          orderId: input.orderId, memberNo: m.memberNo, pointsEarned: flow.points.points, multiplier: flow.points.multiplier,
          growthEarned: flow.growth.amount, balance: flow.write.ledger.points.balance, tier: flow.tier, replayed: false, ...(d ? { deduction: d.answer } : {}),
        };
        const order: OrderDoc = {
          _id: input.orderId, openid: m.openid, ...incoming, paidAt, items, categories, storeId: input.storeId ?? source.storeId ?? null, format,
          channel: source.channel, issuer: source.issuer, status: 'paid', rewards: flow.rewards, result, createdAt: now,
          ...(source.nonce ? { nonce: source.nonce } : {}),
        };
        // The inviter's first-order reward: recorded with the order (durable with it), applied after the commit, after
        // the inviter's registration reward when that is not settled yet (it decides whether the first order pays).
        const docs: OutboxDoc[] = m.referredBy && ref && ref.inviterOpenid === m.referredBy && !ref.firstOrderId
          ? [followUpDoc(followUpId.referralOrder(input.orderId), { kind: 'referralOrder', payload: { orderId: input.orderId, inviteeOpenid: m.openid, inviterOpenid: m.referredBy, at: now } },
            now, ref.rewarded === null ? [followUpId.inviteReward(m.openid)] : [])]
          : [];
        // The lifecycle stage with this purchase (an order that brings a dormant member back is logged here).
        const stage = stageStep(m, { add: { orderId: input.orderId, at: paidAt } }, now, config.stages, 'order', input.orderId);
        // The segments' activity summary (core/segments.ts): this order's day, spend, format and store, no request of its own.
        const activity = activityAfterOrder(m.activity, { paidAt, amountFen: incoming.paidFen, format, storeId, categories });
        return { write: withStage({ ...flow.write, fields: { ...flow.write.fields, activity, ...x.fields }, inserts: [{ collection: 'orders', doc: order }, ...docs.map(followUpInsert)], updates: d ? [d.update] : [] }, stage), result: { answer: result, followUps: docs } };
      });
      await applyFollowUps(db, followUps, now); // a follow-up that fails stays in the outbox for the timer
      return answer;
    },
  });
}

/** A refund recorded before (on its order, or in `refunds` from before refunds were kept there): its replay. */
class RecordedRefund {
  constructor(readonly stored: { refundFen: number; nonce?: string; result: RefundDoc['result'] }) {}
}

/** The refund `refundId` of `order` if it is recorded: on the order, or for an order with older refunds in `refunds`. */
async function recordedRefund(tx: TransactionHandle, order: Stored<OrderDoc>, refundId: string) {
  const kept = order.refunds?.find((r) => r.refundId === refundId);
  if (kept) return kept;
  const older = hasOlderRefunds(order) ? await getInTransaction(tx, 'refunds', refundId) : null;
  return older && older.orderId === order._id ? older : null;
}

/**
 * A refund is kept on its order (`orders.refunds`, refund ids unique per order): the order's update records it, no
 * document of its own (issue 14 §4). The order is read inside the transaction and names the member: a refund it
 * already has is a replay (answered at once, nothing written); a concurrent twin's commit makes this write of the
 * order and the member conflict, and the attempt starts over and finds it.
 */
export async function recordRefund(db: Database, input: RefundInput, source: Source, now: Date): Promise<RefundResult> {
  const config = await loadConfig(db);
  const at = new Date(input.refundedAt);
  let order: Stored<OrderDoc> | null = null;
  try {
    const { answer, followUps } = await writeMember(db, {
      // Another channel's order (a staff purchase is the channel 'store') is not found, also for a replay.
      via: async (tx) => {
        order = ownOrder(await getInTransaction(tx, 'orders', input.orderId), source);
        const earlier = order && await recordedRefund(tx, order, input.refundId);
        if (earlier) throw new RecordedRefund(earlier);
        return order?.openid ?? null;
      },
      notFound: '订单不存在',
    }, {
      now,
      loadInside: true,
      load: async () => order as unknown as Stored<OrderDoc>,
      // The order's first-order follow-up, if it had one: recorded in the order's transaction, so it is here now.
      inTx: (tx, member) => (member.referredBy || order?.referralInviter ? getInTransaction(tx, 'outbox', followUpId.referralOrder(input.orderId)) : Promise.resolve(null)),
    }, ({ member, lots, extra: current, inTx: orderFollowUp }) => {
      const { rewards } = current;
      checkRefundCount((current.refunds?.length ?? 0) + 1);
      const flow = refundFlow(member, lots, rewards, { refundId: input.refundId, refundFen: input.amountFen, at, issuer: source.issuer }, now, config);
      const result = refundAnswer(input, flow, !!rewards.deduction);
      // A full refund takes the inviter's first-order reward back, after that reward's follow-up is done (it may
      // still be pending: the refund's follow-up applies it first). An order is fully refunded once.
      const inviterOpenid = orderFollowUp?.kind === 'referralOrder' ? orderFollowUp.payload.inviterOpenid : current.referralInviter;
      const docs: OutboxDoc[] = flow.share.full && inviterOpenid
        ? [followUpDoc(followUpId.referralRefund(input.orderId), {
          kind: 'referralRefund', payload: { orderId: input.orderId, refundId: input.refundId, inviteeOpenid: member.openid, inviterOpenid, at: now },
        }, now, orderFollowUp && orderFollowUp.status !== 'done' ? [orderFollowUp._id] : [])] // one done stays done: no read of it later
        : [];
      // A fully refunded order is no purchase any more: the stage is judged without it.
      const stage = stageStep(member, flow.share.full ? { remove: input.orderId } : {}, now, config.stages, 'refund', input.refundId);
      const activity = activityAfterRefund(member.activity, { paidAt: new Date(current.paidAt), refundFen: input.amountFen, full: flow.share.full, categories: current.categories ?? [] });
      const refund: OrderRefundDoc = {
        refundId: input.refundId, refundFen: input.amountFen, reason: input.reason ?? null, refundedAt: at, channel: source.channel, issuer: source.issuer,
        result, createdAt: now, ...(source.nonce ? { nonce: source.nonce } : {}),
      };
      return {
        write: withStage({
          ...flow.write,
          fields: { ...flow.write.fields, activity },
          inserts: docs.map(followUpInsert),
          updates: [{
            collection: 'orders', id: input.orderId,
            data: { rewards: { ...rewards, ...flow.share.order }, status: flow.share.full ? 'refunded' : 'partiallyRefunded', refunds: appendTo(db, refund), updatedAt: now },
          }],
        }, stage),
        result: { answer: result, followUps: docs },
      };
    });
    await applyFollowUps(db, followUps, now); // a follow-up that fails stays in the outbox for the timer
    return answer;
  } catch (err) {
    if (!(err instanceof RecordedRefund)) throw err;
    const { stored } = err;
    if (stored.refundFen !== input.amountFen) throw new AppError('ALREADY_EXISTS', '退款单号已存在且内容不一致');
    refuseReusedNonce(stored, source.nonce);
    return { ...(stored.result as RefundResult), replayed: true };
  }
}

/** `item` added at the end of an array field by the database (the field's stored items are not written again). */
const appendTo = <T>(db: Database, item: T) => db.command.push([item]) as unknown as T[];
