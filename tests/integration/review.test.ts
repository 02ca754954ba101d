// The daily review through the local cloud with a moved clock: lots expire at the year end (the right ones),
// tiers are kept by retention or lowered one step at a time, and a rerun the same day changes nothing.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let seq = 0;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
});

afterAll(async () => {
  await t.stop();
});

async function at(iso: string) {
  await t.setClock(iso, true);
  return new Date(iso);
}

async function pay(memberNo: string, amountFen: number, when: Date) {
  const o = { orderId: `RV-${++seq}`, memberNo, amountFen, paidAt: when.toISOString(), format: 'mall', items: [{ sku: 's', name: '商品', category: `类目${seq % 3}`, quantity: 1, amountFen }] };
  const r = await t.call('order', paidEvent(o, { at: when }));
  expect(r.body.ok).toBe(true);
  return r.body.data;
}

const runReview = async () => {
  const r = await fetch(`${t.url}/_triggers/jobs`, { method: 'POST' });
  const body = (await r.json()) as { result: { data: unknown } };
  expect(r.status).toBe(200);
  return body.result.data as { reviewed: number; expiredPoints: number; tierChanges: number; remaining: boolean };
};

const member = (openid: string) => t.cloud.db.find('members', { openid }).docs[0] as any;
const entries = (openid: string) => t.cloud.db.find('point_ledger', { openid }, { limit: 1000 }).docs as any[];
const lots = (openid: string) => member(openid).points.lots as any[];

test('crossing a year end expires exactly the lots earned two years before, and nothing else', async () => {
  await at('2025-06-10T10:00:00+08:00');
  const memberNo = (await t.call('member', { action: 'login' }, 'year-end')).body.data.member.memberNo;
  const first = await pay(memberNo, 20000, new Date('2025-06-10T10:00:00+08:00'));
  await at('2026-02-01T10:00:00+08:00');
  const second = await pay(memberNo, 30000, new Date('2026-02-01T10:00:00+08:00'));
  const earned2025 = 100 + first.pointsEarned + entries('year-end').filter((e) => e.key.startsWith('upgradeGift:') && new Date(e.createdAt).getUTCFullYear() === 2025).reduce((s, e) => s + e.amount, 0);

  await at('2026-12-31T23:59:00+08:00');
  await runReview();
  expect(entries('year-end').filter((e) => e.type === 'expire')).toHaveLength(0);

  await at('2027-01-01T00:05:00+08:00');
  const run = await runReview();
  expect(run.reviewed).toBeGreaterThanOrEqual(1);
  const expired = entries('year-end').filter((e) => e.type === 'expire');
  expect(-expired.reduce((s, e) => s + e.amount, 0)).toBe(earned2025);
  const m = member('year-end');
  expect(m.points.balance).toBe(entries('year-end').reduce((s, e) => s + e.amount, 0));
  expect(m.points.balance).toBe(lots('year-end').reduce((s, l) => s + l.remaining, 0));
  expect(lots('year-end').filter((l) => l.remaining > 0).every((l) => new Date(l.expiresAt) > new Date('2027-06-01'))).toBe(true);
  expect(m.points.balance).toBeGreaterThanOrEqual(second.pointsEarned);

  const again = await runReview();
  expect(again.reviewed).toBe(0);
  expect(entries('year-end').filter((e) => e.type === 'expire')).toHaveLength(expired.length);

  // The card now shows the 2026 points expiring at the end of 2027.
  const home = (await t.call('member', { action: 'home' }, 'year-end')).body.data;
  expect(home.points.expiring.date).toBe('2027-12-31');
}, 60_000);

test('at the end of the tier period retention keeps the tier; without it the member drops one tier only', async () => {
  await at('2025-03-01T10:00:00+08:00');
  const keeperNo = (await t.call('member', { action: 'login' }, 'keeper')).body.data.member.memberNo;
  const lapserNo = (await t.call('member', { action: 'login' }, 'lapser')).body.data.member.memberNo;
  // Both reach 金牌 at once (growth > 1501).
  await pay(keeperNo, 85000, new Date('2025-03-01T10:00:00+08:00'));
  await pay(lapserNo, 85000, new Date('2025-03-01T10:00:00+08:00'));
  expect(member('keeper').tierLevel).toBe(2);
  expect(member('lapser').tierLevel).toBe(2);
  const validUntil = new Date(member('keeper').tierValidUntil);

  // The keeper keeps buying during the period: retention growth (1200 for 金牌) is met at its end.
  await at('2026-01-15T10:00:00+08:00');
  await pay(keeperNo, 70000, new Date('2026-01-15T10:00:00+08:00'));

  await at(new Date(validUntil.getTime() + 60_000).toISOString());
  await runReview();
  expect(member('keeper').tierLevel).toBe(2);
  expect(new Date(member('keeper').tierValidUntil).getTime()).toBeGreaterThan(validUntil.getTime());
  // The lapser's growth fell out of the window: one step down to 银牌, not straight to 普通.
  expect(member('lapser').tierLevel).toBe(1);
  expect(member('lapser').growth.total).toBeLessThan(501);
}, 60_000);
