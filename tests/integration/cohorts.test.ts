// The cohort tables (stats.cohorts) on a hand-made example: seven members in three months of joining, their orders
// (one refunded in full, one before joining, one after the day) and mall redemptions (one cancelled); the shares are
// worked out by hand below, and the nightly job (the stats timer, in chunks of 2) must give exactly them.
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;
const at = (iso: string) => new Date(iso);

const MEMBERS: Array<[string, string]> = [
  ['co-a', '2026-04-01T00:00:00+08:00'], ['co-b', '2026-04-15T10:00:00+08:00'], ['co-c', '2026-04-30T23:59:59+08:00'], ['co-d', '2026-04-20T10:00:00+08:00'],
  ['co-e', '2026-05-01T00:00:00+08:00'], ['co-f', '2026-05-31T12:00:00+08:00'], ['co-g', '2026-06-03T10:00:00+08:00'],
];
// [member, paidAt, status]
const ORDERS: Array<[string, string, string]> = [
  ['co-a', '2026-04-02T10:00:00+08:00', 'paid'], ['co-a', '2026-05-05T10:00:00+08:00', 'paid'], ['co-a', '2026-05-06T10:00:00+08:00', 'paid'],
  ['co-b', '2026-05-31T23:59:59+08:00', 'partiallyRefunded'],
  ['co-c', '2026-06-01T00:00:00+08:00', 'refunded'], // refunded in full: not a purchase
  ['co-d', '2026-06-11T00:00:00+08:00', 'paid'], // after the snapshot's day
  ['co-e', '2026-05-20T10:00:00+08:00', 'paid'], ['co-e', '2026-06-09T10:00:00+08:00', 'paid'],
  ['co-f', '2026-03-10T10:00:00+08:00', 'paid'], // before joining (delivered late): not retention
  ['co-f', '2026-06-10T23:59:59+08:00', 'paid'],
  ['co-g', '2026-06-10T08:00:00+08:00', 'paid'],
];
// [member, createdAt, status]
const REDEMPTIONS: Array<[string, string, string]> = [
  ['co-a', '2026-05-10T10:00:00+08:00', 'used'], ['co-b', '2026-06-02T10:00:00+08:00', 'cancelled'], ['co-e', '2026-06-01T00:00:00+08:00', 'issued'],
];

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
  const db = t.cloud.db;
  await db.insertMany('config', [{ _id: 'loyalty', rules: { stats: { membersPerChunk: 2 } }, version: 1 }]);
  await db.insertMany('staff', [
    { _id: 'co-analyst', openid: 'co-analyst', name: '分析', role: 'analyst', storeId: null, active: true },
    { _id: 'co-clerk', openid: 'co-clerk', name: '店员', role: 'clerk', storeId: 's1', active: true },
  ]);
  await db.insertMany('members', MEMBERS.map(([openid, joined], i) => ({
    _id: openid, openid, memberNo: `7000000000${i}`, nickname: '', tierLevel: 0, createdAt: at(joined), updatedAt: at(joined), points: { balance: 0, debt: 0, pending: 0, lots: [] },
  })));
  await db.insertMany('orders', ORDERS.map(([openid, paidAt, status], i) => ({
    _id: `co-o${i}`, openid, memberNo: '', paidFen: 1000, paidAt: at(paidAt), items: [], categories: [], storeId: null, format: 'mall', channel: 'test', status, createdAt: at(paidAt),
  })));
  await db.insertMany('redemptions', REDEMPTIONS.map(([openid, createdAt, status], i) => ({
    _id: `co-r${i}`, openid, memberNo: '', requestId: `co-r${i}`, itemId: 'coffee', itemName: '咖啡券', kind: 'voucher', category: '', quantity: 1, unitPoints: 100, points: 100,
    fundedBy: { format: 'mall', storeId: null }, status, spend: { key: 'k', draws: [] }, voucher: null, voucherCode: `CO-${i}`, giftCard: null, membership: null, shipping: null,
    faceValueFen: null, used: null, cancelled: null, createdAt: at(createdAt), updatedAt: at(createdAt), result: {},
  })));
});

afterAll(async () => {
  await t.stop();
});

const cohorts = (input: object, openid = 'co-analyst') => t.call('stats', { action: 'cohorts', ...input }, openid);

test('before any snapshot there is no table; after the night of 10 June the shares are the hand-made ones', async () => {
  const before = await cohorts({});
  expect(before.body).toEqual({ ok: true, data: { day: null, asOfMonth: null, rows: [] } });

  await t.setClock('2026-06-11T01:00:00+08:00', true);
  const r = await fetch(`${t.url}/_triggers/stats`, { method: 'POST' });
  expect(((await r.json()) as { result: { data: unknown } }).result.data).toEqual({ day: '2026-06-10', status: 'done', chunks: 4 });

  const { body } = await cohorts({});
  expect(body.error).toBeUndefined();
  expect(body.data).toEqual({
    day: '2026-06-10',
    asOfMonth: '2026-06',
    rows: [
      // April: a (April, May), b (May: partly refunded is still a purchase), c (June refunded in full: none), d (after the day: none).
      // Redeemed: a in May; b's June redemption was cancelled.
      { month: '2026-04', members: 4, buyers: [1, 2, 0], buyerShare: [0.25, 0.5, 0], redeemers: [0, 1, 0], redeemerShare: [0, 0.25, 0] },
      // May: e (May, June), f (June; the March order came before joining). e redeemed in June.
      { month: '2026-05', members: 2, buyers: [1, 2], buyerShare: [0.5, 1], redeemers: [0, 1], redeemerShare: [0, 0.5] },
      // June: g bought in the month of joining.
      { month: '2026-06', members: 1, buyers: [1], buyerShare: [1], redeemers: [0], redeemerShare: [0] },
    ],
  });
  // The same day asked by name answers the same; a day without a finished snapshot answers no table.
  expect((await cohorts({ day: '2026-06-10' })).body.data).toEqual(body.data);
  expect((await cohorts({ day: '2026-06-09' })).body.data).toEqual({ day: null, asOfMonth: null, rows: [] });
});

test('a clerk may not read the cohorts; a malformed day is refused', async () => {
  expect((await cohorts({}, 'co-clerk')).body.error.code).toBe('FORBIDDEN');
  const bad = await cohorts({ day: '2026-13-01' });
  expect(bad.body.error).toEqual({ code: 'INVALID_INPUT', message: expect.stringContaining('日期') });
});
