// checkin.checkin / checkin.makeUp / checkin.calendar. The streak state lives on the member document (`checkin`), so
// a check-in is one transaction on the member: start, get member, add the points entry, add the growth entry,
// update the member, commit. The member is the lock and `checkin:<day>` is a unique key in both ledgers, so 20
// concurrent taps give one check-in and one reward.
import type { Output, ParsedInput } from '../../contract';
import { buildCalendar, checkinStateOf, currentStreak, monthCovered, planCheckin, planMakeUp, type CheckinPlan } from '../core/checkin';
import { checkinFlow } from '../core/engagementFlow';
import { AppError } from '../core/errors';
import type { MemberDoc } from '../core/member';
import { addDays, shanghaiDay, shanghaiDayStart } from '../core/time';
import { experimentRules } from '../core/experiments';
import { loadConfig, loadConfigAndExperiments } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import type { MemberContext } from '../runtime/handler';
import { writeOnce } from '../runtime/idempotent';
import { requireMember, writeMember } from '../runtime/memberRepo';


const stateOf = (m: MemberDoc) => checkinStateOf(m.checkin);

function answer(plan: CheckinPlan, flow: ReturnType<typeof checkinFlow>, streak: number) {
  return {
    checkedIn: true,
    day: plan.day,
    streak,
    pointsEarned: flow.pointsEarned,
    basePoints: plan.basePoints,
    bonusPoints: plan.bonusPoints,
    doubleDay: plan.multiplier > 1,
    growthEarned: flow.growthEarned,
    milestones: plan.milestones.map((m) => ({ day: m.day, name: m.name, points: m.points, badge: m.badge ?? null })),
    newBadges: plan.newBadges,
    balance: flow.balance,
    tier: flow.tier,
  };
}

async function already(db: Database, openid: string, now: Date) {
  const member = await requireMember(db, openid);
  return alreadyAnswer(member, now);
}

function alreadyAnswer(member: MemberDoc, now: Date) {
  const today = shanghaiDay(now);
  return {
    checkedIn: false, day: today, streak: currentStreak(stateOf(member), today),
    pointsEarned: 0, basePoints: 0, bonusPoints: 0, doubleDay: false, growthEarned: 0, milestones: [], newBadges: [],
    balance: member.points.balance, tier: { change: 'none' as const, fromLevel: member.tierLevel, toLevel: member.tierLevel, message: '' },
  };
}

/** Today's check-in: answers `checkedIn: false` (and changes nothing) when today is already checked. */
export async function checkin({ db, openid, now }: MemberContext<ParsedInput<'checkin', 'checkin'>>): Promise<Output<'checkin', 'checkin'>> {
  const { config: base, experiments: live } = await loadConfigAndExperiments(db);
  const done = await writeOnce(() => writeMember(db, openid, { now }, ({ member }) => {
    // The member's experiment arms decide the check-in rewards for them (a first exposure is recorded in this write).
    const x = experimentRules(base, live, member, now);
    const config = x.config;
    const plan = planCheckin(stateOf(member), now, config);
    if (!plan) return { write: null, result: alreadyAnswer(member, now) };
    const flow = checkinFlow(member, plan, now, config);
    return { write: { ...flow.write, fields: { ...flow.write.fields, checkin: plan.state, ...x.fields } }, result: answer(plan, flow, plan.streak) };
  }));
  return done ?? already(db, openid, now); // the day's key was already written: it is checked
}

/** 补签 of a missed day (off by default): spends the cost and credits that day's check-in, in one transaction. */
export async function makeUp({ db, openid, now, input }: MemberContext<ParsedInput<'checkin', 'makeUp'>>): Promise<Output<'checkin', 'makeUp'>> {
  const config = await loadConfig(db);
  const done = await writeOnce(() => writeMember(db, openid, { now }, ({ member }) => {
    const plan = planMakeUp(stateOf(member), input.day, now, config);
    const flow = checkinFlow(member, plan, now, config, { amount: plan.cost });
    const streak = currentStreak(plan.state, shanghaiDay(now));
    return { write: { ...flow.write, fields: { ...flow.write.fields, checkin: plan.state } }, result: { ...answer(plan, flow, streak), pointsSpent: plan.cost } };
  }));
  if (!done) throw new AppError('ALREADY_DONE', '该日期已签到');
  return done;
}

/** The month's checked days (the current and previous month from the member; older months from the growth ledger). */
export async function calendar({ db, openid, now, input }: MemberContext<ParsedInput<'checkin', 'calendar'>>): Promise<Output<'checkin', 'calendar'>> {
  const month = input.month ?? shanghaiDay(now).slice(0, 7);
  const [member, config] = await Promise.all([requireMember(db, openid), loadConfig(db)]);
  let older: string[] | null = null;
  if (!monthCovered(month, now)) {
    const _ = db.command;
    const start = shanghaiDayStart(`${month}-01`);
    const end = shanghaiDayStart(addDays(`${month}-28`, 10 + config.checkin.makeUp.maxDaysBack));
    const { data } = await db.collection('growth_ledger').where({ openid, event: 'checkin', at: _.gte(start).and(_.lt(end)) }).field({ key: true }).limit(100).get();
    older = [...new Set(data.map((e) => String(e.key).slice('checkin:'.length, 'checkin:'.length + 10)).filter((d) => d.startsWith(month)))].sort();
  }
  return { ...buildCalendar(stateOf(member), month, older, now, config), firstMonth: shanghaiDay(new Date(member.createdAt)).slice(0, 7), balance: member.points.balance };
}
