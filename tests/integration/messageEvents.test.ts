// Where subscription messages come from, through the local cloud: a tier change (an order), points about to expire
// (the daily review, once per expiry date), a mailed item shipped and delivered, a voucher written off. Each is queued
// once by the flow that causes it and delivered by the notify timer with the member's consent.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { item, member, seedMallFixtures } from '../helpers/mall';
import { paidEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let seq = 0;
const ID = (key: string) => DEFAULT_CONFIG.notify.templates.find((x) => x.key === key)!.ids[0].id;
const DAY = '2027-03-01T10:00:00+08:00';

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  await seedMallFixtures(t, [item('gift-coupon', { pointsPrice: 10 }), item('gift-parcel', { kind: 'shipping', category: '实物好礼', pointsPrice: 10, name: '星空蓝限量版真空保温杯（500 毫升，附赠杯套）' })]);
  await t.cloud.db.insertMany('staff', [{ _id: 'ev-op', openid: 'ev-op', name: '运营', role: 'operator', storeId: null, active: true }]);
});

afterEach(async () => {
  await t.resetClock();
});

afterAll(async () => {
  await t.stop();
});

type Msg = { _id: string; key: string; status: string; variables: Record<string, unknown> };
const messages = (openid: string, key: string) => (t.cloud.db.find('messages', { openid, key }, { limit: 100 }).docs as Msg[]);
const inbox = (openid: string, templateKey: string) => t.cloud.subscribe.view(openid).inbox.filter((m) => m.templateId === ID(templateKey));

async function allow(openid: string, keys: string[]) {
  const results = Object.fromEntries(keys.map((k) => [ID(k), 'accept']));
  await fetch(`${t.url}/_wx/requestSubscribeMessage`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify({ results }) });
  const r = await t.call('notify', { action: 'subscribe', requestId: `ev-req-${++seq}`, results: keys.map((k) => ({ templateId: ID(k), result: 'accept' })) }, openid);
  expect(r.body.ok).toBe(true);
}

const trigger = async (fn: string) => {
  const res = await fetch(`${t.url}/_triggers/${fn}`, { method: 'POST' });
  expect(res.status).toBe(200);
};

test('an order that lifts the tier queues one tierChanged message, sent with the new tier name', async () => {
  await t.setClock(DAY);
  const openid = 'ev-tier';
  const memberNo = await member(t, openid);
  await allow(openid, ['tierChanged']);
  const order = { orderId: `EV-${++seq}`, memberNo, amountFen: 60_000, paidAt: new Date(DAY).toISOString(), format: 'mall' };
  expect((await t.call('order', paidEvent(order, { at: new Date(DAY) }))).body.data.tier).toMatchObject({ change: 'upgrade', toLevel: 1 });
  expect((await t.call('order', paidEvent(order, { at: new Date(DAY) }))).body.data.replayed).toBe(true);
  expect(messages(openid, 'tierChanged')).toHaveLength(1);
  await trigger('notify');
  await trigger('notify');
  const sent = inbox(openid, 'tierChanged');
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ page: 'packages/loyalty/tiers/index', data: { thing1: { value: '银牌会员' }, phrase2: { value: '升级' }, thing4: { value: '点击查看银牌会员专属权益' } } });
});

test('points expiring within 30 days: one message per expiry date, however often the review runs', async () => {
  await t.setClock(DAY);
  const openid = 'ev-expiry';
  await member(t, openid);
  await allow(openid, ['pointsExpiring']);
  const lots = (t.cloud.db.find('members', { openid }).docs[0] as { points: { lots: Array<{ expiresAt: string | Date; remaining: number }> } }).points.lots;
  const expiresAt = new Date(lots[0].expiresAt);
  await t.setClock(new Date(expiresAt.getTime() - 40 * 86_400_000).toISOString());
  await trigger('jobs');
  expect(messages(openid, 'pointsExpiring')).toHaveLength(0);
  await t.setClock(new Date(expiresAt.getTime() - 20 * 86_400_000 + 10 * 3600_000).toISOString());
  await trigger('jobs');
  await t.setClock(new Date(expiresAt.getTime() - 19 * 86_400_000 + 10 * 3600_000).toISOString());
  await t.cloud.db.setFields('members', { _id: openid }, { reviewAt: new Date(0) });
  await trigger('jobs');
  expect(messages(openid, 'pointsExpiring')).toHaveLength(1);
  await trigger('notify');
  const sent = inbox(openid, 'pointsExpiring');
  expect(sent).toHaveLength(1);
  const lastDay = new Date(expiresAt.getTime() - 1 + 8 * 3600_000);
  expect(sent[0].data).toMatchObject({ number1: { value: String(lots[0].remaining) }, date2: { value: `${lastDay.getUTCFullYear()}年${lastDay.getUTCMonth() + 1}月${lastDay.getUTCDate()}日` } });
});

test('a mailed item shipped and delivered, a voucher written off: one message each, the long item name cut to fit', async () => {
  await t.setClock(DAY);
  const openid = 'ev-redeem';
  await member(t, openid, 100);
  for (let i = 0; i < 3; i++) await allow(openid, ['redemptionStatus']);
  const parcel = await t.call('mall', { action: 'redeem', itemId: 'gift-parcel', requestId: 'ev-parcel-1', shipping: { name: '李四', phone: '13800138000', address: '上海市黄浦区测试路 8 号' } }, openid);
  expect(parcel.body.ok).toBe(true);
  const redemptionId = parcel.body.data.redemptionId as string;
  const ship = { redemptionId, carrier: '顺丰速运', trackingNo: 'SF1234567890', expectedVersion: 0, requestId: 'ev-ship-0001' };
  expect((await t.call('admin', { action: 'updateShipment', ...ship }, 'ev-op')).body.ok).toBe(true);
  expect((await t.call('admin', { action: 'updateShipment', ...ship }, 'ev-op')).body.data.replayed).toBe(true);
  expect((await t.call('admin', { action: 'updateShipment', ...ship, delivered: true, expectedVersion: 1, requestId: 'ev-ship-0002' }, 'ev-op')).body.ok).toBe(true);

  const coupon = await t.call('mall', { action: 'redeem', itemId: 'gift-coupon', requestId: 'ev-coupon-1' }, openid);
  const code = coupon.body.data.voucher.code as string;
  expect((await t.call('staff', { action: 'verifyVoucher', code }, 'clerk-mall')).body.ok).toBe(true);
  expect((await t.call('staff', { action: 'verifyVoucher', code }, 'clerk-mall')).body.ok).toBe(false);

  expect(messages(openid, 'redemptionStatus').map((m) => m.variables.status).sort()).toEqual(['已发货', '已核销', '已签收'].sort());
  await trigger('notify');
  const sent = inbox(openid, 'redemptionStatus');
  expect(sent.map((m) => m.data.phrase2.value).sort()).toEqual(['已发货', '已核销', '已签收'].sort());
  const shipped = sent.find((m) => m.data.phrase2.value === '已发货')!;
  expect([...shipped.data.thing1.value]).toHaveLength(20);
  expect(shipped.data.thing4.value).toBe('顺丰速运 SF1234567890');
  expect(sent.find((m) => m.data.phrase2.value === '已核销')!.data.thing1.value).toBe('商品 gift-coupon');
});
