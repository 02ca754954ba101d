// checkin, task and referral: the member's engagement actions.
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, day, integer, iso, month, noInput, nullable, object, oneOf, opt, slug, str, text } from './fields';
import { tierChange } from './shared';

const milestone = object({ day: integer(), name: text(), points: integer(), badge: nullable(text()) });

const checkinResult = {
  /** false (and nothing changed) when today was already checked. */
  checkedIn: bool(),
  day: day(),
  streak: integer(),
  pointsEarned: integer(),
  basePoints: integer(),
  bonusPoints: integer(),
  doubleDay: bool(),
  growthEarned: integer(),
  milestones: array(milestone),
  newBadges: array(text()),
  balance: integer(),
  tier: tierChange,
};

const calendar = object({
  month: month(),
  /** The month the member joined: the calendar browses back to it (no check-ins before). */
  firstMonth: month(),
  today: day(),
  checkedDays: array(day()),
  checkedToday: bool(),
  streak: integer(),
  bestStreak: integer(),
  total: integer(),
  badges: array(text()),
  nextMilestone: nullable(object({ day: integer(), name: text(), points: integer(), daysLeft: integer(), badge: nullable(text()) })),
  todayPoints: integer(),
  makeUp: object({ enabled: bool(), costPoints: integer(), days: array(day()), leftThisMonth: integer() }),
  balance: integer(),
});

export const checkin = {
  checkin: action({ input: noInput, output: object(checkinResult), errors: ['NOT_FOUND'] }),
  calendar: action({ input: z.strictObject({ month: opt(month()) }), output: calendar, errors: ['NOT_FOUND'] }),
  /** 补签 of a missed day (off by default): spends `pointsSpent` and credits that day's check-in. */
  makeUp: action({
    input: z.strictObject({ day: day() }),
    output: object({ ...checkinResult, pointsSpent: integer() }),
    errors: ['NOT_FOUND', 'INSUFFICIENT_POINTS', 'ALREADY_DONE', 'LIMIT_REACHED', 'CONFLICT'],
  }),
};

const taskView = object({
  id: text(),
  title: text(),
  description: text(),
  period: oneOf(['once', 'daily', 'weekly', 'monthly']),
  periodKey: text(),
  target: integer(),
  progress: integer(),
  reward: object({ points: integer(), growth: integer() }),
  audience: oneOf(['all', 'newMember', 'nearTier']),
  source: text(),
  status: oneOf(['inProgress', 'claimable', 'claimed']),
});

export const task = {
  list: action({ input: noInput, output: object({ today: day(), tasks: array(taskView), claimable: integer() }), errors: ['NOT_FOUND'] }),
  /** A client-reported event, counted within the day's cap; sharing also earns shareApp growth. */
  report: action({
    input: z.strictObject({ source: oneOf(['share', 'browseMall']) }),
    output: object({ accepted: bool(), reason: nullable(z.literal('dailyCap')), countToday: integer(), growthEarned: integer() }),
    errors: ['NOT_FOUND', 'RATE_LIMITED'],
  }),
  claim: action({
    input: z.strictObject({ taskId: slug() }),
    output: object({ taskId: text(), periodKey: text(), pointsEarned: integer(), growthEarned: integer(), balance: integer(), tier: tierChange, replayed: bool() }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'],
  }),
};

const boardRow = object({ rank: integer(), name: text(), score: integer(), me: bool() });
const board = object({ top: array(boardRow), me: object({ rank: nullable(integer()), score: integer(), name: text() }) });

export const referral = {
  info: action({
    input: noInput,
    output: object({
      inviteCode: text(),
      sharePath: text(),
      shareTitle: text(),
      rules: object({
        inviterRegisteredPoints: integer(), inviterFirstOrderPoints: integer(), welcomePoints: integer(),
        monthlyCap: integer(), rewardedThisMonth: integer(), capReached: bool(),
      }),
      invitees: array(object({ name: text(), joinedAt: iso(), status: oneOf(['registered', 'ordered', 'refunded']), rewarded: bool(), pointsEarned: integer() })),
      totals: object({ invited: integer(), pointsEarned: integer() }),
    }),
    errors: ['NOT_FOUND'],
  }),
  /**
   * The invite landing page (邀请落地页): who invited the caller (nickname masked) and what both get when the caller
   * joins with the code. `valid` false: no member has this code. `joined`: the caller is a member already (the code
   * binds only at registration). Reads only; the code is bound by member.login.
   */
  invitation: action({
    input: z.strictObject({ inviteCode: str(4, 16, /^[A-Za-z0-9]+$/) }),
    output: object({
      valid: bool(),
      inviter: nullable(object({ name: text() })),
      rules: object({ welcomePoints: integer(), inviterRegisteredPoints: integer() }),
      joined: bool(),
    }),
  }),
  /** Monthly top 10 by rewarded invites and by points earned, each with the caller's own rank (ties share a rank). */
  leaderboard: action({
    input: z.strictObject({ month: opt(month()) }),
    output: object({ month: month(), invites: board, points: board }),
  }),
};
