// What the member screens of issue 16 need from the server, through the local cloud with the real SDK: 我的兑换's tabs
// filtered by the server (with cursor paging) and a mailed item's shipping status, the card's voucher count
// (mall.wallet), coming-soon and points refusals as members read them, the invite landing page (referral.invitation)
// and names masked the same way for everyone on the leaderboards.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { item, member, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
  await seedMallFixtures(t, [
    item('gap-coupon', { pointsPrice: 10 }),
    item('gap-ship', { kind: 'shipping', category: '实物好礼', pointsPrice: 10 }),
    item('gap-soon', { pointsPrice: 10, saleStart: new Date('2030-12-05T10:00:00+08:00') }),
    item('gap-pricey', { pointsPrice: 2000 }),
  ]);
});

afterAll(async () => {
  await t.stop();
});

type Redemption = { id: string; status: string; kind: string; cancellableUntil?: string | null; shipment: null | { status: string; carrier: string | null; trackingNo: string | null } };
const SHIP_TO = { name: '张三', phone: '13800138000', address: '上海市黄浦区测试路 1 号' };

async function redeem(openid: string, itemId: string, requestId: string, extra: object = {}) {
  const r = await t.call('mall', { action: 'redeem', itemId, requestId, ...extra }, openid);
  if (!r.body.ok) throw new Error(JSON.stringify(r.body));
  return r.body.data as { redemptionId: string; voucher: { code: string } | null };
}

async function tab(openid: string, status?: string, extra: object = {}) {
  const r = await t.call('mall', { action: 'myRedemptions', ...(status ? { status } : {}), ...extra }, openid);
  expect(r.body.ok).toBe(true);
  return r.body.data as { items: Redemption[]; nextCursor: string | null };
}

const ids = (page: { items: Redemption[] }) => page.items.map((r) => r.id);

describe('我的兑换: tabs filtered by the server, shipping status', () => {
  test('待使用 / 已使用 / 已取消 hold what the member expects; wallet counts unused vouchers', async () => {
    await member(t, 'gap-1', 500);
    const used = await redeem('gap-1', 'gap-coupon', 'gap-1-used');
    const cancelled = await redeem('gap-1', 'gap-coupon', 'gap-1-cancelled');
    const open1 = await redeem('gap-1', 'gap-coupon', 'gap-1-open-1');
    const open2 = await redeem('gap-1', 'gap-coupon', 'gap-1-open-2');
    const shipped = await redeem('gap-1', 'gap-ship', 'gap-1-ship', { shipping: SHIP_TO });
    expect((await t.call('staff', { action: 'verifyVoucher', code: used.voucher!.code }, 'clerk-mall')).body.ok).toBe(true);
    expect((await t.call('mall', { action: 'cancel', redemptionId: cancelled.redemptionId }, 'gap-1')).body.ok).toBe(true);

    expect((await t.call('mall', { action: 'wallet' }, 'gap-1')).body).toEqual({ ok: true, data: { vouchers: 2, expiringSoon: 0 } });

    const toUse = await tab('gap-1', 'toUse');
    expect(ids(toUse).sort()).toEqual([open1.redemptionId, open2.redemptionId, shipped.redemptionId].sort());
    expect(toUse.items.find((r) => r.id === shipped.redemptionId)!.shipment).toEqual({ status: 'pending', carrier: null, trackingNo: null, shippedAt: null, deliveredAt: null });
    expect(toUse.items.filter((r) => r.kind !== 'shipping').every((r) => r.shipment === null)).toBe(true);
    expect(ids(await tab('gap-1', 'used'))).toEqual([used.redemptionId]);
    expect(ids(await tab('gap-1', 'closed'))).toEqual([cancelled.redemptionId]);
    expect((await tab('gap-1')).items).toHaveLength(5);

    // Paging within a tab: one at a time, newest first, nothing twice.
    const first = await tab('gap-1', 'toUse', { pageSize: 1 });
    expect(first.nextCursor).not.toBeNull();
    const second = await tab('gap-1', 'toUse', { pageSize: 1, cursor: first.nextCursor });
    const third = await tab('gap-1', 'toUse', { pageSize: 1, cursor: second.nextCursor });
    expect([...ids(first), ...ids(second), ...ids(third)]).toEqual(ids(toUse));
    expect(third.nextCursor).toBeNull();

    // Shipped (what a future staff action will store): 已发货 with carrier and tracking number, still 待使用.
    await t.cloud.db.setFields('redemptions', { _id: shipped.redemptionId }, { shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: new Date('2026-12-01T10:00:00+08:00'), deliveredAt: null } });
    const inTransit = (await tab('gap-1', 'toUse')).items.find((r) => r.id === shipped.redemptionId)!;
    expect(inTransit.shipment).toMatchObject({ status: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: '2026-12-01T02:00:00.000Z', deliveredAt: null });
    // A parcel on its way is no longer cancelled by the member (nor offered).
    expect(inTransit.cancellableUntil).toBeNull();
    const refused = await t.call('mall', { action: 'cancel', redemptionId: shipped.redemptionId }, 'gap-1');
    expect(refused.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '商品已发货，不能取消兑换，如需退换请联系客服' });
    // Signed for: 已签收, and it moves to 已使用.
    await t.cloud.db.setFields('redemptions', { _id: shipped.redemptionId }, { shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: new Date('2026-12-01T10:00:00+08:00'), deliveredAt: new Date('2026-12-03T15:00:00+08:00') } });
    expect(ids(await tab('gap-1', 'toUse'))).not.toContain(shipped.redemptionId);
    const delivered = (await tab('gap-1', 'used')).items.find((r) => r.id === shipped.redemptionId)!;
    expect(delivered.shipment).toMatchObject({ status: 'delivered', deliveredAt: '2026-12-03T07:00:00.000Z' });
  });

  test('a voucher that expired unused leaves 待使用 and the wallet for 已取消', async () => {
    await member(t, 'gap-2', 100);
    const v = await redeem('gap-2', 'gap-coupon', 'gap-2-voucher');
    expect((await t.call('mall', { action: 'wallet' }, 'gap-2')).body.data).toEqual({ vouchers: 1, expiringSoon: 0 });
    await t.setClock(new Date(Date.now() + 40 * 86400e3).toISOString());
    try {
      expect((await t.call('mall', { action: 'wallet' }, 'gap-2')).body.data).toEqual({ vouchers: 0, expiringSoon: 0 });
      expect(ids(await tab('gap-2', 'toUse'))).toEqual([]);
      const closed = await tab('gap-2', 'closed');
      expect(closed.items.map((r) => [r.id, r.status])).toEqual([[v.redemptionId, 'expired']]);
    } finally {
      await t.resetClock();
    }
  });

  test('an unknown tab is refused in Chinese', async () => {
    const r = await t.call('mall', { action: 'myRedemptions', status: 'all' }, 'gap-2');
    expect(r.body.ok).toBe(false);
    expect(r.body.error.code).toBe('INVALID_INPUT');
    expect(r.body.error.message).toContain('状态');
  });
});

