// Pending points (a lock period for returns): shown on the card, not spendable, released by the daily review.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '0';
  t = await startTestCloud({ seed: 'empty' });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  await t.cloud.db.insertMany('staff', [{ _id: 'admin-p', openid: 'admin-p', name: '管理员', role: 'admin', storeId: null, active: true }]);
});

afterAll(async () => {
  delete process.env.LOYALTY_CONFIG_TTL_MS;
  await t.stop();
});

test('order points wait out the return window before they can be spent', async () => {
  const set = await t.call('admin', { action: 'setConfig', rules: { points: { pendingDays: 7 } }, expectedVersion: 0 }, 'admin-p');
  expect(set.body.ok).toBe(true);
  const paidAt = new Date('2026-05-10T12:00:00+08:00');
  await t.setClock(paidAt.toISOString(), true);
  const memberNo = (await t.call('member', { action: 'login' }, 'pending-buyer')).body.data.member.memberNo;
  const paid = (await t.call('order', paidEvent({ orderId: 'P-1', memberNo, amountFen: 30000, paidAt: paidAt.toISOString() }, { at: paidAt }))).body.data;

  const home = (await t.call('member', { action: 'home' }, 'pending-buyer')).body.data;
  expect(home.points).toMatchObject({ balance: paid.balance, pending: paid.pointsEarned, spendable: paid.balance - paid.pointsEarned });
  const member = t.cloud.db.find('members', { openid: 'pending-buyer' }).docs[0] as { points: { lots: Array<{ ref: string; availableAt: Date }> } };
  const lot = member.points.lots.find((l) => l.ref === 'P-1') as { availableAt: Date };
  expect(new Date(lot.availableAt).toISOString()).toBe('2026-05-17T16:00:00.000Z'); // 00:00 on 18 May, Shanghai

  await t.setClock('2026-05-18T00:10:00+08:00', true);
  await fetch(`${t.url}/_triggers/jobs`, { method: 'POST' });
  const after = (await t.call('member', { action: 'home' }, 'pending-buyer')).body.data;
  expect(after.points).toMatchObject({ balance: paid.balance, pending: 0, spendable: paid.balance });
}, 60_000);
