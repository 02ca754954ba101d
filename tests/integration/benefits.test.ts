// Tier benefits (权益通) and birthdays through the local cloud with a moved clock: the daily job issues each period's
// entitlements once (replays, concurrent job runs and claims included), vouchers land in the 卡券包 and are written
// off by staff only in their formats, an upgrade mid-month issues the new tier's share pro rata, a downgrade stops
// future issues without taking anything back, and the birthday gift comes at 00:00 Shanghai on the 1st of the
// birthday month (across a month end and a year end), once a year.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { expectConsistent, ledgerOf, seedMallFixtures } from '../helpers/mall';
import { sign } from '../../cloudfunctions/runtime/signature';
import { paidEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
  await seedMallFixtures(t);
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
});

afterAll(async () => {
  await t.stop();
});

const at = async (iso: string) => {
  await t.setClock(iso, true);
  return new Date(iso);
};

type Run = { benefits: { members: number; vouchers: number; points: number; remaining: boolean; failures: number } };
const runJob = async (): Promise<Run> => {
  const r = await fetch(`${t.url}/_triggers/jobs`, { method: 'POST' });
  expect(r.status).toBe(200);
  return ((await r.json()) as { result: { data: Run } }).result.data;
};

const vouchers = (openid: string) => t.cloud.db.find('benefit_vouchers', { openid }, { limit: 1000 }).docs as Array<{
  _id: string; benefitKey: string; period: string; record: string; status: string; voucherCode: string; voucher: { expiresAt: unknown; formats: string[] }; used?: { storeId: string; format: string } | null;
}>;
const count = (openid: string, key: string) => vouchers(openid).filter((v) => v.benefitKey === key).length;
const memberOf = (openid: string) => t.cloud.db.find('members', { openid }).docs[0] as any;
const benefitEntries = (openid: string) => ledgerOf(t, openid).filter((e) => e.key.startsWith('benefit:'));
const iso = (x: unknown) => new Date(x as string).toISOString();

async function register(openid: string, tier: { level: number; since: string; until: string | null }) {
  const r = await t.call('member', { action: 'login' }, openid);
  expect(r.body.ok).toBe(true);
  await t.cloud.db.setFields('members', { openid }, {
    tierLevel: tier.level, tierSince: new Date(tier.since), tierValidUntil: tier.until ? new Date(tier.until) : null, giftedLevels: [0, 1, 2, 3].filter((l) => l <= tier.level),
  });
  return r.body.data.member.memberNo as string;
}

