// Tasks and referrals through the local cloud: claims per period (replayed and concurrent), client reports within
// caps and rate limits, a referral chain with a first order and its refund, self-invites, existing members, the
// monthly cap, and the leaderboards.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, refundEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let seq = 0;

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '0';
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 6 });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
});

afterEach(async () => {
  await t.resetClock();
});

afterAll(async () => {
  await t.stop();
  delete process.env.LOYALTY_CONFIG_TTL_MS;
});

type Entry = { amount: number; key: string; type: string };
const ledger = (openid: string) => t.cloud.db.find('point_ledger', { openid }, { limit: 1000 }).docs as Entry[];
const entry = (openid: string, key: string) => ledger(openid).find((e) => e.key === key);
const memberDoc = (openid: string) => t.cloud.db.find('members', { openid }).docs[0] as { memberNo: string; points: { balance: number; debt: number; lots: Array<{ remaining: number }> }; referredBy?: string };

function expectConsistent(openid: string) {
  const m = memberDoc(openid);
  expect(m.points.balance).toBe(ledger(openid).reduce((s, e) => s + e.amount, 0));
  expect(m.points.balance).toBe(m.points.lots.reduce((s, l) => s + l.remaining, 0) - m.points.debt);
}

const login = (openid: string, inviteCode?: string) => t.call('member', { action: 'login', ...(inviteCode ? { inviteCode } : {}) }, openid);
const codeOf = async (openid: string) => (await t.call('referral', { action: 'info' }, openid)).body.data.inviteCode as string;

async function pay(openid: string, amountFen: number) {
  const o = { orderId: `R-${Date.now()}-${++seq}`, memberNo: memberDoc(openid).memberNo, amountFen, paidAt: new Date().toISOString(), format: 'mall' };
  const r = await t.call('order', paidEvent(o));
  expect(r.body.ok).toBe(true);
  return o.orderId;
}

