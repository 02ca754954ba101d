// Engagement rules: streaks across month and year ends and time zones, milestones, 补签, task periods, audiences,
// caps and rate limits, referral binding rules and fraud checks.
import { buildCalendar, currentStreak, emptyCheckinState, milestonesReached, nextMilestone, planCheckin, planMakeUp, type CheckinState } from '../../cloudfunctions/core/checkin';
import { DEFAULT_CONFIG, mergeConfig, type LoyaltyConfig } from '../../cloudfunctions/core/config';
import { AppError } from '../../cloudfunctions/core/errors';
import { bindingRefusal, bumpCounter, inviteCodeFor, INVITE_CODE_PATTERN, maskName, rankOf, referralPoints, underMonthlyCap } from '../../cloudfunctions/core/referral';
import { claimKey, inAudience, periodOf, planReport, taskProgress, type TaskFacts } from '../../cloudfunctions/core/tasks';

const C = DEFAULT_CONFIG;
const at = (iso: string) => new Date(iso);

/** Checks in on each instant in turn, returning the plans. */
function run(instants: string[], config: LoyaltyConfig = C) {
  let state: CheckinState = emptyCheckinState();
  return instants.map((iso) => {
    const plan = planCheckin(state, at(iso), config);
    if (plan) state = plan.state;
    return { plan, state };
  });
}

