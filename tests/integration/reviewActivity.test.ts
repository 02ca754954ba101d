// Reviews with photos (reported by the selling channel) and activity attendance (recorded by staff) feed social and
// interaction growth and complete their tasks; each is credited once.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, signed, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'demo' });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
});

afterAll(async () => {
  await t.stop();
});

const growth = (openid: string, event: string) => t.cloud.db.find('growth_ledger', { openid, event }).docs as Array<{ amount: number; key: string }>;
const task = async (openid: string, id: string) => ((await t.call('task', { action: 'list' }, openid)).body.data.tasks as Array<{ id: string; progress: number; status: string }>).find((x) => x.id === id);

test('a photo review of a paid order earns social growth once and completes the review task', async () => {
  const memberNo = (await t.call('member', { action: 'login' }, 'reviewer')).body.data.member.memberNo;
  await t.call('order', paidEvent({ orderId: 'RV-ORDER-1', memberNo, amountFen: 5000, paidAt: new Date().toISOString() }));
  const review = { reviewId: 'R-1', orderId: 'RV-ORDER-1', withPhoto: true, reviewedAt: new Date().toISOString() };
  const results = await Promise.all([1, 2, 3].map(() => t.call('order', signed('reviewed', 'review', review))));
  expect(results.every((r) => r.body.ok)).toBe(true);
  expect(results.filter((r) => r.body.data.credited)).toHaveLength(1);
  expect(growth('reviewer', 'photoReview')).toEqual([expect.objectContaining({ key: 'review:RV-ORDER-1', amount: expect.any(Number) })]);
  expect(await task('reviewer', 'review')).toMatchObject({ progress: 1 });
  const noPhoto = await t.call('order', signed('reviewed', 'review', { ...review, reviewId: 'R-2', withPhoto: false }));
  expect(noPhoto.body.data).toMatchObject({ credited: false, reason: '仅晒图评价可获得成长值' });
  const unknown = await t.call('order', signed('reviewed', 'review', { ...review, orderId: 'nope' }));
  expect(unknown.body.error).toEqual({ code: 'NOT_FOUND', message: '订单不存在' });
  const forged = await t.call('order', { ...signed('reviewed', 'review', review), signature: '0'.repeat(64) });
  expect(forged.body.error.code).toBe('UNAUTHENTICATED');
});

test('staff record activity attendance: interaction growth once per activity, the activity task progresses', async () => {
  const memberNo = (await t.call('member', { action: 'home' }, 'demo-member-3')).body.data.member.memberNo;
  const before = await task('demo-member-3', 'activity');
  const first = await t.call('staff', { action: 'activityCheckin', memberNo, activityId: 'tea-2026-11' }, 'demo-clerk');
  expect(first.body.data).toMatchObject({ message: '已登记参与活动' });
  expect(first.body.data.growthEarned).toBeGreaterThan(0);
  const again = await t.call('staff', { action: 'activityCheckin', memberNo, activityId: 'tea-2026-11' }, 'demo-manager');
  expect(again.body.data).toMatchObject({ growthEarned: 0, message: '该会员已登记过本次活动' });
  expect(growth('demo-member-3', 'activity').filter((g) => g.key === 'activity:tea-2026-11')).toHaveLength(1);
  expect(before).toBeDefined();
  expect((await task('demo-member-3', 'activity'))?.progress).toBe(Math.min(before!.progress + 1, 1));
  expect((await t.call('staff', { action: 'activityCheckin', memberNo, activityId: 'x' }, 'demo-member-1')).body.error.code).toBe('FORBIDDEN');
  expect((await t.call('staff', { action: 'activityCheckin', memberNo: '12345678', activityId: 'x' }, 'demo-clerk')).body.error).toEqual({ code: 'NOT_FOUND', message: '会员不存在' });
});
