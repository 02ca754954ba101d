// task.list / task.report / task.claim. Progress comes from server-side facts (the member's check-in runs and
// profile, growth entries written by orders, reviews and activities, bound referrals) or from client reports counted
// on the member within caps and rate limits. A reward is one transaction on the member that also inserts the claim
// (`task_claims`, _id `<openid>|task:<id>:<period>`), so a replayed or concurrent claim pays once.
import type { Output, ParsedInput } from '../../contract';
import type { LoyaltyConfig } from '../core/config';
import { checkinStateOf } from '../core/checkin';
import type { TaskRule } from '../core/config';
import { engagementFlow, keyedActivityGrowth } from '../core/engagementFlow';
import { AppError } from '../core/errors';
import { weightedGrowth, type GrowthEntry } from '../core/growth';
import type { MemberDoc } from '../core/member';
import { claimKey, earliestPeriodStart, inAudience, periodOf, planReport, taskProgress, taskStatus, visibleTasks, type MemberFacts, type TaskFacts } from '../core/tasks';
import { shanghaiDay } from '../core/time';
import { loadConfig } from '../runtime/configStore';
import type { Stored, TaskClaimDoc } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import type { MemberContext } from '../runtime/handler';
import { once } from '../runtime/idempotent';
import { reviveMember, writeMember } from '../runtime/memberRepo';

export function memberFacts(m: MemberDoc): MemberFacts {
  return {
    createdAt: m.createdAt, growthTotal: m.growth.total, tierLevel: m.tierLevel, nickname: m.nickname, memberNo: m.memberNo,
    avatarUrl: m.avatarUrl, phone: m.phone ?? null, checkinRuns: checkinStateOf(m.checkin).runs, reports: m.taskReports ?? {},
  };
}

const claimId = (openid: string, key: string) => `${openid}|${key}`;

/** The reads a set of tasks needs beyond the member: growth entries of the periods, orders ever, invites. */
async function loadFacts(db: Database, openid: string, tasks: TaskRule[], now: Date): Promise<Omit<TaskFacts, 'member'>> {
  const _ = db.command;
  const growthSources = new Set(['order', 'review', 'activity']);
  const periodic = tasks.filter((t) => t.period !== 'once');
  const needGrowth = periodic.some((t) => growthSources.has(t.source));
  const since = earliestPeriodStart(periodic, now);
  const needOrdersEver = tasks.some((t) => t.period === 'once' && t.source === 'order');
  const invites = tasks.filter((t) => t.source === 'invite');
  const inviteSince = earliestPeriodStart(invites, now);
  const [growth, ordersEver, invited] = await Promise.all([
    needGrowth && since
      ? db.collection('growth_ledger').where({ openid, at: _.gte(since), event: _.in(['order', 'photoReview', 'activity']) }).field({ event: true, at: true }).limit(1000).get().then((r) => r.data)
      : Promise.resolve([]),
    needOrdersEver
      ? db.collection('orders').where({ openid, status: _.neq('refunded') }).count().then((r) => r.total)
      : Promise.resolve(0),
    invites.length > 0
      ? db.collection('referrals').where({ inviterOpenid: openid, ...(inviteSince && !invites.some((t) => t.period === 'once') ? { boundAt: _.gte(inviteSince) } : {}) }).field({ boundAt: true }).limit(1000).get().then((r) => r.data)
      : Promise.resolve([]),
  ]);
  return {
    growth: growth.map((g) => ({ event: g.event, at: new Date(g.at) })),
    ordersEver,
    invites: invited.map((r) => new Date(r.boundAt)),
  };
}

function view(task: TaskRule, progress: number, claimed: boolean, now: Date) {
  return {
    id: task.id, title: task.title, description: task.description, period: task.period, periodKey: periodOf(task.period, now).key,
    target: task.target, progress, reward: task.reward, audience: task.audience, source: task.source,
    status: taskStatus(task, progress, claimed),
  };
}

