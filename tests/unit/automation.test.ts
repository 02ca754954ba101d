// Marketing automation, the pure part (core/automation.ts): which events a trigger names, the occurrences (run keys)
// of events and of the daily pass's facts at their Shanghai-day boundaries, the decision and its reasons in order,
// the cost, limit periods, quiet hours for messages, task and voucher dates, the summaries; the playbook's rules are
// valid against the contract and off.
import { automation, ruleBodySchema } from '../../contract/automation';
import {
  costOf, dailyOccurrence, decide, eventMatches, eventOccurrence, isEventTrigger, logsSkip, messageAvailableAt, periodKey, ruleSummary, runKey,
  SKIP_REASON_NAMES, SKIP_REASONS, taskDueDay, voucherExpiresAt, weekKey, type AutomationRule, type DailyFacts, type DecisionInput,
} from '../../cloudfunctions/core/automation';
import { PLAYBOOK, playbookRule } from '../../cloudfunctions/core/automationPlaybook';

// Shanghai day d after 2027-03-01 (a Monday) at h o'clock.
const at = (d: number, h = 10) => new Date(Date.parse('2027-03-01T00:00:00+08:00') + d * 86_400_000 + h * 3_600_000);
const dayStart = (d: number) => at(d, 0);

const facts = (over: Partial<DailyFacts> = {}): DailyFacts => ({
  openid: 'o1', createdAt: at(0), lastActiveAt: at(0), lots: [], birthdayMonth: null, lastCheckinDay: null, lastStreak: 0, growth: 0, nextTier: null, ...over,
});

describe('events and triggers', () => {
  const order = (paidFen: number) => ({ kind: 'orderPaid' as const, openid: 'o1', at: at(1), ref: 'A1', paidFen });
  const tier = (fromLevel: number, toLevel: number) => ({ kind: 'tierChanged' as const, openid: 'o1', at: at(1), ref: 'rev3', fromLevel, toLevel });
  const stage = (from: 'new' | 'dormant', to: 'dormant' | 'churned' | 'occasional') => ({ kind: 'stageChanged' as const, openid: 'o1', at: at(1), ref: `${to}-2027-03-02`, from, to });

  test('orders by their amount, tier changes by direction, stages by from and to, segments by id', () => {
    expect(eventMatches({ kind: 'orderPaid', minFen: 0 }, order(1))).toBe(true);
    expect(eventMatches({ kind: 'orderPaid', minFen: 5000 }, order(4999))).toBe(false);
    expect(eventMatches({ kind: 'orderPaid', minFen: 5000 }, order(5000))).toBe(true);
    expect(eventMatches({ kind: 'tierChanged', direction: 'up' }, tier(0, 1))).toBe(true);
    expect(eventMatches({ kind: 'tierChanged', direction: 'up' }, tier(2, 1))).toBe(false);
    expect(eventMatches({ kind: 'tierChanged', direction: 'down' }, tier(2, 1))).toBe(true);
    expect(eventMatches({ kind: 'tierChanged', direction: 'any' }, tier(1, 1))).toBe(false);
    expect(eventMatches({ kind: 'stageChanged', from: null, to: 'dormant' }, stage('new', 'dormant'))).toBe(true);
    expect(eventMatches({ kind: 'stageChanged', from: null, to: 'churned' }, stage('new', 'dormant'))).toBe(false);
    expect(eventMatches({ kind: 'stageChanged', from: 'dormant', to: null }, stage('dormant', 'occasional'))).toBe(true);
    expect(eventMatches({ kind: 'stageChanged', from: 'dormant', to: null }, stage('new', 'dormant'))).toBe(false);
    const seg = { kind: 'segmentEntered' as const, openid: 'o1', at: at(1), ref: 'e1', segment: 'vip', version: 1 };
    expect(eventMatches({ kind: 'segmentEntered', segment: 'vip' }, seg)).toBe(true);
    // A rule that pinned version 1 acts on version 1's events only (an edited segment's version 2 is another audience).
    expect(eventMatches({ kind: 'segmentEntered', segment: 'vip' }, seg, 1)).toBe(true);
    expect(eventMatches({ kind: 'segmentEntered', segment: 'vip' }, { ...seg, version: 2 }, 1)).toBe(false);
    expect(eventMatches({ kind: 'segmentLeft', segment: 'vip' }, seg)).toBe(false);
    expect(eventMatches({ kind: 'segmentEntered', segment: 'other' }, seg)).toBe(false);
    // A daily trigger is never an event's.
    expect(eventMatches({ kind: 'birthdayMonth' }, order(1))).toBe(false);
    expect(isEventTrigger({ kind: 'registered' })).toBe(true);
    expect(isEventTrigger({ kind: 'schedule', every: 'day' })).toBe(false);
  });

  test('an event occurrence names the event: once per order, tier change, transition; registration once', () => {
    expect(eventOccurrence({ kind: 'registered', openid: 'o1', at: at(0), ref: 'o1' }).key).toBe('join');
    expect(eventOccurrence(order(1)).key).toBe('order-A1');
    expect(eventOccurrence(tier(0, 1)).key).toBe('tier-rev3');
    expect(eventOccurrence(stage('new', 'dormant')).key).toBe('stage-dormant-2027-03-02');
    expect(runKey({ id: 'pb-x', version: 3 }, 'o1', 'join')).toBe('pb-x:v3:o1:join');
  });
});