describe('issue once per period', () => {
  test('diamond on 1 Dec: 4 parking, 1 breakfast, 100 points; a rerun and a replayed month issue nothing more', async () => {
    await at('2026-11-30T20:00:00+08:00');
    await register('bn-diamond', { level: 3, since: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' });
    // Registered in November: November's benefits come with the next run (a member is looked at when benefitsAt is unset).
    await runJob();
    expect(vouchers('bn-diamond').map((v) => `${v.benefitKey}:${v.period}`).sort()).toEqual([
      'breakfast:2026-Q4', ...Array(4).fill('parking:2026-11'),
    ]);
    expect(benefitEntries('bn-diamond').map((e) => [e.key, e.amount])).toEqual([['benefit:L3_monthly_points:2026-11', 100]]);
    expect(iso(memberOf('bn-diamond').benefitsAt)).toBe('2026-11-30T16:00:00.000Z');

    await at('2026-11-30T23:59:00+08:00');
    await runJob();
    expect(vouchers('bn-diamond')).toHaveLength(5);

    await at('2026-12-01T00:00:30+08:00');
    await runJob();
    await runJob();
    const dec = vouchers('bn-diamond').filter((v) => v.period === '2026-12');
    expect(dec.map((v) => v.benefitKey)).toEqual(['parking', 'parking', 'parking', 'parking']);
    expect(dec.map((v) => iso(v.voucher.expiresAt))).toEqual(Array(4).fill('2026-12-31T16:00:00.000Z'));
    expect(count('bn-diamond', 'breakfast')).toBe(1);
    expect(benefitEntries('bn-diamond').map((e) => e.amount)).toEqual([100, 100]);
    expectConsistent(t, 'bn-diamond');

    const wallet = await t.call('mall', { action: 'wallet' }, 'bn-diamond');
    expect(wallet.body.data).toEqual({ vouchers: 5, expiringSoon: 0 });
    const coupons = await t.call('mall', { action: 'coupons', tab: 'toUse' }, 'bn-diamond');
    expect(coupons.body.data.items.map((c: any) => c.title)).toEqual(['酒店双人早餐', '免费停车', '免费停车', '免费停车', '免费停车']);
    expect(coupons.body.data.items[0]).toMatchObject({ source: 'benefit', where: '限酒店使用', faceValueFen: 27600, status: 'issued' });
    expect(coupons.body.data.claimable).toEqual([
      { benefitKey: 'late_checkout', title: '酒店延迟退房', description: '等级有效期内 2 次延迟退房至 14:00', terms: '等级有效期内 2 张 · 限酒店使用 · 等级有效期内可用 · 需在卡券包领取', units: 2, points: 0 },
    ]);
    const expired = await t.call('mall', { action: 'coupons', tab: 'expired' }, 'bn-diamond');
    expect(expired.body.data.items.map((c: any) => `${c.title}:${c.status}`)).toEqual(Array(4).fill('免费停车:expired'));

    // Three days before the month end the wallet reminds.
    await at('2026-12-29T00:00:00+08:00');
    expect((await t.call('mall', { action: 'wallet' }, 'bn-diamond')).body.data).toEqual({ vouchers: 5, expiringSoon: 5 });
    const messages = t.cloud.db.find('messages', { openid: 'bn-diamond' }, { limit: 100 }).docs as any[];
    expect(messages.filter((m) => m.key === 'voucherExpiring').map((m) => [m._id, iso(m.availableAt)]).sort()).toEqual([
      ['voucherExpiring:bn-diamond:L3_breakfast:2026-Q4', '2026-12-28T16:00:00.000Z'],
      ['voucherExpiring:bn-diamond:L3_parking:2026-11', '2026-11-30T12:00:00.000Z'],
      ['voucherExpiring:bn-diamond:L3_parking:2026-12', '2026-12-28T16:00:00.000Z'],
    ]);
  });

  test('a burst of claims and job runs at once: the claimable benefit issues its 2 once, the month once', async () => {
    await at('2026-12-10T10:00:00+08:00');
    await register('bn-burst', { level: 3, since: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' });
    const claims = Array.from({ length: 10 }, () => t.call('mall', { action: 'claimBenefit', benefitKey: 'late_checkout' }, 'bn-burst'));
    const jobs = Array.from({ length: 3 }, () => runJob());
    const answers = await Promise.all(claims);
    await Promise.all(jobs);
    const ok = answers.filter((a) => a.body.ok);
    expect(ok).toHaveLength(1);
    expect(ok[0].body.data).toEqual({ issued: [{ key: 'late_checkout', title: '酒店延迟退房', period: 'T2026-01-01~2027-01-01', vouchers: 2, points: 0 }], vouchers: 2, points: 0 });
    for (const a of answers.filter((x) => !x.body.ok)) expect(a.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '酒店延迟退房 本期已领取' });
    expect(count('bn-burst', 'late_checkout')).toBe(2);
    expect(count('bn-burst', 'parking')).toBe(4);
    expect(benefitEntries('bn-burst').map((e) => e.key)).toEqual(['benefit:L3_monthly_points:2026-12']);
    expectConsistent(t, 'bn-burst');
    const again = await t.call('mall', { action: 'claimBenefit', benefitKey: 'late_checkout' }, 'bn-burst');
    expect(again.body.error.code).toBe('NOT_ELIGIBLE');
    const unknown = await t.call('mall', { action: 'claimBenefit', benefitKey: 'parking' }, 'bn-burst');
    expect(unknown.body.error).toEqual({ code: 'NOT_FOUND', message: '当前等级没有该可领取权益' });
    const bad = await t.call('mall', { action: 'claimBenefit', benefitKey: 'a b' }, 'bn-burst');
    expect(bad.body.error.code).toBe('INVALID_INPUT');
  });
});

describe('write-off by staff, in the allowed formats only', () => {
  test('parking at the mall store, not at the hotel; breakfast at the hotel, not at the mall; once each', async () => {
    await at('2026-12-10T11:00:00+08:00');
    const parking = vouchers('bn-burst').find((v) => v.benefitKey === 'parking' && v.status === 'issued')!;
    const late = vouchers('bn-burst').find((v) => v.benefitKey === 'late_checkout')!;

    const wrong = await t.call('staff', { action: 'verifyVoucher', code: late.voucherCode }, 'clerk-mall');
    expect(wrong.body.error).toEqual({ code: 'FORBIDDEN', message: '该权益券仅限酒店使用，不能在本门店核销' });
    expect(vouchers('bn-burst').find((v) => v._id === late._id)!.status).toBe('issued');
    const wrongPark = await t.call('staff', { action: 'verifyVoucher', code: parking.voucherCode }, 'manager-hotel');
    expect(wrongPark.body.error).toEqual({ code: 'FORBIDDEN', message: '该权益券仅限购物中心使用，不能在本门店核销' });

    const ok = await t.call('staff', { action: 'verifyVoucher', code: parking.voucherCode.replace(/(\d{4})/g, '$1 ') }, 'clerk-mall');
    expect(ok.body.data).toMatchObject({ itemName: '免费停车', kindName: '会员权益', status: 'used', used: { storeName: '测试购物中心店' } });
    const twice = await t.call('staff', { action: 'verifyVoucher', code: parking.voucherCode }, 'clerk-mall');
    expect(twice.body.error.code).toBe('ALREADY_USED');
    const hotel = await t.call('staff', { action: 'verifyVoucher', code: late.voucherCode }, 'manager-hotel');
    expect(hotel.body.ok).toBe(true);
    expect(vouchers('bn-burst').find((v) => v._id === late._id)!.used).toMatchObject({ storeId: 'st-hotel', format: 'hotel' });

    const used = await t.call('mall', { action: 'coupons', tab: 'used' }, 'bn-burst');
    expect(used.body.data.items.map((c: any) => `${c.title}@${c.used.storeName}`).sort()).toEqual(['免费停车@测试购物中心店', '酒店延迟退房@测试酒店']);

    // The staff member page: unused benefit vouchers with where they can be used, and the tier's flags.
    const memberNo = memberOf('bn-burst').memberNo;
    const found = await t.call('staff', { action: 'findMember', keyword: memberNo }, 'clerk-mall');
    expect(found.body.data.flags).toEqual([{ key: 'priority_service', title: '专属客服' }, { key: 'free_returns', title: '免费退换' }]);
    const held = found.body.data.vouchers.filter((v: any) => v.kindName === '会员权益');
    expect(held.map((v: any) => `${v.itemName}:${v.usableHere}`).sort()).toEqual([
      '免费停车:true', '免费停车:true', '免费停车:true', '酒店延迟退房:false', '酒店双人早餐:false',
    ].sort());
    expect(held.find((v: any) => v.itemName === '酒店双人早餐').why).toBe('该权益券仅限酒店使用，不能在本门店核销');

    // A channel asks with a signed request: the flags, and the vouchers usable in its format.
    const ask = (payload: object, secret = TEST_CHANNEL.secret) => {
      const env = { channel: TEST_CHANNEL._id, timestamp: Date.parse('2026-12-10T11:00:00+08:00'), nonce: `bn${Math.random().toString(36).slice(2, 12)}` };
      return t.call('order', { action: 'benefits', ...env, signature: sign(secret, 'benefits', env, payload), member: payload });
    };
    const lookup = await ask({ memberNo, format: 'hotel' });
    expect(lookup.body.data).toMatchObject({ memberNo, tierLevel: 3, tierName: '钻石会员', flags: [{ key: 'priority_service', title: '专属客服' }, { key: 'free_returns', title: '免费退换' }] });
    expect(lookup.body.data.vouchers.map((v: any) => v.title).sort()).toEqual(['酒店延迟退房', '酒店双人早餐'].sort());
    expect((await ask({ memberNo, format: 'hotel' }, 'wrong-secret')).body.error.code).toBe('UNAUTHENTICATED');
    expect((await ask({ memberNo: '00000000000' })).body.error).toEqual({ code: 'NOT_FOUND', message: '会员不存在' });

    // A manager reverses the hotel write-off of the day: usable again.
    const reversed = await t.call('staff', { action: 'reverseWriteOff', code: late.voucherCode, reason: '扫错券了' }, 'manager-hotel');
    expect(reversed.body.data.status).toBe('issued');
    expect(vouchers('bn-burst').find((v) => v._id === late._id)!.status).toBe('issued');
  });
});

describe('upgrade and downgrade', () => {
  test('silver → gold on 20 Dec: gold parking pro rata 2 × 12 / 31 → 1, on top of silver\'s 1; down to silver in January: silver\'s only, nothing taken back', async () => {
    await at('2026-12-01T08:00:00+08:00');
    const memberNo = await register('bn-upgrade', { level: 1, since: '2026-06-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' });
    await runJob();
    expect(vouchers('bn-upgrade').map((v) => v.record)).toEqual(['L1_parking']);

    const when = await at('2026-12-20T10:00:00+08:00');
    await t.cloud.db.setFields('members', { openid: 'bn-upgrade' }, { growth: { total: 1490, consumption: 1490, interaction: 0, social: 0, lifecycle: 0 } });
    const paid = await t.call('order', paidEvent({ orderId: 'BN-UP-1', memberNo, amountFen: 10000, paidAt: when.toISOString(), format: 'mall' }, { at: when }));
    expect(paid.body.data.tier).toMatchObject({ change: 'upgrade', toLevel: 2 });
    expect(iso(memberOf('bn-upgrade').benefitsAt)).toBe(when.toISOString());
    await runJob();
    expect(vouchers('bn-upgrade').map((v) => `${v.record}:${v.period}`).sort()).toEqual(['L1_parking:2026-12', 'L2_parking:2026-12']);
    // The gold shopping coupon is claimable (whole: claim benefits follow the same pro rata rule: 1 × 12 / 31 → 0).
    const coupons = await t.call('mall', { action: 'coupons', tab: 'toUse' }, 'bn-upgrade');
    expect(coupons.body.data.claimable).toEqual([]);
    const zero = await t.call('mall', { action: 'claimBenefit', benefitKey: 'shopping_coupon' }, 'bn-upgrade');
    expect(zero.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '本期达到该等级较晚，按剩余天数折算可领 0 张，下期起可领' });
    expect(count('bn-upgrade', 'shopping_coupon')).toBe(0);

    // The gold period ends with too little growth: the review lowers the tier one step, the benefits pass follows.
    await t.cloud.db.setFields('members', { openid: 'bn-upgrade' }, {
      tierValidUntil: new Date('2027-01-01T00:00:00+08:00'), reviewAt: new Date('2027-01-01T00:00:00+08:00'),
      growth: { total: 0, consumption: 0, interaction: 0, social: 0, lifecycle: 0 },
    });
    await at('2027-01-01T00:05:00+08:00');
    await runJob();
    expect(memberOf('bn-upgrade').tierLevel).toBe(1);
    const all = vouchers('bn-upgrade');
    expect(all.map((v) => `${v.record}:${v.period}`).sort()).toEqual(['L1_parking:2026-12', 'L1_parking:2027-01', 'L2_parking:2026-12']);
    expect(all.every((v) => v.status === 'issued')).toBe(true);
    expectConsistent(t, 'bn-upgrade');
  });
});

describe('birthdays', () => {
  test('set once in the profile; the gift at 00:00 Shanghai on the 1st of the month, across the year end; staff correct it with a reason; once a year', async () => {
    await at('2026-12-20T12:00:00+08:00');
    const memberNo = await register('bn-birthday', { level: 2, since: '2026-01-01T00:00:00+08:00', until: '2029-01-01T00:00:00+08:00' });
    const set = await t.call('member', { action: 'updateProfile', birthday: { month: 1, day: 15 } }, 'bn-birthday');
    expect(set.body.data.birthday).toEqual({ month: 1, day: 15, year: null });
    const again = await t.call('member', { action: 'updateProfile', nickname: '改名', birthday: { month: 2, day: 1 } }, 'bn-birthday');
    expect(again.body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '生日已设置，如需修改请到门店由工作人员办理' });
    expect(memberOf('bn-birthday').nickname).not.toBe('改名');
    const replay = await t.call('member', { action: 'updateProfile', birthday: { month: 1, day: 15 } }, 'bn-birthday');
    expect(replay.body.ok).toBe(true);
    const badDay = await t.call('member', { action: 'updateProfile', birthday: { month: 4, day: 31 } }, 'bn-birthday');
    expect(badDay.body.error.code).toBe('INVALID_INPUT');
    expect(badDay.body.error.message).toContain('生日日期不存在');
    let home = await t.call('member', { action: 'home' }, 'bn-birthday');
    expect(home.body.data.birthdayGift).toEqual({ title: '生日礼', month: 1, status: 'upcoming' });

    await runJob();
    await at('2026-12-31T23:59:30+08:00');
    await runJob();
    expect(count('bn-birthday', 'birthday_gift')).toBe(0);

    await at('2027-01-01T00:00:30+08:00');
    await runJob();
    const gift = vouchers('bn-birthday').filter((v) => v.benefitKey === 'birthday_gift');
    expect(gift.map((v) => [v.record, v.period, iso(v.voucher.expiresAt)])).toEqual([['birthday_birthday_gift', 'B2027', '2027-01-31T16:00:00.000Z']]);
    expect(benefitEntries('bn-birthday').filter((e) => e.key.includes('birthday')).map((e) => [e.key, e.amount])).toEqual([['benefit:birthday_birthday_gift:B2027', 500]]);
    const message = t.cloud.db.find('messages', { _id: 'birthdayGift:bn-birthday:B2027' }).docs[0] as any;
    expect(message).toMatchObject({ key: 'birthdayGift', variables: { giftName: '生日礼', validUntil: '2027-01-31T15:59:59.999Z' } });
    home = await t.call('member', { action: 'home' }, 'bn-birthday');
    expect(home.body.data.birthdayGift).toEqual({ title: '生日礼', month: 1, status: 'issued' });

    // A clerk may not change it; a manager may, with a reason, audited; the year's gift is not issued again.
    const clerk = await t.call('staff', { action: 'setBirthday', memberNo, birthday: { month: 1, day: 20 }, reason: '会员证件核对' }, 'clerk-mall');
    expect(clerk.body.error.code).toBe('FORBIDDEN');
    const changed = await t.call('staff', { action: 'setBirthday', memberNo, birthday: { month: 1, day: 20, year: 1990 }, reason: '会员证件核对' }, 'manager-hotel');
    expect(changed.body.data).toEqual({ memberNo, birthday: { month: 1, day: 20, year: 1990 }, previous: { month: 1, day: 15, year: null } });
    const audit = t.cloud.db.find('staff_audit', { action: 'setBirthday' }).docs as any[];
    expect(audit.map((a) => [a.staff, a.input.reason, a.changes[0].before])).toEqual([['manager-hotel', '会员证件核对', { birthday: { month: 1, day: 15, year: null } }]]);
    await at('2027-01-02T00:05:00+08:00');
    await runJob();
    expect(count('bn-birthday', 'birthday_gift')).toBe(1);
    expectConsistent(t, 'bn-birthday');

    // Next year, again once.
    await at('2028-01-01T00:01:00+08:00');
    await runJob();
    await runJob();
    expect(vouchers('bn-birthday').filter((v) => v.benefitKey === 'birthday_gift').map((v) => v.period).sort()).toEqual(['B2027', 'B2028']);
  });

  test('across a month end: set in November for December, nothing on 30 Nov 23:59, the gift after 00:00 on 1 Dec; set mid-month in the birthday month, the gift on the next run', async () => {
    await at('2026-11-15T12:00:00+08:00');
    await register('bn-december', { level: 1, since: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' });
    await t.call('member', { action: 'updateProfile', birthday: { month: 12, day: 3, year: 1988 } }, 'bn-december');
    await runJob();
    await at('2026-11-30T23:59:00+08:00');
    await runJob();
    expect(benefitEntries('bn-december').filter((e) => e.key.includes('birthday'))).toEqual([]);
    await at('2026-12-01T00:00:10+08:00');
    await runJob();
    // Silver: 200 points, no voucher.
    expect(benefitEntries('bn-december').filter((e) => e.key.includes('birthday')).map((e) => [e.key, e.amount])).toEqual([['benefit:birthday_birthday_gift:B2026', 200]]);

    await at('2026-12-18T09:00:00+08:00');
    await register('bn-late', { level: 1, since: '2026-12-18T09:00:00+08:00', until: '2027-12-18T09:00:00+08:00' });
    await runJob();
    await t.call('member', { action: 'updateProfile', birthday: { month: 12, day: 25 } }, 'bn-late');
    await runJob();
    expect(benefitEntries('bn-late').map((e) => [e.key, e.amount])).toEqual([['benefit:birthday_birthday_gift:B2026', 200]]);
    // Registered on the 18th: silver parking pro rata 1 × 14 / 31 → 0 (no voucher).
    expect(vouchers('bn-late')).toEqual([]);
    expectConsistent(t, 'bn-late');
  });
});

describe('settlement: benefit costs between formats', () => {
  // A cloud of its own: the rules below are in place before any function instance caches the defaults.
  let main: TestCloud;
  beforeAll(async () => {
    main = t;
    t = await startTestCloud({ seed: 'empty' });
    await seedMallFixtures(t);
    // Parking usable at both formats' car parks, worth 10 元, paid for by the mall (the rules as an operator sets them).
    const tiers = DEFAULT_CONFIG.tiers.map((tier) => ({
      ...tier,
      benefits: tier.benefits.map((b) => (b.key === 'parking' ? { ...b, formats: ['mall', 'hotel'], faceValueFen: 1000, issuerFormat: 'mall' } : b)),
    }));
    await t.cloud.db.insertMany('config', [{ _id: 'loyalty', rules: { tiers } }]);
  });
  afterAll(async () => {
    await t.stop();
    t = main;
  });

  test('parking issued by the mall and written off at the hotel is the mall\'s cost at its face value; at the mall it is not billed', async () => {
    await at('2027-03-05T10:00:00+08:00');
    await register('bn-settle', { level: 3, since: '2026-01-01T00:00:00+08:00', until: '2028-01-01T00:00:00+08:00' });
    await runJob();
    const parking = vouchers('bn-settle').filter((v) => v.benefitKey === 'parking' && v.period === '2027-03');
    expect(parking).toHaveLength(4);
    const hotelUse = await t.call('staff', { action: 'verifyVoucher', code: parking[0].voucherCode }, 'manager-hotel');
    expect([hotelUse.body.error, parking[0].voucher.formats]).toEqual([undefined, ['mall', 'hotel']]);
    expect((await t.call('staff', { action: 'verifyVoucher', code: parking[1].voucherCode }, 'clerk-mall')).body.ok).toBe(true);

    const report = await t.call('staff', { action: 'settlement', from: '2027-03-01', to: '2027-03-31' }, 'manager-hotel');
    expect(report.body.data.benefits).toEqual({
      rows: [
        { issuerFormat: 'mall', issuerName: '购物中心', redeemerFormat: 'hotel', redeemerName: '酒店', vouchers: 1, valueFen: 1000, crossFormat: true },
        { issuerFormat: 'mall', issuerName: '购物中心', redeemerFormat: 'mall', redeemerName: '购物中心', vouchers: 1, valueFen: 1000, crossFormat: false },
      ],
      balanceFen: { mall: 1000, hotel: -1000 },
      totals: { vouchers: 2, valueFen: 2000, crossFormatVouchers: 1, crossFormatValueFen: 1000 },
    });
    // Benefit costs are not points: the points report of the period is untouched by them.
    expect(report.body.data.reconciled).toBe(true);
    // A reversed write-off is no cost any more.
    expect((await t.call('staff', { action: 'reverseWriteOff', code: parking[0].voucherCode, reason: '扫错券了' }, 'manager-hotel')).body.ok).toBe(true);
    const after = await t.call('staff', { action: 'settlement', from: '2027-03-01', to: '2027-03-31' }, 'manager-hotel');
    expect(after.body.data.benefits.totals).toEqual({ vouchers: 1, valueFen: 1000, crossFormatVouchers: 0, crossFormatValueFen: 0 });
  });
});