/**
 * The member and every fact its tasks may need in ONE request (issue 14 §4: task.list at most 3): an aggregation on
 * the member's document that joins (uncorrelated $lookup sub-pipelines, each an indexed query of its own collection)
 * the claims of the current periods, the growth entries of the periods, its orders (counted) and its invitees. The
 * joins cover every configured task (which ones the member sees depends on the member), so nothing waits for a read.
 */
async function memberWithFacts(db: Database, openid: string, tasks: TaskRule[], now: Date) {
  const _ = db.command;
  const $ = db.command.aggregate;
  const growthSources = new Set(['order', 'review', 'activity']);
  const periodic = tasks.filter((t) => t.period !== 'once');
  const since = periodic.some((t) => growthSources.has(t.source)) ? earliestPeriodStart(periodic, now) : null;
  const needOrdersEver = tasks.some((t) => t.period === 'once' && t.source === 'order');
  const invites = tasks.filter((t) => t.source === 'invite');
  const inviteSince = earliestPeriodStart(invites, now);
  const ids = tasks.map((t) => claimId(openid, claimKey(t, now)));
  // An empty sub-pipeline result for what no task needs: a $match nothing satisfies on the primary key.
  const none = { _id: _.in([]) };
  let query = db.collection('members').aggregate().match({ _id: openid })
    .lookup({ from: 'task_claims', pipeline: $.pipeline().match(ids.length > 0 ? { _id: _.in(ids) } : none).project({ _id: 1 }).limit(100).done(), as: 'claims' })
    .lookup({ from: 'growth_ledger', pipeline: $.pipeline().match(since ? { openid, at: _.gte(since), event: _.in(['order', 'photoReview', 'activity']) } : none).project({ event: 1, at: 1 }).limit(1000).done(), as: 'growthFacts' })
    .lookup({ from: 'referrals', pipeline: $.pipeline().match(invites.length > 0 ? { inviterOpenid: openid, ...(inviteSince && !invites.some((t) => t.period === 'once') ? { boundAt: _.gte(inviteSince) } : {}) } : none).project({ boundAt: 1 }).limit(1000).done(), as: 'inviteFacts' });
  if (needOrdersEver) query = query.lookup({ from: 'orders', pipeline: $.pipeline().match({ openid, status: _.neq('refunded') }).count('n').done(), as: 'orderCount' });
  const { list } = await query.end<Stored<MemberDoc> & { claims: Array<{ _id: string }>; growthFacts: Array<{ event: string; at: Date | string }>; inviteFacts: Array<{ boundAt: Date | string }>; orderCount?: Array<{ n: number }> }>();
  const row = list[0];
  if (!row) throw new AppError('NOT_FOUND', '尚未注册会员，请先登录');
  const { claims, growthFacts, inviteFacts, orderCount, ...doc } = row;
  const rest: Omit<TaskFacts, 'member'> = {
    growth: growthFacts.map((g) => ({ event: g.event, at: new Date(g.at) })),
    ordersEver: orderCount?.[0]?.n ?? 0,
    invites: inviteFacts.map((r) => new Date(r.boundAt)),
  };
  return { member: reviveMember(doc as Stored<MemberDoc>), rest, claimed: new Set(claims.map((c) => c._id)) };
}

export async function list({ db, openid, now }: MemberContext<ParsedInput<'task', 'list'>>): Promise<Output<'task', 'list'>> {
  const config = await loadConfig(db);
  const { member, rest, claimed } = await memberWithFacts(db, openid, config.tasks.list, now);
  const facts = memberFacts(member);
  const tasks = visibleTasks(facts, now, config);
  const all: TaskFacts = { member: facts, ...rest };
  const items = tasks.map((t) => view(t, taskProgress(t, all, now), claimed.has(claimId(openid, claimKey(t, now))), now));
  const order = { claimable: 0, inProgress: 1, claimed: 2 } as const;
  return {
    today: shanghaiDay(now),
    tasks: items.sort((a, b) => order[a.status] - order[b.status]),
    claimable: items.filter((i) => i.status === 'claimable').length,
  };
}