describe('the daily pass: occurrences at Shanghai-day boundaries', () => {
  test('points expiring within N days: the soonest expiry day, from N days before its last usable day', () => {
    const lots = [{ remaining: 10, expiresAt: dayStart(40) }, { remaining: 5, expiresAt: dayStart(35) }, { remaining: 0, expiresAt: dayStart(31) }];
    const t = { kind: 'pointsExpiring' as const, days: 30 };
    // Last usable day of the lot expiring at day 35's start is day 34: within 30 days from day 4 on.
    expect(dailyOccurrence(t, facts({ lots }), at(3, 23.9))).toBeNull();
    expect(dailyOccurrence(t, facts({ lots }), at(4, 0))).toMatchObject({ key: 'expiring-2027-04-04', ref: '2027-04-04' });
    // Spent lots and lots without expiry do not count; an expired one neither.
    expect(dailyOccurrence(t, facts({ lots: [{ remaining: 0, expiresAt: dayStart(10) }, { remaining: 3, expiresAt: null }] }), at(5))).toBeNull();
    expect(dailyOccurrence(t, facts({ lots: [{ remaining: 3, expiresAt: dayStart(5) }] }), at(5, 1))).toBeNull();
  });

  test('the birthday month, once a year', () => {
    const t = { kind: 'birthdayMonth' as const };
    expect(dailyOccurrence(t, facts({ birthdayMonth: 3 }), at(0, 0))).toMatchObject({ key: 'birthday-2027' });
    expect(dailyOccurrence(t, facts({ birthdayMonth: 3 }), at(31, 0))).toBeNull(); // 1 April
    expect(dailyOccurrence(t, facts({ birthdayMonth: 4 }), at(31, 0))).toMatchObject({ key: 'birthday-2027' });
    expect(dailyOccurrence(t, facts({ birthdayMonth: 2 }), at(-1, 23.9))).toMatchObject({ key: 'birthday-2027' }); // 28 Feb, Shanghai
    expect(dailyOccurrence(t, facts(), at(0))).toBeNull();
  });

  test('a streak broken: no check-in yesterday after at least N days', () => {
    const t = { kind: 'checkinStreakBroken' as const, minStreak: 3 };
    const f = facts({ lastCheckinDay: '2027-03-05', lastStreak: 5 });
    expect(dailyOccurrence(t, f, at(4))).toBeNull(); // checked in today
    expect(dailyOccurrence(t, f, at(5, 23.9))).toBeNull(); // yesterday: today may continue it
    expect(dailyOccurrence(t, f, at(6, 0))).toMatchObject({ key: 'streak-2027-03-05', at: dayStart(6) });
    expect(dailyOccurrence(t, facts({ lastCheckinDay: '2027-03-05', lastStreak: 2 }), at(9))).toBeNull();
  });

  test('inactive N days: from the Nth day after the last activity, once per silence', () => {
    const t = { kind: 'inactive' as const, days: 30 };
    const f = facts({ lastActiveAt: at(1, 22) });
    expect(dailyOccurrence(t, f, at(30, 23.9))).toBeNull();
    expect(dailyOccurrence(t, f, at(31, 0))).toMatchObject({ key: 'inactive-2027-03-02', at: dayStart(31) });
    expect(dailyOccurrence(t, f, at(80))?.key).toBe('inactive-2027-03-02');
  });

  test('close to the next tier: within N % of the span to its threshold, once per tier', () => {
    const t = { kind: 'tierNear' as const, percent: 10 };
    const next = { level: 1, threshold: 501, currentMin: 0 };
    expect(dailyOccurrence(t, facts({ growth: 450, nextTier: next }), at(1))).toBeNull();
    expect(dailyOccurrence(t, facts({ growth: 451, nextTier: next }), at(1))).toMatchObject({ key: 'near-L1' });
    expect(dailyOccurrence(t, facts({ growth: 501, nextTier: next }), at(1))).toBeNull();
    expect(dailyOccurrence(t, facts({ growth: 9999, nextTier: null }), at(1))).toBeNull();
  });

  test('a schedule: once per day, ISO week from Monday, month, year', () => {
    expect(dailyOccurrence({ kind: 'schedule', every: 'day' }, facts(), at(2))?.key).toBe('day-2027-03-03');
    expect(dailyOccurrence({ kind: 'schedule', every: 'week' }, facts(), at(6, 23))?.key).toBe('week-W2027-03-01');
    expect(dailyOccurrence({ kind: 'schedule', every: 'week' }, facts(), at(7, 0))?.key).toBe('week-W2027-03-08');
    expect(dailyOccurrence({ kind: 'schedule', every: 'month' }, facts(), at(31))?.key).toBe('month-2027-04');
    expect(dailyOccurrence({ kind: 'schedule', every: 'year' }, facts(), at(31))?.key).toBe('year-2027');
    expect(weekKey('2027-03-07')).toBe('2027-03-01'); // a Sunday belongs to the week from Monday
    expect(periodKey('ever', at(400))).toBe('ever');
    // Event triggers have no daily occurrence.
    expect(dailyOccurrence({ kind: 'registered' }, facts(), at(1))).toBeNull();
  });
});

