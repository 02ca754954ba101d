// 待认领订单 (catalog.unclaimedOrders): orders delivered for a phone no member had bound (services/unclaimedOrders.ts),
// for operators answering "my purchase before joining was not credited": waiting, past the window, or claimed.
import type { Output, ParsedInput } from '../../contract';
import type { Stored, UnclaimedOrderDoc } from '../core/documents';
import type { StaffContext } from '../runtime/handler';
import { maskPhone } from '../services/phones';

const PAGE = 100;
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export async function unclaimedOrders({ db, input, staff }: StaffContext<ParsedInput<'catalog', 'unclaimedOrders'>>): Promise<Output<'catalog', 'unclaimedOrders'>> {
  const _ = db.command;
  const statuses = input.status === 'unclaimed' ? ['unclaimed', 'claiming'] : [input.status];
  const { data } = await db.collection('unclaimed_orders').where({ status: _.in(statuses) }).orderBy('createdAt', 'desc').limit(PAGE + 1).get();
  const docs = (data as Stored<UnclaimedOrderDoc>[]).slice(0, PAGE);
  const openids = [...new Set(docs.flatMap((d) => (d.openid ? [d.openid] : [])))];
  const members = openids.length ? (await db.collection('members').where({ _id: _.in(openids) }).field({ memberNo: true }).limit(PAGE).get()).data : [];
  const memberNo = new Map((members as { _id: string; memberNo: string }[]).map((m) => [m._id, m.memberNo]));
  const full = staff.role !== 'analyst';
  return {
    items: docs.map((d) => ({
      orderId: d._id, channel: d.channel, phone: full ? d.phone : maskPhone(d.phone), phoneMasked: !full, amountFen: d.paidFen,
      paidAt: iso(d.paidAt)!, status: d.status, claimableUntil: d.result.claimableUntil, memberNo: d.openid ? memberNo.get(d.openid) ?? null : null,
      claimedAt: iso(d.claimedAt), createdAt: iso(d.createdAt)!,
    })),
    more: data.length > PAGE,
  };
}