/** A client-reported event (share, browseMall): counted within the day's cap; sharing also earns shareApp growth. */
export async function report({ db, openid, now, input }: MemberContext<ParsedInput<'task', 'report'>>): Promise<Output<'task', 'report'>> {
  const config = await loadConfig(db);
  type ReportResult = { accepted: boolean; reason: 'dailyCap' | null; countToday: number; growthEarned: number };
  return writeMember<ReportResult>(db, openid, { now }, ({ member, lots }) => {
    const reports = member.taskReports ?? {};
    const planned = planReport(input.source, reports[input.source], now, config);
    if (!planned.accepted) return { write: null, result: { accepted: false, reason: 'dailyCap', countToday: planned.count, growthEarned: 0 } };
    const day = shanghaiDay(now);
    const growthCap = config.growth.events.shareApp.dailyCap;
    const growth = input.source === 'share' && planned.count <= growthCap ? keyedActivityGrowth('shareApp', `shareApp:${day}:${planned.count}`, now, config) : null;
    const flow = engagementFlow(member, lots, { growth: growth ? [growth] : [] }, now, config);
    return {
      write: { ...flow.write, fields: { ...flow.write.fields, [`taskReports.${input.source}`]: planned.next } },
      result: { accepted: true, reason: null, countToday: planned.count, growthEarned: flow.growthEarned },
    };
  });
}

function taskGrowth(task: TaskRule, key: string, now: Date, config: LoyaltyConfig): GrowthEntry[] {
  if (task.reward.growth <= 0) return [];
  return [{ dimension: 'interaction', event: 'task', raw: task.reward.growth, amount: weightedGrowth(task.reward.growth, 'interaction', config), at: now, reason: `任务奖励：${task.title}`, key, ref: task.id }];
}

/** Pays a completed task once per period. A replay answers the first claim's result with `replayed: true`. */
export async function claim({ db, openid, now, input }: MemberContext<ParsedInput<'task', 'claim'>>): Promise<Output<'task', 'claim'>> {
  const config = await loadConfig(db);
  const task = config.tasks.list.find((t) => t.id === input.taskId);
  if (!task) throw new AppError('NOT_FOUND', '任务不存在');
  const key = claimKey(task, now);
  const id = claimId(openid, key);
  // The claim's _id is the key: a replay, or a concurrent claim that lost the race, answers the first claim's result.
  const stored = async () => {
    const { data } = await db.collection('task_claims').where({ _id: id }).limit(1).get();
    return data[0] ?? null;
  };
  // Facts that need queries are read while the claim is looked up (they only grow within a period); the member's own
  // facts in the transaction.
  const queried = loadFacts(db, openid, [task], now);
  queried.catch(() => undefined); // a replay does not wait for them
  return once<Output<'task', 'claim'>, Stored<TaskClaimDoc>>({
    first: true,
    stored,
    answer: (c) => c.result,
    run: async () => {
      const rest = await queried;
      return writeMember(db, openid, { now }, ({ member, lots }) => {
        const facts = memberFacts(member);
        if (!inAudience(task, facts, now, config)) throw new AppError('FORBIDDEN', task.audience === 'newMember' ? '该任务仅限注册 30 天内的新会员' : '该任务仅限即将升级的会员');
        const progress = taskProgress(task, { member: facts, ...rest }, now);
        if (progress < task.target) throw new AppError('NOT_ELIGIBLE', '任务尚未完成');
        const flow = engagementFlow(member, lots, {
          earn: { amount: task.reward.points, key, reason: `任务奖励：${task.title}`, ref: `task:${task.id}`, issuer: 'member', at: now },
          growth: taskGrowth(task, key, now, config),
        }, now, config);
        const result = { taskId: task.id, periodKey: periodOf(task.period, now).key, pointsEarned: flow.pointsEarned, growthEarned: flow.growthEarned, balance: flow.balance, tier: flow.tier, replayed: false };
        return { write: { ...flow.write, inserts: [{ collection: 'task_claims', doc: { _id: id, openid, taskId: task.id, key, result, createdAt: now } }] }, result };
      });
    },
  });
}
