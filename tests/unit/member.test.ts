import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { buildMemberHome, memberNoFor, newMember } from '../../cloudfunctions/core/member';
import { soonestExpiring } from '../../cloudfunctions/core/points';

const now = new Date('2026-11-22T04:00:00Z');

describe('registration', () => {
  test('a new member starts at the entry tier with nothing', () => {
    const m = newMember('o-abc', now);
    expect(m).toMatchObject({ _id: 'o-abc', openid: 'o-abc', tierLevel: 0, points: { balance: 0, pending: 0 }, growth: { total: 0 } });
    expect(m.memberNo).toMatch(/^8\d{10}$/);
    expect(m.nickname).toBe(`会员${m.memberNo.slice(-4)}`);
  });

  test('member numbers are stable per openid and differ across openids and salts', () => {
    expect(memberNoFor('o-1')).toBe(memberNoFor('o-1'));
    expect(memberNoFor('o-1')).not.toBe(memberNoFor('o-2'));
    expect(memberNoFor('o-1', 1)).not.toBe(memberNoFor('o-1'));
    const many = new Set(Array.from({ length: 5000 }, (_, i) => memberNoFor(`openid-${i}`)));
    expect(many.size).toBeGreaterThan(4990);
  });
});

describe('soonest expiring points', () => {
  const lot = (remaining: number, expiresAt: string) => ({ remaining, expiresAt: new Date(expiresAt) });

  test('sums the lots of the earliest day and ignores spent or expired lots', () => {
    const lots = [
      lot(100, '2026-12-31T16:00:00Z'), // expires at 00:00 on 1 Jan: last usable day 31 Dec
      lot(50, '2026-12-31T16:00:00Z'),
      lot(0, '2026-12-01T16:00:00Z'),
      lot(70, '2026-11-01T00:00:00Z'),
      lot(30, '2027-12-31T16:00:00Z'),
    ];
    expect(soonestExpiring(lots, now)).toEqual({ amount: 150, date: '2026-12-31' });
  });

  test('points expiring within 30 days are flagged on the card', () => {
    const m = { ...newMember('o-y', now), points: { balance: 50, debt: 0, pending: 0, lots: [] } };
    const lot = { lotId: 'x', amount: 50, remaining: 50, earnedAt: new Date('2025-06-01T00:00:00Z'), expiresAt: new Date('2026-12-15T16:00:00Z'), availableAt: new Date('2025-06-01T00:00:00Z'), format: '', ref: 'x' };
    expect(buildMemberHome(m, [lot], DEFAULT_CONFIG, now).points).toMatchObject({ expiring: { amount: 50, date: '2026-12-15' }, expiringSoon: true });
    expect(buildMemberHome(m, [lot], DEFAULT_CONFIG, new Date('2026-11-01T00:00:00Z')).points.expiringSoon).toBe(false);
  });

  test('nothing to expire is null', () => {
    expect(soonestExpiring([], now)).toBeNull();
  });
});

describe('the member card', () => {
  test('shows the granted tier, its benefits, progress and breakdown', () => {
    const m = { ...newMember('o-x', now), tierLevel: 1, tierValidUntil: new Date('2027-11-22T16:00:00Z'), growth: { total: 820, consumption: 400, interaction: 230, social: 110, lifecycle: 80 }, points: { balance: 680, debt: 0, pending: 20, lots: [] } };
    const lot = (lotId: string, remaining: number, expiresAt: string, availableAt = '2026-01-01T00:00:00Z') => ({ lotId, amount: remaining, remaining, earnedAt: new Date('2026-01-01T00:00:00Z'), expiresAt: new Date(expiresAt), availableAt: new Date(availableAt), format: 'mall', ref: lotId });
    const home = buildMemberHome(m, [lot('a', 560, '2027-12-31T16:00:00Z'), lot('b', 100, '2028-12-31T16:00:00Z'), lot('c', 20, '2028-12-31T16:00:00Z', '2026-12-01T00:00:00Z')], DEFAULT_CONFIG, now);
    expect(home.tier.name).toBe('银牌会员');
    expect(home.tier.benefits.map((b) => b.key)).toContain('birthday_gift');
    expect(home.nextTier).toEqual({ level: 2, name: '金牌会员', threshold: 1501, growthNeeded: 681 });
    expect(home.growth.breakdown).toEqual({ consumption: 400, interaction: 230, social: 110, lifecycle: 80 });
    expect(home.points).toEqual({ balance: 680, debt: 0, spendable: 660, pending: 20, expiring: { amount: 560, date: '2027-12-31' }, expiringSoon: false });
    expect(home.tierValidUntil).toBe('2027-11-22T16:00:00.000Z');
    expect(home.retain).toEqual({ growthNeeded: 0 });
    expect(home.member.joinedAt).toBe(now.toISOString());
    expect(home.member).not.toHaveProperty('openid');
  });
});