describe('the decision', () => {
  const rule: DecisionInput['rule'] = {
    status: 'live', liveSince: at(0, 9),
    actions: [{ kind: 'grantPoints', points: 60, reason: '礼' }, { kind: 'issueVoucher', title: '券', description: '', faceValueFen: 100, validDays: 7, formats: [], storeIds: [] }],
    limits: { perMember: { max: 2, period: 'month' }, budget: { points: 200, vouchers: 3 }, quietHours: null },
  };
  const base: DecisionInput = { rule, occurrence: { key: 'join', at: at(0, 10), ref: null }, alreadyRun: false, member: { frozen: false }, matches: true, actedInPeriod: 0, spent: { points: 0, vouchers: 0 } };

  test('no run: not live, an occurrence from before going live, already logged', () => {
    expect(decide({ ...base, rule: { ...rule, status: 'draft' } })).toEqual({ run: false, why: 'notLive' });
    expect(decide({ ...base, rule: { ...rule, status: 'paused' } })).toEqual({ run: false, why: 'notLive' });
    expect(decide({ ...base, rule: { ...rule, liveSince: null } })).toEqual({ run: false, why: 'beforeLive' });
    expect(decide({ ...base, occurrence: { ...base.occurrence, at: at(0, 8) } })).toEqual({ run: false, why: 'beforeLive' });
    expect(decide({ ...base, alreadyRun: true })).toEqual({ run: false, why: 'duplicate' });
  });

  test('skips with their reasons, in order', () => {
    expect(decide({ ...base, member: null })).toEqual({ run: true, act: false, reason: 'noMember' });
    expect(decide({ ...base, member: { frozen: true }, matches: false })).toEqual({ run: true, act: false, reason: 'frozen' });
    expect(decide({ ...base, matches: false, actedInPeriod: 5 })).toEqual({ run: true, act: false, reason: 'conditions' });
    expect(decide({ ...base, actedInPeriod: 2 })).toEqual({ run: true, act: false, reason: 'memberLimit' });
    expect(decide({ ...base, actedInPeriod: 1 })).toMatchObject({ act: true });
    // The budget: exactly reaching it acts; one more point does not.
    expect(decide({ ...base, spent: { points: 140, vouchers: 0 } })).toMatchObject({ act: true });
    expect(decide({ ...base, spent: { points: 141, vouchers: 0 } })).toEqual({ run: true, act: false, reason: 'budgetPoints' });
    expect(decide({ ...base, spent: { points: 0, vouchers: 3 } })).toEqual({ run: true, act: false, reason: 'budgetVouchers' });
    // No budget: anything; a rule granting nothing is never stopped by a spent budget.
    expect(decide({ ...base, rule: { ...rule, limits: { ...rule.limits, budget: { points: null, vouchers: null } } }, spent: { points: 1e9, vouchers: 1e9 } })).toMatchObject({ act: true });
    expect(decide({ ...base, rule: { ...rule, actions: [{ kind: 'addTag', tag: 't' }] }, spent: { points: 1e9, vouchers: 1e9 } })).toMatchObject({ act: true });
    expect(decide(base)).toEqual({ run: true, act: true, cost: { points: 60, vouchers: 1, messages: 0, tasks: 0 } });
  });

  test('every reason has a Chinese name; a schedule does not log its non-matching members', () => {
    for (const r of SKIP_REASONS) expect(SKIP_REASON_NAMES[r]).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(logsSkip({ kind: 'schedule', every: 'day' }, 'conditions')).toBe(false);
    expect(logsSkip({ kind: 'schedule', every: 'day' }, 'budgetPoints')).toBe(true);
    expect(logsSkip({ kind: 'registered' }, 'conditions')).toBe(true);
  });

  test('cost adds up the actions', () => {
    expect(costOf([
      { kind: 'grantPoints', points: 5, reason: 'a' }, { kind: 'grantPoints', points: 7, reason: 'b' }, { kind: 'sendMessage', title: 't', body: 'b' },
      { kind: 'createTask', reason: 'r', dueDays: 1 }, { kind: 'removeTag', tag: 'x' }, { kind: 'npsSurvey' },
    ])).toEqual({ points: 12, vouchers: 0, messages: 2, tasks: 1 });
  });
});

