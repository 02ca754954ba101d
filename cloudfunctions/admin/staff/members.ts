// Staff members: the list, and moving one to another store or role or (de)activating them. Nobody changes their own
// role, store or access (an admin cannot lock themselves out or be raised by themselves); a clerk or manager needs a
// store, other roles have none. Saved as a versioned edit: a stale save names who changed the staff member first.
import type { Output, ParsedInput } from '../../../contract';
import type { StaffDoc } from '../../core/documents';
import { AppError } from '../../core/errors';
import { needsStore } from '../../core/invitations';
import { updateVersioned } from '../../services/versioned';
import { namePrefix } from '../members/query';
import type { StaffContext } from '../../runtime/handler';
import { revokeStaffSessions } from '../../runtime/webSession';
import { staffView, storeNames } from './views';

const LABELS = { role: '岗位', storeId: '门店', active: '启用状态' };

const PAGE = 50;
const cursorOf = (name: string, openid: string) => Buffer.from(JSON.stringify([name, openid])).toString('base64url');

function positionOf(cursor: string): [string, string] {
  try {
    const at = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(at) && at.length === 2 && at.every((x) => typeof x === 'string')) return at as [string, string];
  } catch { /* refused below */ }
  throw new AppError('INVALID_INPUT', '翻页位置无效，请从第一页重新加载');
}

/** By name then openid (one order the database can page through at any size; `staff` index name_id). */
export async function listStaff({ db, input }: StaffContext<ParsedInput<'admin', 'listStaff'>>): Promise<Output<'admin', 'listStaff'>> {
  const _ = db.command;
  const size = input.pageSize ?? PAGE;
  const conditions: object[] = [];
  if (!input.includeInactive) conditions.push({ active: true });
  if (input.storeId) conditions.push({ storeId: input.storeId });
  if (input.role) conditions.push({ role: input.role });
  if (input.keyword) conditions.push({ name: namePrefix(input.keyword.trim()) });
  if (input.cursor) {
    const [name, openid] = positionOf(input.cursor);
    conditions.push(_.or([{ name: _.gt(name) }, { name, _id: _.gt(openid) }]));
  }
  const where = conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : _.and(conditions);
  const [{ data }, stores] = await Promise.all([
    db.collection('staff').where(where as never).orderBy('name', 'asc').orderBy('_id', 'asc').limit(size + 1).get(),
    storeNames(db),
  ]);
  const page = data.slice(0, size);
  const last = page[page.length - 1];
  return {
    items: page.map((s) => staffView(s, stores)),
    nextCursor: data.length > size && last ? cursorOf(last.name, last._id) : null,
    stores: [...stores].map(([id, name]) => ({ id, name })),
  };
}

export async function updateStaff({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'admin', 'updateStaff'>>): Promise<Output<'admin', 'updateStaff'>> {
  if (input.staffOpenid === staff.openid) throw new AppError('NOT_ELIGIBLE', '不能修改自己的岗位、门店或启用状态，请由其他管理员操作');
  const stores = await storeNames(db);
  const { data } = await db.collection('staff').where({ _id: input.staffOpenid }).get();
  const current = data[0];
  if (!current) throw new AppError('NOT_FOUND', '员工不存在');
  const role = input.role ?? current.role;
  const storeId = input.storeId === undefined ? current.storeId : input.storeId;
  if (needsStore(role) && !storeId) throw new AppError('NOT_ELIGIBLE', '店员和店长必须指定门店');
  if (storeId && !stores.has(storeId)) throw new AppError('NOT_FOUND', '门店不存在');
  const patch: Partial<StaffDoc> = { role, storeId: needsStore(role) ? storeId : null, ...(input.active === undefined ? {} : { active: input.active }) };
  const saved = await updateVersioned(db, 'staff', input.staffOpenid, {
    expectedVersion: input.expectedVersion, requestId: input.requestId, by: staff, patch, labels: LABELS, notFound: '员工不存在',
  }, now);
  if (!saved.replayed) recordChange({ collection: 'staff', id: input.staffOpenid, before: saved.before, after: saved.doc });
  // Web console sessions end when their staff member is deactivated or moved to another role or store.
  const ended = !saved.doc.active || saved.doc.role !== current.role || (saved.doc.storeId ?? null) !== (current.storeId ?? null);
  if (!saved.replayed && ended) await revokeStaffSessions(db, input.staffOpenid, saved.doc.active ? 'changed' : 'deactivated', now);
  return { ...staffView(saved.doc, stores), replayed: saved.replayed };
}
