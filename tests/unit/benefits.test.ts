import {
  benefitTerms, birthdayGiftOf, dueEntitlements, expiringSoon, flagsOf, markIssued, nextBenefitsAt, periodOf, recordOf, unitsFor,
  voucherExpiry, type BenefitMember,
} from '../../cloudfunctions/core/benefits';
import { birthdayInput } from '../../contract/birthday';
import { checkOverrides, DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import type { Benefit, TierRule } from '../../cloudfunctions/core/rules/tiers';
import { settleBenefits } from '../../cloudfunctions/core/settlement';

const at = (iso: string) => new Date(iso);
const tiers = DEFAULT_CONFIG.tiers;
const member = (over: Partial<BenefitMember> = {}): BenefitMember => ({
  openid: 'o1', tierLevel: 3, tierSince: at('2026-01-01T00:00:00+08:00'), tierValidUntil: at('2027-01-01T00:00:00+08:00'), ...over,
});
const monthly = (over: Partial<Benefit> = {}): Benefit => ({ key: 'parking', title: '免费停车', description: '2 小时', kind: 'voucher', period: 'month', quota: 2, ...over });
const keys = (due: ReturnType<typeof dueEntitlements>) => due.map((d) => `${d.benefit.key}:${d.period.key}:${d.units}`);

describe('periods (Shanghai)', () => {
  test('a month starts at 00:00 Shanghai on the 1st: 2026-11-30 16:00 UTC is already December', () => {
    const p = periodOf(monthly(), member(), at('2026-11-30T16:00:00Z'))!;
    expect(p.key).toBe('2026-12');
    expect(p.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(p.end!.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(periodOf(monthly(), member(), at('2026-11-30T15:59:59Z'))!.key).toBe('2026-11');
  });
  test('quarters: Q4 runs Oct to Dec, the year end starts Q1 of the next year', () => {
    const b = monthly({ period: 'quarter' });
    expect(periodOf(b, member(), at('2026-12-31T15:59:59Z'))!.key).toBe('2026-Q4');
    const q1 = periodOf(b, member(), at('2026-12-31T16:00:00Z'))!;
    expect(q1.key).toBe('2027-Q1');
    expect(q1.end!.toISOString()).toBe('2027-03-31T16:00:00.000Z');
  });
  test('the tier period runs from the grant to its validity end; a retention (new end) is a new period', () => {
    const b = monthly({ period: 'tierPeriod' });
    expect(periodOf(b, member(), at('2026-05-01T00:00:00Z'))!.key).toBe('T2026-01-01~2027-01-01');
    expect(periodOf(b, member({ tierValidUntil: at('2028-01-01T00:00:00+08:00') }), at('2027-05-01T00:00:00Z'))!.key).toBe('T2026-01-01~2028-01-01');
    expect(periodOf(b, member({ tierValidUntil: null }), at('2027-05-01T00:00:00Z'))).toMatchObject({ key: 'T2026-01-01', end: null });
  });
  test('a birthday period only in the birthday month, keyed by the year; none without a birthday', () => {
    const b = monthly({ period: 'birthday', key: 'birthday_gift' });
    const bd = { month: 1, day: 15, year: null, setAt: at('2026-01-01T00:00:00Z'), setBy: 'member' as const };
    expect(periodOf(b, member({ birthday: bd }), at('2026-12-31T15:59:59Z'))).toBeNull();
    expect(periodOf(b, member({ birthday: bd }), at('2026-12-31T16:00:00Z'))!.key).toBe('B2027');
    expect(periodOf(b, member(), at('2027-01-10T00:00:00Z'))).toBeNull();
  });
});

describe('units: whole or pro rata', () => {
  const dec = periodOf(monthly(), member(), at('2026-12-10T00:00:00Z'))!;
  test('a member holding the tier since before the period gets the whole quota', () => {
    expect(unitsFor(monthly({ quota: 4 }), dec, at('2026-06-01T00:00:00Z'))).toBe(4);
  });
  test('reached on 20 Dec (12 of 31 days left): 4 × 12 / 31 = 1.55 → 2; 2 × 12 / 31 = 0.77 → 1; 1 × 12 / 31 → 0', () => {
    const since = at('2026-12-20T10:00:00+08:00');
    expect(unitsFor(monthly({ quota: 4 }), dec, since)).toBe(2);
    expect(unitsFor(monthly({ quota: 2 }), dec, since)).toBe(1);
    expect(unitsFor(monthly({ quota: 1 }), dec, since)).toBe(0);
  });
  test('reached on the 2nd: 30 of 31 days → the whole quota of 1', () => {
    expect(unitsFor(monthly({ quota: 1 }), dec, at('2026-12-02T00:00:00+08:00'))).toBe(1);
  });
  test('upgrade whole: the full quota whenever the tier was reached', () => {
    expect(unitsFor(monthly({ quota: 4, upgrade: 'whole' }), dec, at('2026-12-31T23:00:00+08:00'))).toBe(4);
  });
  test('tier periods and birthdays are never pro rata', () => {
    const b = monthly({ period: 'tierPeriod', quota: 2 });
    const p = periodOf(b, member({ tierSince: at('2026-12-20T00:00:00Z') }), at('2026-12-25T00:00:00Z'))!;
    expect(unitsFor(b, p, at('2026-12-20T00:00:00Z'))).toBe(2);
  });
});

describe('due entitlements (default tiers)', () => {
  const now = at('2026-12-01T00:05:00+08:00');
  test('a diamond member on 1 Dec: 4 parking, monthly points, the quarter breakfast; claimables only when asked', () => {
    const due = dueEntitlements(member(), tiers, now, { mode: 'auto' });
    expect(keys(due)).toEqual(['parking:2026-12:4', 'breakfast:2026-Q4:1', 'monthly_points:2026-12:1']);
    expect(due[0].vouchers.map((v) => v.unitId)).toEqual([1, 2, 3, 4].map((n) => `bv_o1_L3_parking_2026-12_${n}`));
    expect(due[0].vouchers[0]).toMatchObject({ formats: ['mall'], storeIds: [], faceValueFen: null, issuerFormat: 'mall' });
    expect(due[0].vouchers[0].expiresAt.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(due[2].points).toEqual({ amount: 100, key: 'benefit:L3_monthly_points:2026-12' });
    expect(keys(dueEntitlements(member(), tiers, now, { mode: 'claim' }))).toEqual(['late_checkout:T2026-01-01~2027-01-01:2']);
    expect(keys(dueEntitlements(member(), tiers, now, { mode: 'all', key: 'late_checkout' }))).toEqual(['late_checkout:T2026-01-01~2027-01-01:2']);
  });
  test('issued once per period: marked records are not due again until the next period', () => {
    const m = member();
    const first = dueEntitlements(m, tiers, now, { mode: 'auto' });
    const after = { ...m, benefits: markIssued(m.benefits, first) };
    expect(dueEntitlements(after, tiers, at('2026-12-31T15:59:00Z'), { mode: 'auto' })).toEqual([]);
    expect(keys(dueEntitlements(after, tiers, at('2026-12-31T16:00:00Z'), { mode: 'auto' }))).toEqual(['parking:2027-01:4', 'breakfast:2027-Q1:1', 'monthly_points:2027-01:1']);
  });
  test('an entry-tier member has nothing to issue; an unknown level neither', () => {
    expect(dueEntitlements(member({ tierLevel: 0 }), tiers, now, { mode: 'all' })).toEqual([]);
    expect(dueEntitlements(member({ tierLevel: 9 }), tiers, now, { mode: 'all' })).toEqual([]);
  });
  test('upgrade mid-month from silver (parking issued) to gold: gold\'s own record, pro rata 2 × 12 / 31 → 1', () => {
    const silver = member({ tierLevel: 1, tierSince: at('2026-06-01T00:00:00Z') });
    const silverDue = dueEntitlements(silver, tiers, now, { mode: 'auto' });
    expect(keys(silverDue)).toEqual(['parking:2026-12:1']);
    const gold = { ...silver, tierLevel: 2, tierSince: at('2026-12-20T09:00:00+08:00'), benefits: markIssued(null, silverDue) };
    const goldDue = dueEntitlements(gold, tiers, at('2026-12-20T09:10:00+08:00'), { mode: 'auto' });
    expect(keys(goldDue)).toEqual(['parking:2026-12:1']);
    expect(goldDue[0].record).toBe('L2_parking');
    // Down to silver and up again within December: both records already hold December.
    const both = { ...gold, benefits: markIssued(gold.benefits, goldDue) };
    expect(dueEntitlements({ ...both, tierLevel: 1 }, tiers, at('2026-12-25T00:00:00Z'), { mode: 'auto' })).toEqual([]);
    expect(dueEntitlements({ ...both, tierLevel: 2 }, tiers, at('2026-12-26T00:00:00Z'), { mode: 'auto' })).toEqual([]);
  });
  test('downgrade: only the lower tier\'s benefits are due next period', () => {
    const silver = member({ tierLevel: 1, tierSince: at('2026-11-15T00:00:00Z') });
    expect(keys(dueEntitlements(silver, tiers, now, { mode: 'all' }))).toEqual(['parking:2026-12:1']);
  });
  test('pro rata can be 0 units: the period is still marked, nothing is issued', () => {
    const b = monthly({ quota: 1 });
    const t: TierRule[] = [{ ...tiers[0], benefits: [b] }];
    const m = member({ tierLevel: 0, tierSince: at('2026-12-28T00:00:00+08:00') });
    const due = dueEntitlements(m, t, at('2026-12-28T01:00:00+08:00'), { mode: 'auto' });
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ units: 0, vouchers: [], points: null });
    expect(markIssued(null, due)).toEqual({ issued: { L0_parking: '2026-12' } });
  });
});

describe('birthday gift', () => {
  const bd = (month: number) => ({ month, day: 31, year: 1990, setAt: at('2026-01-01T00:00:00Z'), setBy: 'member' as const });
  test('gold in the birthday month: a voucher valid to the month end and 500 points, once a year whatever the tier', () => {
    const m = member({ tierLevel: 2, birthday: bd(1) });
    const due = dueEntitlements(m, tiers, at('2027-01-01T00:00:00+08:00'), { mode: 'auto' });
    const gift = due.find((d) => d.benefit.key === 'birthday_gift')!;
    expect(gift).toMatchObject({ record: 'birthday_birthday_gift', units: 1, points: { amount: 500, key: 'benefit:birthday_birthday_gift:B2027' } });
    expect(gift.vouchers[0].expiresAt.toISOString()).toBe('2027-01-31T16:00:00.000Z');
    const marked = { ...m, tierLevel: 3, benefits: markIssued(null, due) };
    expect(dueEntitlements(marked, tiers, at('2027-01-20T00:00:00Z'), { mode: 'auto' }).map((d) => d.benefit.key)).not.toContain('birthday_gift');
    expect(birthdayGiftOf(marked, tiers, at('2027-01-20T00:00:00Z'))).toEqual({ title: '尊享生日礼', month: 1, status: 'issued' });
    expect(dueEntitlements(marked, tiers, at('2028-01-01T00:00:00+08:00'), { mode: 'auto' }).map((d) => d.benefit.key)).toContain('birthday_gift');
  });
  test('silver: points only; the card says upcoming outside the month and due inside it before the job ran', () => {
    const m = member({ tierLevel: 1, birthday: bd(3) });
    expect(birthdayGiftOf(m, tiers, at('2027-02-10T00:00:00Z'))).toEqual({ title: '生日礼', month: 3, status: 'upcoming' });
    expect(birthdayGiftOf(m, tiers, at('2027-03-10T00:00:00Z'))!.status).toBe('due');
    const gift = dueEntitlements(m, tiers, at('2027-03-10T00:00:00Z'), { mode: 'auto' }).find((d) => d.benefit.key === 'birthday_gift')!;
    expect(gift).toMatchObject({ vouchers: [], points: { amount: 200 } });
    expect(birthdayGiftOf(member({ tierLevel: 0, birthday: bd(3) }), tiers, at('2027-03-10T00:00:00Z'))).toBeNull();
  });
  test('dates: 02-29 without a year, not in 2026; 04-31 never (the contract rule)', () => {
    const validBirthday = (month: number, day: number, year: number | null) => birthdayInput.safeParse({ month, day, ...(year === null ? {} : { year }) }).success;
    expect(validBirthday(2, 29, null)).toBe(true);
    expect(validBirthday(2, 29, 2024)).toBe(true);
    expect(validBirthday(2, 29, 2026)).toBe(false);
    expect(validBirthday(4, 31, null)).toBe(false);
    expect(validBirthday(13, 1, null)).toBe(false);
    expect(validBirthday(12, 31, null)).toBe(true);
  });
});

describe('validity, reminders, terms and flags', () => {
  const p = periodOf(monthly(), member(), at('2026-12-10T00:00:00Z'))!;
  test('validDays counts from the issue day; else the period end; an endless tier period: a year', () => {
    expect(voucherExpiry(monthly({ validDays: 30 }), p, at('2026-12-10T00:00:00+08:00')).toISOString()).toBe('2027-01-08T16:00:00.000Z');
    expect(voucherExpiry(monthly(), p, at('2026-12-10T00:00:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(voucherExpiry(monthly(), { key: 'T', start: at('2026-01-01T00:00:00Z'), end: null }, at('2026-12-10T00:00:00+08:00')).toISOString()).toBe('2027-12-09T16:00:00.000Z');
  });
  test('expiring soon: within 3 days before the end, not after it', () => {
    const end = at('2026-12-31T16:00:00Z');
    expect(expiringSoon(end, at('2026-12-28T16:00:00Z'))).toBe(true);
    expect(expiringSoon(end, at('2026-12-28T15:59:00Z'))).toBe(false);
    expect(expiringSoon(end, end)).toBe(false);
  });
  test('the card\'s terms come from the definition', () => {
    const names = { mall: '购物中心', hotel: '酒店' };
    const [, , parking, breakfast, late, monthlyPoints] = tiers[3].benefits;
    expect(benefitTerms(parking, names)).toBe('每月 4 张 · 限购物中心使用 · 当月有效');
    expect(benefitTerms(breakfast, names)).toBe('每季度 1 张（面值 276 元） · 限酒店使用 · 当季有效');
    expect(benefitTerms(late, names)).toBe('等级有效期内 2 张 · 限酒店使用 · 等级有效期内可用 · 需在卡券包领取');
    expect(benefitTerms(monthlyPoints, names)).toBe('每月 100 积分');
    expect(benefitTerms(tiers[2].benefits[1], names)).toBe('生日当月 1 张（面值 168 元） · 另赠 500 积分 · 限酒店使用 · 当月有效');
    expect(benefitTerms(tiers[0].benefits[0])).toBeNull();
  });
  test('flags per tier', () => {
    expect(flagsOf(tiers, 3)).toEqual([{ key: 'priority_service', title: '专属客服' }, { key: 'free_returns', title: '免费退换' }]);
    expect(flagsOf(tiers, 0)).toEqual([]);
  });
  test('next look: the start of the next Shanghai month', () => {
    expect(nextBenefitsAt(at('2026-12-31T15:59:59Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(nextBenefitsAt(at('2026-12-31T16:00:00Z')).toISOString()).toBe('2027-01-31T16:00:00.000Z');
  });
  test('records: per level, a birthday\'s for every level', () => {
    expect(recordOf(monthly(), 2)).toBe('L2_parking');
    expect(recordOf(monthly({ period: 'birthday', key: 'birthday_gift' }), 2)).toBe('birthday_birthday_gift');
  });
});

describe('benefit rules in the schema', () => {
  const withBenefit = (b: object) => ({ tiers: DEFAULT_CONFIG.tiers.map((t) => (t.level === 1 ? { ...t, benefits: [b] } : t)) });
  const problems = (b: object) => {
    const r = checkOverrides(withBenefit(b));
    return r.ok ? [] : r.problems.map((p) => p.message);
  };
  test('the defaults are valid; a voucher without a period and points without points are refused in Chinese', () => {
    expect(checkOverrides({}).ok).toBe(true);
    expect(problems({ key: 'parking', title: '停车', description: '2 小时', kind: 'voucher', period: 'month' })).toEqual([]);
    expect(problems({ key: 'x', title: '停车', description: 'd', kind: 'voucher' })).toEqual(['权益 停车 需要设置发放周期']);
    expect(problems({ key: 'x', title: '积分', description: 'd', kind: 'points', period: 'month' })).toEqual(['积分权益 积分 的积分必须大于 0']);
    expect(problems({ key: 'a b', title: 't', description: 'd' })).toEqual(['权益编码必须是 1-40 位字母、数字或下划线']);
    expect(problems({ key: 'x', title: 't', description: 'd', kind: 'voucher', period: 'week' })).toEqual(['权益发放周期必须是 month、quarter、tierPeriod 或 birthday']);
    expect(problems({ key: 'x', title: 't', description: 'd', kind: 'voucher', period: 'month', quota: 0 })).toEqual(['权益 t 的每期数量必须是 1-50 的整数']);
  });
});

describe('benefit costs between formats (settlement)', () => {
  test('per pair at face value; only cross-format pairs are billed; a service without a face value counts 0 fen', () => {
    const report = settleBenefits([
      { issuerFormat: 'mall', redeemerFormat: 'hotel', faceValueFen: 1000 },
      { issuerFormat: 'mall', redeemerFormat: 'hotel', faceValueFen: 1000 },
      { issuerFormat: 'mall', redeemerFormat: 'mall', faceValueFen: 1000 },
      { issuerFormat: 'hotel', redeemerFormat: 'mall', faceValueFen: null },
      { issuerFormat: 'hotel', redeemerFormat: 'mall', faceValueFen: 27600 },
    ]);
    expect(report.rows).toEqual([
      { issuerFormat: 'hotel', redeemerFormat: 'mall', vouchers: 2, valueFen: 27600, crossFormat: true },
      { issuerFormat: 'mall', redeemerFormat: 'hotel', vouchers: 2, valueFen: 2000, crossFormat: true },
      { issuerFormat: 'mall', redeemerFormat: 'mall', vouchers: 1, valueFen: 1000, crossFormat: false },
    ]);
    expect(report.balanceFen).toEqual({ hotel: 25600, mall: -25600 });
    expect(report.totals).toEqual({ vouchers: 5, valueFen: 30600, crossFormatVouchers: 4, crossFormatValueFen: 29600 });
    expect(settleBenefits([])).toEqual({ rows: [], balanceFen: {}, totals: { vouchers: 0, valueFen: 0, crossFormatVouchers: 0, crossFormatValueFen: 0 } });
  });
});
