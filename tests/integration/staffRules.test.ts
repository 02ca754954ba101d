// The till's rules through the local cloud: activities are documents (an unknown, inactive, not yet started, ended or
// other-store code is refused and writes nothing; a valid one credits once, with its own growth when it sets one),
// and staff date a purchase back only within their role's window (a clerk today only, a manager up to 7 days).
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { member, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;

const NOW = '2026-06-10T10:00:00+08:00';
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 4 });
  await seedMallFixtures(t);
  await t.cloud.db.insertMany('activities', [
    { _id: 'YOGA-MALL', name: '晨间瑜伽课', storeIds: ['st-mall'], startAt: at('2026-06-08T00:00:00+08:00'), endAt: at('2026-06-14T23:59:59+08:00'), active: true },
    { _id: 'TEA-ALL', name: '茶艺体验', storeIds: [], startAt: at('2026-06-01T00:00:00+08:00'), endAt: at('2026-06-30T23:59:59+08:00'), growth: 20, dailyCap: 3, active: true },
    { _id: 'WINE-HOTEL', name: '红酒品鉴会', storeIds: ['st-hotel'], startAt: at('2026-06-01T00:00:00+08:00'), endAt: at('2026-06-30T23:59:59+08:00'), active: true },
    { _id: 'PAUSED', name: '插花沙龙', storeIds: [], startAt: at('2026-06-01T00:00:00+08:00'), endAt: at('2026-06-30T23:59:59+08:00'), active: false },
    { _id: 'LATER', name: '新春答谢会', storeIds: [], startAt: at('2026-06-11T00:00:00+08:00'), endAt: at('2026-06-11T23:59:59+08:00'), active: true },
    { _id: 'OVER', name: '夏日市集', storeIds: [], startAt: at('2026-06-01T00:00:00+08:00'), endAt: at('2026-06-09T23:59:59+08:00'), active: true },
  ]);
  await t.setClock(NOW, true);
});

afterAll(async () => {
  await t.stop();
});

const activityGrowth = (openid: string) => t.cloud.db.find('growth_ledger', { openid, event: 'activity' }).docs as Array<{ key: string; amount: number; raw: number }>;

describe('staff.activityCheckin: activities are documents', () => {
  test('an unknown, inactive, not yet started, ended or other-store activity is refused and nothing is written', async () => {
    const memberNo = await member(t, 'act-1');
    const before = dumpDatabase(t);
    const refused = async (activityId: string, staff = 'clerk-mall') => (await t.call('staff', { action: 'activityCheckin', memberNo, activityId }, staff)).body.error;
    expect(await refused('NO-SUCH-CODE')).toEqual({ code: 'NOT_FOUND', message: '活动不存在' });
    expect(await refused('PAUSED')).toEqual({ code: 'NOT_ELIGIBLE', message: '活动已停用' });
    expect(await refused('LATER')).toEqual({ code: 'NOT_ELIGIBLE', message: '活动未开始' });
    expect(await refused('OVER')).toEqual({ code: 'NOT_ELIGIBLE', message: '活动已结束' });
    expect(await refused('WINE-HOTEL')).toEqual({ code: 'NOT_ELIGIBLE', message: '活动不在本店举办' });
    expect(await refused('YOGA-MALL', 'manager-hotel')).toEqual({ code: 'NOT_ELIGIBLE', message: '活动不在本店举办' });
    expect(dumpDatabase(t)).toEqual(before);
    expect(activityGrowth('act-1')).toEqual([]);
  });

  test('a valid activity credits once (also when recorded concurrently) and answers its name; its own growth replaces the rule', async () => {
    const memberNo = await member(t, 'act-2');
    const results = await Promise.all([1, 2, 3].map(() => t.call('staff', { action: 'activityCheckin', memberNo, activityId: 'YOGA-MALL' }, 'clerk-mall')));
    expect(results.every((r) => r.body.ok)).toBe(true);
    const credited = results.filter((r) => r.body.data.growthEarned > 0);
    expect(credited).toHaveLength(1);
    expect(credited[0].body.data).toMatchObject({ memberNo, activityId: 'YOGA-MALL', name: '晨间瑜伽课', growthEarned: 10, message: '已登记参与活动' });
    expect(results.filter((r) => r.body.data.growthEarned === 0).every((r) => r.body.data.message === '该会员已登记过本次活动')).toBe(true);
    expect(activityGrowth('act-2').map((g) => g.key)).toEqual(['activity:YOGA-MALL']);

    const tea = await t.call('staff', { action: 'activityCheckin', memberNo, activityId: 'TEA-ALL' }, 'manager-hotel');
    expect(tea.body.data).toMatchObject({ name: '茶艺体验', growthEarned: 20, message: '已登记参与活动' });
    expect(activityGrowth('act-2').find((g) => g.key === 'activity:TEA-ALL')).toMatchObject({ raw: 20, amount: 20 });
  });
});

