// 发货 in the console through the local cloud: mailed items waiting (oldest first) and on their way, recording the
// parcel once per request (a concurrent second operator is refused, naming the first), 已签收, and what the member's
// 我的兑换 shows at each step; a cancelled or shipped item is never shipped again by mistake.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { item, member, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;
const OP = 'ship-operator';
const OP2 = 'ship-operator-2';
const SHIP_TO = { name: '李四', phone: '13800138000', address: '上海市黄浦区测试路 8 号' };

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 4 });
  await seedMallFixtures(t, [item('parcel', { kind: 'shipping', category: '实物好礼', pointsPrice: 10 })]);
  await t.cloud.db.insertMany('staff', [
    { _id: OP, openid: OP, name: '运营小周', role: 'operator', storeId: null, active: true },
    { _id: OP2, openid: OP2, name: '运营小吴', role: 'operator', storeId: null, active: true },
  ]);
});

afterAll(async () => {
  await t.stop();
});

const admin = (action: string, input: object, as = OP) => t.call('admin', { action, ...input }, as);
const redeem = async (openid: string, requestId: string) => {
  const r = await t.call('mall', { action: 'redeem', itemId: 'parcel', requestId, shipping: SHIP_TO }, openid);
  expect(r.body.ok).toBe(true);
  return r.body.data.redemptionId as string;
};
const mine = async (openid: string) => (await t.call('mall', { action: 'myRedemptions' }, openid)).body.data.items[0];

test('pending oldest first, shipped once per request, a stale second ship refused, 已签收; the member sees each step', async () => {
  await member(t, 'ship-a', 100);
  await member(t, 'ship-b', 100);
  const first = await redeem('ship-a', 'ship-req-a');
  const second = await redeem('ship-b', 'ship-req-b');
  const pending = await admin('shipments', { status: 'pending' });
  expect(pending.body.data.items.map((o: { redemptionId: string }) => o.redemptionId)).toEqual([first, second]);
  expect(pending.body.data.items[0]).toMatchObject({ shipping: SHIP_TO, shipment: null, version: 0, quantity: 1 });
  expect((await mine('ship-a')).shipment).toMatchObject({ status: 'pending' });

  const ship = { redemptionId: first, carrier: '顺丰速运', trackingNo: 'SF1234567890', expectedVersion: 0, requestId: 'ship-first-0001' };
  const [a, b] = await Promise.all([admin('updateShipment', ship), admin('updateShipment', ship)]);
  expect([a.body.data.replayed, b.body.data.replayed].sort()).toEqual([false, true]);
  expect(a.body.data.order).toMatchObject({ shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890', deliveredAt: null }, version: 1 });
  const audits = t.cloud.db.find('staff_audit', { action: 'updateShipment' }).docs as Array<{ replayed: boolean }>;
  expect(audits.filter((x) => !x.replayed)).toHaveLength(1);

  // Another operator who loaded the list before: refused with who changed it, nothing written.
  const before = dumpDatabase(t);
  const stale = await admin('updateShipment', { ...ship, trackingNo: 'YT0000000000', requestId: 'ship-first-0002' }, OP2);
  expect(stale.body.error).toEqual({ code: 'STALE_VERSION', message: '已被他人修改，请刷新：运营小周 已更新了发货信息' });
  expect(dumpDatabase(t)).toEqual(before);

  expect((await mine('ship-a')).shipment).toMatchObject({ status: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890' });
  // On its way the member can no longer cancel it (a return, not a cancellation).
  expect((await t.call('mall', { action: 'cancel', redemptionId: first }, 'ship-a')).body.ok).toBe(false);
  expect((await admin('shipments', { status: 'pending' })).body.data.items.map((o: { redemptionId: string }) => o.redemptionId)).toEqual([second]);
  expect((await admin('shipments', { status: 'shipped' })).body.data.items.map((o: { redemptionId: string }) => o.redemptionId)).toEqual([first]);

  const delivered = await admin('updateShipment', { ...ship, delivered: true, expectedVersion: 1, requestId: 'ship-first-0003' }, OP2);
  expect(delivered.body.data.order.shipment.deliveredAt).not.toBeNull();
  expect((await mine('ship-a')).shipment).toMatchObject({ status: 'delivered' });
  expect((await admin('updateShipment', { ...ship, expectedVersion: 2, requestId: 'ship-first-0004' })).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该包裹已签收' });
});

test('bad input in Chinese, a cancelled item is not shipped, other kinds are not mailed items; analysts cannot ship', async () => {
  await member(t, 'ship-c', 100);
  const id = await redeem('ship-c', 'ship-req-c');
  const bad = await admin('updateShipment', { redemptionId: id, carrier: '顺丰', trackingNo: 'SF 123', expectedVersion: 0, requestId: 'ship-bad-0001' });
  expect(bad.body.error.code).toBe('INVALID_INPUT');
  expect(bad.body.error.message).toContain('运单号');
  expect((await t.call('mall', { action: 'cancel', redemptionId: id }, 'ship-c')).body.ok).toBe(true);
  expect((await admin('updateShipment', { redemptionId: id, carrier: '顺丰速运', trackingNo: 'SF5555555555', expectedVersion: 0, requestId: 'ship-cancelled-1' })).body.error)
    .toEqual({ code: 'NOT_ELIGIBLE', message: '该兑换已取消，不能发货' });
  expect((await admin('updateShipment', { redemptionId: 'no-such-one', carrier: '顺丰速运', trackingNo: 'SF5555555555', expectedVersion: 0, requestId: 'ship-missing-1' })).body.error)
    .toEqual({ code: 'NOT_FOUND', message: '没有这个邮寄兑换' });
  expect((await admin('shipments', { status: 'pending' }, 'analyst-x')).body.error.code).toBe('FORBIDDEN');
});
