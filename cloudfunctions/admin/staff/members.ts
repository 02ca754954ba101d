// Staff members: the list, and moving one to another store or role or (de)activating them. Nobody changes their own
// role, store or access (an admin cannot lock themselves out or be raised by themselves); a clerk or manager needs a
// store, other roles have none. Saved as a versioned edit: a stale save names who changed the staff member first.
import type { Output, ParsedInput } from '../../../contract';
import type { StaffDoc } from '../../core/documents';
import { AppError } from '../../core/errors';
import { needsStore } from '../../core/invitations';
import { updateVersioned } from '../../services/versioned';
import type { StaffContext } from '../../runtime/handler';
import { staffView, storeNames } from './views';

const LABELS = { role: '岗位', storeId: '门店', active: '启用状态' };

export async function listStaff({ db, input }: StaffContext<ParsedInput<'admin', 'listStaff'>>): Promise<Output<'admin', 'listStaff'>> {
  const [{ data }, stores] = await Promise.all([
    db.collection('staff').where(input.includeInactive ? {} : { active: true }).limit(1000).get(),
    storeNames(db),
  ]);
  const items = data.map((s) => staffView(s, stores)).sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'zh'));
  return { items, stores: [...stores].map(([id, name]) => ({ id, name })) };
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
  return { ...staffView(saved.doc, stores), replayed: saved.replayed };
}