describe('mall.list as members read it', () => {
  test('coming soon says when it opens; 积分不足 groups its digits', async () => {
    await member(t, 'gap-3');
    const list = await t.call('mall', { action: 'list' }, 'gap-3');
    const byId = new Map((list.body.data.items as Array<{ id: string; canRedeem: boolean; reason: { code: string; message: string } | null }>).map((i) => [i.id, i]));
    expect(byId.get('gap-soon')).toMatchObject({ canRedeem: false, reason: { code: 'notStarted', message: '12月5日 10:00 开抢' } });
    expect(byId.get('gap-pricey')).toMatchObject({ canRedeem: false, reason: { code: 'points', message: '积分不足，还差 1,900 积分' } });
    expect(byId.get('gap-coupon')).toMatchObject({ canRedeem: true, reason: null });
  });
});

describe('referral.invitation: the invite landing page', () => {
  test('names the inviter masked and both rewards; an unknown code is not valid; a member is told they joined', async () => {
    await member(t, 'gap-inviter');
    await t.call('member', { action: 'updateProfile', nickname: '王小明' }, 'gap-inviter');
    const { inviteCode } = (await t.call('referral', { action: 'info' }, 'gap-inviter')).body.data;

    const fresh = await t.call('referral', { action: 'invitation', inviteCode: inviteCode.toLowerCase() }, 'gap-newcomer');
    expect(fresh.body).toEqual({ ok: true, data: { valid: true, inviter: { name: '王**' }, rules: { welcomePoints: expect.any(Number), inviterRegisteredPoints: expect.any(Number) }, joined: false } });
    expect(fresh.body.data.rules.welcomePoints).toBeGreaterThan(0);
    // It only reads: the newcomer is still not a member.
    expect(t.cloud.db.find('members', { _id: 'gap-newcomer' }).total).toBe(0);

    expect((await t.call('referral', { action: 'invitation', inviteCode: 'NOSUCH99' }, 'gap-newcomer')).body.data).toMatchObject({ valid: false, inviter: null, joined: false });
    expect((await t.call('referral', { action: 'invitation', inviteCode }, 'gap-3')).body.data).toMatchObject({ valid: true, joined: true });
    const bad = await t.call('referral', { action: 'invitation', inviteCode: '../x' }, 'gap-newcomer');
    expect(bad.body.error.message).toContain('邀请码');
  });

  test('the leaderboard masks the caller\'s own name like everyone else\'s', async () => {
    const board = (await t.call('referral', { action: 'leaderboard' }, 'gap-inviter')).body.data;
    expect(board.points.me.name).toBe('王**');
    for (const row of [...board.points.top, ...board.invites.top]) expect(row.name).toMatch(/\*\*$/);
  });
});

describe('checkin.calendar: earlier months', () => {
  test('firstMonth is the month the member joined; an earlier month answers its check-ins from the history', async () => {
    await t.setClock('2026-03-30T09:00:00+08:00');
    try {
      await member(t, 'gap-cal');
      expect((await t.call('checkin', { action: 'checkin' }, 'gap-cal')).body.ok).toBe(true);
      await t.setClock('2026-06-10T09:00:00+08:00');
      const now = (await t.call('checkin', { action: 'calendar' }, 'gap-cal')).body.data;
      expect(now).toMatchObject({ month: '2026-06', firstMonth: '2026-03', checkedDays: [] });
      const march = (await t.call('checkin', { action: 'calendar', month: '2026-03' }, 'gap-cal')).body.data;
      expect(march).toMatchObject({ month: '2026-03', firstMonth: '2026-03', checkedDays: ['2026-03-30'] });
    } finally {
      await t.resetClock();
    }
  });
});
