// Daily check-in through the local cloud: one check-in per Shanghai day under concurrency, streaks and milestones
// across days, the request budget, the calendar and 补签. Every test checks the ledgers, not just the answers.
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '1500'; // workers inherit it: a rule change is seen within 1.5 s
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 6 });
});

afterAll(async () => {
  await t.resetClock();
  await t.stop();
  delete process.env.LOYALTY_CONFIG_TTL_MS;
});

const ledger = (openid: string) => t.cloud.db.find('point_ledger', { openid }, { limit: 1000 }).docs as Array<{ amount: number; key: string; type: string; reason: string }>;
const growth = (openid: string) => t.cloud.db.find('growth_ledger', { openid }, { limit: 1000 }).docs as Array<{ amount: number; key: string; event: string }>;
const memberDoc = (openid: string) => t.cloud.db.find('members', { openid }).docs[0] as { points: { balance: number; lots: Array<{ remaining: number }>; debt: number }; checkin: { runs: Array<{ from: string; to: string }>; badges: string[] } };

function expectConsistent(openid: string) {
  const m = memberDoc(openid);
  expect(m.points.balance).toBe(ledger(openid).reduce((s, e) => s + e.amount, 0));
  expect(m.points.balance).toBe(m.points.lots.reduce((s, l) => s + l.remaining, 0) - m.points.debt);
}

const checkin = (openid: string) => t.call('checkin', { action: 'checkin' }, openid);

test('20 concurrent taps give one check-in and one reward', async () => {
  await t.setClock('2027-03-10T09:00:00+08:00');
  await t.call('member', { action: 'login' }, 'ck-concurrent');
  const results = await Promise.all(Array.from({ length: 20 }, () => checkin('ck-concurrent')));
  expect(results.every((r) => r.body.ok)).toBe(true);
  const winners = results.filter((r) => r.body.data.checkedIn);
  expect(winners).toHaveLength(1);
  expect(winners[0].body.data).toMatchObject({ day: '2027-03-10', streak: 1, pointsEarned: 5, growthEarned: 2, balance: 105 });
  expect(ledger('ck-concurrent').filter((e) => e.key === 'checkin:2027-03-10')).toHaveLength(1);
  expect(growth('ck-concurrent').filter((e) => e.key === 'checkin:2027-03-10')).toHaveLength(1);
  expectConsistent('ck-concurrent');
}, 60_000);

test('a check-in makes at most 6 database requests; a repeated tap 3', async () => {
  await t.setClock('2027-03-10T10:00:00+08:00');
  await t.call('member', { action: 'login' }, 'ck-budget');
  await checkin('ck-budget-warm'); // warms the instance's rules cache (NOT_FOUND is fine)
  const first = await checkin('ck-budget');
  expect(first.body.data.checkedIn).toBe(true);
  expect(first.dbOps).toBeLessThanOrEqual(6); // start, get member, add points entry, add growth entry, update member, commit
  const again = await checkin('ck-budget');
  expect(again.body.data.checkedIn).toBe(false);
  expect(again.body.data.balance).toBe(first.body.data.balance);
});

test('streaks across a month end, the day-7 bonus, a missed day resets', async () => {
  const who = 'ck-streak';
  await t.setClock('2027-01-25T23:59:00+08:00', true);
  await t.call('member', { action: 'login' }, who);
  const streaks: number[] = [];
  const points: number[] = [];
  // 25 Jan .. 31 Jan, then 1 Feb: 16:00 UTC is already the next Shanghai day.
  for (let d = 0; d < 8; d++) {
    const at = new Date(Date.parse('2027-01-25T16:30:00Z') + d * 86400000 - 86400000);
    await t.setClock(at.toISOString(), true);
    const r = await checkin(who);
    expect(r.body.ok).toBe(true);
    streaks.push(r.body.data.streak);
    points.push(r.body.data.pointsEarned);
  }
  expect(streaks).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  expect(points).toEqual([5, 5, 5, 5, 5, 5, 25, 5]);
  expect(ledger(who).find((e) => e.key === 'checkin:2027-01-31')?.reason).toBe('每日签到（连续签到 7 天奖励）');
  // 2 Feb missed; 3 Feb starts again.
  await t.setClock('2027-02-03T08:00:00+08:00', true);
  const after = await checkin(who);
  expect(after.body.data.streak).toBe(1);
  const cal = await t.call('checkin', { action: 'calendar', month: '2027-01' }, who);
  expect(cal.body.data.checkedDays).toEqual(['2027-01-25', '2027-01-26', '2027-01-27', '2027-01-28', '2027-01-29', '2027-01-30', '2027-01-31']);
  const feb = await t.call('checkin', { action: 'calendar' }, who);
  expect(feb.body.data).toMatchObject({ month: '2027-02', today: '2027-02-03', checkedDays: ['2027-02-01', '2027-02-03'], checkedToday: true, streak: 1, bestStreak: 8 });
  expect(feb.body.data.nextMilestone).toMatchObject({ day: 7, daysLeft: 6 });
  expectConsistent(who);
}, 60_000);

test('double-points day doubles the base points and growth', async () => {
  await t.setClock('2027-04-18T12:00:00+08:00', true);
  await t.call('member', { action: 'login' }, 'ck-double');
  const r = await checkin('ck-double');
  expect(r.body.data).toMatchObject({ doubleDay: true, pointsEarned: 10, growthEarned: 4 });
});

test('make-up check-in is off by default, and when on costs points and joins the streak', async () => {
  const who = 'ck-makeup';
  await t.setClock('2027-05-10T09:00:00+08:00', true);
  await t.call('member', { action: 'login' }, who);
  await checkin(who);
  await t.setClock('2027-05-12T09:00:00+08:00', true);
  await checkin(who);
  const off = await t.call('checkin', { action: 'makeUp', day: '2027-05-11' }, who);
  expect(off.body.error).toEqual({ code: 'FORBIDDEN', message: '补签功能未开启' });

  await t.cloud.db.insertMany('config', [{ _id: 'loyalty', rules: { checkin: { makeUp: { enabled: true, costPoints: 20, maxDaysBack: 3, perMonth: 1 } } } }]);
  await new Promise((r) => setTimeout(r, 1600));
  const made = await t.call('checkin', { action: 'makeUp', day: '2027-05-11' }, who);
  expect(made.body.ok).toBe(true);
  expect(made.body.data).toMatchObject({ day: '2027-05-11', streak: 3, pointsSpent: 20, pointsEarned: 5 });
  expect(ledger(who).find((e) => e.key === 'checkinMakeUp:2027-05-11')?.amount).toBe(-20);
  const again = await t.call('checkin', { action: 'makeUp', day: '2027-05-09' }, who);
  expect(again.body.error.code).toBe('LIMIT_REACHED'); // one a month
  const tooOld = await t.call('checkin', { action: 'makeUp', day: '2027-05-01' }, who);
  expect(tooOld.body.error.code).toBe('INVALID_INPUT');
  expectConsistent(who);
}, 60_000);

test('unregistered and anonymous callers', async () => {
  expect((await checkin('ck-nobody')).body.error.code).toBe('NOT_FOUND');
  expect((await t.call('checkin', { action: 'checkin' }, null)).body.error.code).toBe('UNAUTHENTICATED');
  expect((await t.call('checkin', { action: 'checkin', openid: 'x' }, 'ck-nobody')).body.error.code).toBe('INVALID_INPUT');
});
