// The audit log page: the staff audit trail (runtime/audit.ts), newest first, by staff member, action and Shanghai
// days. Entries' ids start with their time in base 36 (fixed width until 2059), so the id orders them and is the cursor.
import type { Output, ParsedInput } from '../../../contract';
import { ROLE_NAMES } from '../../core/roles';
import { addDays, shanghaiDayStart } from '../../core/time';
import type { StaffContext } from '../../runtime/handler';

export async function auditLog({ db, input }: StaffContext<ParsedInput<'admin', 'auditLog'>>): Promise<Output<'admin', 'auditLog'>> {
  const _ = db.command;
  const pageSize = input.pageSize ?? 30;
  const where: Record<string, unknown> = {};
  if (input.staffOpenid) where.staff = input.staffOpenid;
  if (input.actionName) where.action = input.actionName;
  const range = [
    ...(input.from ? [_.gte(shanghaiDayStart(input.from))] : []),
    ...(input.to ? [_.lt(shanghaiDayStart(addDays(input.to, 1)))] : []),
  ];
  if (range.length) where.at = range.length === 2 ? _.and(range) : range[0];
  if (input.cursor) where._id = _.lt(input.cursor);
  const { data } = await db.collection('staff_audit').where(where).orderBy('_id', 'desc').limit(pageSize + 1).get();
  const page = data.slice(0, pageSize);
  return {
    items: page.map((e) => ({
      id: e._id, at: new Date(e.at).toISOString(), fn: e.fn, action: e.action, staffOpenid: e.staff, staffName: e.staffName, role: e.role, roleName: ROLE_NAMES[e.role],
      storeId: e.storeId, device: e.device, replayed: e.replayed === true, outcome: e.outcome ?? null, input: e.input ?? {}, changes: e.changes ?? [],
      via: e.via === 'web' ? 'web' as const : 'miniprogram' as const, session: e.session ?? null,
    })),
    nextCursor: data.length > pageSize ? page[page.length - 1]._id : null,
  };
}