describe('staff.recordPurchase: backdating within the role window', () => {
  const buy = (memberNo: string, orderId: string, paidAt: string, staff: string) =>
    t.call('staff', { action: 'recordPurchase', memberNo, orderId, amountFen: 10000, paidAt }, staff);
  const order = (id: string) => t.cloud.db.find('orders', { _id: id }).docs[0];
  const logEntry = (id: string) => t.cloud.db.find('store_activity', { _id: `purchase:${id}` }).docs[0] as { backdated?: boolean; paidAt?: unknown; title: string } | undefined;

  test("a clerk's purchase dated yesterday is refused and writes nothing; one earlier today is accepted", async () => {
    const memberNo = await member(t, 'buyer-1');
    const before = dumpDatabase(t);
    const yesterday = await buy(memberNo, 'BD-C1', '2026-06-09T23:59:00+08:00', 'clerk-mall');
    expect(yesterday.body.error).toEqual({ code: 'INVALID_INPUT', message: '店员只能补录当天的消费' });
    const longAgo = await buy(memberNo, 'BD-C2', '2026-04-11T10:00:00+08:00', 'clerk-mall');
    expect(longAgo.body.error).toEqual({ code: 'INVALID_INPUT', message: '店员只能补录当天的消费' });
    expect(dumpDatabase(t)).toEqual(before);

    const today = await buy(memberNo, 'BD-C3', '2026-06-10T00:05:00+08:00', 'clerk-mall');
    expect(today.body.ok).toBe(true);
    expect(order('st-mall:BD-C3')).toMatchObject({ paidFen: 10000, issuer: 'staff:clerk-mall' });
    expect(logEntry('st-mall:BD-C3')?.backdated).toBeUndefined();
  });

  test("a manager's purchase dated 6 days ago is accepted and recorded as backdated; 8 days ago is refused", async () => {
    const memberNo = await member(t, 'buyer-2');
    const sixDays = await buy(memberNo, 'BD-M1', '2026-06-04T15:00:00+08:00', 'manager-hotel');
    expect(sixDays.body.ok).toBe(true);
    expect(order('st-hotel:BD-M1')).toMatchObject({ paidFen: 10000 });
    expect(logEntry('st-hotel:BD-M1')).toMatchObject({ backdated: true, title: '补录 2026-06-04 消费 100.00 元' });
    expect(new Date(logEntry('st-hotel:BD-M1')!.paidAt as string).toISOString()).toBe('2026-06-04T07:00:00.000Z');

    const before = dumpDatabase(t);
    const eightDays = await buy(memberNo, 'BD-M2', '2026-06-02T15:00:00+08:00', 'manager-hotel');
    expect(eightDays.body.error).toEqual({ code: 'INVALID_INPUT', message: '店长只能补录 7 天内的消费' });
    expect(dumpDatabase(t)).toEqual(before);
  });

  test('a retry the next day of a purchase recorded the day before answers the first result', async () => {
    await t.setClock('2026-06-10T23:50:00+08:00', true);
    const memberNo = await member(t, 'buyer-3');
    const first = await buy(memberNo, 'BD-R1', '2026-06-10T23:45:00+08:00', 'clerk-mall');
    expect(first.body.data.replayed).toBe(false);
    await t.setClock('2026-06-11T00:10:00+08:00', true);
    const retry = await buy(memberNo, 'BD-R1', '2026-06-10T23:45:00+08:00', 'clerk-mall');
    expect(retry.body.data).toMatchObject({ orderId: 'st-mall:BD-R1', replayed: true });
    await t.setClock(NOW, true);
  });
});
