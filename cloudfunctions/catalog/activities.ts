// In-store activities (classes, tastings, VIP evenings): the codes staff type at the door (staff.activityCheckin),
// their stores, time window, growth per attendance and daily cap (absent: the growth.events.activity rule).
import type { Output, ParsedInput } from '../../contract';
import type { ActivityDoc } from '../core/documents';
import { AppError } from '../core/errors';
import type { StaffContext } from '../runtime/handler';
import { createVersioned, updateVersioned } from '../services/versioned';
import { allStores } from './context';
import { activityView } from './views';

const LABELS: Record<string, string> = { name: '活动名称', storeIds: '举办门店', startAt: '开始时间', endAt: '结束时间', growth: '成长值', dailyCap: '每日上限', active: '启用状态' };

export async function listActivities({ db, now }: StaffContext<ParsedInput<'catalog', 'listActivities'>>): Promise<Output<'catalog', 'listActivities'>> {
  const { data } = await db.collection('activities').limit(1000).get();
  const items = data.map((a) => activityView(a, now)).sort((a, b) => b.startAt.localeCompare(a.startAt) || a.activityId.localeCompare(b.activityId));
  return { items };
}

export async function saveActivity({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'catalog', 'saveActivity'>>): Promise<Output<'catalog', 'saveActivity'>> {
  const a = input.activity;
  const startAt = new Date(a.startAt);
  const endAt = new Date(a.endAt);
  if (endAt.getTime() <= startAt.getTime()) throw new AppError('INVALID_INPUT', '结束时间必须晚于开始时间');
  const known = new Set((await allStores(db)).map((s) => s._id));
  const unknown = a.storeIds.find((id) => !known.has(id));
  if (unknown) throw new AppError('INVALID_INPUT', `门店 ${unknown} 不存在`);
  const fields = { name: a.name, storeIds: [...new Set(a.storeIds)], startAt, endAt, growth: a.growth ?? null, dailyCap: a.dailyCap ?? null, active: a.active };
  const by = { openid: staff.openid, name: staff.name };
  const saved = input.expectedVersion === undefined
    ? await createVersioned(db, 'activities', { _id: input.activityId, ...fields } as ActivityDoc, { requestId: input.requestId, by, exists: '活动编号已存在' }, now)
    : await updateVersioned(db, 'activities', input.activityId, { expectedVersion: input.expectedVersion, requestId: input.requestId, by, patch: fields, labels: LABELS, notFound: '活动不存在' }, now);
  if (!saved.replayed) recordChange({ collection: 'activities', id: input.activityId, before: saved.before, after: saved.doc });
  return { activity: activityView(saved.doc, now), replayed: saved.replayed };
}