describe('tasks', () => {
  test('check-in task: claimable after checking in, a replayed claim pays once', async () => {
    await login('tk-1');
    const before = await t.call('task', { action: 'list' }, 'tk-1');
    const daily = before.body.data.tasks.find((x: { id: string }) => x.id === 'checkinDaily');
    expect(daily).toMatchObject({ status: 'inProgress', progress: 0, target: 1 });
    const early = await t.call('task', { action: 'claim', taskId: 'checkinDaily' }, 'tk-1');
    expect(early.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '任务尚未完成' });

    await t.call('checkin', { action: 'checkin' }, 'tk-1');
    const claims = await Promise.all(Array.from({ length: 8 }, () => t.call('task', { action: 'claim', taskId: 'checkinDaily' }, 'tk-1')));
    expect(claims.every((c) => c.body.ok)).toBe(true);
    expect(claims.filter((c) => !c.body.data.replayed)).toHaveLength(1);
    const replay = await t.call('task', { action: 'claim', taskId: 'checkinDaily' }, 'tk-1');
    expect(replay.body.data).toMatchObject({ replayed: true, pointsEarned: 2 });
    expect(replay.dbOps).toBeLessThanOrEqual(3);
    const keys = ledger('tk-1').map((e) => e.key).filter((k) => k.startsWith('task:checkinDaily:'));
    expect(keys).toHaveLength(1);
    const after = await t.call('task', { action: 'list' }, 'tk-1');
    expect(after.body.data.tasks.find((x: { id: string }) => x.id === 'checkinDaily').status).toBe('claimed');
    expectConsistent('tk-1');
  }, 60_000);

  test('new-member first order task; unknown task; growth task hidden unless near the next tier', async () => {
    await login('tk-2');
    const list = (await t.call('task', { action: 'list' }, 'tk-2')).body.data.tasks as Array<{ id: string; status: string }>;
    expect(list.map((x) => x.id)).toContain('firstOrder');
    expect(list.map((x) => x.id)).not.toContain('tierSprint');
    await pay('tk-2', 5000);
    const r = await t.call('task', { action: 'claim', taskId: 'firstOrder' }, 'tk-2');
    expect(r.body.data).toMatchObject({ pointsEarned: 100, replayed: false });
    expect((await t.call('task', { action: 'claim', taskId: 'nope' }, 'tk-2')).body.error.code).toBe('NOT_FOUND');
    expect((await t.call('task', { action: 'claim', taskId: 'tierSprint' }, 'tk-2')).body.error.code).toBe('FORBIDDEN');
  }, 30_000);

  test('share reports: rate limited, capped per day, and the share task completes', async () => {
    const at = (sec: number) => t.setClock(new Date(Date.parse('2027-06-01T10:00:00+08:00') + sec * 1000).toISOString(), true);
    await at(0);
    await login('tk-3');
    const report = () => t.call('task', { action: 'report', source: 'share' }, 'tk-3');
    const first = await report();
    expect(first.body.data).toMatchObject({ accepted: true, countToday: 1, growthEarned: 1 });
    await at(3);
    expect((await report()).body.error).toEqual({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
    const list = (await t.call('task', { action: 'list' }, 'tk-3')).body.data.tasks as Array<{ id: string; status: string }>;
    expect(list.find((x) => x.id === 'share')?.status).toBe('claimable');
    await at(20);
    expect((await report()).body.data).toMatchObject({ accepted: true, countToday: 2 });
    await at(40);
    expect((await report()).body.data).toMatchObject({ accepted: true, countToday: 3 });
    await at(60);
    const capped = await report();
    expect(capped.body.data).toMatchObject({ accepted: false, reason: 'dailyCap', countToday: 3 });
    expect(capped.dbOps).toBeLessThanOrEqual(4); // rules (not cached in this file), start, get member, commit
    expect(t.cloud.db.find('growth_ledger', { openid: 'tk-3', event: 'shareApp' }).total).toBe(3);
    // The next Shanghai day counts afresh.
    await t.setClock('2027-06-02T00:00:05+08:00', true);
    expect((await report()).body.data).toMatchObject({ accepted: true, countToday: 1 });
  }, 30_000);
});

describe('referrals', () => {
  test('a referral chain: bind at registration, welcome bonus, inviter rewards, first order, refund reverses', async () => {
    await login('rf-a');
    const codeA = await codeOf('rf-a');
    expect(codeA).toMatch(/^[A-Z2-9]{8}$/);
    const b = await login('rf-b', codeA);
    expect(b.body.data).toMatchObject({ created: true, invite: { bound: true, inviterRewarded: true, welcomePoints: 50 } });
    expect(entry('rf-b', 'referralWelcome')?.amount).toBe(50);
    expect(entry('rf-a', 'referral:rf-b')?.amount).toBe(100); // 50 × inviterMultiplier 2
    expect(memberDoc('rf-b').referredBy).toBe('rf-a');

    // B invites C: a chain A → B → C; C's orders reward B, not A.
    const codeB = await codeOf('rf-b');
    await login('rf-c', codeB);
    expect(entry('rf-b', 'referral:rf-c')?.amount).toBe(100);

    const first = await pay('rf-b', 8800);
    expect(entry('rf-a', 'referralOrder:rf-b')?.amount).toBe(200);
    await pay('rf-b', 1200); // a second order earns the inviter nothing more
    expect(ledger('rf-a').filter((e) => e.key.startsWith('referralOrder:'))).toHaveLength(1);

    const info = (await t.call('referral', { action: 'info' }, 'rf-a')).body.data;
    expect(info.sharePath).toBe(`/pages/index/index?inviteCode=${codeA}`);
    expect(info.invitees).toEqual([expect.objectContaining({ status: 'ordered', rewarded: true, pointsEarned: 300 })]);
    expect(info.invitees[0].name).toMatch(/\*\*$/);
    expect(info.totals).toEqual({ invited: 1, pointsEarned: 300 });

    // Refunding the first order in full takes the first-order reward back.
    const r = await t.call('order', refundEvent({ refundId: `${first}-R`, orderId: first, amountFen: 8800, refundedAt: new Date().toISOString() }));
    expect(r.body.data.fullyRefunded).toBe(true);
    expect(entry('rf-a', 'referralOrderReverse:rf-b')).toMatchObject({ type: 'reverse', amount: -200 });
    const again = (await t.call('referral', { action: 'info' }, 'rf-a')).body.data;
    expect(again.invitees[0]).toMatchObject({ status: 'refunded', pointsEarned: 100 });
    for (const who of ['rf-a', 'rf-b', 'rf-c']) expectConsistent(who);
  }, 60_000);

  test('self-invite, existing members, invalid codes and cycles are refused', async () => {
    await login('rf-self');
    const own = await codeOf('rf-self');
    const self = await login('rf-self', own);
    expect(self.body.data.invite).toEqual({ bound: false, reason: 'self', message: '不能使用自己的邀请码' });
    await login('rf-x');
    const codeX = await codeOf('rf-x');
    const existing = await login('rf-self', codeX);
    expect(existing.body.data.invite).toMatchObject({ bound: false, reason: 'existing' });
    const bad = await login('rf-new-bad', 'ZZZZZZZZ');
    expect(bad.body.data).toMatchObject({ created: true, invite: { bound: false, reason: 'invalidCode' } });
    expect(t.cloud.db.find('referrals', { inviteeOpenid: 'rf-self' }).total).toBe(0);
    expect(entry('rf-x', 'referral:rf-self')).toBeUndefined();
    // Concurrent first logins with a code bind once.
    const codeY = await codeOf('rf-x');
    const many = await Promise.all(Array.from({ length: 6 }, () => login('rf-race', codeY)));
    expect(many.every((m) => m.body.ok)).toBe(true);
    expect(t.cloud.db.find('referrals', { inviteeOpenid: 'rf-race' }).total).toBe(1);
    expect(ledger('rf-race').filter((e) => e.key === 'referralWelcome')).toHaveLength(1);
    expect(ledger('rf-x').filter((e) => e.key === 'referral:rf-race')).toHaveLength(1);
  }, 60_000);

  test('the monthly cap: invitees beyond it are bound but earn the inviter nothing', async () => {
    await t.cloud.db.insertMany('config', [{ _id: 'loyalty', rules: { referral: { monthlyCap: 2 } } }]);
    await login('rf-cap');
    const code = await codeOf('rf-cap');
    const results = await Promise.all(['rf-cap-1', 'rf-cap-2', 'rf-cap-3', 'rf-cap-4'].map((o) => login(o, code)));
    expect(results.every((r) => r.body.data.invite.bound)).toBe(true);
    expect(results.filter((r) => r.body.data.invite.inviterRewarded)).toHaveLength(2);
    expect(ledger('rf-cap').filter((e) => e.key.startsWith('referral:'))).toHaveLength(2);
    const info = (await t.call('referral', { action: 'info' }, 'rf-cap')).body.data;
    expect(info.rules).toMatchObject({ monthlyCap: 2, rewardedThisMonth: 2, capReached: true });
    expect(info.invitees).toHaveLength(4);
    // An unrewarded invitee's first order earns nothing either.
    const unrewarded = results.map((r, i) => [r, `rf-cap-${i + 1}`] as const).find(([r]) => !r.body.data.invite.inviterRewarded)![1];
    await pay(unrewarded, 3000);
    expect(ledger('rf-cap').filter((e) => e.key.startsWith('referralOrder:'))).toHaveLength(0);
    expectConsistent('rf-cap');
  }, 60_000);

  test('leaderboards: top inviters and earners of the month, masked names, own rank', async () => {
    const r = await t.call('referral', { action: 'leaderboard' }, 'rf-a');
    expect(r.body.ok).toBe(true);
    const { invites, points } = r.body.data;
    expect(invites.top.length).toBeGreaterThan(0);
    expect(invites.top[0]).toMatchObject({ rank: 1, score: 2 }); // rf-cap: 2 rewarded
    expect(invites.top.every((row: { name: string; me: boolean }) => row.me || /\*\*$/.test(row.name))).toBe(true);
    expect(invites.me).toMatchObject({ score: 1 });
    expect(invites.me.rank).toBeGreaterThan(1);
    expect(points.top.length).toBeLessThanOrEqual(10);
    expect(points.me.rank).not.toBeNull();
    const none = await t.call('referral', { action: 'leaderboard', month: '2001-01' }, 'rf-a');
    expect(none.body.data.invites).toEqual({ top: [], me: { rank: null, score: 0, name: expect.any(String) } });
  }, 30_000);
});