describe('dates', () => {
  test('quiet hours postpone a message to their end (over midnight too); outside them it goes now', () => {
    const q = { start: '21:00', end: '09:00' };
    expect(messageAvailableAt(at(1, 10), q)).toEqual(at(1, 10));
    expect(messageAvailableAt(at(1, 22), q)).toEqual(at(2, 9));
    expect(messageAvailableAt(at(1, 3), q)).toEqual(at(1, 9));
    expect(messageAvailableAt(at(1, 12.5), { start: '12:00', end: '14:00' })).toEqual(at(1, 14));
    expect(messageAvailableAt(at(1, 22), null)).toEqual(at(1, 22));
  });

  test('task due days and voucher expiry in Shanghai days', () => {
    expect(taskDueDay(at(0, 23.5), 3)).toBe('2027-03-04');
    expect(voucherExpiresAt(at(0, 23.5), 30)).toEqual(dayStart(30));
  });
});

describe('the playbook', () => {
  test('eight rules, every one a valid rule of the contract and off (a draft, version 0)', () => {
    expect(PLAYBOOK.map((r) => r.id)).toEqual(['pb-new-first-order', 'pb-upgrade-nudge', 'pb-dormant-winback', 'pb-churned-callback', 'pb-silent-wakeup', 'pb-points-expiring', 'pb-birthday', 'pb-tier-up']);
    for (const r of PLAYBOOK) {
      const { id, status, version, liveSince, ...body } = r as AutomationRule;
      expect([id, status, version, liveSince]).toEqual([id, 'draft', 0, null]);
      expect([id, ruleBodySchema.safeParse(body).success]).toEqual([id, true]);
    }
    expect(playbookRule('pb-birthday')?.trigger).toEqual({ kind: 'birthdayMonth' });
    expect(playbookRule('nope')).toBeNull();
    expect(PLAYBOOK.find((r) => r.id === 'pb-churned-callback')?.actions).toEqual([{ kind: 'createTask', reason: '人工关怀回访', dueDays: 3 }]);
  });

  test('summaries for the rules list', () => {
    expect(ruleSummary(playbookRule('pb-new-first-order')!)).toBe('注册成为会员 → 发券「首单立减券」、消息「首单立减券已到账」 · 每人累计 1 次');
    expect(ruleSummary(playbookRule('pb-dormant-winback')!)).toBe('阶段变为沉睡 → 发放 200 积分、消息「200积分回归礼已到账」 · 每人每年 1 次');
  });

  test('the contract refuses a rule without actions and unknown keys', () => {
    const body = { ...playbookRule('pb-tier-up')! } as Partial<AutomationRule>;
    delete body.id; delete body.status; delete body.version; delete body.liveSince;
    expect(automation.saveRule.input.safeParse({ ruleId: 'r1', requestId: 'req-00001', rule: body }).success).toBe(true);
    expect(automation.saveRule.input.safeParse({ ruleId: 'r1', requestId: 'req-00001', rule: { ...body, actions: [] } }).success).toBe(false);
    expect(automation.saveRule.input.safeParse({ ruleId: 'r1', requestId: 'req-00001', rule: { ...body, extra: 1 } }).success).toBe(false);
    expect(automation.saveRule.input.safeParse({ ruleId: 'R1', requestId: 'req-00001', rule: body }).success).toBe(false);
  });
});