describe('check-in streaks', () => {
  test('consecutive Shanghai days across a year end; 16:00 UTC is already the next day', () => {
    const out = run(['2026-12-30T10:00:00+08:00', '2026-12-31T23:59:59+08:00', '2026-12-31T16:00:00Z', '2027-01-02T00:00:00+08:00']);
    expect(out.map((o) => o.plan?.day)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(out.map((o) => o.plan?.streak)).toEqual([1, 2, 3, 4]);
  });

  test('a second check-in the same Shanghai day is null, even from another UTC day', () => {
    const out = run(['2027-03-01T15:59:00Z', '2027-03-01T16:00:00Z', '2027-03-02T15:00:00Z']);
    expect(out.map((o) => o.plan?.day ?? null)).toEqual(['2027-03-01', '2027-03-02', null]);
  });

  test('a missed day resets the streak; the best streak stays', () => {
    const out = run(['2027-02-27T09:00:00+08:00', '2027-02-28T09:00:00+08:00', '2027-03-02T09:00:00+08:00']);
    expect(out.map((o) => o.plan?.streak)).toEqual([1, 2, 1]);
    expect(out[2].state.best).toBe(2);
    expect(currentStreak(out[1].state, '2027-03-01')).toBe(2); // yesterday still counts
    expect(currentStreak(out[1].state, '2027-03-02')).toBe(0);
  });

  test('day 7 bonus repeats every 7 days; the 21-day challenge pays once per streak with a badge once', () => {
    const days = Array.from({ length: 22 }, (_, i) => new Date(Date.parse('2027-01-20T01:00:00Z') + i * 86400000).toISOString());
    const out = run(days);
    const bonus = out.map((o) => o.plan!.bonusPoints);
    expect(bonus[6]).toBe(20);
    expect(bonus[13]).toBe(20);
    expect(bonus[20]).toBe(120);
    expect(bonus.filter((b) => b > 0)).toHaveLength(3);
    expect(out[20].plan!.newBadges).toEqual(['streak21']);
    expect(out[21].state.badges).toEqual(['streak21']);
    expect(out[20].plan!.reason).toBe('每日签到（连续签到 7 天奖励、21 天签到挑战）');
  });

  test('milestonesReached and nextMilestone', () => {
    const ms = C.checkin.milestones;
    expect(milestonesReached(6, 7, ms).map((m) => m.day)).toEqual([7]);
    expect(milestonesReached(5, 15, ms).map((m) => m.day)).toEqual([7, 7]);
    expect(milestonesReached(20, 22, ms).map((m) => m.day)).toEqual([7, 21]);
    expect(nextMilestone(0, ms)).toMatchObject({ day: 7, daysLeft: 7 });
    expect(nextMilestone(7, ms)).toMatchObject({ day: 14, daysLeft: 7 });
    expect(nextMilestone(20, ms)).toMatchObject({ day: 21, daysLeft: 1, badge: 'streak21', points: 120, name: '21 天签到挑战' });
  });

  test('double-points day doubles the base points by the Shanghai day', () => {
    const [a] = run(['2027-04-17T16:00:00Z']); // 18 Apr in Shanghai
    expect(a.plan).toMatchObject({ day: '2027-04-18', basePoints: 10, multiplier: 2 });
    const [b] = run(['2027-04-18T16:00:00Z']); // 19 Apr
    expect(b.plan).toMatchObject({ basePoints: 5, multiplier: 1 });
    const off = mergeConfig(C, { checkin: { doubleOnDoublePointsDays: false } });
    expect(run(['2027-04-18T09:00:00+08:00'], off)[0].plan?.basePoints).toBe(5);
  });

  test('runs older than the previous month are dropped; the calendar lists the month', () => {
    const out = run(['2027-01-05T09:00:00+08:00', '2027-02-10T09:00:00+08:00', '2027-03-03T09:00:00+08:00']);
    expect(out[2].state.runs).toEqual([{ from: '2027-02-10', to: '2027-02-10' }, { from: '2027-03-03', to: '2027-03-03' }]);
    const cal = buildCalendar(out[2].state, '2027-03', null, at('2027-03-03T12:00:00+08:00'), C);
    expect(cal).toMatchObject({ checkedDays: ['2027-03-03'], checkedToday: true, streak: 1, total: 3, todayPoints: 5 });
  });
});

describe('补签 (make-up)', () => {
  const on = mergeConfig(C, { checkin: { makeUp: { enabled: true, costPoints: 20, maxDaysBack: 3, perMonth: 2 } } });
  const base = run(['2027-05-08T09:00:00+08:00', '2027-05-09T09:00:00+08:00', '2027-05-11T09:00:00+08:00'])[2].state;
  const now = at('2027-05-11T20:00:00+08:00');

  test('off by default', () => {
    expect(() => planMakeUp(base, '2027-05-10', now, C)).toThrow('补签功能未开启');
  });

  test('joins the runs, counts milestones from the longer neighbour, and uses one of the month', () => {
    const plan = planMakeUp(base, '2027-05-10', now, on);
    expect(plan.state.runs).toEqual([{ from: '2027-05-08', to: '2027-05-11' }]);
    expect(currentStreak(plan.state, '2027-05-11')).toBe(4);
    expect(plan.cost).toBe(20);
    expect(plan.state.makeUps).toEqual({ '2027-05': 1 });
  });

  test('refused: today, the future, too far back, already checked, monthly limit', () => {
    const code = (fn: () => unknown) => { try { fn(); return null; } catch (e) { return (e as AppError).code; } };
    expect(code(() => planMakeUp(base, '2027-05-11', now, on))).toBe('INVALID_INPUT');
    expect(code(() => planMakeUp(base, '2027-05-12', now, on))).toBe('INVALID_INPUT');
    expect(code(() => planMakeUp(base, '2027-05-07', now, on))).toBe('INVALID_INPUT'); // 4 days back
    expect(code(() => planMakeUp(base, '2027-05-08', now, on))).toBe('ALREADY_DONE'); // already checked
    expect(code(() => planMakeUp(base, '2027-05-01', now, on))).toBe('INVALID_INPUT');
    expect(code(() => planMakeUp(base, '2027-05-09', now, on))).toBe('ALREADY_DONE');
    const used = { ...base, makeUps: { '2027-05': 2 } };
    expect(code(() => planMakeUp(used, '2027-05-10', now, on))).toBe('LIMIT_REACHED');
  });
});

describe('task periods, audiences, progress', () => {
  const task = (id: string) => C.tasks.list.find((t) => t.id === id)!;

  test('period keys by the Shanghai day, Monday weeks, months (across a year end)', () => {
    const sunNight = at('2027-01-03T23:30:00+08:00'); // Sunday
    expect(periodOf('daily', sunNight).key).toBe('2027-01-03');
    expect(periodOf('weekly', sunNight)).toEqual({ key: 'W2026-12-28', startDay: '2026-12-28', endDay: '2027-01-03' });
    expect(periodOf('weekly', at('2027-01-03T16:00:00Z')).key).toBe('W2027-01-04'); // Monday in Shanghai
    expect(periodOf('monthly', at('2027-02-10T00:00:00+08:00'))).toEqual({ key: '2027-02', startDay: '2027-02-01', endDay: '2027-02-28' });
    expect(periodOf('monthly', at('2026-12-31T16:00:00Z')).key).toBe('2027-01');
    expect(periodOf('once', sunNight).key).toBe('once');
    expect(claimKey(task('checkinWeekly'), sunNight)).toBe('task:checkinWeekly:W2026-12-28');
  });

  const member = { createdAt: at('2027-01-01T10:00:00+08:00'), growthTotal: 0, tierLevel: 0, nickname: '会员1234', memberNo: '80000001234', avatarUrl: null, checkinRuns: [], reports: {} };
  const facts = (over: Partial<TaskFacts> = {}, m: Partial<TaskFacts['member']> = {}): TaskFacts => ({ member: { ...member, ...m }, growth: [], ordersEver: 0, invites: [], ...over });

  test('new-member tasks for the first 30 days; growth tasks near the next tier', () => {
    expect(inAudience(task('firstOrder'), member, at('2027-01-30T23:59:00+08:00'), C)).toBe(true);
    expect(inAudience(task('firstOrder'), member, at('2027-01-31T00:00:00+08:00'), C)).toBe(false);
    expect(inAudience(task('tierSprint'), { ...member, growthTotal: 301 }, at('2027-01-02T00:00:00+08:00'), C)).toBe(true); // 200 to 银牌
    expect(inAudience(task('tierSprint'), { ...member, growthTotal: 300 }, at('2027-01-02T00:00:00+08:00'), C)).toBe(false);
    expect(inAudience(task('tierSprint'), { ...member, growthTotal: 9999, tierLevel: 3 }, at('2027-01-02T00:00:00+08:00'), C)).toBe(false);
  });

  test('progress from check-in runs, growth entries and invites, capped at the target', () => {
    const now = at('2027-01-08T12:00:00+08:00'); // Friday; week from Monday 4 Jan
    const runs = [{ from: '2026-12-30', to: '2027-01-08' }];
    expect(taskProgress(task('checkinWeekly'), facts({}, { checkinRuns: runs }), now)).toBe(5);
    expect(taskProgress(task('checkinDaily'), facts({}, { checkinRuns: runs }), now)).toBe(1);
    expect(taskProgress(task('checkinDaily'), facts({}, { checkinRuns: [{ from: '2027-01-01', to: '2027-01-07' }] }), now)).toBe(0);
    expect(taskProgress(task('review'), facts({ growth: [{ event: 'photoReview', at: at('2026-12-31T23:00:00+08:00') }] }), now)).toBe(0);
    expect(taskProgress(task('review'), facts({ growth: [{ event: 'photoReview', at: at('2027-01-01T00:00:00+08:00') }] }), now)).toBe(1);
    expect(taskProgress(task('invite'), facts({ invites: [at('2027-01-02T00:00:00+08:00')] }), now)).toBe(1);
    expect(taskProgress(task('firstOrder'), facts({ ordersEver: 3 }), now)).toBe(1);
    expect(taskProgress(task('profile'), facts({}, { avatarUrl: 'https://x/a.png', nickname: '林晓' }), now)).toBe(1);
    expect(taskProgress(task('profile'), facts({}, { avatarUrl: 'https://x/a.png' }), now)).toBe(0); // default nickname
    expect(taskProgress(task('share'), facts({}, { reports: { share: { day: '2027-01-07', count: 3 } } }), now)).toBe(0);
  });

  test('client reports: rate limit, daily cap, a new day', () => {
    const t0 = at('2027-01-08T12:00:00+08:00');
    const first = planReport('share', undefined, t0, C);
    expect(first).toMatchObject({ accepted: true, count: 1 });
    expect(() => planReport('share', first.next!, new Date(t0.getTime() + 5000), C)).toThrow(AppError);
    const capped = planReport('share', { day: '2027-01-08', count: 3, lastAt: t0 }, new Date(t0.getTime() + 60_000), C);
    expect(capped).toMatchObject({ accepted: false, count: 3 });
    expect(planReport('share', { day: '2027-01-08', count: 3, lastAt: t0 }, at('2027-01-09T00:00:30+08:00'), C)).toMatchObject({ accepted: true, count: 1 });
  });
});

describe('referral rules', () => {
  test('invite codes: 8 unambiguous characters, stable, salted on collision', () => {
    const a = inviteCodeFor('o-abc');
    expect(a).toMatch(INVITE_CODE_PATTERN);
    expect(inviteCodeFor('o-abc')).toBe(a);
    expect(inviteCodeFor('o-abc', 1)).not.toBe(a);
    const many = new Set(Array.from({ length: 2000 }, (_, i) => inviteCodeFor(`openid-${i}`)));
    expect(many.size).toBeGreaterThan(1995);
  });

  test('binding refusals: disabled, invalid code, self, existing member, cycles', () => {
    const ok = { inviterOpenid: 'A', inviteeOpenid: 'B', inviteeIsNew: true, inviterChain: [] };
    expect(bindingRefusal(ok, C)).toBeNull();
    expect(bindingRefusal({ ...ok, inviterOpenid: null }, C)).toBe('invalidCode');
    expect(bindingRefusal({ ...ok, inviterOpenid: 'B' }, C)).toBe('self');
    expect(bindingRefusal({ ...ok, inviterOpenid: 'B', inviteeIsNew: false }, C)).toBe('self');
    expect(bindingRefusal({ ...ok, inviteeIsNew: false }, C)).toBe('existing');
    expect(bindingRefusal({ ...ok, inviterChain: ['X', 'B'] }, C)).toBe('cycle');
    expect(bindingRefusal({ ...ok, inviterChain: ['1', '2', '3', '4', '5', 'B'] }, C)).toBeNull(); // beyond cycleDepth
    expect(bindingRefusal(ok, mergeConfig(C, { referral: { enabled: false } }))).toBe('disabled');
  });

  test('monthly cap by the Shanghai month', () => {
    const cfg = mergeConfig(C, { referral: { monthlyCap: 2 } });
    let counter = bumpCounter(undefined, at('2027-01-31T23:00:00+08:00'));
    counter = bumpCounter(counter, at('2027-01-31T23:30:00+08:00'));
    expect(underMonthlyCap(counter, at('2027-01-31T23:59:59+08:00'), cfg)).toBe(false);
    expect(underMonthlyCap(counter, at('2027-01-31T16:00:00Z'), cfg)).toBe(true); // 1 Feb in Shanghai
    expect(bumpCounter(counter, at('2027-02-01T00:00:00+08:00'))).toEqual({ month: '2027-02', rewarded: 1 });
  });

  test('reward amounts: inviters earn double by default', () => {
    expect(referralPoints(C)).toEqual({ inviterRegistered: 100, inviterFirstOrder: 200, welcome: 50 });
    expect(referralPoints(mergeConfig(C, { referral: { inviterMultiplier: 1 } })).inviterFirstOrder).toBe(100);
  });

  test('masked names and ranks', () => {
    expect(maskName('林晓')).toBe('林**');
    expect(maskName('王思远')).toBe('王**');
    expect(maskName('')).toBe('会员**');
    expect(maskName('😀Amy')).toBe('😀**');
    expect(rankOf(5, 0)).toBe(1);
    expect(rankOf(5, 3)).toBe(4);
    expect(rankOf(0, 0)).toBeNull();
  });
});
