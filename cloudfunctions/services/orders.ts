// Recording paid orders and refunds: the one path for outside channels (signed) and store staff.
// Replays of one order or refund id, sequential or concurrent, earn or reverse once and answer the first result.
import { AppError } from '../core/errors';
import { paidOrderFlow, refundFlow } from '../core/flows';
import { growthWindowStart, type PriorOrder } from '../core/growth';
import type { OrderRewards } from '../core/refund';
import { loadConfig } from '../runtime/configStore';
import type { Database, Doc } from '../runtime/dbTypes';
import { once } from '../runtime/idempotent';
import { findMember, writeMember } from '../runtime/memberRepo';
import type { PaidOrderInput, RefundInput } from './orderSchemas';
import { afterPaidOrder, afterRefund } from './referralRewards';

export interface Source { channel: string; issuer: string; storeId?: string; format?: string }

const same = (a: Doc, b: Doc, fields: string[]) => fields.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));

async function findById(db: Database, collection: string, id: string): Promise<Doc | null> {
  const { data } = await db.collection(collection).where({ _id: id }).get();
  return data[0] ?? null;
}

/** The order or refund id as the idempotency key: its document stores the request and the first answer. */
const byId = (db: Database, collection: string, id: string, incoming: Doc, fields: string[], what: string) => ({
  first: true,
  stored: () => findById(db, collection, id),
  answer: (stored: Doc) => stored.result,
  same: (stored: Doc) => same(stored, incoming, fields),
  taken: `${what}已存在且内容不一致`,
});

export async function recordPaidOrder(db: Database, input: PaidOrderInput, source: Source, now: Date) {
  const paidAt = new Date(input.paidAt);
  if (Number.isNaN(paidAt.getTime())) throw new AppError('INVALID_INPUT', '支付时间不是有效的时间');
  if (paidAt.getTime() > now.getTime() + 5 * 60_000) throw new AppError('INVALID_INPUT', '支付时间不能晚于当前时间');
  const items = input.items ?? [];
  if (items.length > 0 && items.reduce((s, i) => s + i.amountFen, 0) !== input.amountFen) throw new AppError('INVALID_INPUT', '商品金额合计与订单金额不一致');
  const format = input.format ?? source.format ?? '';
  const incoming = { memberNo: input.memberNo, paidFen: input.amountFen };
  // Replays and a concurrent delivery that lost the race answer the first result.
  return once({
    ...byId(db, 'orders', input.orderId, incoming, ['memberNo', 'paidFen'], '订单号'),
    run: async () => {
      const member = await findMember(db, { memberNo: input.memberNo });
      if (!member) throw new AppError('NOT_FOUND', '会员不存在');
      const config = await loadConfig(db);
      const categories = [...new Set(items.map((i) => i.category))];
      const paid = await writeMember(db, member.openid, {
        now,
        baseline: member,
        load: async () => {
          const _ = db.command;
          const { data } = await db.collection('orders')
            .where({ openid: member.openid, paidAt: _.gte(growthWindowStart(paidAt, config)), status: _.neq('refunded') })
            .field({ paidAt: true, categories: true }).orderBy('paidAt', 'desc').limit(1000).get();
          return data.map((o): PriorOrder => ({ paidAt: new Date(o.paidAt), categories: o.categories ?? [] }));
        },
      }, ({ member: m, lots, extra: prior }) => {
        const flow = paidOrderFlow(m, lots, { orderId: input.orderId, paidFen: input.amountFen, paidAt, categories, storeFormat: format || undefined, issuer: source.issuer }, prior, now, config);
        const result = {
          orderId: input.orderId, memberNo: m.memberNo, pointsEarned: flow.points.points, multiplier: flow.points.multiplier,
          growthEarned: flow.growth.amount, balance: flow.write.ledger.points.balance, tier: flow.tier, replayed: false,
        };
        const order = {
          _id: input.orderId, openid: m.openid, ...incoming, paidAt, items, categories, storeId: input.storeId ?? source.storeId ?? null, format,
          channel: source.channel, issuer: source.issuer, status: 'paid', rewards: flow.rewards, result, createdAt: now,
        };
        return { write: { ...flow.write, inserts: [{ collection: 'orders', doc: order }] }, result };
      });
      await afterPaidOrder(db, member, input.orderId, now); // referral first-order reward; never throws
      return paid;
    },
  });
}

export async function recordRefund(db: Database, input: RefundInput, source: Source, now: Date) {
  const incoming = { orderId: input.orderId, refundFen: input.amountFen };
  return once({
    ...byId(db, 'refunds', input.refundId, incoming, ['orderId', 'refundFen'], '退款单号'),
    run: async () => {
      const order = await findById(db, 'orders', input.orderId);
      if (!order) throw new AppError('NOT_FOUND', '订单不存在');
      const config = await loadConfig(db);
      const at = new Date(input.refundedAt);
      if (Number.isNaN(at.getTime())) throw new AppError('INVALID_INPUT', '退款时间不是有效的时间');
      const refunded = await writeMember(db, String(order.openid), {
        now,
        // The order's refund totals change only together with the member (rev), so this read is covered by its check.
        load: async () => (await findById(db, 'orders', input.orderId)) as Doc,
      }, ({ member, lots, extra: current }) => {
        const rewards = current.rewards as OrderRewards;
        const flow = refundFlow(member, lots, rewards, { refundId: input.refundId, refundFen: input.amountFen, at, issuer: source.issuer }, now, config);
        const result = {
          refundId: input.refundId, orderId: input.orderId, pointsReversed: flow.share.pointsToReverse, growthReversed: flow.share.growthToReverse,
          fullyRefunded: flow.share.full, balance: flow.write.ledger.points.balance, debt: flow.write.ledger.points.debt, replayed: false,
        };
        return {
          write: {
            ...flow.write,
            inserts: [{ collection: 'refunds', doc: { _id: input.refundId, openid: member.openid, ...incoming, reason: input.reason ?? null, refundedAt: at, channel: source.channel, issuer: source.issuer, result, createdAt: now } }],
            updates: [{ collection: 'orders', id: input.orderId, data: { rewards: { ...rewards, ...flow.share.order }, status: flow.share.full ? 'refunded' : 'partiallyRefunded', updatedAt: now } }],
          },
          result,
        };
      });
      await afterRefund(db, order, refunded.fullyRefunded, now); // reverses a referral first-order reward; never throws
      return refunded;
    },
  });
}
