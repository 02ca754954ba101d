// 发货 in the console: mailed items waiting (oldest first) or on their way, and recording a parcel (carrier and
// tracking number, then 已签收) on the redemption, which the member's 我的兑换 shows (core/mall.ts shipmentStatus). A
// compare-and-set on the shipment's version: two operators shipping one order never both apply, a retry answers once.
import type { Output, ParsedInput } from '../../../contract';
import type { RedemptionDoc, Stored } from '../../core/documents';
import { AppError } from '../../core/errors';
import { findRedemption, reviveRedemption } from '../../services/redemptions';
import { retryOnConflict } from '../../runtime/dbErrors';
import { queueRedemptionStatus } from '../../services/messages';
import type { StaffContext } from '../../runtime/handler';

type ShippingOrder = Output<'admin', 'shipments'>['items'][number];
const PAGE = 20;

function orderView(doc: RedemptionDoc): ShippingOrder {
  const s = doc.shipment;
  return {
    redemptionId: doc._id, memberNo: doc.memberNo, itemName: doc.itemName, quantity: doc.quantity, createdAt: doc.createdAt.toISOString(),
    shipping: doc.shipping ? { name: doc.shipping.name, phone: doc.shipping.phone, address: doc.shipping.address } : null,
    shipment: s ? { carrier: s.carrier, trackingNo: s.trackingNo, shippedAt: new Date(s.shippedAt).toISOString(), deliveredAt: s.deliveredAt ? new Date(s.deliveredAt).toISOString() : null } : null,
    version: s?.version ?? 0,
  };
}

export async function shipments({ db, input }: StaffContext<ParsedInput<'admin', 'shipments'>>): Promise<Output<'admin', 'shipments'>> {
  const _ = db.command;
  const size = input.pageSize ?? PAGE;
  const pending = input.status === 'pending';
  // `shipment: null` matches a missing field too (MongoDB); 已发货 lists the ones with a parcel.
  const conditions: object[] = [{ kind: 'shipping', status: 'issued', shipment: pending ? null : _.neq(null) }];
  if (input.cursor) {
    const at = input.cursor.indexOf(':');
    const when = new Date(Number(input.cursor.slice(0, at)));
    const id = input.cursor.slice(at + 1);
    conditions.push(pending ? _.or([{ createdAt: _.gt(when) }, { createdAt: when, _id: _.gt(id) }]) : _.or([{ createdAt: _.lt(when) }, { createdAt: when, _id: _.lt(id) }]));
  }
  const { data } = await db.collection('redemptions').where(conditions.length === 1 ? conditions[0] as never : _.and(conditions) as never)
    .orderBy('createdAt', pending ? 'asc' : 'desc').orderBy('_id', pending ? 'asc' : 'desc').limit(size + 1).get();
  const page = data.slice(0, size).map((d) => reviveRedemption(d as Stored<RedemptionDoc>));
  const last = page[page.length - 1];
  return { items: page.map(orderView), nextCursor: data.length > size && last ? `${last.createdAt.getTime()}:${last._id}` : null };
}

export async function updateShipment({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'admin', 'updateShipment'>>): Promise<Output<'admin', 'updateShipment'>> {
  const r = await findRedemption(db, input.redemptionId);
  if (!r || r.kind !== 'shipping') throw new AppError('NOT_FOUND', '没有这个邮寄兑换');
  if (r.shipment?.requestId === input.requestId) return { order: orderView(r), replayed: true };
  if (r.status !== 'issued') throw new AppError('NOT_ELIGIBLE', r.status === 'cancelled' ? '该兑换已取消，不能发货' : '该兑换已完成');
  const version = r.shipment?.version ?? 0;
  if (version !== input.expectedVersion) {
    const who = r.shipment?.byName ? `${r.shipment.byName} 已更新了发货信息` : '发货信息已变化';
    throw new AppError('STALE_VERSION', `已被他人修改，请刷新：${who}`);
  }
  if (r.shipment?.deliveredAt) throw new AppError('NOT_ELIGIBLE', '该包裹已签收');
  const shipment = {
    carrier: input.carrier.trim(), trackingNo: input.trackingNo,
    shippedAt: r.shipment?.shippedAt ?? now,
    deliveredAt: input.delivered ? now : null,
    version: version + 1, requestId: input.requestId, by: staff.openid, byName: staff.name,
  };
  const _ = db.command;
  const current = version === 0 ? _.or([{ shipment: null }, { 'shipment.version': _.exists(false) }]) : { 'shipment.version': version };
  const { stats } = await retryOnConflict(() => db.collection('redemptions').where(_.and([{ _id: r._id, status: 'issued' }, current]) as never)
    .update({ data: { shipment: _.set(shipment), updatedAt: now } as never }));
  if (stats.updated !== 1) {
    const again = await findRedemption(db, r._id);
    if (again?.shipment?.requestId === input.requestId) return { order: orderView(again), replayed: true };
    throw new AppError('STALE_VERSION', `已被他人修改，请刷新：${again?.shipment?.byName ? `${again.shipment.byName} 已更新了发货信息` : '发货信息已变化'}`);
  }
  recordChange({ collection: 'redemptions', id: r._id, before: { shipment: r.shipment ?? null }, after: { shipment } });
  // The member hears of the parcel when it leaves and when it arrives (a correction of the tracking number is silent).
  if (!r.shipment) await queueRedemptionStatus(db, r, 'shipped', 'v1', `${shipment.carrier} ${shipment.trackingNo}`, now);
  if (shipment.deliveredAt) await queueRedemptionStatus(db, r, 'delivered', 'v1', '您的兑换包裹已签收', now);
  return { order: orderView({ ...r, shipment }), replayed: false };
}
