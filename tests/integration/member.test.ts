// The member function through the local cloud with the real wx-server-sdk: registration, the card, the envelope.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { growthWindowStart } from '../../cloudfunctions/core/growth';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'demo' });
});

afterAll(async () => {
  await t.stop();
});

const members = (openid: string) => t.cloud.db.find('members', { openid }).docs;

describe('member.login', () => {
  test('registers the caller on first call and is idempotent afterwards', async () => {
    const first = await t.call('member', { action: 'login' }, 'new-member-a');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, data: { created: true, member: { tierLevel: 0 } } });
    expect(first.body.data.member).not.toHaveProperty('openid');
    const second = await t.call('member', { action: 'login' }, 'new-member-a');
    expect(second.body).toMatchObject({ ok: true, data: { created: false, member: { memberNo: first.body.data.member.memberNo } } });
    expect(members('new-member-a')).toHaveLength(1);
  });

  test('two concurrent first logins for one openid create one member', async () => {
    const [a, b] = await Promise.all([t.call('member', { action: 'login' }, 'race-2'), t.call('member', { action: 'login' }, 'race-2')]);
    expect(a.body.ok && b.body.ok).toBe(true);
    expect([a.body.data.created, b.body.data.created].sort()).toEqual([false, true]);
    expect(a.body.data.member.memberNo).toBe(b.body.data.member.memberNo);
    expect(members('race-2')).toHaveLength(1);
  });

  test('twenty concurrent first logins still create exactly one member and pay the bonus once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => t.call('member', { action: 'login' }, 'race-20')));
    expect(results.every((r) => r.body.ok)).toBe(true);
    expect(results.filter((r) => r.body.data.created)).toHaveLength(1);
    expect(members('race-20')).toHaveLength(1);
    expect(t.cloud.db.find('point_ledger', { openid: 'race-20' }).total).toBe(1);
    expect((members('race-20')[0] as { points: { lots: unknown[] } }).points.lots).toHaveLength(1);
  });

  test('identity comes from the wx context: an openid in the payload is refused and nothing is written', async () => {
    const r = await t.call('member', { action: 'login', openid: 'demo-member-1' }, 'spoofer');
    expect(r.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '不支持的参数 openid' } });
    expect(members('spoofer')).toHaveLength(0);
  });

  test('an anonymous caller is UNAUTHENTICATED', async () => {
    const r = await t.call('member', { action: 'login' });
    expect(r.body).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录后再操作' } });
  });
});

describe('the envelope on bad requests', () => {
  test.each([
    [{ action: 'fly' }, 'INVALID_INPUT', '不支持的操作：fly'],
    [{}, 'INVALID_INPUT', '缺少参数 action'],
    [{ action: 42 }, 'INVALID_INPUT', '缺少参数 action'],
    [{ action: 'toString' }, 'INVALID_INPUT', '不支持的操作：toString'],
  ])('%j → %s', async (event, code, message) => {
    const r = await t.call('member', event, 'demo-member-1');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: false, error: { code, message } });
  });
});

describe('member.home', () => {
  test('a demo member sees tier, growth, progress, points, expiring points and benefits from one call', async () => {
    // The day's first home counts the day's visit (services/visits.ts); the card after it costs 3 requests at most.
    const first = await t.call('member', { action: 'home' }, 'demo-member-1');
    expect(first.dbOps).toBeLessThanOrEqual(11);
    const r = await t.call('member', { action: 'home' }, 'demo-member-1');
    expect(r.body.ok).toBe(true);
    const home = r.body.data;
    expect(home.tier).toMatchObject({ level: 3, name: '钻石会员' });
    expect(home.tier.benefits.length).toBeGreaterThan(0);
    expect(home.nextTier).toBeNull();
    const growth = t.cloud.db.find('growth_ledger', { openid: 'demo-member-1' }, { limit: 1000 }).docs as Array<{ amount: number; at: Date }>;
    const windowStart = growthWindowStart(new Date(), DEFAULT_CONFIG);
    expect(home.growth.total).toBe(growth.filter((e) => new Date(e.at) >= windowStart).reduce((s, e) => s + e.amount, 0));
    expect(home.growth.total).toBeGreaterThan(3000);
    const ledger = t.cloud.db.find('point_ledger', { openid: 'demo-member-1' }, { limit: 1000 }).docs as Array<{ amount: number }>;
    expect(home.points.balance).toBe(ledger.reduce((s, e) => s + e.amount, 0));
    expect(home.points.expiring).toEqual({ amount: expect.any(Number), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(r.dbOps).toBeLessThanOrEqual(3);
    expect(home.staff).toBeNull();
  });

  test('store staff are told so, for the 门店工作台 entry', async () => {
    await t.call('member', { action: 'login' }, 'demo-clerk');
    const home = (await t.call('member', { action: 'home' }, 'demo-clerk')).body.data;
    expect(home.staff).toEqual({ role: 'clerk', storeId: 'store-mall-01' });
  });

  test('a silver member sees the growth still needed for gold', async () => {
    const home = (await t.call('member', { action: 'home' }, 'demo-member-3')).body.data;
    expect(home.tier.name).toBe('银牌会员');
    expect(home.nextTier).toEqual({ level: 2, name: '金牌会员', threshold: 1501, growthNeeded: 1501 - home.growth.total });
  });

  test('a new member sees the entry tier and the registration bonus, expiring at the end of next year', async () => {
    await t.call('member', { action: 'login' }, 'fresh-home');
    const home = (await t.call('member', { action: 'home' }, 'fresh-home')).body.data;
    const nextYear = Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4)) + 1;
    // The first home of the day is the day's visit: growth 1 (interaction).
    expect(home).toMatchObject({
      tier: { level: 0, name: '普通会员' }, growth: { total: 1, progress: 0.002, breakdown: { interaction: 1 } },
      points: { balance: 100, debt: 0, spendable: 100, pending: 0, expiring: { amount: 100, date: `${nextYear}-12-31` } },
    });
    const ledger = t.cloud.db.find('point_ledger', { openid: 'fresh-home' }).docs;
    expect(ledger).toEqual([expect.objectContaining({ type: 'earn', amount: 100, balanceAfter: 100, key: 'registration', reason: '注册礼' })]);
    expect(home.nextTier).toMatchObject({ name: '银牌会员', growthNeeded: 500 });
  });

  test('an unregistered caller gets NOT_FOUND, an anonymous one UNAUTHENTICATED', async () => {
    expect((await t.call('member', { action: 'home' }, 'never-logged-in')).body.error.code).toBe('NOT_FOUND');
    expect((await t.call('member', { action: 'home' })).body.error.code).toBe('UNAUTHENTICATED');
  });

  test('home takes any extra field as bad input', async () => {
    expect((await t.call('member', { action: 'home', page: 2 }, 'demo-member-1')).body.error).toEqual({ code: 'INVALID_INPUT', message: '不支持的参数 page' });
  });
});
