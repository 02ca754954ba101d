// Fixtures of the points-mall and staff tests: stores of two formats, staff of every role, items.
import type { TestCloud } from './cloud';

export const STORES = [
  { _id: 'st-mall', name: '测试购物中心店', format: 'mall', formatName: '购物中心' },
  { _id: 'st-hotel', name: '测试酒店', format: 'hotel', formatName: '酒店' },
];

export const STAFF = [
  { _id: 'clerk-mall', openid: 'clerk-mall', name: '店员甲', role: 'clerk', storeId: 'st-mall', active: true },
  { _id: 'manager-hotel', openid: 'manager-hotel', name: '店长乙', role: 'manager', storeId: 'st-hotel', active: true },
  { _id: 'admin-1', openid: 'admin-1', name: '管理员', role: 'admin', storeId: null, active: true },
];

export function item(id: string, extra: Record<string, unknown> = {}) {
  return {
    _id: id, name: `商品 ${id}`, kind: 'coupon', category: '优惠券', description: '测试', image: null, pointsPrice: 10, stock: 100, sold: 0,
    perOrderLimit: 0, perMemberLimit: 0, minTierLevel: 0, saleStart: null, saleEnd: null, fundedBy: { format: 'mall', storeId: null },
    voucherValidDays: 30, active: true, sort: 1, ...extra,
  };
}

export async function seedMallFixtures(t: TestCloud, items: object[] = []) {
  await t.cloud.db.insertMany('stores', STORES);
  await t.cloud.db.insertMany('staff', STAFF);
  if (items.length > 0) await t.cloud.db.insertMany('mall_items', items);
}

/** Registers a member (100 registration points) and optionally credits more through a manager adjustment. */
export async function member(t: TestCloud, openid: string, extraPoints = 0): Promise<string> {
  const r = await t.call('member', { action: 'login' }, openid);
  const memberNo = r.body.data.member.memberNo as string;
  if (extraPoints > 0) {
    const adj = await t.call('staff', { action: 'adjustPoints', memberNo, amount: extraPoints, reason: '测试充值', requestId: `seed-${openid}`.replace(/[^A-Za-z0-9_-]/g, '_') }, 'manager-hotel');
    if (!adj.body.ok || adj.body.data.status !== 'applied') throw new Error(`seed adjustment not applied: ${JSON.stringify(adj.body)}`);
  }
  return memberNo;
}

export const ledgerOf = (t: TestCloud, openid: string) =>
  t.cloud.db.find('point_ledger', { openid }, { limit: 5000 }).docs as Array<{ amount: number; key: string; type: string; balanceAfter: number; lots?: Array<{ lotId: string; amount: number; format: string }>; redeemFormat?: string }>;

export const memberDoc = (t: TestCloud, openid: string) =>
  t.cloud.db.find('members', { openid }).docs[0] as { memberNo: string; points: { balance: number; debt: number; lots: Array<{ lotId: string; remaining: number; amount: number; format: string; expiresAt: unknown }> }; mall?: { redeemed: Record<string, number>; recent: string[] } };

export function expectConsistent(t: TestCloud, openid: string) {
  const m = memberDoc(t, openid);
  const sum = ledgerOf(t, openid).reduce((s, e) => s + e.amount, 0);
  expect(m.points.balance).toBe(sum);
  expect(m.points.balance).toBe(m.points.lots.reduce((s, l) => s + l.remaining, 0) - m.points.debt);
  expect(m.points.balance).toBeGreaterThanOrEqual(0);
  for (const l of m.points.lots) expect(l.remaining).toBeGreaterThanOrEqual(0);
}

/** The refunds an order keeps (`orders.refunds`); undefined when it has none. */
export const refundsOf = (t: TestCloud, orderId: string) =>
  (t.cloud.db.find('orders', { _id: orderId }).docs[0] as { refunds?: Array<Record<string, unknown>> } | undefined)?.refunds;
