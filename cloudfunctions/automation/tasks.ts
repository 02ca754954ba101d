// Staff follow-up tasks (人工关怀回访) made by automation rules: the store's list for its clerks and manager, the
// outcome of a call (已联系 / 未接通 / 无意向, once), and the console's monthly report per store.
import type { Output, ParsedInput } from '../../contract';
import type { FollowupTaskDoc } from '../core/automation';
import { isOverdue, OUTCOME_NAMES } from '../core/automation';
import type { Stored } from '../core/documents';
import { AppError } from '../core/errors';
import { shanghaiDay } from '../core/time';
import { retryOnConflict } from '../runtime/dbErrors';
import type { Database } from '../runtime/dbTypes';
import type { StaffMember } from '../runtime/handler';

type TaskView = Output<'automation', 'tasks'>['tasks'][number];
const LIST = 100;

function taskView(t: Stored<FollowupTaskDoc>, phones: Map<string, string | null>, stores: Map<string, string>, now: Date): TaskView {
  return {
    id: t._id, memberNo: t.memberNo, nickname: t.nickname, phone: phones.get(t.openid) ?? null, storeId: t.storeId, storeName: t.storeId ? stores.get(t.storeId) ?? t.storeId : null,
    reason: t.reason, ruleName: t.ruleName, dueDay: t.dueDay, overdue: t.status === 'open' && isOverdue(t.dueDay, now), status: t.status,
    outcome: t.outcome, outcomeName: t.outcome ? OUTCOME_NAMES[t.outcome] : null, note: t.note, doneByName: t.doneByName,
    doneAt: t.doneAt ? new Date(t.doneAt).toISOString() : null, createdAt: new Date(t.createdAt).toISOString(),
  };
}

async function storeNames(db: Database): Promise<Map<string, string>> {
  const { data } = await db.collection('stores').limit(1000).field({ _id: true, name: true }).get();
  return new Map(data.map((s) => [String(s._id), String(s.name)]));
}

async function phonesOf(db: Database, openids: string[]): Promise<Map<string, string | null>> {
  if (openids.length === 0) return new Map();
  const { data } = await db.collection('members').where({ _id: db.command.in([...new Set(openids)]) }).field({ _id: true, phone: true }).limit(openids.length).get();
  return new Map(data.map((m) => [String(m._id), (m.phone as string | undefined) ?? null]));
}

/** The store whose tasks the caller works: their own; an admin may name any (none: every store's). */
function storeScope(staff: StaffMember, asked: string | undefined): string | null {
  if (staff.role === 'admin') return asked ?? null;
  if (!staff.storeId) throw new AppError('FORBIDDEN', '您未绑定门店');
  if (asked && asked !== staff.storeId) throw new AppError('FORBIDDEN', '只能查看本门店的回访任务');
  return staff.storeId;
}

export async function listTasks(db: Database, staff: StaffMember, input: ParsedInput<'automation', 'tasks'>, now: Date): Promise<Output<'automation', 'tasks'>> {
  const storeId = storeScope(staff, input.storeId);
  const status = input.status ?? 'open';
  const where: Record<string, unknown> = { status };
  if (storeId) where.storeId = storeId;
  const { data } = await db.collection('followup_tasks').where(where as never)
    .orderBy(status === 'open' ? 'dueDay' : 'doneAt', status === 'open' ? 'asc' : 'desc').orderBy('_id', 'asc').limit(LIST).get();
  const [phones, stores] = await Promise.all([phonesOf(db, data.map((t) => t.openid)), storeNames(db)]);
  return { storeId, tasks: (data as Stored<FollowupTaskDoc>[]).map((t) => taskView(t, phones, stores, now)) };
}

export async function recordOutcome(db: Database, staff: StaffMember, input: ParsedInput<'automation', 'recordTaskOutcome'>, now: Date): Promise<Output<'automation', 'recordTaskOutcome'>> {
  const read = async () => (await db.collection('followup_tasks').where({ _id: input.taskId }).get()).data[0] as Stored<FollowupTaskDoc> | undefined;
  const task = await read();
  if (!task) throw new AppError('NOT_FOUND', '回访任务不存在');
  if (staff.role !== 'admin' && task.storeId !== null && task.storeId !== staff.storeId) throw new AppError('FORBIDDEN', '只能处理本门店的回访任务');
  const answer = async (t: Stored<FollowupTaskDoc>, replayed: boolean) => {
    const [phones, stores] = await Promise.all([phonesOf(db, [t.openid]), storeNames(db)]);
    return { task: taskView(t, phones, stores, now), replayed };
  };
  if (task.status === 'done') {
    if (task.requestId === input.requestId) return answer(task, true);
    throw new AppError('ALREADY_DONE', `该任务已记录为「${task.outcome ? OUTCOME_NAMES[task.outcome] : '已完成'}」`);
  }
  const { stats } = await retryOnConflict(() => db.collection('followup_tasks').where({ _id: input.taskId, status: 'open' }).update({
    data: { status: 'done', outcome: input.outcome, note: input.note ?? null, doneBy: staff.openid, doneByName: staff.name, doneAt: now, requestId: input.requestId, updatedAt: now },
  }));
  const after = (await read())!;
  if (stats.updated !== 1 && after.requestId !== input.requestId) throw new AppError('ALREADY_DONE', `该任务已记录为「${after.outcome ? OUTCOME_NAMES[after.outcome] : '已完成'}」`);
  return answer(after, stats.updated !== 1);
}

export async function taskReport(db: Database, input: ParsedInput<'automation', 'taskReport'>, now: Date): Promise<Output<'automation', 'taskReport'>> {
  const $ = db.command.aggregate;
  const today = shanghaiDay(now);
  const is = (field: string, value: string) => $.cond({ if: $.eq([field, value]), then: 1, else: 0 });
  const [{ list }, stores] = await Promise.all([
    db.collection('followup_tasks').aggregate().match({ month: input.month }).group({
      _id: '$storeId', created: $.sum(1), open: $.sum(is('$status', 'open')),
      overdue: $.sum($.cond({ if: $.and([$.eq(['$status', 'open']), $.lt(['$dueDay', today])]), then: 1, else: 0 })),
      reached: $.sum(is('$outcome', 'reached')), noAnswer: $.sum(is('$outcome', 'noAnswer')), notInterested: $.sum(is('$outcome', 'notInterested')),
    }).limit(1000).end<{ _id: string | null; created: number; open: number; overdue: number; reached: number; noAnswer: number; notInterested: number }>(),
    storeNames(db),
  ]);
  return {
    month: input.month,
    stores: list.map((r) => ({
      storeId: r._id ?? null, storeName: r._id ? stores.get(r._id) ?? r._id : '未分配门店',
      created: r.created, open: r.open, overdue: r.overdue, reached: r.reached, noAnswer: r.noAnswer, notInterested: r.notInterested,
    })).sort((a, b) => b.created - a.created || a.storeName.localeCompare(b.storeName)),
  };
}
