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

  test('nothing to expire is null', () => {
    expect(soonestExpiring([], now)).toBeNull();
  });
});

describe('the member card', () => {
  test('shows the granted tier, its benefits, progress and breakdown', () => {
    const m = { ...newMember('o-x', now), tierLevel: 1, growth: { total: 820, consumption: 400, interaction: 230, social: 110, lifecycle: 80 }, points: { balance: 680, pending: 20 } };
    const home = buildMemberHome(m, [{ remaining: 560, expiresAt: new Date('2027-12-31T16:00:00Z') }], DEFAULT_CONFIG, now);
    expect(home.tier.name).toBe('银牌会员');
    expect(home.tier.benefits.map((b) => b.key)).toContain('birthday_gift');
    expect(home.nextTier).toEqual({ level: 2, name: '金牌会员', threshold: 1501, growthNeeded: 681 });
    expect(home.growth.breakdown).toEqual({ consumption: 400, interaction: 230, social: 110, lifecycle: 80 });
    expect(home.points).toEqual({ balance: 680, pending: 20, expiring: { amount: 560, date: '2027-12-31' } });
    expect(home.member.joinedAt).toBe(now.toISOString());
    expect(home.member).not.toHaveProperty('openid');
  });
});
